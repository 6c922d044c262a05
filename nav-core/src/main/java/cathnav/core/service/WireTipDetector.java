package cathnav.core.service;

import cathnav.core.lead.FrameBinning;
import cathnav.core.lead.LeadDetection;
import cathnav.core.lead.LeadDetector;
import java.util.Objects;

/**
 * The wire detector ({@link LeadDetector}) on frames brought to the size it is tuned for ({@link FrameBinning}: a
 * 1024 x 1024 frame is binned 2 x 2), with the tip given back in the frame's own pixels, tagged with its frame and
 * with the detector's own verdict on it ({@link LeadDetection#tipConfirmed()}). The frame's pixel size at the
 * isocentre, when known, is handed on (times the binning factor); otherwise the detector assumes
 * {@link LeadDetector#TYPICAL_MM_PER_PIXEL}. {@link #reset()} resets the detector's temporal tracking.
 *
 * <p>Thread-safety: none; one thread (the pipeline's, or a {@link BackgroundLeadTipDetector}'s).
 */
final class WireTipDetector implements LeadTipDetector {

  private final LeadDetector detector;

  WireTipDetector(LeadDetector detector) {
    this.detector = Objects.requireNonNull(detector, "detector");
  }

  @Override
  public LeadTip detect(float[] pixels, LeadTipFrame frame) {
    int width = frame.width();
    int height = frame.height();
    FrameBinning binning = FrameBinning.forFrame(width, height);
    double mmPerPixel = Double.isNaN(frame.mmPerPixelAtIsocentre()) ? LeadDetector.TYPICAL_MM_PER_PIXEL
        : frame.mmPerPixelAtIsocentre() * binning.factor();
    LeadDetection d = detector.detect(binning.bin(pixels, width, height), binning.binnedSize(width),
        binning.binnedSize(height), mmPerPixel);
    if (!d.found() || !Double.isFinite(d.tipU()) || !Double.isFinite(d.tipV())) {
      return null;
    }
    return new LeadTip((float) binning.toOriginal(d.tipU()), (float) binning.toOriginal(d.tipV()), d.tipConfirmed(),
        frame);
  }

  @Override
  public void reset() {
    detector.reset();
  }
}
