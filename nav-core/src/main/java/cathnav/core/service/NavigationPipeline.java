package cathnav.core.service;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.GuidanceState;
import cathnav.core.overlay.Overlay;
import cathnav.core.overlay.OverlayProjector;
import cathnav.core.overlay.OverlayRole;
import cathnav.core.overlay.OverlayShape;
import cathnav.core.overlay.Readouts;
import cathnav.core.overlay.TipConstraint;
import cathnav.core.overlay.TipState;
import cathnav.gpu.Projection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The procedure's pipeline: one frame at a time from the {@link LatestFrameSlot}, converted, tracked, lead tip
 * found, overlay built, results handed to the {@link GuidanceSink}. Runs as a {@link DutyCycleAgent} on its own
 * thread and owns the tracker (and so the compute backend), the pose state and the failure policy.
 *
 * <p>Thread-safety: {@link #submit} and {@link #status()} may be called from any thread; everything else runs on the
 * pipeline thread. Control commands are applied between frames.
 *
 * <p>Lead tip: the detector is reset whenever the view changes (the frame's projection differs from the previous
 * frame's, {@link ViewChange}); its tip is judged by {@link TipGate}. Only a confirmed tip of this view, recent enough,
 * gives readouts (segment under the tip, distance to the target) and is drawn as {@link OverlayRole#LEAD_TIP}, unless
 * it jumped further from the last accepted one than a lead moves ({@link TipJumpGuard}: then it counts as
 * unconfirmed); an unconfirmed one is drawn as an open "tip?" ring without readouts; a stale one is not drawn. The readouts say which
 * ({@link TipState}), and the message says why readouts are withheld.
 *
 * <p>Backend failure: when the tracker throws while on a backend other than {@code java}, the pipeline closes it,
 * opens a {@code java} tracker, reports {@code BACKEND_FALLBACK} through the sink, tracks the frame again and goes
 * on; every later overlay says {@code backendFallback=true}.
 */
public final class NavigationPipeline implements DutyCycleAgent {

  private static final Logger LOG = LoggerFactory.getLogger(NavigationPipeline.class);
  /** Unreliable (amber) colour of model shapes, RGBA. */
  public static final int AMBER = 0xFFB000FF;
  /** Readout/STATUS message for an amber overlay whose pose the tracker could not verify against the image. */
  public static final String UNVERIFIED_MESSAGE =
      "motion-compensated pose, heart position not verified: do not rely on the overlay";
  /** The amber overlay's message while the C-arm moves or the pose is being re-checked in its new view. */
  public static final String CARM_MOVING_MESSAGE =
      "C-arm moving: last pose shown, re-checked once the view is still; do not rely on the overlay";
  /** Status code for problems (OpenIGTLink STATUS codes). */
  static final int STATUS_UNKNOWN_ERROR = 2;
  /** Frames whose poses are kept for placing a lead tip seen in one of them. */
  static final int POSE_HISTORY = 16;
  static final int STATUS_CONFIG_ERROR = 10;
  static final int STATUS_HARDWARE_FAILURE = 18;

  private final LatestFrameSlot<ReceivedFrame> slot;
  private final GuidanceSink sink;
  private final StageLatencies latencies;
  private final TrackerFactory trackerFactory;
  private final LeadTipDetector leadDetector;
  private final String requestedBackend;
  private final int displayMaxSize;
  private final Queue<PipelineCommand> commands = new ConcurrentLinkedQueue<>();
  /** Frames per lead tip state, indexed by {@link TipState#ordinal()}; written by the pipeline thread only. */
  private final AtomicLongArray tipStateFrames = new AtomicLongArray(TipState.values().length);
  private final AtomicLong leadResets = new AtomicLong();

  // pipeline thread state
  private final GuidancePolicy policy;
  private final OverlayProjector projector = new OverlayProjector();
  private final FrameIntervalEstimator intervals = new FrameIntervalEstimator();
  private ProcedureModel model;
  private FrameTracker tracker;
  private int targetSegment;
  private boolean fallback;
  private String fallbackReason = "";
  private String trackerProblem = "";
  private float[] pixels = new float[0];
  /** The previous frame's view, null before the first frame. */
  private Projection lastView;
  private final TipJumpGuard tipJumps = new TipJumpGuard();
  /** The confirmed tip handed to the projector, reused frame to frame. */
  private final float[] confirmedTip = new float[2];
  /**
   * The poses drawn with the last {@link #POSE_HISTORY} frames (null: none), slot {@code sequence % POSE_HISTORY}, and
   * the source time of the registration each was followed from: a confirmed tip is placed with the pose of the frame
   * it was seen in, at most a few frames back, where both follow one registration.
   */
  private final double[][] recentPoses = new double[POSE_HISTORY][];
  private final long[] recentPoseSequences = new long[POSE_HISTORY];
  private final long[] recentPoseRegistrations = new long[POSE_HISTORY];
  private long processed;
  private long failed;
  private volatile PipelineStatus status;

  /**
   * @param slot where frames arrive
   * @param sink where results go
   * @param latencies per-stage latency
   * @param trackerFactory opens trackers for a model and backend
   * @param leadDetector finds the lead tip
   * @param requestedBackend the backend to use ({@code java}, {@code opencl}, {@code cuda}, {@code auto})
   * @param policy the failure policy
   * @param displayMaxSize longest side of display images, pixels
   */
  public NavigationPipeline(
      LatestFrameSlot<ReceivedFrame> slot,
      GuidanceSink sink,
      StageLatencies latencies,
      TrackerFactory trackerFactory,
      LeadTipDetector leadDetector,
      String requestedBackend,
      GuidancePolicy policy,
      int displayMaxSize) {
    this.slot = Objects.requireNonNull(slot, "slot");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.latencies = Objects.requireNonNull(latencies, "latencies");
    this.trackerFactory = Objects.requireNonNull(trackerFactory, "trackerFactory");
    this.leadDetector = Objects.requireNonNull(leadDetector, "leadDetector");
    this.requestedBackend = Objects.requireNonNull(requestedBackend, "requestedBackend");
    this.policy = Objects.requireNonNull(policy, "policy");
    if (displayMaxSize < 16) {
      throw new IllegalArgumentException("display size too small, displayMaxSize=" + displayMaxSize);
    }
    this.displayMaxSize = displayMaxSize;
    this.status = PipelineStatus.initial(requestedBackend);
  }

  @Override
  public String roleName() {
    return "pipeline";
  }

  /** Queues a control command; applied by the pipeline thread before the next frame. */
  public void submit(PipelineCommand command) {
    commands.add(Objects.requireNonNull(command, "command"));
  }

  /** Frames processed whose lead tip was in {@code state} ({@link TipGate}), so far. Any thread. */
  public long framesWithTipState(TipState state) {
    return tipStateFrames.get(state.ordinal());
  }

  /** Times the lead detector was reset for a view change, so far. Any thread. */
  public long leadDetectorResets() {
    return leadResets.get();
  }

  /** The latest snapshot. */
  public PipelineStatus status() {
    return status;
  }

  @Override
  public int doWork() {
    int work = applyCommands();
    ReceivedFrame frame = slot.poll();
    if (frame == null) {
      return work;
    }
    try {
      process(frame);
    } catch (RuntimeException e) {
      failed++;
      LOG.warn("frame failed, seq={}, device={}, peer={}, error={}", frame.sequence(), frame.device(), frame.peer(),
          e.toString(), e);
      sink.problem(STATUS_UNKNOWN_ERROR, "FRAME_FAILED",
          "frame " + frame.sequence() + " from " + frame.peer() + " could not be processed: " + e.getMessage());
      publishStatus(policy.state(), e.toString());
    }
    return work + 1;
  }

  private int applyCommands() {
    int n = 0;
    PipelineCommand c;
    while ((c = commands.poll()) != null) {
      n++;
      if (c instanceof PipelineCommand.LoadModel load) {
        closeTracker();
        model = load.model();
        targetSegment = model.targetSegment();
        policy.reset();
        forgetPoses();
        trackerProblem = "";
        try {
          openTracker(requestedBackend);
        } catch (RuntimeException e) {
          // the model is still drawn nowhere: without a tracker there is no pose, frames say why
          trackerProblem = "cannot register with this model: " + e.getMessage();
          LOG.warn("tracker not opened, model={}, backend={}, error={}", model.name(), requestedBackend, e.toString());
          sink.problem(STATUS_CONFIG_ERROR, "NO_REGISTRATION", trackerProblem);
        }
        LOG.info("model loaded, name={}, target={}, backend={}", model.name(), targetSegment, backendName());
        sink.modelChanged(model);
      } else if (c instanceof PipelineCommand.SetTarget target) {
        targetSegment = target.segment();
        LOG.info("target segment set, target={}", targetSegment);
      } else if (c instanceof PipelineCommand.ResetRegistration) {
        policy.reset();
        forgetPoses();
        if (tracker != null) {
          tracker.reset();
        }
        LOG.info("registration reset, model={}", model == null ? "" : model.name());
      }
      publishStatus(policy.state(), "");
    }
    return n;
  }

  private void openTracker(String backend) {
    try {
      tracker = trackerFactory.open(model, backend);
    } catch (RuntimeException e) {
      if ("java".equals(backend)) {
        throw e;
      }
      fallBack(backend, e);
      tracker = trackerFactory.open(model, "java");
    }
  }

  private void fallBack(String from, RuntimeException cause) {
    fallback = true;
    fallbackReason = "backend " + from + " failed (" + cause.getMessage() + "); running on java";
    LOG.warn("compute backend fallback, from={}, to=java, reason={}", from, cause.toString());
    sink.problem(STATUS_HARDWARE_FAILURE, "BACKEND_FALLBACK", fallbackReason);
  }

  private void closeTracker() {
    if (tracker != null) {
      try {
        tracker.close();
      } catch (RuntimeException e) {
        LOG.warn("tracker close failed, backend={}, error={}", tracker.backendName(), e.toString());
      }
      tracker = null;
    }
  }

  private void process(ReceivedFrame frame) {
    long t0 = System.nanoTime();
    long interval = intervals.onFrame(frame.sourceTimestampNanos());
    latencies.record(PipelineStage.HANDOFF, t0 - frame.receivedNanos(), 0);
    FrameGeometry geometry = frame.geometry();
    int w = geometry.width();
    int h = geometry.height();
    try {
      if (pixels.length != w * h) {
        pixels = new float[w * h];
      }
      frame.pixels().copyTo(pixels);
    } finally {
      frame.release(); // the network buffer goes back as soon as the pixels are converted
    }
    long t1 = System.nanoTime();
    latencies.record(PipelineStage.PREPROCESS, t1 - t0, 0);

    PoseEstimate estimate = track(geometry, frame.sourceTimestampNanos());
    long t2 = System.nanoTime();
    latencies.record(PipelineStage.TRACK, t2 - t1, 0);

    Projection view = geometry.projection();
    if (ViewChange.changed(lastView, view)) {
      leadDetector.reset(); // a tip tracked in the old view means nothing in this one
      tipJumps.reset();
      leadResets.incrementAndGet();
      LOG.debug("view changed: lead detector reset, seq={}", frame.sequence());
    }
    lastView = view;
    CArmGeometry carm = geometry.cArm();
    // the detector looks for the lead's ring electrode as far behind the tip as this pixel size puts it
    double tipMmPerPixel = carm != null ? carm.mmPerPixelAtIsocenterU() : Double.NaN;
    LeadTip tip = leadDetector.detect(pixels,
        new LeadTipFrame(frame.sequence(), frame.sourceTimestampNanos(), view, tipMmPerPixel));
    TipState tipState = TipGate.classify(tip, frame.sequence(), frame.sourceTimestampNanos(), view, interval);
    boolean jumped = false;
    if (tipState == TipState.CONFIRMED) {
      // without C-arm parameters the detector's pixel spacing: larger than at the isocentre, so a stricter bound
      double mmU = carm != null ? carm.mmPerPixelAtIsocenterU() : geometry.pixelSpacingU();
      double mmV = carm != null ? carm.mmPerPixelAtIsocenterV() : geometry.pixelSpacingV();
      if (!tipJumps.accept(tip, mmU, mmV, TipGate.maxAgeNanos(interval))) {
        jumped = true;
        tipState = TipState.UNCONFIRMED;
        LOG.debug("lead tip jumped: not confirmed, seq={}, tip=({}, {})", frame.sequence(), tip.u(), tip.v());
      }
    }
    tipStateFrames.incrementAndGet(tipState.ordinal());
    float[] confirmed = null;
    if (tipState == TipState.CONFIRMED) {
      confirmedTip[0] = tip.u();
      confirmedTip[1] = tip.v();
      confirmed = confirmedTip;
    }
    long t3 = System.nanoTime();
    latencies.record(PipelineStage.LEAD, t3 - t2, 0);

    GuidanceState state = model == null ? GuidanceState.REGISTERING : policy.onFrame(estimate);
    List<OverlayShape> shapes = new ArrayList<>();
    int segmentUnderTip = 0;
    double distance = Double.NaN;
    TipConstraint tipConstraint = TipConstraint.NONE;
    double[] pose = estimate.pose();
    long registeredAt = frame.sourceTimestampNanos() - estimate.poseAgeNanos();
    rememberPose(frame.sequence(), pose, registeredAt);
    if (model != null && pose != null) {
      // the tip was seen a frame or two back (the detector runs behind): placed with that frame's pose, its segment
      // and distance are where the detector saw it, whatever the heart has done since; only where both poses follow
      // one registration, so that the difference is the heart's motion, not a new registration's correction
      double[] tipPose = confirmed != null ? poseOf(tip.frame().sequence(), registeredAt) : null;
      OverlayProjector.Projected p = projector.project(model.guidance(), view, pose, targetSegment, confirmed,
          tipPose != null ? tipPose : pose);
      segmentUnderTip = p.segmentUnderTip();
      distance = p.distanceToTargetMm();
      tipConstraint = p.tip().constraint();
      if (state.overlayVisible()) {
        for (OverlayShape s : p.shapes()) {
          shapes.add(state == GuidanceState.UNRELIABLE && s.role() != OverlayRole.LEAD_TIP ? amber(s) : s);
        }
      } else {
        // hidden model: the lead tip stays visible where the image shows it (no pose to move it with)
        if (confirmed != null) {
          shapes.add(new OverlayShape.Marker(OverlayRole.LEAD_TIP, confirmed[0], confirmed[1],
              OverlayProjector.TIP_RADIUS_PX, OverlayRole.LEAD_TIP.rgba()));
        }
        segmentUnderTip = 0;
        distance = Double.NaN;
        tipConstraint = TipConstraint.NONE;
      }
    } else if (confirmed != null) {
      shapes.add(new OverlayShape.Marker(OverlayRole.LEAD_TIP, confirmed[0], confirmed[1],
          OverlayProjector.TIP_RADIUS_PX, OverlayRole.LEAD_TIP.rgba()));
    }
    if (tipState == TipState.UNCONFIRMED) {
      OverlayProjector.addUnconfirmedTip(shapes, tip.u(), tip.v());
    }
    String message = withTipMessage(model == null ? "no patient model loaded"
        : tracker == null ? trackerProblem : stateMessage(state, estimate), tipState, jumped);
    long t4 = System.nanoTime();
    latencies.record(PipelineStage.OVERLAY, t4 - t3, 0);
    Readouts readouts = new Readouts(segmentUnderTip, distance, targetSegment, estimate.confidence(),
        estimate.poseAgeNanos(), t4 - frame.receivedNanos(), state, backendName(), fallback, message, tipConstraint,
        tipState);
    Overlay overlay = new Overlay(frame.sequence(), frame.sourceTimestampNanos(), interval, w, h,
        state.overlayVisible() ? pose : null, shapes, readouts);
    sink.publish(new FrameOutcome(overlay, geometry, frame.receivedNanos(), t4));
    processed++;
    publishStatus(state, message, frame, interval);
    if (sink.displaysWanted()) {
      sink.publishDisplay(DisplayImages.toDisplay(overlay, pixels, w, h, displayMaxSize));
    }
  }

  private PoseEstimate track(FrameGeometry geometry, long timestamp) {
    if (model == null || tracker == null) {
      return new PoseEstimate(PoseEstimate.TrackerPhase.REGISTERING, null, 0, 0, 0);
    }
    try {
      return tracker.track(pixels, geometry, timestamp);
    } catch (RuntimeException e) {
      if ("java".equals(tracker.backendName())) {
        throw e;
      }
      String from = tracker.backendName();
      closeTracker();
      fallBack(from, e);
      tracker = trackerFactory.open(model, "java");
      return tracker.track(pixels, geometry, timestamp);
    }
  }

  /**
   * The amber overlay's message for an unverified pose whose tracker says what verification waits for ({@link
   * PoseEstimate#waitingFor()}); {@link #UNVERIFIED_MESSAGE} when it does not say.
   */
  public static String unverifiedMessage(String waitingFor) {
    return waitingFor.isEmpty() ? UNVERIFIED_MESSAGE
        : "heart position not verified (" + waitingFor + "): do not rely on the overlay";
  }

  private String stateMessage(GuidanceState state, PoseEstimate estimate) {
    String m =
        switch (state) {
          case REGISTERING -> "registering";
          case TRACKING -> "";
          case UNRELIABLE -> switch (estimate.phase()) {
            case UNVERIFIED -> unverifiedMessage(estimate.waitingFor());
            case CARM_MOVING -> CARM_MOVING_MESSAGE;
            default -> "low registration confidence: do not rely on the overlay";
          };
          case LOST -> "registration lost: overlay hidden until re-registration";
          case STALE -> "no new frames";
        };
    if (fallback) {
      return m.isEmpty() ? fallbackReason : m + "; " + fallbackReason;
    }
    return m;
  }

  /** Readout/STATUS message added when a lead tip is seen but gives no readouts because it is not confirmed. */
  public static final String UNCONFIRMED_TIP_MESSAGE = "lead tip not confirmed: segment and distance withheld";
  /** Readout/STATUS message added when the newest lead tip is too old or from another view. */
  public static final String STALE_TIP_MESSAGE = "lead tip not current: segment and distance withheld";

  /** Readout/STATUS message added when a confirmed tip jumped further than a lead moves ({@link TipJumpGuard}). */
  public static final String JUMPED_TIP_MESSAGE = "lead tip jumped further than a lead moves: segment and distance"
      + " withheld";

  /**
   * The guidance part of a readout message: {@code message} without the lead-tip sentence that {@link #withTipMessage}
   * appends (what the overlay's state says, for a display or a log that follows it apart from the tip's).
   */
  public static String guidanceMessage(String message) {
    for (String tip : new String[] {UNCONFIRMED_TIP_MESSAGE, STALE_TIP_MESSAGE, JUMPED_TIP_MESSAGE}) {
      if (message.equals(tip)) {
        return "";
      }
      if (message.endsWith("; " + tip)) {
        return message.substring(0, message.length() - tip.length() - 2);
      }
    }
    return message;
  }

  private void rememberPose(long sequence, double[] pose, long registeredAt) {
    int slot = (int) Math.floorMod(sequence, (long) POSE_HISTORY);
    recentPoseSequences[slot] = sequence;
    recentPoses[slot] = pose;
    recentPoseRegistrations[slot] = registeredAt;
  }

  /**
   * The pose drawn with frame {@code sequence} if it followed the registration made at {@code registeredAt} (source
   * time, ns); null when it had none, followed another registration or is no longer kept.
   */
  private double[] poseOf(long sequence, long registeredAt) {
    int slot = (int) Math.floorMod(sequence, (long) POSE_HISTORY);
    return recentPoseSequences[slot] == sequence && recentPoseRegistrations[slot] == registeredAt
        ? recentPoses[slot] : null;
  }

  private void forgetPoses() {
    java.util.Arrays.fill(recentPoses, null);
  }

  private static String withTipMessage(String m, TipState tipState, boolean jumped) {
    String tip = switch (tipState) {
      case UNCONFIRMED -> jumped ? JUMPED_TIP_MESSAGE : UNCONFIRMED_TIP_MESSAGE;
      case STALE -> STALE_TIP_MESSAGE;
      case CONFIRMED, NONE -> "";
    };
    return tip.isEmpty() ? m : m.isEmpty() ? tip : m + "; " + tip;
  }

  private String backendName() {
    return tracker == null ? requestedBackend : tracker.backendName();
  }

  private static OverlayShape amber(OverlayShape s) {
    if (s instanceof OverlayShape.Polygon p) {
      return new OverlayShape.Polygon(p.role(), p.uv(), p.filled(), p.filled() ? (AMBER & 0xFFFFFF00) | 0x60 : AMBER);
    }
    if (s instanceof OverlayShape.Polyline p) {
      return new OverlayShape.Polyline(p.role(), p.uv(), AMBER);
    }
    return s;
  }

  private void publishStatus(GuidanceState state, String message) {
    PipelineStatus s = status;
    status = new PipelineStatus(processed, failed, state, backendName(), fallback, message,
        model == null ? "" : model.name(), targetSegment, s.lastReceivedNanos(), s.lastSourceTimestampNanos(),
        s.frameIntervalNanos());
  }

  private void publishStatus(GuidanceState state, String message, ReceivedFrame frame, long interval) {
    status = new PipelineStatus(processed, failed, state, backendName(), fallback, message,
        model == null ? "" : model.name(), targetSegment, frame.receivedNanos(), frame.sourceTimestampNanos(),
        interval);
  }

  @Override
  public void onClose() {
    closeTracker();
    leadDetector.close();
    slot.close();
  }
}
