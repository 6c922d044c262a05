package cathnav.igtl.codec;

import cathnav.igtl.message.PointBody;
import cathnav.igtl.message.TrajectoryBody;
import io.netty.buffer.ByteBuf;

import java.util.List;

/** POINT (136-byte elements) and TRAJ (150-byte elements). */
final class AnnotationCodecs {

    private AnnotationCodecs() {
    }

    static final class Point extends ElementListCodec<PointBody.Element, PointBody> {
        static final Point INSTANCE = new Point();

        Point() {
            super(PointBody.TYPE, 136);
        }

        @Override
        public Class<PointBody> bodyClass() {
            return PointBody.class;
        }

        @Override
        PointBody.Element readElement(ByteBuf in) {
            String name = WireText.readFixed(in, PointBody.Element.NAME_LENGTH);
            String group = WireText.readFixed(in, PointBody.Element.GROUP_LENGTH);
            return new PointBody.Element(name, group, readRgba(in), readPoint(in), in.readFloat(),
                    WireText.readFixed(in, PointBody.Element.OWNER_LENGTH));
        }

        @Override
        void writeElement(PointBody.Element e, ByteBuf out) {
            WireText.writeFixed(out, e.name(), PointBody.Element.NAME_LENGTH);
            WireText.writeFixed(out, e.group(), PointBody.Element.GROUP_LENGTH);
            writeRgba(out, e.color());
            writePoint(out, e.position());
            out.writeFloat(e.radius());
            WireText.writeFixed(out, e.owner(), PointBody.Element.OWNER_LENGTH);
        }

        @Override
        PointBody body(List<PointBody.Element> elements) {
            return new PointBody(elements);
        }

        @Override
        List<PointBody.Element> elements(PointBody body) {
            return body.elements();
        }
    }

    static final class Trajectory extends ElementListCodec<TrajectoryBody.Element, TrajectoryBody> {
        static final Trajectory INSTANCE = new Trajectory();

        Trajectory() {
            super(TrajectoryBody.TYPE, 150);
        }

        @Override
        public Class<TrajectoryBody> bodyClass() {
            return TrajectoryBody.class;
        }

        @Override
        TrajectoryBody.Element readElement(ByteBuf in) {
            String name = WireText.readFixed(in, TrajectoryBody.Element.NAME_LENGTH);
            String group = WireText.readFixed(in, TrajectoryBody.Element.GROUP_LENGTH);
            int type = in.readByte();
            in.skipBytes(1);
            return new TrajectoryBody.Element(name, group, type, readRgba(in), readPoint(in), readPoint(in),
                    in.readFloat(), WireText.readFixed(in, TrajectoryBody.Element.OWNER_LENGTH));
        }

        @Override
        void writeElement(TrajectoryBody.Element e, ByteBuf out) {
            WireText.writeFixed(out, e.name(), TrajectoryBody.Element.NAME_LENGTH);
            WireText.writeFixed(out, e.group(), TrajectoryBody.Element.GROUP_LENGTH);
            out.writeByte(e.type()).writeByte(0);
            writeRgba(out, e.color());
            writePoint(out, e.entry());
            writePoint(out, e.target());
            out.writeFloat(e.radius());
            WireText.writeFixed(out, e.owner(), TrajectoryBody.Element.OWNER_LENGTH);
        }

        @Override
        TrajectoryBody body(List<TrajectoryBody.Element> elements) {
            return new TrajectoryBody(elements);
        }

        @Override
        List<TrajectoryBody.Element> elements(TrajectoryBody body) {
            return body.elements();
        }
    }
}
