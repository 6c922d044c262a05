package cathnav.core.service;

/** Finds the pacing lead's tip in a frame; called on the pipeline thread, closed with the pipeline. */
@FunctionalInterface
public interface LeadTipDetector extends AutoCloseable {

  /** A detector that never finds a tip. */
  LeadTipDetector NONE = (pixels, width, height) -> null;

  /**
   * @param pixels row-major float detector intensities
   * @return the tip {@code {u, v}} in pixels, or null when no lead is seen
   */
  float[] detect(float[] pixels, int width, int height);

  /** Releases what the detector holds (threads); called once when the pipeline stops. */
  @Override
  default void close() {}
}
