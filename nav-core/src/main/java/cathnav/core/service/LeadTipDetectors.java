package cathnav.core.service;

import cathnav.core.lead.FrameBinning;
import cathnav.core.lead.LeadDetector;
import cathnav.core.lead.LeadDetectorOptions;

/** The lead tip detectors the service can run with. */
public final class LeadTipDetectors {

  private LeadTipDetectors() {}

  /**
   * The wire detector ({@link LeadDetector}: valley filter, centreline tracing, tip with temporal tracking) run on
   * the pipeline thread, frame by frame, set for a pacing lead ({@link LeadDetectorOptions#PACING_LEAD}: a tip only
   * where the tip electrode is seen, a fresh lock once confirmed by the next frame), on frames binned to the size it
   * is tuned for ({@link FrameBinning}). Each tip carries the detector's own verdict
   * ({@link cathnav.core.lead.LeadDetection#tipConfirmed()}); {@link LeadTipDetector#reset()} resets the tracking.
   * Stateful: one per pipeline.
   */
  public static LeadTipDetector wire() {
    return new WireTipDetector(new LeadDetector(LeadDetectorOptions.PACING_LEAD));
  }

  /**
   * The wire detector on its own duty-cycle thread ({@link BackgroundLeadTipDetector}), so a slow detection never
   * holds the overlay back: each frame is offered to it (latest wins: a busy detector skips frames) and the newest
   * tip found since the last reset is returned, tagged with the (possibly older) frame it came from. For the CPU-only
   * default, where one detection can take longer than a frame.
   */
  public static LeadTipDetector wireInBackground() {
    return new BackgroundLeadTipDetector(wire());
  }
}
