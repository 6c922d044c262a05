package cathnav.core.service;

/** The measured stages of one frame's trip through the service; each is timed in ns. */
public enum PipelineStage {
  /** From the frame's receipt on the event loop until the pipeline thread takes it from the slot. */
  HANDOFF("handoff"),
  /** Pixel conversion and preprocessing on the pipeline thread. */
  PREPROCESS("preprocess"),
  /** Pose update (tracker). */
  TRACK("track"),
  /** Lead tip detection. */
  LEAD("lead"),
  /** Overlay projection and build. */
  OVERLAY("overlay"),
  /** Encoding the outputs and handing them to the event loop until written to every OpenIGTLink peer. */
  SEND("send"),
  /** Receipt of the frame until its outputs were handed to the network (the end-to-end figure). */
  TOTAL("total");

  private final String metricTag;

  PipelineStage(String metricTag) {
    this.metricTag = metricTag;
  }

  /** The value of the {@code stage} tag in metrics. */
  public String metricTag() {
    return metricTag;
  }
}
