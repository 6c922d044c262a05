package cathnav.core.service;

/** Opens a {@link FrameTracker} for a model on a named compute backend; called on the pipeline thread. */
@FunctionalInterface
public interface TrackerFactory {

  /**
   * @param model the procedure's model
   * @param backend {@code java}, {@code opencl}, {@code cuda} or {@code auto}
   * @throws RuntimeException when the backend cannot be opened (the pipeline falls back to {@code java})
   */
  FrameTracker open(ProcedureModel model, String backend);
}
