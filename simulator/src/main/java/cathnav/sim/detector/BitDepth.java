package cathnav.sim.detector;

/** Stored bits of a detector frame; every depth is held in a {@code short[]} as an unsigned value. */
public enum BitDepth {
  BITS_8(8),
  BITS_12(12),
  BITS_16(16);

  private final int bits;

  BitDepth(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }

  /** The largest stored value, {@code 2^bits - 1}. */
  public int maxValue() {
    return (1 << bits) - 1;
  }

  /** The depth with {@code bits} stored bits. */
  public static BitDepth of(int bits) {
    for (BitDepth d : values()) {
      if (d.bits == bits) {
        return d;
      }
    }
    throw new IllegalArgumentException("unsupported bit depth, bits=" + bits + " (use 8, 12 or 16)");
  }
}
