package cathnav.core.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a pacing lead, guidewire or catheter in fluoroscopy frames and tracks its tip from frame to frame.
 *
 * <p>Per frame: the collimated field is found and trimmed ({@link FieldOfView}); the multi-scale valley filter
 * ({@link RidgeMap}) marks thin dark structures of the raw intensity in units of the frame's own noise, averaged
 * along each valley; the strongest valley points seed centreline traces, each followed in both directions along the
 * valley, re-centred across it at every step, bridging gaps of a few pixels and stopping at sharp turns or the
 * field's edge. Each trace scores what it collects above the noise level; the best is the wire. Which end is the
 * tip: the end nearest the previous tip when tracking; otherwise an end with a tip electrode (far darker than the
 * body), then an end that faded out inside the field rather than at its edge or under a crossing structure, and
 * between alike ends the lower one (leads come in through the superior veins; v points inferiorly). The tip itself
 * is placed from the image by {@link TipLocator} (half-darkness end of the wire, less its half-width).
 *
 * <p>Tracking: with a previous detection only the neighbourhood of its distal part is filtered and seeds are taken
 * near its centreline (the whole frame is searched when nothing is found there), and the tip moves along the wire by
 * a bounded step per detection. With {@link LeadDetectorOptions#requireTipElectrode()} a wire whose end shows no
 * electrode is not reported: the best-scoring traces are tried in turn for one ending in a tip electrode (a lead's
 * distal stretch beyond a dark region may be short, down to 60 % of the least length when its end is a free tip
 * electrode), and a trace that stopped at the ring electrode is taken on to the tip electrode ahead of it
 * ({@link TipEnd}); where no wire is traced, a tip with its own evidence (the ring seen behind it) is kept from the
 * lead's two electrodes alone while they show at the remembered offset ({@link ElectrodePairTrack}: over a dark region
 * the body is lost in the noise before the platinum electrodes are). With {@link LeadDetectorOptions#confirmLock()} a
 * fresh lock is reported from the next frame that confirms it.
 *
 * <p>Each detection says how far the detector's own evidence supports its tip ({@link LeadDetection#tipConfidence()},
 * {@link LeadDetection#tipConfirmed()}; rule in {@link TipConfirmation}): a free tip electrode at the end (compact
 * dark spot, no second one ahead, no valley going on), seen and agreeing over two detections since the last
 * {@link #reset()}, which the caller makes when the projection changes, with the lead's ring electrode seen behind
 * the tip in at least one of them (looked for as far back as a bipolar lead has it, in pixels of the frame's pixel
 * size at the isocentre).
 *
 * <p>Thread-safety: one instance per frame stream, used by one thread (the pipeline thread); it keeps the previous
 * detection and its work buffers.
 */
public final class LeadDetector {

  private static final Logger LOG = LoggerFactory.getLogger(LeadDetector.class);
  private static final int MAX_SEEDS = 10;
  private static final double STEP = 1.0;
  private static final int MAX_GAP_STEPS = 14;
  private static final int EDGE_BAND_PX = 11;
  /** Strengths above this many noise units count alike when scoring a trace. */
  private static final double CAP_SNR = 6;
  /** Least depth (log units) of a tip electrode, and how much darker than the other end it must be. */
  private static final double ELECTRODE_DEPTH = 0.15;
  private static final double ELECTRODE_RATIO = 2;
  /** Length of the previous wire's distal part whose neighbourhood is searched while tracking, pixels. */
  private static final double TRACKED_LENGTH_PX = 320;
  /** Least mean along-valley strength (noise units) of a reported wire: below it, a chain of noise valleys. */
  private static final double MIN_MEAN_SNR = 1.2;
  /** What a trace through noise alone collects per point, noise units; subtracted when scoring. */
  private static final double NOISE_SNR = 0.8;
  /** A pacing lead's trace this fraction of the least length is kept when it ends in a free tip electrode. */
  private static final double SHORT_LEAD_FRACTION = 0.6;
  /** Best-scoring traces tried in turn for one ending in a tip electrode (pacing lead). */
  private static final int ELECTRODE_CANDIDATES = 4;
  /** How many times a trace that stopped at one electrode is taken on to another ahead of it. */
  private static final int MAX_ELECTRODE_STEPS = 2;
  /** A reported tip this close to where the image puts it is the image's tip, pixels (under 1 mm). */
  private static final double TIP_FROM_IMAGE_PX = 2;
  /**
   * Pixel size at the isocentre assumed when the caller does not give one, mm: the finest the detector is tuned for
   * (about 512 pixels across a 20 cm field, magnified 1.5 times), so the ring electrode is looked for far enough back.
   */
  public static final double TYPICAL_MM_PER_PIXEL = 0.25;

  private final LeadDetectorOptions options;
  private final TipLocator tipLocator = new TipLocator();
  private final TipTrack tipTrack = new TipTrack();
  private final TipConfirmation confirmation = new TipConfirmation();
  private final ElectrodePairTrack pairTrack = new ElectrodePairTrack();
  private RidgeMap ridges;
  /** How far behind the tip the ring electrode is looked for in the current frame, pixels. */
  private int ringReachPx;
  private LeadDetection previous;
  /** The previous detection was a fresh lock not yet confirmed (not reported). */
  private boolean pending;

  public LeadDetector(LeadDetectorOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Forgets the previous detection (after a C-arm move or a scene change). */
  public void reset() {
    previous = null;
    pending = false;
    tipTrack.reset();
    confirmation.reset();
    pairTrack.reset();
  }

  /**
   * Detects the wire in one frame of raw detector intensities (bright where little attenuates; any gain and bit
   * depth), row-major {@code width * height}; the array is only read. The pixel size at the isocentre is taken as
   * {@value #TYPICAL_MM_PER_PIXEL} mm.
   */
  public LeadDetection detect(float[] raw, int width, int height) {
    return detect(raw, width, height, TYPICAL_MM_PER_PIXEL);
  }

  /**
   * Detects the wire in one frame, as {@link #detect(float[], int, int)}, with the frame's pixel size at the
   * isocentre in mm (of the pixels handed in: after any binning), which sets how far behind the tip the lead's ring
   * electrode is looked for.
   */
  public LeadDetection detect(float[] raw, int width, int height, double mmPerPixel) {
    if (width < 16 || height < 16 || raw.length != width * height) {
      throw new IllegalArgumentException("frame size mismatch, width=" + width + ", height=" + height + ", pixels="
          + raw.length);
    }
    if (!(mmPerPixel >= 0.02 && mmPerPixel <= 5)) {
      throw new IllegalArgumentException("pixel size at the isocentre must be within 0.02..5 mm, mmPerPixel="
          + mmPerPixel);
    }
    ringReachPx = TipEnd.ringReachPx(mmPerPixel);
    if (ridges == null || ridges.width != width || ridges.height != height) {
      ridges = new RidgeMap(width, height);
      reset();
    }
    long t0 = System.nanoTime();
    FieldOfView fov = FieldOfView.of(raw, width, height, options.fovMarginPx());
    long t1 = System.nanoTime();
    Traced traced = null;
    boolean whole = true;
    if (previous != null && previous.found()) {
      // tracking: only the neighbourhood of the previous wire's distal part is filtered
      int[] roi = regionAround(previous, width, height);
      ridges.compute(raw, fov.mask, options.scales(), options.minContrast(), roi[0], roi[1], roi[2], roi[3]);
      traced = trace(fov, previous);
      whole = false;
      if (!traced.wire().found()) {
        traced = electrodePair();
      }
    }
    if (traced == null || !traced.wire().found()) {
      ridges.compute(raw, fov.mask, options.scales(), options.minContrast());
      traced = trace(fov, null);
      whole = true;
      if (!traced.wire().found()) {
        traced = electrodePair();
      }
    }
    LeadDetection result = traced.wire();
    result = result.withTipConfidence(confirmation.update(traced.evidence()));
    TipConfirmation.Evidence ev = traced.evidence();
    if (ev.own() && ev.ringSeen() && (result.tipConfirmed() || traced.fromPair())) {
      pairTrack.remember(ev.tipU(), ev.tipV(), traced.ring().u(), traced.ring().v());
    } else {
      pairTrack.age();
    }
    long t2 = System.nanoTime();
    LOG.trace("lead timing, fovMs={}, detectMs={}, wholeFrame={}", (t1 - t0) / 1e6, (t2 - t1) / 1e6, whole);
    LeadDetection reported = result;
    // a fresh lock (or a tip tracked from an unconfirmed one) is reported once a following frame puts the tip at
    // the same place
    boolean confirmed = !options.confirmLock() || (!whole && !pending) || confirms(result, previous);
    if (result.found() && !confirmed) {
      reported = LeadDetection.none();
      pending = true;
    } else {
      pending = false;
    }
    previous = result;
    result = reported;
    LOG.debug("lead detection, found={}, lengthPx={}, tip=({}, {}), tipConfidence={}", result.found(),
        Math.round(result.lengthPx()), Math.round(result.tipU()), Math.round(result.tipV()), result.tipConfidence());
    return result;
  }

  /**
   * A traced wire, what it shows about its tip, the ring electrode seen behind the tip, and whether it was found as
   * an electrode pair ({@link ElectrodePairTrack}) rather than traced.
   */
  private record Traced(LeadDetection wire, TipConfirmation.Evidence evidence, TipEnd.Ring ring, boolean fromPair) {
    static final Traced NONE = new Traced(LeadDetection.none(), TipConfirmation.Evidence.NONE, TipEnd.Ring.NONE, false);
  }

  private Traced trace(FieldOfView fov, LeadDetection near) {
    int w = ridges.width;
    int h = ridges.height;
    float[] s = ridges.coherence;
    boolean[] nearMask = near == null ? null : dilate(near.centreline(), w, h, options.searchRadiusPx());
    List<int[]> candidates = new ArrayList<>();
    for (int y = Math.max(2, ridges.y0()); y < Math.min(h - 2, ridges.y1()); y++) {
      for (int x = Math.max(2, ridges.x0()); x < Math.min(w - 2, ridges.x1()); x++) {
        int i = y * w + x;
        if (s[i] <= 0) {
          continue;
        }
        double a = ridges.sample(s, x + ridges.normalU[i], y + ridges.normalV[i]);
        double b = ridges.sample(s, x - ridges.normalU[i], y - ridges.normalV[i]);
        if (s[i] < a || s[i] < b) {
          continue;
        }
        if (nearMask != null && !nearMask[i]) {
          continue;
        }
        candidates.add(new int[] {x, y});
      }
    }
    if (candidates.isEmpty()) {
      return Traced.NONE;
    }
    // strengths are signal-to-noise ratios (RidgeMap): the thresholds are fixed multiples of the noise
    double ref = CAP_SNR;
    double low = options.traceSnr();
    candidates.sort((p, q) -> Float.compare(s[q[1] * w + q[0]], s[p[1] * w + p[0]]));

    boolean[] covered = new boolean[w * h];
    int tracedCount = 0;
    List<Trace> traces = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (int[] c : candidates) {
      if (tracedCount >= MAX_SEEDS || s[c[1] * w + c[0]] < options.seedSnr()) {
        break;
      }
      if (covered[c[1] * w + c[0]]) {
        continue; // already on a traced wire
      }
      Trace tr = traceFrom(fov, c[0], c[1], low);
      float[] path = tr.points();
      tracedCount++;
      mark(covered, path, w, h, 3);
      double score = 0;
      for (int k = 0; k < path.length; k += 2) {
        // with a previous wire, only the part that stays near it counts (a trace may run off along a crossing)
        if (nearMask == null || nearMask[index(path[k], path[k + 1], w, h)]) {
          // noise valleys average about the tracing threshold: only what stands above it adds up
          score += Math.min(ref, ridges.sample(s, path[k], path[k + 1])) - NOISE_SNR;
        }
      }
      if (score > 0) {
        traces.add(tr);
        scores.add(score);
      }
    }
    // the best-scoring trace is the wire; a pacing lead's may be a shorter one, ending in its tip electrode, where
    // the best runs along the lead's body and fades in a dark region before the tip
    Integer[] order = new Integer[traces.size()];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(scores.get(b), scores.get(a)));
    int tries = options.requireTipElectrode() ? Math.min(order.length, ELECTRODE_CANDIDATES) : Math.min(order.length, 1);
    for (int k = 0; k < tries; k++) {
      Traced t = evaluate(fov, near, traces.get(order[k]), scores.get(order[k]));
      if (t.wire().found()) {
        return t;
      }
    }
    return Traced.NONE;
  }

  /** The wire a trace makes, tip chosen and placed, or none when it is too short, too weak or (for a lead) has no
   * tip electrode. */
  private Traced evaluate(FieldOfView fov, LeadDetection near, Trace bestTrace, double bestScore) {
    int w = ridges.width;
    int h = ridges.height;
    float[] s = ridges.coherence;
    float[] best = bestTrace.points();
    double length = 0;
    for (int k = 2; k < best.length; k += 2) {
      length += Math.hypot(best[k] - best[k - 2], best[k + 1] - best[k - 1]);
    }
    if (LOG.isTraceEnabled()) {
      LOG.trace("best trace, lengthPx={}, score={}, points={}", Math.round(length), Math.round(bestScore), best.length / 2);
    }
    // a pacing lead's distal stretch seen beyond a dark region may be short: kept if it ends in a free tip electrode
    boolean shortLead = length < options.minLengthPx();
    if (shortLead && !(options.requireTipElectrode() && length >= SHORT_LEAD_FRACTION * options.minLengthPx())) {
      return Traced.NONE;
    }
    int n = best.length / 2;
    boolean tipAtEnd = chooseTipAtEnd(fov, near, best, bestTrace);
    float[] ordered = tipAtEnd ? best : reverse(best);
    double contrast = 0;
    for (int k = 0; k < ordered.length; k += 2) {
      int x = Math.round(ordered[k]);
      int y = Math.round(ordered[k + 1]);
      contrast += Math.max(0, ridges.valleyDepth(Math.max(1, Math.min(w - 2, x)), Math.max(1, Math.min(h - 2, y))));
    }
    double meanCoherence = 0;
    for (int k = 0; k < ordered.length; k += 2) {
      meanCoherence += ridges.sample(s, ordered[k], ordered[k + 1]);
    }
    meanCoherence /= n;
    LOG.trace("best trace, meanContrast={}, meanCoherence={}", contrast / n, meanCoherence);
    if (meanCoherence < MIN_MEAN_SNR) {
      return Traced.NONE; // a chain of noise valleys, not a radio-opaque wire
    }
    double electrode = TipLocator.endDarkness(ridges, ordered, true);
    boolean electrodeSeen = electrode >= ELECTRODE_DEPTH && electrode >= ELECTRODE_RATIO * contrast / n;
    if (options.requireTipElectrode() && !electrodeSeen) {
      // the wire fades out without a tip electrode: its tip is hidden (or this is not a lead); report none
      LOG.trace("no tip electrode, endDepth={}, meanDepth={}", electrode, contrast / n);
      return Traced.NONE;
    }
    double[] tip = tipLocator.locate(ridges, ordered);
    float[] line = TipTrack.extendTo(ordered, tip);
    TipEnd.Look look = TipEnd.look(ridges, line, ringReachPx);
    for (int k = 0; options.requireTipElectrode() && k < MAX_ELECTRODE_STEPS && look.spotAhead(); k++) {
      // a pacing lead with a second electrode ahead: the trace stopped at the ring electrode, the faint body beyond
      // it unseen; the wire goes on to the tip electrode there (other wires' marker bands are not electrodes)
      ordered = extendStraight(line, look.ahead()[1], look.ahead()[2]);
      tip = tipLocator.locate(ridges, ordered);
      line = TipTrack.extendTo(ordered, tip);
      look = TipEnd.look(ridges, line, ringReachPx);
    }
    if (near != null && near.found()) {
      line = tipTrack.limit(line, near);
    }
    double tipU = line[line.length - 2];
    double tipV = line[line.length - 1];
    if (shortLead && !look.freeTipElectrode()) {
      return Traced.NONE;
    }
    // the tracking held the tip back or kept the previous one: the image does not put it here
    boolean tipFromImage = Math.hypot(tipU - tip[0], tipV - tip[1]) <= TIP_FROM_IMAGE_PX;
    return new Traced(new LeadDetection(true, line, tipU, tipV, length, contrast / n),
        new TipConfirmation.Evidence(true, electrodeSeen && look.freeTipElectrode(), tipFromImage, look.ringBehind(),
            tipU, tipV), look.ring(), false);
  }

  /**
   * No wire traced: a pacing lead's remembered electrode pair where the maps are computed (over a dark region the two
   * electrodes may still show where the body does not), or none.
   */
  private Traced electrodePair() {
    float[] pair = options.requireTipElectrode() ? pairTrack.find(ridges) : null;
    return pair == null ? Traced.NONE : evaluatePair(pair);
  }

  /**
   * The wire an electrode pair makes ({@link ElectrodePairTrack#find}): the tip placed from the image at the tip
   * spot's end; its evidence is a tip electrode with no other electrode ahead of it and the ring behind it (the
   * valley going on from the end is not judged: the body itself is not seen).
   */
  private Traced evaluatePair(float[] pair) {
    double[] tip = tipLocator.locate(ridges, pair);
    float[] line = TipTrack.extendTo(pair, tip);
    TipEnd.Look look = TipEnd.look(ridges, line, ringReachPx);
    int n = line.length / 2;
    double length = 0;
    double contrast = 0;
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        length += Math.hypot(line[2 * k] - line[2 * k - 2], line[2 * k + 1] - line[2 * k - 1]);
      }
      int x = Math.max(1, Math.min(ridges.width - 2, Math.round(line[2 * k])));
      int y = Math.max(1, Math.min(ridges.height - 2, Math.round(line[2 * k + 1])));
      contrast += Math.max(0, ridges.valleyDepth(x, y));
    }
    double tipU = line[line.length - 2];
    double tipV = line[line.length - 1];
    boolean electrode = look.spotDepth() >= TipEnd.MIN_SPOT_DEPTH && !look.spotAhead();
    LOG.trace("electrode pair, tip=({}, {}), spot={}, ring={}", Math.round(tipU), Math.round(tipV), look.spotDepth(),
        look.ring().prominence());
    return new Traced(new LeadDetection(true, line, tipU, tipV, length, contrast / n),
        new TipConfirmation.Evidence(true, electrode, true, look.ringBehind(), tipU, tipV), look.ring(), true);
  }

  /** The centreline with a straight stretch, points a pixel apart, from its end to (u, v). */
  private static float[] extendStraight(float[] line, double u, double v) {
    double eu = line[line.length - 2];
    double ev = line[line.length - 1];
    int steps = (int) Math.ceil(Math.hypot(u - eu, v - ev));
    float[] out = java.util.Arrays.copyOf(line, line.length + 2 * steps);
    for (int k = 1; k <= steps; k++) {
      out[line.length + 2 * k - 2] = (float) (eu + (u - eu) * k / steps);
      out[line.length + 2 * k - 1] = (float) (ev + (v - ev) * k / steps);
    }
    return out;
  }

  /**
   * Which end is the tip. With a previous detection, the end nearer the previous tip (tracking). Otherwise an end
   * that left the field is proximal (a tip in view lies inside it), an end that stopped inside a crossing structure
   * hides where the wire goes on so one that faded out wins over it, and between alike ends the lower one wins.
   * Before those, an end with a tip electrode (far darker than the other end) is the tip.
   */
  private boolean chooseTipAtEnd(FieldOfView fov, LeadDetection near, float[] p, Trace t) {
    int n = p.length / 2;
    int rankStart = rank(atEdge(fov, p[0], p[1]) ? End.EDGE : t.startEnd());
    int rankEnd = rank(atEdge(fov, p[2 * n - 2], p[2 * n - 1]) ? End.EDGE : t.endEnd());
    if (near != null && near.found()) {
      double d0 = Math.hypot(p[0] - near.tipU(), p[1] - near.tipV());
      double d1 = Math.hypot(p[2 * n - 2] - near.tipU(), p[2 * n - 1] - near.tipV());
      return d1 <= d0;
    }
    // a tip electrode (platinum) is far darker than the lead's body: an end with one is the tip
    double darkStart = TipLocator.endDarkness(ridges, p, false);
    double darkEnd = TipLocator.endDarkness(ridges, p, true);
    if (Math.max(darkStart, darkEnd) > ELECTRODE_DEPTH
        && Math.max(darkStart, darkEnd) > ELECTRODE_RATIO * Math.min(darkStart, darkEnd)) {
      return darkEnd > darkStart;
    }
    if (rankStart != rankEnd) {
      return rankEnd > rankStart;
    }
    // both ends alike: pacing leads come in through the superior veins, and v points inferiorly in every
    // cath-lab view, so the distal end is the lower one
    return p[2 * n - 1] >= p[1];
  }

  /** An end this close to the field's edge may be where the wire leaves the field: it cannot be told from one. */
  private static boolean atEdge(FieldOfView fov, double u, double v) {
    return fov.depth(u, v) < EDGE_BAND_PX;
  }

  private static int rank(End e) {
    return e == End.EDGE ? 0 : e == End.CROSSING ? 1 : 2;
  }

  /** Traces both ways from a seed; returns {@code u, v} pairs from one end to the other. */
  private Trace traceFrom(FieldOfView fov, int x, int y, double low) {
    int i = y * ridges.width + x;
    double tu = -ridges.normalV[i];
    double tv = ridges.normalU[i];
    Half fw = follow(fov, x, y, tu, tv, low);
    Half bw = follow(fov, x, y, -tu, -tv, low);
    List<double[]> forward = fw.points();
    List<double[]> backward = bw.points();
    float[] out = new float[2 * (forward.size() + backward.size() + 1)];
    int k = 0;
    for (int j = backward.size() - 1; j >= 0; j--) {
      out[k++] = (float) backward.get(j)[0];
      out[k++] = (float) backward.get(j)[1];
    }
    out[k++] = x;
    out[k++] = y;
    for (double[] p : forward) {
      out[k++] = (float) p[0];
      out[k++] = (float) p[1];
    }
    return new Trace(out, bw.end(), fw.end());
  }

  /** Why a trace stopped: at the field's edge, where the valley faded, or inside a crossing structure. */
  enum End {
    EDGE,
    FADE,
    CROSSING
  }

  private record Half(List<double[]> points, End end) {}

  private record Trace(float[] points, End startEnd, End endEnd) {}

  private Half follow(FieldOfView fov, double u, double v, double tu, double tv, double low) {
    List<double[]> pts = new ArrayList<>();
    End reason = End.FADE;
    boolean crossing = false;
    int gap = 0;
    int maxSteps = 4 * (ridges.width + ridges.height);
    float[] s = ridges.coherence;
    for (int step = 0; step < maxSteps; step++) {
      double pu = u + STEP * tu;
      double pv = v + STEP * tv;
      if (!fov.contains(pu, pv)) {
        reason = End.EDGE;
        break;
      }
      // re-centre across the valley: best strength within +-2 px along the normal
      double nu = -tv;
      double nv = tu;
      double bestS = -1;
      double bu = pu;
      double bv = pv;
      for (double o = -2; o <= 2; o += 0.5) {
        double val = ridges.sample(s, pu + o * nu, pv + o * nv) - 0.02 * Math.abs(o) * low;
        if (val > bestS) {
          bestS = val;
          bu = pu + o * nu;
          bv = pv + o * nv;
        }
      }
      double ntu = 0;
      double ntv = 0;
      if (bestS >= low) {
        int ci = (int) Math.round(bv) * ridges.width + (int) Math.round(bu);
        ntu = -ridges.normalV[ci];
        ntv = ridges.normalU[ci];
        if (ntu * tu + ntv * tv < 0) {
          ntu = -ntu;
          ntv = -ntv;
        }
      }
      if (bestS < low || ntu * tu + ntv * tv < 0.5) {
        // a gap, or sharper than 60 degrees in one step (another structure crosses): coast straight on
        gap++;
        crossing |= bestS >= low;
        if (gap <= MAX_GAP_STEPS) {
          u = pu;
          v = pv;
          pts.add(new double[] {u, v, 0});
          continue;
        }
        reason = crossing ? End.CROSSING : End.FADE;
        break;
      }
      gap = 0;
      crossing = false;
      double mu = 0.6 * tu + 0.4 * ntu;
      double mv = 0.6 * tv + 0.4 * ntv;
      double len = Math.hypot(mu, mv);
      tu = mu / len;
      tv = mv / len;
      u = bu;
      v = bv;
      // points weaker than a third of the wire's typical strength may be noise beyond its end
      pts.add(new double[] {u, v, bestS >= 2.3 * low ? 1 : 0});
    }
    // drop the trailing gap and weak tail: the wire ends at the last strong point
    int end = lastStrong(pts) + 1;
    return new Half(new ArrayList<>(pts.subList(0, end)), reason);
  }

  private static int lastStrong(List<double[]> pts) {
    int k = pts.size() - 1;
    while (k >= 0 && pts.get(k)[2] == 0) {
      k--;
    }
    return k;
  }

  /** Whether {@code fresh}, found by a whole-frame search, agrees with the previous detection's tip. */
  private static boolean confirms(LeadDetection fresh, LeadDetection previous) {
    return previous != null && previous.found()
        && Math.hypot(fresh.tipU() - previous.tipU(), fresh.tipV() - previous.tipV()) <= TipTrack.MAX_TIP_ADVANCE_PX;
  }

  /**
   * The rectangle searched while tracking: the bounding box of the previous centreline's last
   * {@value #TRACKED_LENGTH_PX} pixels (the distal part, where the tip is), grown by the search radius and the
   * along-valley average's reach; {@code {x0, y0, x1, y1}}, end-exclusive.
   */
  private int[] regionAround(LeadDetection last, int width, int height) {
    float[] c = last.centreline();
    int n = c.length / 2;
    double minU = c[2 * n - 2];
    double maxU = minU;
    double minV = c[2 * n - 1];
    double maxV = minV;
    double arc = 0;
    for (int k = n - 2; k >= 0 && arc < TRACKED_LENGTH_PX; k--) {
      arc += Math.hypot(c[2 * k + 2] - c[2 * k], c[2 * k + 3] - c[2 * k + 1]);
      minU = Math.min(minU, c[2 * k]);
      maxU = Math.max(maxU, c[2 * k]);
      minV = Math.min(minV, c[2 * k + 1]);
      maxV = Math.max(maxV, c[2 * k + 1]);
    }
    int grow = (int) Math.ceil(options.searchRadiusPx()) + RidgeMap.ALONG_PX + TipLocator.AHEAD_PX;
    return new int[] {Math.max(0, (int) minU - grow), Math.max(0, (int) minV - grow),
        Math.min(width, (int) Math.ceil(maxU) + grow + 1), Math.min(height, (int) Math.ceil(maxV) + grow + 1)};
  }

  private static int index(double u, double v, int w, int h) {
    int x = Math.max(0, Math.min(w - 1, (int) Math.round(u)));
    int y = Math.max(0, Math.min(h - 1, (int) Math.round(v)));
    return y * w + x;
  }

  /** Marks the pixels within {@code r} (a square) of every point of {@code path}. */
  private static void mark(boolean[] m, float[] path, int w, int h, int r) {
    for (int k = 0; k < path.length; k += 2) {
      int x = Math.round(path[k]);
      int y = Math.round(path[k + 1]);
      for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
        for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
          m[yy * w + xx] = true;
        }
      }
    }
  }

  /** The pixels within {@code radius} of a centreline (discs around points a quarter radius apart). */
  private static boolean[] dilate(float[] centreline, int w, int h, double radius) {
    boolean[] m = new boolean[w * h];
    int r = (int) Math.ceil(radius);
    double r2 = radius * radius;
    double lastU = Double.NaN;
    double lastV = Double.NaN;
    for (int k = 0; k < centreline.length; k += 2) {
      double u = centreline[k];
      double v = centreline[k + 1];
      boolean last = k == centreline.length - 2;
      if (!last && Math.hypot(u - lastU, v - lastV) < radius / 4) {
        continue;
      }
      lastU = u;
      lastV = v;
      int x = (int) Math.round(u);
      int y = (int) Math.round(v);
      for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
        for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
          if ((xx - u) * (xx - u) + (yy - v) * (yy - v) <= r2) {
            m[yy * w + xx] = true;
          }
        }
      }
    }
    return m;
  }

  private static float[] reverse(float[] p) {
    float[] out = new float[p.length];
    int n = p.length / 2;
    for (int k = 0; k < n; k++) {
      out[2 * k] = p[2 * (n - 1 - k)];
      out[2 * k + 1] = p[2 * (n - 1 - k) + 1];
    }
    return out;
  }
}
