package cathnav.igtl.rec;

/** Which way a recorded message crossed the wire, seen from the recording process. */
public enum Direction {
  /** Received from the peer (code 0). */
  RECEIVED(0),
  /** Sent to the peer (code 1). */
  SENT(1);

  private final int code;

  Direction(int code) {
    this.code = code;
  }

  /** The byte stored in a {@code .igtlrec} entry. */
  public int code() {
    return code;
  }

  /** The direction for a stored byte, or {@code null} when the byte is not a known code. */
  public static Direction fromCode(int code) {
    return switch (code) {
      case 0 -> RECEIVED;
      case 1 -> SENT;
      default -> null;
    };
  }
}
