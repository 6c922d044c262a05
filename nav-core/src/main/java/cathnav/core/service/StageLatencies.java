package cathnav.core.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Per-stage latency of the pipeline: an HdrHistogram {@link Recorder} per {@link PipelineStage} (interval
 * histograms for benches and the live status line, corrected for coordinated omission with the frame interval) and
 * a Micrometer timer per stage ({@code cathnav.pipeline.latency{stage=...}}, with a percentile histogram, for
 * {@code /metrics}).
 *
 * <p>Thread-safety: {@link #record} is wait-free and may be called from any thread (the pipeline thread and the
 * event loop record different stages); {@link #interval} and {@link #cumulative} may be called from any one reader
 * thread at a time.
 */
public final class StageLatencies {

  /** Highest value tracked, ns (values above are clamped). */
  public static final long MAX_TRACKED_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Map<PipelineStage, Recorder> recorders = new EnumMap<>(PipelineStage.class);
  private final Map<PipelineStage, Histogram> cumulative = new EnumMap<>(PipelineStage.class);
  private final Map<PipelineStage, Histogram> recycled = new EnumMap<>(PipelineStage.class);
  private final Map<PipelineStage, Timer> timers = new EnumMap<>(PipelineStage.class);

  public StageLatencies(MeterRegistry registry) {
    for (PipelineStage s : PipelineStage.values()) {
      recorders.put(s, new Recorder(MAX_TRACKED_NANOS, 3));
      cumulative.put(s, new Histogram(MAX_TRACKED_NANOS, 3));
      timers.put(
          s,
          Timer.builder("cathnav.pipeline.latency")
              .description("per-stage latency of one frame, receipt to outputs sent")
              .tag("stage", s.metricTag())
              .publishPercentiles(0.5, 0.9, 0.99)
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofMillis(1))
              .maximumExpectedValue(Duration.ofSeconds(2))
              .register(registry));
    }
  }

  /**
   * Records one value.
   *
   * @param stage the stage
   * @param nanos its duration, ns (negative values are recorded as 0)
   * @param expectedIntervalNanos the frame interval, ns, for coordinated-omission correction (0 for none)
   */
  public void record(PipelineStage stage, long nanos, long expectedIntervalNanos) {
    long v = Math.max(0, Math.min(nanos, MAX_TRACKED_NANOS));
    if (expectedIntervalNanos > 0) {
      recorders.get(stage).recordValueWithExpectedInterval(v, expectedIntervalNanos);
    } else {
      recorders.get(stage).recordValue(v);
    }
    timers.get(stage).record(v, TimeUnit.NANOSECONDS);
  }

  /**
   * The values recorded since the previous call (per stage), also added to the cumulative histograms. The returned
   * histograms are owned by the caller until the next call.
   */
  public synchronized Map<PipelineStage, Histogram> interval() {
    Map<PipelineStage, Histogram> out = new EnumMap<>(PipelineStage.class);
    for (PipelineStage s : PipelineStage.values()) {
      Histogram h = recorders.get(s).getIntervalHistogram(recycled.get(s));
      cumulative.get(s).add(h);
      recycled.put(s, h);
      out.put(s, h.copy());
    }
    return out;
  }

  /** Everything recorded so far, per stage (copies). Folds in the current interval. */
  public synchronized Map<PipelineStage, Histogram> cumulative() {
    interval();
    Map<PipelineStage, Histogram> out = new EnumMap<>(PipelineStage.class);
    cumulative.forEach((s, h) -> out.put(s, h.copy()));
    return out;
  }
}
