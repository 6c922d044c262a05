package cathnav.core.service;

/**
 * Receives the service's results on the service's Vert.x context (the OpenIGTLink gateway is one). Methods must not
 * block: they hand writes to the network and return.
 */
public interface OutcomeListener {

  /** One frame's results. */
  void onOutcome(FrameOutcome outcome);

  /** A problem everyone should hear about (STATUS). */
  void onProblem(int code, String errorName, String message);

  /** The source went quiet for more than two frame intervals ({@code stale = true}), or came back. */
  void onStale(boolean stale, PipelineStatus status);

  /** The pipeline switched to another patient model. */
  default void onModelChanged(ProcedureModel model) {}
}
