package cathnav.core.service;

import java.util.Objects;

/**
 * A control request for the pipeline thread (REST, OpenIGTLink COMMAND, CLI). Commands are queued and applied by
 * the pipeline thread between frames, so the pipeline's state has a single writer.
 */
public sealed interface PipelineCommand {

  /** Use another patient model from the next frame on; registration starts over. */
  record LoadModel(ProcedureModel model) implements PipelineCommand {
    public LoadModel {
      Objects.requireNonNull(model, "model");
    }
  }

  /** Choose the target AHA segment (1..17, 0 for none). */
  record SetTarget(int segment) implements PipelineCommand {
    public SetTarget {
      if (segment < 0 || segment > 17) {
        throw new IllegalArgumentException("target segment must be 1..17 (0 none), segment=" + segment);
      }
    }
  }

  /** Forget the pose and register from scratch. */
  record ResetRegistration() implements PipelineCommand {}
}
