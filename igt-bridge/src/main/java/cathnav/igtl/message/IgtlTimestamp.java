package cathnav.igtl.message;

import java.time.Instant;

/**
 * An OpenIGTLink time stamp, held exactly as it travels: unsigned 32-bit seconds since the Unix epoch and an
 * unsigned 32-bit fraction of a second in units of 2^-32 s.
 *
 * <p>The wire form is one unsigned 64-bit word, seconds in the high half. Conversion to and from nanoseconds
 * rounds to the nearest unit; since 2^-32 s is finer than 1 ns, {@code ofEpochNanos(n).toEpochNanos() == n}
 * for every representable {@code n}. A time stamp of zero means "not stamped" in the protocol.
 *
 * @param seconds  whole seconds since 1970-01-01T00:00:00Z, 0 to 2^32-1
 * @param fraction fraction of a second in units of 2^-32 s, 0 to 2^32-1
 */
public record IgtlTimestamp(long seconds, long fraction) implements Comparable<IgtlTimestamp> {

    /** The unstamped value (0 s, 0 fraction). */
    public static final IgtlTimestamp ZERO = new IgtlTimestamp(0, 0);

    private static final long U32_MAX = 0xFFFF_FFFFL;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Largest nanosecond count that still fits the unsigned 32-bit seconds field. */
    public static final long MAX_EPOCH_NANOS = (U32_MAX + 1) * NANOS_PER_SECOND - 1;

    public IgtlTimestamp {
        if (seconds < 0 || seconds > U32_MAX) {
            throw new IllegalArgumentException("timestamp seconds out of u32 range, seconds=" + seconds);
        }
        if (fraction < 0 || fraction > U32_MAX) {
            throw new IllegalArgumentException("timestamp fraction out of u32 range, fraction=" + fraction);
        }
    }

    /** Splits the 64-bit wire word (seconds in the high 32 bits). */
    public static IgtlTimestamp fromWire(long word) {
        return new IgtlTimestamp(word >>> 32, word & U32_MAX);
    }

    /** The 64-bit wire word. */
    public long toWire() {
        return (seconds << 32) | fraction;
    }

    /**
     * The time stamp nearest to {@code epochNanos}.
     *
     * @param epochNanos nanoseconds since the Unix epoch, 0 to {@link #MAX_EPOCH_NANOS}
     */
    public static IgtlTimestamp ofEpochNanos(long epochNanos) {
        if (epochNanos < 0 || epochNanos > MAX_EPOCH_NANOS) {
            throw new IllegalArgumentException("epoch nanos outside the OpenIGTLink range, epochNanos=" + epochNanos);
        }
        long seconds = epochNanos / NANOS_PER_SECOND;
        long rem = epochNanos % NANOS_PER_SECOND;
        // rem < 1e9 so rem << 32 < 4.3e18 fits a signed long; rounding never reaches 2^32 (max is 2^32 - 4)
        long fraction = ((rem << 32) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        return new IgtlTimestamp(seconds, fraction);
    }

    /** Nanoseconds since the Unix epoch, rounded to the nearest nanosecond. */
    public long toEpochNanos() {
        // fraction * 1e9 < 4.3e18: no overflow
        return seconds * NANOS_PER_SECOND + ((fraction * NANOS_PER_SECOND + (1L << 31)) >>> 32);
    }

    /** The current wall-clock time (resolution of {@link Instant#now()}). */
    public static IgtlTimestamp now() {
        Instant now = Instant.now();
        return ofEpochNanos(now.getEpochSecond() * NANOS_PER_SECOND + now.getNano());
    }

    @Override
    public int compareTo(IgtlTimestamp other) {
        return Long.compareUnsigned(toWire(), other.toWire());
    }
}
