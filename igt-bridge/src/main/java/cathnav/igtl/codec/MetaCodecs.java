package cathnav.igtl.codec;

import cathnav.igtl.message.CapabilityBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageMetaBody;
import cathnav.igtl.message.LabelMetaBody;
import io.netty.buffer.ByteBuf;

import java.util.List;

/** CAPABILITY (12-byte names), IMGMETA (260-byte elements) and LBMETA (116-byte elements). */
final class MetaCodecs {

    private MetaCodecs() {
    }

    static final class Capability extends ElementListCodec<String, CapabilityBody> {
        static final Capability INSTANCE = new Capability();

        Capability() {
            super(CapabilityBody.TYPE, IgtlMessage.MAX_TYPE_NAME_LENGTH);
        }

        @Override
        public Class<CapabilityBody> bodyClass() {
            return CapabilityBody.class;
        }

        @Override
        String readElement(ByteBuf in) {
            return WireText.readFixed(in, IgtlMessage.MAX_TYPE_NAME_LENGTH);
        }

        @Override
        void writeElement(String name, ByteBuf out) {
            WireText.writeFixed(out, name, IgtlMessage.MAX_TYPE_NAME_LENGTH);
        }

        @Override
        CapabilityBody body(List<String> elements) {
            return new CapabilityBody(elements);
        }

        @Override
        List<String> elements(CapabilityBody body) {
            return body.typeNames();
        }
    }

    static final class ImageMeta extends ElementListCodec<ImageMetaBody.Element, ImageMetaBody> {
        static final ImageMeta INSTANCE = new ImageMeta();

        ImageMeta() {
            super(ImageMetaBody.TYPE, 260);
        }

        @Override
        public Class<ImageMetaBody> bodyClass() {
            return ImageMetaBody.class;
        }

        @Override
        ImageMetaBody.Element readElement(ByteBuf in) {
            String name = WireText.readFixed(in, ImageMetaBody.Element.NAME_LENGTH);
            String device = WireText.readFixed(in, ImageMetaBody.Element.DEVICE_NAME_LENGTH);
            String modality = WireText.readFixed(in, ImageMetaBody.Element.MODALITY_LENGTH);
            String patientName = WireText.readFixed(in, ImageMetaBody.Element.PATIENT_NAME_LENGTH);
            String patientId = WireText.readFixed(in, ImageMetaBody.Element.PATIENT_ID_LENGTH);
            IgtlTimestamp time = IgtlTimestamp.fromWire(in.readLong());
            var size = ImageCodec.readDim3(in);
            int scalarType = in.readUnsignedByte();
            in.skipBytes(1);
            return new ImageMetaBody.Element(name, device, modality, patientName, patientId, time, size, scalarType);
        }

        @Override
        void writeElement(ImageMetaBody.Element e, ByteBuf out) {
            WireText.writeFixed(out, e.name(), ImageMetaBody.Element.NAME_LENGTH);
            WireText.writeFixed(out, e.deviceName(), ImageMetaBody.Element.DEVICE_NAME_LENGTH);
            WireText.writeFixed(out, e.modality(), ImageMetaBody.Element.MODALITY_LENGTH);
            WireText.writeFixed(out, e.patientName(), ImageMetaBody.Element.PATIENT_NAME_LENGTH);
            WireText.writeFixed(out, e.patientId(), ImageMetaBody.Element.PATIENT_ID_LENGTH);
            out.writeLong(e.scanTime().toWire());
            ImageCodec.writeDim3(out, e.size());
            out.writeByte(e.scalarType()).writeByte(0);
        }

        @Override
        ImageMetaBody body(List<ImageMetaBody.Element> elements) {
            return new ImageMetaBody(elements);
        }

        @Override
        List<ImageMetaBody.Element> elements(ImageMetaBody body) {
            return body.elements();
        }
    }

    static final class LabelMeta extends ElementListCodec<LabelMetaBody.Element, LabelMetaBody> {
        static final LabelMeta INSTANCE = new LabelMeta();

        LabelMeta() {
            super(LabelMetaBody.TYPE, 116);
        }

        @Override
        public Class<LabelMetaBody> bodyClass() {
            return LabelMetaBody.class;
        }

        @Override
        LabelMetaBody.Element readElement(ByteBuf in) {
            String name = WireText.readFixed(in, LabelMetaBody.Element.NAME_LENGTH);
            String device = WireText.readFixed(in, LabelMetaBody.Element.DEVICE_NAME_LENGTH);
            int label = in.readUnsignedByte();
            in.skipBytes(1);
            return new LabelMetaBody.Element(name, device, label, readRgba(in), ImageCodec.readDim3(in),
                    WireText.readFixed(in, LabelMetaBody.Element.OWNER_LENGTH));
        }

        @Override
        void writeElement(LabelMetaBody.Element e, ByteBuf out) {
            WireText.writeFixed(out, e.name(), LabelMetaBody.Element.NAME_LENGTH);
            WireText.writeFixed(out, e.deviceName(), LabelMetaBody.Element.DEVICE_NAME_LENGTH);
            out.writeByte(e.label()).writeByte(0);
            writeRgba(out, e.color());
            ImageCodec.writeDim3(out, e.size());
            WireText.writeFixed(out, e.owner(), LabelMetaBody.Element.OWNER_LENGTH);
        }

        @Override
        LabelMetaBody body(List<LabelMetaBody.Element> elements) {
            return new LabelMetaBody(elements);
        }

        @Override
        List<LabelMetaBody.Element> elements(LabelMetaBody body) {
            return body.elements();
        }
    }
}
