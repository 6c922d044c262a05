package cathnav.sim.scenario;

/**
 * How a {@link ScenarioRunner} hands frames over.
 *
 * @param realTime hand frame {@code i} over no earlier than its acquisition time after the start (false: as fast as
 *     frames render)
 * @param skipLateFrames (real time only) before rendering, jump to the newest frame whose acquisition time has come,
 *     skipping the ones in between, so that a source that fell behind resumes the schedule at once instead of
 *     catching up by sending late frames back to back; false: every frame is rendered and a late one goes out at
 *     once
 * @param passingViewScale k &gt; 0: frames seen from a view the C-arm or table is moving through are ray-cast on a
 *     detector k times coarser (about k^2 less work; each such view is seen once); 0: every view exactly
 * @param prerenderViews render the static anatomy and resting heart of every held view ahead, on a second thread
 *     with a single-threaded java backend (the first view before the clock starts), so the view after a C-arm move is
 *     cached by the time the move ends
 */
public record Pacing(boolean realTime, boolean skipLateFrames, int passingViewScale, boolean prerenderViews) {

  /** As fast as frames render, every frame exact: files and benchmarks. */
  public static final Pacing AS_FAST_AS_POSSIBLE = new Pacing(false, false, 0, false);
  /** Real time, every frame rendered exactly and handed over, late ones at once: recordings of every frame. */
  public static final Pacing REAL_TIME = new Pacing(true, false, 0, false);
  /**
   * A live source at a steady frame rate: real time, late frames skipped, passing views 4 times coarser, held views
   * rendered ahead.
   */
  public static final Pacing LIVE = new Pacing(true, true, 4, true);

  public Pacing {
    if (passingViewScale < 0 || passingViewScale > 16) {
      throw new IllegalArgumentException("passingViewScale must be in [0, 16], passingViewScale=" + passingViewScale);
    }
    if (skipLateFrames && !realTime) {
      throw new IllegalArgumentException("skipping late frames needs real-time pacing");
    }
  }
}
