package cathnav.igtl.codec;

import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.TransformBody;
import io.netty.buffer.ByteBuf;

/** TRANSFORM: exactly 48 bytes, twelve float32 in column order. */
final class TransformCodec implements BodyCodec<TransformBody> {

    static final TransformCodec INSTANCE = new TransformCodec();
    static final int LENGTH = 48;

    @Override
    public Class<TransformBody> bodyClass() {
        return TransformBody.class;
    }

    @Override
    public TransformBody decode(String typeName, ByteBuf content) throws MalformedContentException {
        if (content.readableBytes() != LENGTH) {
            throw new MalformedContentException("TRANSFORM content must be 48 bytes, contentSize="
                    + content.readableBytes());
        }
        return new TransformBody(readMatrix(content));
    }

    @Override
    public int encodedLength(TransformBody body) {
        return LENGTH;
    }

    @Override
    public void encode(TransformBody body, ByteBuf out) {
        writeMatrix(out, body.matrix());
    }

    /** Reads twelve float32 in wire (column) order. */
    static AffineMatrix readMatrix(ByteBuf in) {
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) {
            v[i] = in.readFloat();
        }
        return AffineMatrix.fromWireOrder(v);
    }

    /** Writes twelve float32 in wire (column) order. */
    static void writeMatrix(ByteBuf out, AffineMatrix m) {
        for (float f : m.toWireOrder()) {
            out.writeFloat(f);
        }
    }
}
