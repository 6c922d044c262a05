package cathnav.core.service;

/**
 * Finds the pacing lead's tip in a frame. Called on the pipeline thread, frame after frame of one stream; closed with
 * the pipeline.
 *
 * <p>Detectors may keep state from frame to frame (temporal tracking). The pipeline calls {@link #reset()} when the
 * view changes (the C-arm moved: a tip tracked in the old view means nothing in the new one); a detector must not
 * carry anything from frames before a reset into what it finds after it.
 */
@FunctionalInterface
public interface LeadTipDetector extends AutoCloseable {

  /** A detector that never finds a tip. */
  LeadTipDetector NONE = (pixels, frame) -> null;

  /**
   * @param pixels row-major float detector intensities, {@code frame.width() x frame.height()}; read during the call
   *     only (the caller reuses the array)
   * @param frame which frame the pixels are
   * @return the newest tip the detector has, tagged with the frame it was found in (this frame, or for a detector
   *     that runs behind, an earlier frame after the last {@link #reset()}), or null when no lead is seen
   */
  LeadTip detect(float[] pixels, LeadTipFrame frame);

  /**
   * Forgets what was learnt from earlier frames (tracked tip, lock); the next {@link #detect} starts afresh. Called
   * on the pipeline thread when the view changes. Default: nothing to forget.
   */
  default void reset() {}

  /** Releases what the detector holds (threads); called once when the pipeline stops. */
  @Override
  default void close() {}
}
