package cathnav.core.service;

import cathnav.core.geometry.FrameGeometry;
import java.util.Objects;

/**
 * A tracker for service tests whose estimate for each frame comes from a script; it reports the java backend, and
 * reset and close do nothing.
 */
public final class ScriptedTracker implements FrameTracker {

  /** One frame's estimate, as {@link FrameTracker#track} gives it. */
  @FunctionalInterface
  public interface Script {
    PoseEstimate track(float[] pixels, FrameGeometry geometry, long sourceTimestampNanos);
  }

  private final Script script;

  public ScriptedTracker(Script script) {
    this.script = Objects.requireNonNull(script, "script");
  }

  @Override
  public PoseEstimate track(float[] pixels, FrameGeometry geometry, long sourceTimestampNanos) {
    return script.track(pixels, geometry, sourceTimestampNanos);
  }

  @Override
  public void reset() {}

  @Override
  public String backendName() {
    return "java";
  }

  @Override
  public void close() {}
}
