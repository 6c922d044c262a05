package cathnav.sim.demo;

import cathnav.core.overlay.GuidanceState;
import cathnav.core.overlay.Overlay;
import cathnav.core.overlay.OverlayRole;
import cathnav.core.overlay.OverlayShape;
import cathnav.core.overlay.Readouts;
import cathnav.core.overlay.TipConstraint;
import cathnav.core.overlay.TipState;
import cathnav.core.service.FrameOutcome;
import cathnav.core.service.NavigationPipeline;
import cathnav.core.service.NavigationService;
import cathnav.core.service.OutcomeListener;
import cathnav.core.service.PipelineStage;
import cathnav.core.service.PipelineStatus;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's live status line: delivered fps, end-to-end latency p50/p99 over the last interval, registration error
 * against the simulator's truth, and the guidance state. Truth poses are registered by frame time stamp; each
 * outcome is compared with the truth of its own source frame. The lead tip drawn as confirmed ({@link
 * OverlayRole#LEAD_TIP}) and the one drawn as unconfirmed ({@link OverlayRole#LEAD_TIP_UNCONFIRMED}) are compared
 * with the truth's tip pixel of the same frame, in mm at the isocentre; outcomes are counted by tip state, and those
 * that carry tip readouts (segment under the tip or distance to target) apart.
 *
 * <p>Thread-safety: {@link #expectTruth} from the frame source thread, outcomes and stale transitions on the service
 * context, {@link #line} and the counters from any thread.
 */
public final class DemoStatus implements OutcomeListener {

  private static final Logger LOG = LoggerFactory.getLogger(DemoStatus.class);

  private final NavigationService service;
  /** A frame's true heart pose and lead tip ({@code tipPixel} null without a lead). */
  private record Truth(double[] pose, double[] tipPixel, double mmPerPixelU, double mmPerPixelV) {}

  private final Map<Long, Truth> truthByTimestamp = new ConcurrentHashMap<>();
  private final TipErrors confirmedTipErrors = new TipErrors();
  private final TipErrors readoutTipErrors = new TipErrors();
  private final TipErrors unconfirmedTipErrors = new TipErrors();
  private final Map<TipConstraint, TipErrors> readoutTipErrorsByConstraint = new EnumMap<>(TipConstraint.class);
  private final Map<TipState, AtomicLong> tipStates = new EnumMap<>(TipState.class);
  private final AtomicLong framesWithReadouts = new AtomicLong();
  private final AtomicLong outcomes = new AtomicLong();
  private final AtomicLong compared = new AtomicLong();
  private volatile double lastErrorMm = Double.NaN;
  /** The last state and guidance message logged (outcomes arrive on one thread). */
  private String lastGuidance = "";
  private volatile double maxErrorMm;
  private final AtomicLong comparedTracking = new AtomicLong();
  private volatile double maxTrackingErrorMm;
  private long lastOutcomes;
  private long lastNanos = System.nanoTime();

  private final double[] centre;
  private final Object staleLock = new Object();
  private long staleEpisodes;
  private long staleNanos;
  private long staleSinceNanos;

  /**
   * @param centre the point (RAS mm, model frame) where pose error is measured: the LV centre
   */
  public DemoStatus(NavigationService service, double[] centre) {
    this.service = service;
    this.centre = centre.clone();
    for (TipState s : TipState.values()) {
      tipStates.put(s, new AtomicLong());
    }
    for (TipConstraint c : TipConstraint.values()) {
      readoutTipErrorsByConstraint.put(c, new TipErrors());
    }
  }

  /** Remembers the true pose {@code T} (row-major 4x4) of the frame sent with {@code timestampNanos}. */
  public void expectTruth(long timestampNanos, double[] truePose) {
    truthByTimestamp.put(timestampNanos, new Truth(truePose.clone(), null, Double.NaN, Double.NaN));
  }

  /**
   * Remembers the true pose and the true lead tip of the frame sent with {@code timestampNanos}.
   *
   * @param truePose {@code T}, row-major 4x4
   * @param tipPixel the lead tip as drawn, detector {@code {u, v}}, or null without a lead
   * @param mmPerPixelU size of a detector pixel along u at the isocentre, mm
   * @param mmPerPixelV the same along v, mm
   */
  public void expectTruth(long timestampNanos, double[] truePose, double[] tipPixel, double mmPerPixelU,
      double mmPerPixelV) {
    truthByTimestamp.put(timestampNanos, new Truth(truePose.clone(), tipPixel == null ? null : tipPixel.clone(),
        mmPerPixelU, mmPerPixelV));
  }

  @Override
  public void onOutcome(FrameOutcome outcome) {
    outcomes.incrementAndGet();
    Overlay overlay = outcome.overlay();
    logGuidanceChange(overlay);
    Truth t = truthByTimestamp.remove(overlay.sourceTimestampNanos());
    boolean withReadouts = hasTipReadouts(overlay.readouts());
    if (withReadouts) {
      framesWithReadouts.incrementAndGet();
    }
    tipStates.get(overlay.readouts().tipState()).incrementAndGet();
    if (t != null && t.tipPixel() != null) {
      for (OverlayShape s : overlay.shapes()) {
        if (s instanceof OverlayShape.Marker m && (m.role() == OverlayRole.LEAD_TIP
            || m.role() == OverlayRole.LEAD_TIP_UNCONFIRMED)) {
          double e = Math.hypot((m.u() - t.tipPixel()[0]) * t.mmPerPixelU(), (m.v() - t.tipPixel()[1])
              * t.mmPerPixelV());
          if (!Double.isFinite(e)) {
            continue; // the view gave no pixel size at the isocentre
          }
          if (e > TipErrors.LARGE_MM) {
            LOG.info("lead tip off the truth, seq={}, state={}, tipState={}, errorMm={}, tip=({}, {}), truth=({}, {}),"
                + " readouts={}, tipConstraint={}", overlay.frameSequence(), overlay.readouts().state(),
                overlay.readouts().tipState().wireName(), String.format(Locale.ROOT, "%.2f", e), Math.round(m.u()),
                Math.round(m.v()), Math.round(t.tipPixel()[0]), Math.round(t.tipPixel()[1]), withReadouts,
                overlay.readouts().tipConstraint().wireName());
          }
          if (m.role() == OverlayRole.LEAD_TIP_UNCONFIRMED) {
            unconfirmedTipErrors.add(e);
          } else {
            confirmedTipErrors.add(e);
            if (withReadouts) {
              readoutTipErrors.add(e);
              readoutTipErrorsByConstraint.get(overlay.readouts().tipConstraint()).add(e);
            }
          }
        }
      }
    }
    double[] truth = t == null ? null : t.pose();
    double[] pose = overlay.pose();
    if (truth != null && pose != null) {
      lastErrorMm = displacementAt(pose, truth, centre);
      maxErrorMm = Math.max(maxErrorMm, lastErrorMm);
      compared.incrementAndGet();
      if (overlay.readouts().state() == GuidanceState.TRACKING) {
        // the clinical claim: a pose shown as reliable must be within 2 mm of the truth
        maxTrackingErrorMm = Math.max(maxTrackingErrorMm, lastErrorMm);
        comparedTracking.incrementAndGet();
      }
    }
    // frames dropped before the pipeline never produce an outcome: forget truths older than 5 s
    long horizon = overlay.sourceTimestampNanos() - 5_000_000_000L;
    truthByTimestamp.keySet().removeIf(ts -> ts < horizon);
  }

  private static boolean hasTipReadouts(Readouts r) {
    return r.segmentUnderTip() > 0 || Double.isFinite(r.distanceToTargetMm());
  }

  /** Errors of the lead tips drawn as confirmed, against the truth of their frame, mm at the isocentre. */
  public TipErrors confirmedTipErrors() {
    return confirmedTipErrors;
  }

  /** Errors of the lead tips behind a frame's readouts (segment under tip, distance), mm at the isocentre. */
  public TipErrors readoutTipErrors() {
    return readoutTipErrors;
  }

  /** Errors of the lead tips drawn as unconfirmed ("tip?"), mm at the isocentre: what the gate kept from readouts. */
  public TipErrors unconfirmedTipErrors() {
    return unconfirmedTipErrors;
  }

  /**
   * Errors of the lead tips behind readouts placed with {@code constraint} (on a vein, at the target's depth, by ray),
   * mm at the isocentre.
   */
  public TipErrors readoutTipErrors(TipConstraint constraint) {
    return readoutTipErrorsByConstraint.get(constraint);
  }

  /** Outcomes whose readouts gave the lead tip {@code state}. */
  public long framesWithTipState(TipState state) {
    return tipStates.get(state).get();
  }

  /** Outcomes that carried tip readouts (a segment under the tip or a distance to the target). */
  public long framesWithReadouts() {
    return framesWithReadouts.get();
  }

  /** Distance between where poses {@code a} and {@code b} (row-major 4x4) put the model point {@code c}, mm. */
  public static double displacementAt(double[] a, double[] b, double[] c) {
    double s = 0;
    for (int r = 0; r < 3; r++) {
      double pa = a[4 * r] * c[0] + a[4 * r + 1] * c[1] + a[4 * r + 2] * c[2] + a[4 * r + 3];
      double pb = b[4 * r] * c[0] + b[4 * r + 1] * c[1] + b[4 * r + 2] * c[2] + b[4 * r + 3];
      s += (pa - pb) * (pa - pb);
    }
    return Math.sqrt(s);
  }

  /** Largest error seen so far, mm. */
  public double maxErrorMm() {
    return maxErrorMm;
  }

  /** Largest error of an outcome shown as TRACKING, mm (0 before the first). */
  public double maxTrackingErrorMm() {
    return maxTrackingErrorMm;
  }

  /** Outcomes shown as TRACKING and compared with a truth so far. */
  public long comparedTracking() {
    return comparedTracking.get();
  }

  /** Outcomes compared with a truth so far. */
  public long compared() {
    return compared.get();
  }

  @Override
  public void onProblem(int code, String errorName, String message) {}

  @Override
  public void onStale(boolean stale, PipelineStatus status) {
    long now = System.nanoTime();
    synchronized (staleLock) {
      if (stale && staleSinceNanos == 0) {
        staleSinceNanos = now;
        staleEpisodes++;
      } else if (!stale && staleSinceNanos != 0) {
        staleNanos += now - staleSinceNanos;
        staleSinceNanos = 0;
      }
    }
  }

  /** STALE episodes so far (transitions from live to stale reported by the service). */
  public long staleEpisodes() {
    synchronized (staleLock) {
      return staleEpisodes;
    }
  }

  /** Total time the service reported the source stale so far, seconds (an episode still open counts to now). */
  public double staleSeconds() {
    synchronized (staleLock) {
      long open = staleSinceNanos == 0 ? 0 : System.nanoTime() - staleSinceNanos;
      return (staleNanos + open) / 1e9;
    }
  }

  /** Logs the overlay's state and what it says (its lead-tip sentence aside) whenever either changes. */
  private void logGuidanceChange(Overlay overlay) {
    String guidance = overlay.readouts().state() + ": "
        + NavigationPipeline.guidanceMessage(overlay.readouts().message());
    if (!guidance.equals(lastGuidance)) {
      lastGuidance = guidance;
      LOG.info("guidance, seq={}, state={}, message={}", overlay.frameSequence(), overlay.readouts().state(),
          NavigationPipeline.guidanceMessage(overlay.readouts().message()));
    }
  }

  /** Outputs produced so far. */
  public long outcomes() {
    return outcomes.get();
  }

  /** The status line for the time since the previous call. */
  public synchronized String line() {
    long now = System.nanoTime();
    long n = outcomes.get();
    double fps = (n - lastOutcomes) / ((now - lastNanos) / 1e9);
    lastOutcomes = n;
    lastNanos = now;
    Histogram total = service.latencies().interval().get(PipelineStage.TOTAL);
    PipelineStatus s = service.status();
    String state = service.health().getString("state");
    return String.format(Locale.ROOT,
        "fps %5.1f | latency p50 %6.1f ms p99 %6.1f ms | error %s | state %-11s | backend %s%s | frames %d dropped %d",
        fps, total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(50) / 1e6,
        total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(99) / 1e6,
        Double.isNaN(lastErrorMm) ? "   -   " : String.format(Locale.ROOT, "%5.1f mm", lastErrorMm), state,
        s.backend(), s.backendFallback() ? " (fallback)" : "", s.framesProcessed(), service.droppedFrames());
  }
}
