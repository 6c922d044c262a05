package cathnav.core.service;

/**
 * Where the pipeline thread hands its results. Implementations must return at once (post to the event loop, offer
 * to a latest-only slot); they never block the pipeline.
 */
public interface GuidanceSink {

  /** The outputs of one frame, for OpenIGTLink peers (TRANSFORM, POLYDATA, STATUS, STRING). */
  void publish(FrameOutcome outcome);

  /** The display version of one frame; called only while {@link #displaysWanted()} is true. */
  void publishDisplay(DisplayFrame frame);

  /** True while at least one web display is connected. */
  boolean displaysWanted();

  /**
   * A problem to report to everyone (STATUS + log): a frame that could not be processed, a model that did not load,
   * a backend fallback.
   *
   * @param code an OpenIGTLink STATUS code
   * @param errorName short name ({@code BACKEND_FALLBACK}, {@code FRAME_FAILED}, ...), at most 20 characters
   * @param message what happened and what was done
   */
  void problem(int code, String errorName, String message);

  /** The pipeline now uses {@code model} (called on the pipeline thread after a load). */
  void modelChanged(ProcedureModel model);
}
