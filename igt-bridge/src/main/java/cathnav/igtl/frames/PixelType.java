package cathnav.igtl.frames;

/** Grey-level pixel types a frame file may hold, with their OpenIGTLink IMAGE scalar type codes. */
public enum PixelType {
  /** Unsigned 8-bit (IMAGE scalar type 3). */
  UINT8(1, 3),
  /** Signed 16-bit (IMAGE scalar type 4). */
  INT16(2, 4),
  /** Unsigned 16-bit (IMAGE scalar type 5). */
  UINT16(2, 5);

  private final int bytes;
  private final int igtlScalarType;

  PixelType(int bytes, int igtlScalarType) {
    this.bytes = bytes;
    this.igtlScalarType = igtlScalarType;
  }

  /** Bytes per pixel. */
  public int bytes() {
    return bytes;
  }

  /** The OpenIGTLink IMAGE scalar type code. */
  public int igtlScalarType() {
    return igtlScalarType;
  }
}
