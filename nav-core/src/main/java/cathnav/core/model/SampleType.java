package cathnav.core.model;

/** The binary element types that volume files store, with their size in bytes. */
enum SampleType {
  INT8(1, true),
  UINT8(1, true),
  INT16(2, true),
  UINT16(2, true),
  INT32(4, true),
  UINT32(4, true),
  INT64(8, true),
  UINT64(8, true),
  FLOAT32(4, false),
  FLOAT64(8, false);

  private final int bytes;
  private final boolean integer;

  SampleType(int bytes, boolean integer) {
    this.bytes = bytes;
    this.integer = integer;
  }

  int bytes() {
    return bytes;
  }

  boolean isInteger() {
    return integer;
  }

  /** Whether every value of this type fits an int16 exactly (no scaling). */
  boolean fitsInt16() {
    return this == INT8 || this == UINT8 || this == INT16;
  }
}
