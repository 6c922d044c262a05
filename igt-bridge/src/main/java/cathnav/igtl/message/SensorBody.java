package cathnav.igtl.message;

import java.util.Arrays;

/**
 * SENSOR: up to 255 float64 readings with a unit.
 *
 * <pre>
 *  u8 larray (number of values), u8 status, u64 unit (OpenIGTLink packed SI unit), float64[larray]
 * </pre>
 * Immutable (values copied in and out).
 *
 * @param status sensor status, u8
 * @param unit   packed unit as sent
 * @param values 0 to 255 readings
 */
public record SensorBody(int status, long unit, double[] values) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "SENSOR";

    public SensorBody {
        if (status < 0 || status > 0xFF) {
            throw new IllegalArgumentException("sensor status out of u8 range, status=" + status);
        }
        if (values.length > 0xFF) {
            throw new IllegalArgumentException("sensor carries at most 255 values, values=" + values.length);
        }
        values = values.clone();
    }

    /** A copy of the readings. */
    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorBody s && status == s.status && unit == s.unit && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return (status * 31 + Long.hashCode(unit)) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SensorBody[status=" + status + ", unit=0x" + Long.toHexString(unit) + ", values="
                + Arrays.toString(values) + "]";
    }
}
