package cathnav.core.lead;

/**
 * Whether the detector has its own evidence that a reported tip is right: the rule behind
 * {@link LeadDetection#tipConfirmed()} and {@link LeadDetection#tipConfidence()}.
 *
 * <p>A detection brings its own evidence for the tip when the tip electrode is seen at the traced end and the tip
 * reported is where the image puts it (not held or clamped by the temporal tracking, {@link TipTrack}). Such a
 * detection is consistent with the track when the detection before it also brought its own evidence and the two tips
 * lie within {@link #MAX_STEP_PX} of each other; the run of consecutive consistent detections is the streak. A fresh
 * lock (no previous detection: first frame, after a reset or a loss) and a jump start a new streak of one. The tip is
 * confirmed from a streak of {@value #CONFIRMING_STREAK}: two detections, in the same view (the detector is reset when
 * the projection changes), that agree, in one of which at least the lead's ring electrode was seen behind the tip
 * ({@link TipEnd.Look#ringBehind()}). The ring tells a tip electrode from a bend of the lead seen end-on, which also
 * ends a trace in a compact dark spot (the body running along the beam) but has no second electrode behind it; once
 * seen, the tip that the streak follows frame by frame is the same tip, so the ring need not be seen in every frame
 * (it merges with the tip electrode in some, or is hidden by a denser structure), as long as the tip moves at most
 * {@link #CARRIED_STEP_PX} from the previous one in a detection without it.
 *
 * <p>Confidence, in [0, 1]: 0 nothing found; {@value #WITHOUT_EVIDENCE} found without the detector's own evidence;
 * {@value #FRESH} evidence in this detection only (fresh lock or jump), or in a streak that has not shown the ring;
 * from {@value #CONFIRMED} (streak of 2 with the ring) rising by an eighth per further consistent detection to 1
 * (streak of 4 or more). {@code tipConfirmed} is exactly {@code confidence >= }{@value #CONFIRMED}.
 *
 * <p>Keeps the streak, whether it has shown the ring, and the last tip; one instance per {@link LeadDetector}, same
 * thread.
 */
final class TipConfirmation {

  /** Consecutive detections with their own agreeing evidence that confirm the tip. */
  static final int CONFIRMING_STREAK = 2;
  /** Most two consecutive detections' tips may differ and still agree, pixels (the tracked tip's largest advance). */
  static final double MAX_STEP_PX = TipTrack.MAX_TIP_ADVANCE_PX;
  /**
   * Most a tip without the ring seen behind it in its own detection may lie from the previous tip and still carry the
   * ring seen earlier in the streak, pixels (confirmed tips on the demo's frames move at most 3 pixels a frame when
   * the ring is not seen; a tip placed on the body between the two electrodes lies 6 to 8 pixels from the true one).
   */
  static final double CARRIED_STEP_PX = 4;
  static final double WITHOUT_EVIDENCE = 0.25;
  static final double FRESH = 0.5;
  static final double CONFIRMED = 0.75;

  /**
   * What one detection shows about its tip.
   *
   * @param found a wire was found (reported or held back as an unconfirmed lock)
   * @param electrodeSeen the traced end shows a tip electrode
   * @param tipFromImage the tip is where the image puts it, not held or clamped by the temporal tracking
   * @param ringSeen the lead's ring electrode is seen on the wire behind the tip
   * @param tipU tip column, pixels
   * @param tipV tip row, pixels
   */
  record Evidence(boolean found, boolean electrodeSeen, boolean tipFromImage, boolean ringSeen, double tipU,
      double tipV) {

    static final Evidence NONE = new Evidence(false, false, false, false, Double.NaN, Double.NaN);

    boolean own() {
      return found && electrodeSeen && tipFromImage;
    }
  }

  /** Consecutive detections with their own, agreeing evidence, up to and including the last one. */
  private int streak;
  /** The ring electrode was seen behind the tip in a detection of the current streak. */
  private boolean ringInStreak;
  private double lastU = Double.NaN;
  private double lastV = Double.NaN;

  /** Forgets the streak (a C-arm move, a scene change, or the detector's own reset). */
  void reset() {
    streak = 0;
    ringInStreak = false;
    lastU = Double.NaN;
    lastV = Double.NaN;
  }

  /** Takes one detection's evidence, in frame order; returns its tip confidence in [0, 1]. */
  double update(Evidence e) {
    if (!e.own()) {
      reset();
      return e.found() ? WITHOUT_EVIDENCE : 0;
    }
    boolean agrees = streak > 0 && Math.hypot(e.tipU() - lastU, e.tipV() - lastV) <= MAX_STEP_PX;
    streak = agrees ? streak + 1 : 1;
    double step = agrees ? Math.hypot(e.tipU() - lastU, e.tipV() - lastV) : Double.POSITIVE_INFINITY;
    ringInStreak = e.ringSeen() || (ringInStreak && step <= CARRIED_STEP_PX);
    lastU = e.tipU();
    lastV = e.tipV();
    return confidence(streak, ringInStreak);
  }

  /**
   * Confidence of a tip with its own evidence and a streak of {@code streak} (at least 1), {@code ringSeen} whether
   * the streak has shown the ring electrode.
   */
  static double confidence(int streak, boolean ringSeen) {
    if (streak < CONFIRMING_STREAK || !ringSeen) {
      return FRESH;
    }
    return Math.min(1, CONFIRMED + (streak - CONFIRMING_STREAK) / 8.0);
  }

  /** Whether a confidence means the tip is confirmed. */
  static boolean confirmed(double confidence) {
    return confidence >= CONFIRMED;
  }
}
