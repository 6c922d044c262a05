package cathnav.igtl.codec;

import cathnav.igtl.message.PolyAttribute;
import cathnav.igtl.message.PolyCells;
import cathnav.igtl.message.PolyDataBody;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** POLYDATA; layout in {@link PolyDataBody}. Every count and size is checked against the content length. */
final class PolyDataCodec implements BodyCodec<PolyDataBody> {

    static final PolyDataCodec INSTANCE = new PolyDataCodec();
    static final int HEADER_LENGTH = 40;
    static final int ATTRIBUTE_HEADER_LENGTH = 6;

    @Override
    public Class<PolyDataBody> bodyClass() {
        return PolyDataBody.class;
    }

    @Override
    public PolyDataBody decode(String typeName, ByteBuf in) throws MalformedContentException {
        if (in.readableBytes() < HEADER_LENGTH) {
            throw new MalformedContentException("POLYDATA content shorter than its 40-byte header, contentSize="
                    + in.readableBytes());
        }
        long npoints = in.readUnsignedInt();
        long[] counts = new long[4];
        long[] sizes = new long[4];
        for (int c = 0; c < 4; c++) {
            counts[c] = in.readUnsignedInt();
            sizes[c] = in.readUnsignedInt();
            if (sizes[c] % 4 != 0) {
                throw new MalformedContentException("POLYDATA cell array size not a multiple of 4, array=" + CELL_NAMES[c]
                        + ", size=" + sizes[c]);
            }
        }
        long nattributes = in.readUnsignedInt();
        long fixed = npoints * 12 + sizes[0] + sizes[1] + sizes[2] + sizes[3] + nattributes * ATTRIBUTE_HEADER_LENGTH;
        if (fixed > in.readableBytes()) {
            throw new MalformedContentException("POLYDATA counts exceed the content, npoints=" + npoints
                    + ", cellBytes=" + (sizes[0] + sizes[1] + sizes[2] + sizes[3]) + ", nattributes=" + nattributes
                    + ", available=" + in.readableBytes());
        }
        float[] points = new float[(int) npoints * 3];
        for (int i = 0; i < points.length; i++) {
            points[i] = in.readFloat();
        }
        PolyCells[] cells = new PolyCells[4];
        for (int c = 0; c < 4; c++) {
            cells[c] = readCells(in, CELL_NAMES[c], counts[c], sizes[c], npoints);
        }
        int n = (int) nattributes;
        int[] types = new int[n];
        int[] components = new int[n];
        long[] elements = new long[n];
        for (int a = 0; a < n; a++) {
            types[a] = in.readUnsignedByte();
            components[a] = in.readUnsignedByte();
            elements[a] = in.readUnsignedInt();
        }
        String[] names = new String[n];
        int tableStart = in.readerIndex();
        for (int a = 0; a < n; a++) {
            int nul = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
            if (nul < 0) {
                throw new MalformedContentException("POLYDATA attribute name not terminated, attribute=" + a);
            }
            names[a] = in.readCharSequence(nul - in.readerIndex(), StandardCharsets.ISO_8859_1).toString();
            in.skipBytes(1);
        }
        if (((in.readerIndex() - tableStart) & 1) != 0) {
            if (!in.isReadable()) {
                throw new MalformedContentException("POLYDATA attribute name table padding missing");
            }
            in.skipBytes(1);
        }
        List<PolyAttribute> attributes = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            PolyAttribute.Kind kind = PolyAttribute.Kind.fromCode(types[a] & 0x0F);
            if (kind == null || (types[a] & 0xE0) != 0) {
                throw new MalformedContentException("POLYDATA attribute type unknown, attribute=" + names[a] + ", type="
                        + types[a]);
            }
            long values = elements[a] * components[a];
            if (values * 4 > in.readableBytes()) {
                throw new MalformedContentException("POLYDATA attribute data exceeds the content, attribute=" + names[a]
                        + ", n=" + elements[a] + ", components=" + components[a] + ", available=" + in.readableBytes());
            }
            float[] data = new float[(int) values];
            for (int i = 0; i < data.length; i++) {
                data[i] = in.readFloat();
            }
            attributes.add(new PolyAttribute(kind, (types[a] & 0x10) != 0, names[a], components[a], data));
        }
        if (in.isReadable()) {
            throw new MalformedContentException("POLYDATA has trailing bytes after its attributes, trailing="
                    + in.readableBytes());
        }
        return new PolyDataBody(points, cells[0], cells[1], cells[2], cells[3], attributes);
    }

    private static final String[] CELL_NAMES = {"vertices", "lines", "polygons", "strips"};

    private static PolyCells readCells(ByteBuf in, String name, long count, long size, long npoints)
            throws MalformedContentException {
        int[] data = new int[(int) (size / 4)];
        long cells = 0;
        int pos = 0;
        while (pos < data.length) {
            long n = in.readUnsignedInt();
            if (n > data.length - pos - 1) {
                throw new MalformedContentException("POLYDATA cell overruns its array, array=" + name + ", cell="
                        + cells + ", pointCount=" + n);
            }
            data[pos++] = (int) n;
            for (long p = 0; p < n; p++) {
                long index = in.readUnsignedInt();
                if (index >= npoints) {
                    throw new MalformedContentException("POLYDATA cell refers to a missing point, array=" + name
                            + ", cell=" + cells + ", index=" + index + ", npoints=" + npoints);
                }
                data[pos++] = (int) index;
            }
            cells++;
        }
        if (cells != count) {
            throw new MalformedContentException("POLYDATA cell count mismatch, array=" + name + ", declared=" + count
                    + ", found=" + cells);
        }
        return PolyCells.of(data);
    }

    @Override
    public int encodedLength(PolyDataBody body) {
        long length = HEADER_LENGTH + (long) body.pointCount() * 12
                + 4L * (body.vertices().length() + body.lines().length() + body.polygons().length()
                + body.strips().length());
        int table = 0;
        for (PolyAttribute a : body.attributes()) {
            length += ATTRIBUTE_HEADER_LENGTH + 4L * a.count() * a.components();
            table += a.name().length() + 1;
        }
        length += table + (table & 1);
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("POLYDATA too large to encode, bytes=" + length);
        }
        return (int) length;
    }

    @Override
    public void encode(PolyDataBody body, ByteBuf out) {
        PolyCells[] cells = {body.vertices(), body.lines(), body.polygons(), body.strips()};
        out.writeInt(body.pointCount());
        for (PolyCells c : cells) {
            out.writeInt(c.cellCount());
            out.writeInt(c.length() * 4);
        }
        out.writeInt(body.attributes().size());
        float[] points = body.points();
        for (float p : points) {
            out.writeFloat(p);
        }
        for (PolyCells c : cells) {
            for (int i = 0; i < c.length(); i++) {
                out.writeInt(c.get(i));
            }
        }
        for (PolyAttribute a : body.attributes()) {
            out.writeByte(a.wireType());
            out.writeByte(a.components());
            out.writeInt(a.count());
        }
        int table = 0;
        for (PolyAttribute a : body.attributes()) {
            out.writeCharSequence(a.name(), StandardCharsets.ISO_8859_1);
            out.writeByte(0);
            table += a.name().length() + 1;
        }
        if ((table & 1) != 0) {
            out.writeByte(0);
        }
        for (PolyAttribute a : body.attributes()) {
            int values = a.count() * a.components();
            for (int i = 0; i < values; i++) {
                out.writeFloat(a.get(i));
            }
        }
    }
}
