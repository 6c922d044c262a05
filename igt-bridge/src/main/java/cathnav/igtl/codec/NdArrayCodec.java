package cathnav.igtl.codec;

import cathnav.igtl.message.NdArrayBody;
import cathnav.igtl.message.ScalarType;
import io.netty.buffer.ByteBuf;

/** NDARRAY: u8 type, u8 dim, u16[dim] size, then exactly product(size) x scalar bytes. */
final class NdArrayCodec implements BodyCodec<NdArrayBody> {

    static final NdArrayCodec INSTANCE = new NdArrayCodec();

    @Override
    public Class<NdArrayBody> bodyClass() {
        return NdArrayBody.class;
    }

    @Override
    public NdArrayBody decode(String typeName, ByteBuf in) throws MalformedContentException {
        if (in.readableBytes() < 2) {
            throw new MalformedContentException("NDARRAY content shorter than 2 bytes, contentSize="
                    + in.readableBytes());
        }
        int typeCode = in.readUnsignedByte();
        int dim = in.readUnsignedByte();
        ScalarType type = ScalarType.fromCode(typeCode);
        if (type == null) {
            throw new MalformedContentException("NDARRAY scalar type not in {2..7, 10, 11, 13}, scalarType=" + typeCode);
        }
        if (dim == 0) {
            throw new MalformedContentException("NDARRAY has zero dimensions");
        }
        if (in.readableBytes() < dim * 2) {
            throw new MalformedContentException("NDARRAY size array exceeds the content, dim=" + dim + ", available="
                    + in.readableBytes());
        }
        int[] size = new int[dim];
        long elements = 1;
        for (int d = 0; d < dim; d++) {
            size[d] = in.readUnsignedShort();
            elements *= size[d];
        }
        long expected = elements * type.bytes();
        if (in.readableBytes() != expected) {
            throw new MalformedContentException("NDARRAY data size mismatch, dataBytes=" + in.readableBytes()
                    + ", expected=" + expected + ", elements=" + elements + ", scalarType=" + type);
        }
        byte[] data = new byte[(int) expected];
        in.readBytes(data);
        return new NdArrayBody(type, size, data);
    }

    @Override
    public int encodedLength(NdArrayBody body) {
        return 2 + body.size().length * 2 + body.dataView().remaining();
    }

    @Override
    public void encode(NdArrayBody body, ByteBuf out) {
        int[] size = body.size();
        out.writeByte(body.scalarType().code()).writeByte(size.length);
        for (int s : size) {
            out.writeShort(s);
        }
        out.writeBytes(body.dataView());
    }
}
