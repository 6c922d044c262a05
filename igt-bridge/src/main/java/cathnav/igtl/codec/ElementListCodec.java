package cathnav.igtl.codec;

import cathnav.igtl.message.IgtlBody;
import cathnav.igtl.message.Point3f;
import cathnav.igtl.message.Quaternion4f;
import cathnav.igtl.message.Rgba;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * Bodies that are a plain array of fixed-size elements (TDATA, QTDATA, POINT, TRAJ, CAPABILITY, IMGMETA,
 * LBMETA): the content length must be a whole multiple of the element size.
 *
 * @param <E> element record
 * @param <B> body record
 */
abstract class ElementListCodec<E, B extends IgtlBody> implements BodyCodec<B> {

    private final String typeName;
    private final int elementSize;

    ElementListCodec(String typeName, int elementSize) {
        this.typeName = typeName;
        this.elementSize = elementSize;
    }

    abstract E readElement(ByteBuf in);

    abstract void writeElement(E element, ByteBuf out);

    abstract B body(List<E> elements);

    abstract List<E> elements(B body);

    @Override
    public final B decode(String name, ByteBuf content) throws MalformedContentException {
        int length = content.readableBytes();
        if (length % elementSize != 0) {
            throw new MalformedContentException(typeName + " content is not a whole number of " + elementSize
                    + "-byte elements, contentSize=" + length);
        }
        List<E> elements = new ArrayList<>(length / elementSize);
        for (int i = 0; i < length / elementSize; i++) {
            elements.add(readElement(content));
        }
        return body(elements);
    }

    @Override
    public final int encodedLength(B body) {
        return elements(body).size() * elementSize;
    }

    @Override
    public final void encode(B body, ByteBuf out) {
        for (E e : elements(body)) {
            writeElement(e, out);
        }
    }

    static Point3f readPoint(ByteBuf in) {
        return new Point3f(in.readFloat(), in.readFloat(), in.readFloat());
    }

    static void writePoint(ByteBuf out, Point3f p) {
        out.writeFloat(p.x()).writeFloat(p.y()).writeFloat(p.z());
    }

    static Quaternion4f readQuaternion(ByteBuf in) {
        return new Quaternion4f(in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat());
    }

    static void writeQuaternion(ByteBuf out, Quaternion4f q) {
        out.writeFloat(q.x()).writeFloat(q.y()).writeFloat(q.z()).writeFloat(q.w());
    }

    static Rgba readRgba(ByteBuf in) {
        return new Rgba(in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte());
    }

    static void writeRgba(ByteBuf out, Rgba c) {
        out.writeByte(c.r()).writeByte(c.g()).writeByte(c.b()).writeByte(c.a());
    }
}
