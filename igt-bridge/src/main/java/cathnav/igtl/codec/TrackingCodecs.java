package cathnav.igtl.codec;

import cathnav.igtl.message.QuaternionTrackingDataBody;
import cathnav.igtl.message.TrackingDataBody;
import io.netty.buffer.ByteBuf;

import java.util.List;

/** TDATA (70-byte elements) and QTDATA (50-byte elements). */
final class TrackingCodecs {

    private TrackingCodecs() {
    }

    static final class Tdata extends ElementListCodec<TrackingDataBody.Element, TrackingDataBody> {
        static final Tdata INSTANCE = new Tdata();

        Tdata() {
            super(TrackingDataBody.TYPE, 70);
        }

        @Override
        public Class<TrackingDataBody> bodyClass() {
            return TrackingDataBody.class;
        }

        @Override
        TrackingDataBody.Element readElement(ByteBuf in) {
            String name = WireText.readFixed(in, TrackingDataBody.Element.NAME_LENGTH);
            int type = in.readUnsignedByte();
            in.skipBytes(1);
            return new TrackingDataBody.Element(name, type, TransformCodec.readMatrix(in));
        }

        @Override
        void writeElement(TrackingDataBody.Element e, ByteBuf out) {
            WireText.writeFixed(out, e.name(), TrackingDataBody.Element.NAME_LENGTH);
            out.writeByte(e.type()).writeByte(0);
            TransformCodec.writeMatrix(out, e.matrix());
        }

        @Override
        TrackingDataBody body(List<TrackingDataBody.Element> elements) {
            return new TrackingDataBody(elements);
        }

        @Override
        List<TrackingDataBody.Element> elements(TrackingDataBody body) {
            return body.elements();
        }
    }

    static final class Qtdata extends ElementListCodec<QuaternionTrackingDataBody.Element, QuaternionTrackingDataBody> {
        static final Qtdata INSTANCE = new Qtdata();

        Qtdata() {
            super(QuaternionTrackingDataBody.TYPE, 50);
        }

        @Override
        public Class<QuaternionTrackingDataBody> bodyClass() {
            return QuaternionTrackingDataBody.class;
        }

        @Override
        QuaternionTrackingDataBody.Element readElement(ByteBuf in) {
            String name = WireText.readFixed(in, QuaternionTrackingDataBody.Element.NAME_LENGTH);
            int type = in.readUnsignedByte();
            in.skipBytes(1);
            return new QuaternionTrackingDataBody.Element(name, type, readPoint(in), readQuaternion(in));
        }

        @Override
        void writeElement(QuaternionTrackingDataBody.Element e, ByteBuf out) {
            WireText.writeFixed(out, e.name(), QuaternionTrackingDataBody.Element.NAME_LENGTH);
            out.writeByte(e.type()).writeByte(0);
            writePoint(out, e.position());
            writeQuaternion(out, e.orientation());
        }

        @Override
        QuaternionTrackingDataBody body(List<QuaternionTrackingDataBody.Element> elements) {
            return new QuaternionTrackingDataBody(elements);
        }

        @Override
        List<QuaternionTrackingDataBody.Element> elements(QuaternionTrackingDataBody body) {
            return body.elements();
        }
    }
}
