package cathnav.igtl.message;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IgtlTimestampTest {

    @Property(tries = 2000)
    void nanosecondsSurviveConversionExactly(@ForAll @LongRange(min = 0, max = IgtlTimestamp.MAX_EPOCH_NANOS) long nanos) {
        assertEquals(nanos, IgtlTimestamp.ofEpochNanos(nanos).toEpochNanos());
    }

    @Property(tries = 500)
    void wireWordSurvivesSplitAndJoin(@ForAll long word) {
        assertEquals(word, IgtlTimestamp.fromWire(word).toWire());
    }

    @Test
    void fractionIsInUnitsOfTwoToTheMinus32Seconds() {
        IgtlTimestamp half = IgtlTimestamp.ofEpochNanos(7_500_000_000L);
        assertEquals(7, half.seconds());
        assertEquals(1L << 31, half.fraction());
        // the upstream fixtures' stamp: 0 s and fraction 0x499602D4: 1234567892 * 2^-32 s = 287445236.93 ns
        assertEquals(287_445_237L, IgtlTimestamp.fromWire(0x499602D4L).toEpochNanos());
    }

    @Test
    void fractionRoundingUpCarriesIntoSeconds() {
        assertEquals(1_000_000_000L, new IgtlTimestamp(0, 0xFFFF_FFFFL).toEpochNanos());
    }

    @Test
    void rejectsValuesOutsideUnsigned32Bits() {
        assertThrows(IllegalArgumentException.class, () -> new IgtlTimestamp(1L << 32, 0));
        assertThrows(IllegalArgumentException.class, () -> new IgtlTimestamp(0, -1));
        assertThrows(IllegalArgumentException.class, () -> IgtlTimestamp.ofEpochNanos(-1));
        assertThrows(IllegalArgumentException.class, () -> IgtlTimestamp.ofEpochNanos(IgtlTimestamp.MAX_EPOCH_NANOS + 1));
    }

    @Test
    void ordersAsUnsignedWireWords() {
        IgtlTimestamp early = new IgtlTimestamp(1, 5);
        IgtlTimestamp late = new IgtlTimestamp(0x8000_0000L, 0);
        assertEquals(-1, Integer.signum(early.compareTo(late)));
    }
}
