package cathnav.core.anatomy;

/**
 * The 17 segments of the AHA left-ventricle model (Cerqueira et al., Circulation 2002), numbered as in the
 * statement: 6 basal, 6 mid-cavity, 4 apical and the apical cap.
 */
public enum AhaSegment {
  BASAL_ANTERIOR(1, Level.BASAL),
  BASAL_ANTEROSEPTAL(2, Level.BASAL),
  BASAL_INFEROSEPTAL(3, Level.BASAL),
  BASAL_INFERIOR(4, Level.BASAL),
  BASAL_INFEROLATERAL(5, Level.BASAL),
  BASAL_ANTEROLATERAL(6, Level.BASAL),
  MID_ANTERIOR(7, Level.MID),
  MID_ANTEROSEPTAL(8, Level.MID),
  MID_INFEROSEPTAL(9, Level.MID),
  MID_INFERIOR(10, Level.MID),
  MID_INFEROLATERAL(11, Level.MID),
  MID_ANTEROLATERAL(12, Level.MID),
  APICAL_ANTERIOR(13, Level.APICAL),
  APICAL_SEPTAL(14, Level.APICAL),
  APICAL_INFERIOR(15, Level.APICAL),
  APICAL_LATERAL(16, Level.APICAL),
  APEX(17, Level.APEX);

  /** The level along the long axis. */
  public enum Level {
    BASAL,
    MID,
    APICAL,
    APEX
  }

  private static final AhaSegment[] BY_NUMBER = values();

  private final int number;
  private final Level level;

  AhaSegment(int number, Level level) {
    this.number = number;
    this.level = level;
  }

  /** The AHA number, 1..17. */
  public int number() {
    return number;
  }

  public Level level() {
    return level;
  }

  /** Whether the segment lies on the interventricular septum (2, 3, 8, 9, 14). */
  public boolean isSeptal() {
    return this == BASAL_ANTEROSEPTAL || this == BASAL_INFEROSEPTAL || this == MID_ANTEROSEPTAL
        || this == MID_INFEROSEPTAL || this == APICAL_SEPTAL;
  }

  /** The segment numbered {@code number} (1..17). */
  public static AhaSegment of(int number) {
    if (number < 1 || number > 17) {
      throw new IllegalArgumentException("AHA segment number must be 1..17, number=" + number);
    }
    return BY_NUMBER[number - 1];
  }

  /** A display name, for example "basal anteroseptal". */
  public String displayName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
