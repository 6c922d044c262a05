package cathnav.igtl.codec;

import cathnav.igtl.message.ColorTableBody;
import io.netty.buffer.ByteBuf;

/** COLORT / COLORTABLE: index type, map type, then exactly entries x value size bytes. */
final class ColorTableCodec implements BodyCodec<ColorTableBody> {

    static final ColorTableCodec INSTANCE = new ColorTableCodec();

    @Override
    public Class<ColorTableBody> bodyClass() {
        return ColorTableBody.class;
    }

    @Override
    public ColorTableBody decode(String typeName, ByteBuf in) throws MalformedContentException {
        if (in.readableBytes() < 2) {
            throw new MalformedContentException("COLORT content shorter than 2 bytes, contentSize=" + in.readableBytes());
        }
        int indexType = in.readByte();
        int mapType = in.readByte();
        if (indexType != ColorTableBody.INDEX_UINT8 && indexType != ColorTableBody.INDEX_UINT16) {
            throw new MalformedContentException("COLORT index type must be 3 or 5, indexType=" + indexType);
        }
        if (mapType != ColorTableBody.MAP_UINT8 && mapType != ColorTableBody.MAP_UINT16
                && mapType != ColorTableBody.MAP_RGB) {
            throw new MalformedContentException("COLORT map type must be 3, 5 or 19, mapType=" + mapType);
        }
        int entries = ColorTableBody.entries(indexType);
        int valueBytes = ColorTableBody.valueBytes(mapType);
        if (in.readableBytes() != entries * valueBytes) {
            throw new MalformedContentException("COLORT table size mismatch, tableBytes=" + in.readableBytes()
                    + ", expected=" + entries * valueBytes + ", indexType=" + indexType + ", mapType=" + mapType);
        }
        int[] table = new int[entries];
        for (int i = 0; i < entries; i++) {
            table[i] = switch (valueBytes) {
                case 1 -> in.readUnsignedByte();
                case 2 -> in.readUnsignedShort();
                default -> in.readUnsignedMedium();
            };
        }
        return new ColorTableBody(indexType, mapType, table);
    }

    @Override
    public int encodedLength(ColorTableBody body) {
        return 2 + ColorTableBody.entries(body.indexType()) * ColorTableBody.valueBytes(body.mapType());
    }

    @Override
    public void encode(ColorTableBody body, ByteBuf out) {
        out.writeByte(body.indexType()).writeByte(body.mapType());
        int valueBytes = ColorTableBody.valueBytes(body.mapType());
        int entries = ColorTableBody.entries(body.indexType());
        for (int i = 0; i < entries; i++) {
            int v = body.value(i);
            switch (valueBytes) {
                case 1 -> out.writeByte(v);
                case 2 -> out.writeShort(v);
                default -> out.writeMedium(v);
            }
        }
    }
}
