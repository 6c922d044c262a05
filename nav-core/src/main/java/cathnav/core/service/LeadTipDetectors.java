package cathnav.core.service;

import cathnav.core.lead.FrameBinning;
import cathnav.core.lead.LeadDetection;
import cathnav.core.lead.LeadDetector;
import cathnav.core.lead.LeadDetectorOptions;

/** The lead tip detectors the service can run with. */
public final class LeadTipDetectors {

  private LeadTipDetectors() {}

  /**
   * The wire detector ({@link LeadDetector}: valley filter, centreline tracing, tip with temporal tracking) run on
   * the pipeline thread, frame by frame, set for a pacing lead ({@link LeadDetectorOptions#PACING_LEAD}: a tip only
   * where the tip electrode is seen, a fresh lock once confirmed by the next frame), on frames binned to the size it
   * is tuned for ({@link FrameBinning}). Stateful: one per pipeline.
   */
  public static LeadTipDetector wire() {
    return binned(new LeadDetector(LeadDetectorOptions.PACING_LEAD));
  }

  /**
   * The wire detector on its own duty-cycle thread, so a slow detection never holds the overlay back: each frame is
   * offered to it (latest wins: a busy detector skips frames) and the overlay is drawn with the most recent tip found,
   * which may be a few frames old. For the CPU-only default, where one detection takes longer than a frame.
   */
  public static LeadTipDetector wireInBackground() {
    return new BackgroundLeadTipDetector(binned(new LeadDetector(LeadDetectorOptions.PACING_LEAD)));
  }

  /**
   * The detector on frames brought to the size it is tuned for ({@link FrameBinning}: a 1024 x 1024 frame is binned
   * 2 x 2), with the tip given back in the frame's own pixels.
   */
  static LeadTipDetector binned(LeadDetector detector) {
    return (pixels, width, height) -> {
      FrameBinning binning = FrameBinning.forFrame(width, height);
      float[] tip = tip(detector.detect(binning.bin(pixels, width, height), binning.binnedSize(width),
          binning.binnedSize(height)));
      if (tip != null) {
        tip[0] = (float) binning.toOriginal(tip[0]);
        tip[1] = (float) binning.toOriginal(tip[1]);
      }
      return tip;
    };
  }

  static float[] tip(LeadDetection d) {
    return d.found() && Double.isFinite(d.tipU()) && Double.isFinite(d.tipV())
        ? new float[] {(float) d.tipU(), (float) d.tipV()} : null;
  }
}
