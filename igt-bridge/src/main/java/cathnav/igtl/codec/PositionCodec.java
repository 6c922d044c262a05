package cathnav.igtl.codec;

import cathnav.igtl.message.PositionBody;
import cathnav.igtl.message.Quaternion4f;
import io.netty.buffer.ByteBuf;

/** POSITION: 12, 24 or 28 bytes (see {@link PositionBody.Form}); any other size is malformed. */
final class PositionCodec implements BodyCodec<PositionBody> {

    static final PositionCodec INSTANCE = new PositionCodec();

    @Override
    public Class<PositionBody> bodyClass() {
        return PositionBody.class;
    }

    @Override
    public PositionBody decode(String typeName, ByteBuf in) throws MalformedContentException {
        PositionBody.Form form = switch (in.readableBytes()) {
            case 12 -> PositionBody.Form.POSITION_ONLY;
            case 24 -> PositionBody.Form.QUATERNION3;
            case 28 -> PositionBody.Form.FULL;
            default -> throw new MalformedContentException("POSITION content must be 12, 24 or 28 bytes, contentSize="
                    + in.readableBytes());
        };
        var position = ElementListCodec.readPoint(in);
        Quaternion4f q = switch (form) {
            case POSITION_ONLY -> Quaternion4f.IDENTITY;
            case QUATERNION3 -> new Quaternion4f(in.readFloat(), in.readFloat(), in.readFloat(), 0);
            case FULL -> ElementListCodec.readQuaternion(in);
        };
        return new PositionBody(form, position, q);
    }

    @Override
    public int encodedLength(PositionBody body) {
        return body.form().wireSize();
    }

    @Override
    public void encode(PositionBody body, ByteBuf out) {
        ElementListCodec.writePoint(out, body.position());
        Quaternion4f q = body.orientation();
        switch (body.form()) {
            case POSITION_ONLY -> { }
            case QUATERNION3 -> out.writeFloat(q.x()).writeFloat(q.y()).writeFloat(q.z());
            case FULL -> ElementListCodec.writeQuaternion(out, q);
        }
    }
}
