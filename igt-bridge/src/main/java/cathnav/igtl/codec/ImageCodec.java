package cathnav.igtl.codec;

import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import io.netty.buffer.ByteBuf;

import java.nio.ByteOrder;

/**
 * IMAGE: the 72-byte image header, then the pixels. Decoding keeps a retained slice of the received buffer;
 * encoding sends the record's pixel buffer after the header without copying it.
 */
final class ImageCodec implements BodyCodec<ImageBody> {

    static final ImageCodec INSTANCE = new ImageCodec();
    static final int HEADER_LENGTH = 72;
    static final int IMAGE_HEADER_VERSION = 1;
    static final int ENDIAN_BIG = 1;
    static final int ENDIAN_LITTLE = 2;

    @Override
    public Class<ImageBody> bodyClass() {
        return ImageBody.class;
    }

    @Override
    public ImageBody decode(String typeName, ByteBuf content) throws MalformedContentException {
        if (content.readableBytes() < HEADER_LENGTH) {
            throw new MalformedContentException("IMAGE content shorter than its 72-byte header, contentSize="
                    + content.readableBytes());
        }
        content.skipBytes(2); // image header version: 1 from every known sender, not interpreted
        int components = content.readUnsignedByte();
        int scalarCode = content.readUnsignedByte();
        int endian = content.readUnsignedByte();
        int coord = content.readUnsignedByte();
        Dim3 size = readDim3(content);
        AffineMatrix matrix = TransformCodec.readMatrix(content);
        Dim3 offset = readDim3(content);
        Dim3 subSize = readDim3(content);

        ScalarType scalarType = ScalarType.fromCode(scalarCode);
        if (scalarType == null || scalarType == ScalarType.COMPLEX) {
            throw new MalformedContentException("IMAGE scalar type not in {2..7, 10, 11}, scalarType=" + scalarCode);
        }
        if (components == 0) {
            throw new MalformedContentException("IMAGE has zero components per voxel");
        }
        if (endian != ENDIAN_BIG && endian != ENDIAN_LITTLE) {
            throw new MalformedContentException("IMAGE endian must be 1 (big) or 2 (little), endian=" + endian);
        }
        ImageBody.CoordinateSystem coordinates = ImageBody.CoordinateSystem.fromCode(coord);
        if (coordinates == null) {
            throw new MalformedContentException("IMAGE coordinate system must be 1 (RAS) or 2 (LPS), coord=" + coord);
        }
        if (offset.i() + subSize.i() > size.i() || offset.j() + subSize.j() > size.j()
                || offset.k() + subSize.k() > size.k()) {
            throw new MalformedContentException("IMAGE sub-volume outside the volume, size=" + size + ", offset="
                    + offset + ", subvolumeSize=" + subSize);
        }
        long expected = ImageBody.expectedPixelBytes(scalarType, components, subSize);
        if (content.readableBytes() != expected) {
            throw new MalformedContentException("IMAGE pixel data size mismatch, pixelBytes=" + content.readableBytes()
                    + ", expected=" + expected + ", subvolumeSize=" + subSize + ", components=" + components
                    + ", scalarType=" + scalarType);
        }
        ByteBuf pixels = content.retainedSlice(content.readerIndex(), (int) expected);
        try {
            return new ImageBody(scalarType, components,
                    endian == ENDIAN_BIG ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, coordinates, size, matrix,
                    offset, subSize, pixels);
        } catch (RuntimeException e) {
            pixels.release();
            throw e;
        }
    }

    @Override
    public int encodedLength(ImageBody body) {
        return HEADER_LENGTH;
    }

    @Override
    public void encode(ImageBody body, ByteBuf out) {
        out.writeShort(IMAGE_HEADER_VERSION);
        out.writeByte(body.components());
        out.writeByte(body.scalarType().code());
        out.writeByte(body.byteOrder() == ByteOrder.BIG_ENDIAN ? ENDIAN_BIG : ENDIAN_LITTLE);
        out.writeByte(body.coordinates().code());
        writeDim3(out, body.size());
        TransformCodec.writeMatrix(out, body.matrix());
        writeDim3(out, body.subvolumeOffset());
        writeDim3(out, body.subvolumeSize());
    }

    @Override
    public ByteBuf trailingPayload(ImageBody body) {
        return body.pixels();
    }

    static Dim3 readDim3(ByteBuf in) {
        return new Dim3(in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort());
    }

    static void writeDim3(ByteBuf out, Dim3 d) {
        out.writeShort(d.i());
        out.writeShort(d.j());
        out.writeShort(d.k());
    }
}
