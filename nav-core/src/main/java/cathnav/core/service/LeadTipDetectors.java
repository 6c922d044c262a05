package cathnav.core.service;

import cathnav.core.lead.LeadDetection;
import cathnav.core.lead.LeadDetector;
import cathnav.core.lead.LeadDetectorOptions;

/** The lead tip detectors the service can run with. */
public final class LeadTipDetectors {

  private LeadTipDetectors() {}

  /**
   * The wire detector ({@link LeadDetector}: valley filter, centreline tracing, tip with temporal tracking) run on
   * the pipeline thread, frame by frame, set for a pacing lead ({@link LeadDetectorOptions#PACING_LEAD}: a tip only
   * where the tip electrode is seen, a fresh lock once confirmed by the next frame). Stateful: one per pipeline.
   */
  public static LeadTipDetector wire() {
    LeadDetector detector = new LeadDetector(LeadDetectorOptions.PACING_LEAD);
    return (pixels, width, height) -> tip(detector.detect(pixels, width, height));
  }

  /**
   * The wire detector on its own duty-cycle thread, so a slow detection never holds the overlay back: each frame is
   * offered to it (latest wins: a busy detector skips frames) and the overlay is drawn with the most recent tip found,
   * which may be a few frames old. For the CPU-only default, where one detection takes longer than a frame.
   */
  public static LeadTipDetector wireInBackground() {
    LeadDetector detector = new LeadDetector(LeadDetectorOptions.PACING_LEAD);
    return new BackgroundLeadTipDetector((pixels, width, height) -> tip(detector.detect(pixels, width, height)));
  }

  static float[] tip(LeadDetection d) {
    return d.found() && Double.isFinite(d.tipU()) && Double.isFinite(d.tipV())
        ? new float[] {(float) d.tipU(), (float) d.tipV()} : null;
  }
}
