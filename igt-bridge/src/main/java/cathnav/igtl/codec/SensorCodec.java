package cathnav.igtl.codec;

import cathnav.igtl.message.SensorBody;
import io.netty.buffer.ByteBuf;

/** SENSOR: u8 larray, u8 status, u64 unit, then exactly larray float64. */
final class SensorCodec implements BodyCodec<SensorBody> {

    static final SensorCodec INSTANCE = new SensorCodec();

    @Override
    public Class<SensorBody> bodyClass() {
        return SensorBody.class;
    }

    @Override
    public SensorBody decode(String typeName, ByteBuf in) throws MalformedContentException {
        if (in.readableBytes() < 10) {
            throw new MalformedContentException("SENSOR content shorter than 10 bytes, contentSize="
                    + in.readableBytes());
        }
        int count = in.readUnsignedByte();
        int status = in.readUnsignedByte();
        long unit = in.readLong();
        if (in.readableBytes() != count * 8) {
            throw new MalformedContentException("SENSOR value count does not match the body, larray=" + count
                    + ", dataBytes=" + in.readableBytes());
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readDouble();
        }
        return new SensorBody(status, unit, values);
    }

    @Override
    public int encodedLength(SensorBody body) {
        return 10 + 8 * body.values().length;
    }

    @Override
    public void encode(SensorBody body, ByteBuf out) {
        double[] values = body.values();
        out.writeByte(values.length).writeByte(body.status()).writeLong(body.unit());
        for (double v : values) {
            out.writeDouble(v);
        }
    }
}
