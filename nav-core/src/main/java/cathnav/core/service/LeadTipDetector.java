package cathnav.core.service;

/** Finds the pacing lead's tip in a frame; called on the pipeline thread. */
@FunctionalInterface
public interface LeadTipDetector {

  /** A detector that never finds a tip. */
  LeadTipDetector NONE = (pixels, width, height) -> null;

  /**
   * @param pixels row-major float detector intensities
   * @return the tip {@code {u, v}} in pixels, or null when no lead is seen
   */
  float[] detect(float[] pixels, int width, int height);
}
