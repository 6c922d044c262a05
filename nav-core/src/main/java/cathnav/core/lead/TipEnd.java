package cathnav.core.lead;

/**
 * What the image shows around a located tip, beyond the trace that led to it: how dark a compact spot the tip is, a
 * second dark spot ahead (the located end may be the ring electrode, the tip electrode lying further on), a valley
 * going on from it in another direction (a bend seen end-on, not an end), and a bipolar lead's ring electrode on the
 * wire behind it (a tip electrode has one 10 to 12 mm behind it; a bend seen end-on, whose dark spot is the body
 * running along the beam, has none).
 *
 * <p>The thresholds were set on the demo's simulated frames (phantom and real CT, AP and LAO 30; log depth of a true
 * tip electrode 0.43 to 1.25, of a spot ahead of a true tip at most 0.23 and of the tip electrode ahead of a ring
 * taken for the tip 0.40 to 0.54; continuation at true tips at most 0.49, at end-on bends and rings 0.53 to 0.98).
 *
 * <p>Measured in the log image of a {@link RidgeMap} (smoothed at its smallest scale) and its valley strength; all
 * positions in pixels. Stateless.
 */
final class TipEnd {

  /** Radius of the ring a dark spot is compared with, pixels (a 5 Fr electrode is about 4 pixels across). */
  static final double SPOT_RING_PX = 4;
  /** How far from the located tip its electrode's darkest spot is looked for, pixels. */
  static final double TIP_SPOT_REACH_PX = 3;
  /** Where a tip electrode ahead of a ring electrode is searched: distances and half-angle of the cone. */
  static final int AHEAD_FROM_PX = 8;
  static final int AHEAD_TO_PX = 34;
  static final int AHEAD_HALF_ANGLE_DEG = 35;

  /** Least compact-spot depth (log units) of a tip electrode at a free end. */
  static final double MIN_SPOT_DEPTH = 0.3;
  /** A spot ahead at least this deep (log units), and {@value #AHEAD_RATIO} of the end's own, is another electrode. */
  static final double AHEAD_DEPTH = 0.25;
  static final double AHEAD_RATIO = 0.4;
  /** A valley going on from the end at this fraction of the wire's own strength makes it no free end. */
  static final double MAX_CONTINUATION = 0.5;

  /**
   * How far behind the tip the ring electrode's far edge lies on a bipolar pacing lead, mm (ring 10 to 12 mm behind
   * the tip electrode's end, as the leads implanted and the simulator's model have it).
   */
  static final double RING_FAR_EDGE_MM = 12;
  /**
   * Slack on where the ring is looked for: a lead in front of the isocentre is magnified more than at it (up to about
   * 8 % over the heart's depth) and the tip is placed a pixel or two either way.
   */
  static final double RING_SLACK = 1.15;
  /**
   * Nearest the ring's darkest point is looked for behind the tip electrode's darkest point, pixels (a lead seen
   * almost along the beam).
   */
  static final int RING_FROM_PX = 3;
  /**
   * Least prominence (log units) of a ring electrode: how far the lightest stretch of wire between it and the tip
   * electrode lies below the lighter of the two electrodes' compact-spot depths. Set on the demo's frames (phantom and
   * real CT, AP and LAO 30, every frame and every 2nd or 3rd): at true tips the prominence is 0.6 at the median, under
   * 0.2 in 5 to 7 % of frames (the two electrodes merge when the lead's distal part runs along the beam); at a bend
   * seen end-on that passed the other tests of a tip it was 0.11 to 0.15.
   */
  static final double MIN_RING_PROMINENCE = 0.25;

  private TipEnd() {}

  /**
   * What the image shows at a wire's tip end.
   *
   * @param spotDepth compact dark-spot depth at the tip ({@link #electrodeSpot}), log units
   * @param ahead the darkest spot ahead, {@code {depth, u, v}}
   * @param continuation how strongly a valley goes on from the end, relative to the wire (see {@link #continuation})
   * @param ring the ring electrode on the wire behind the tip ({@link #ringElectrode})
   */
  record Look(double spotDepth, double[] ahead, double continuation, Ring ring) {

    /** Another electrode-like spot lies ahead: the end may be the ring electrode. */
    boolean spotAhead() {
      return ahead[0] >= Math.max(AHEAD_DEPTH, AHEAD_RATIO * spotDepth);
    }

    /**
     * A free end with a tip electrode: a compact dark spot, no other such spot ahead, no valley going on (a bend
     * seen end-on also shows a dark spot where the wire runs along the beam, but the wire goes on from it).
     */
    boolean freeTipElectrode() {
      return spotDepth >= MIN_SPOT_DEPTH && !spotAhead() && continuation < MAX_CONTINUATION;
    }

    /** A ring electrode is seen on the wire behind the tip, where a bipolar lead has it. */
    boolean ringBehind() {
      return ring.prominence() >= MIN_RING_PROMINENCE;
    }
  }

  /**
   * The most prominent ring-electrode-like spot on the wire behind a tip.
   *
   * @param prominence its depth over the lightest wire between it and the tip, log units (0 when there is none)
   * @param u column of its darkest point, pixels (NaN when there is none)
   * @param v row
   */
  record Ring(double prominence, double u, double v) {
    static final Ring NONE = new Ring(0, Double.NaN, Double.NaN);
  }

  /**
   * Looks at the tip end of {@code line} (tip last).
   *
   * @param ringReachPx how far behind the tip the ring electrode is looked for, pixels ({@link #ringReachPx})
   */
  static Look look(RidgeMap map, float[] line, int ringReachPx) {
    return new Look(electrodeSpot(map, line), darkestAhead(map, line), continuation(map, line),
        ringElectrode(map, line, ringReachPx));
  }

  /** How far behind the tip the ring electrode is looked for, pixels, with {@code mmPerPixel} at the isocentre. */
  static int ringReachPx(double mmPerPixel) {
    if (!(mmPerPixel > 0)) {
      throw new IllegalArgumentException("pixel size must be positive, mmPerPixel=" + mmPerPixel);
    }
    return (int) Math.ceil(RING_SLACK * RING_FAR_EDGE_MM / mmPerPixel);
  }

  /**
   * The ring electrode on the wire behind the tip, by its prominence (log units, 0 when none): the compact-spot depth
   * ({@link #spotDepth}) is sampled every pixel of arc along the centreline back from the tip; the tip electrode's
   * darkest point is the darkest within {@value #TIP_SPOT_REACH_PX} pixels of the tip; at each local darkest point from
   * {@value #RING_FROM_PX} pixels behind that to {@code reachPx} pixels back, the prominence is how far the lightest
   * stretch between it and the tip electrode (the body between the two electrodes) lies below the lighter of the two,
   * and at most its depth; the most prominent is returned. Where the lead's distal part runs along the beam the two
   * electrodes are drawn a few pixels apart, and where they merge into one dark blob no ring is seen.
   */
  static Ring ringElectrode(RidgeMap map, float[] line, int reachPx) {
    double[] depth = new double[reachPx + 2];
    double[] pu = new double[depth.length];
    double[] pv = new double[depth.length];
    int count = 0;
    int k = line.length / 2 - 1;
    double arc = 0;
    while (count < depth.length && k > 0) {
      double su = line[2 * k - 2] - line[2 * k];
      double sv = line[2 * k - 1] - line[2 * k + 1];
      double seg = Math.hypot(su, sv);
      while (count < depth.length && count <= arc + seg) {
        double f = seg > 0 ? (count - arc) / seg : 0;
        pu[count] = line[2 * k] + f * su;
        pv[count] = line[2 * k + 1] + f * sv;
        depth[count] = spotDepth(map, pu[count], pv[count]);
        count++;
      }
      arc += seg;
      k--;
    }
    // the tip electrode's own darkest point: the tip is placed at its end, up to a few pixels beyond it
    int peak = 0;
    for (int s = 1; s < Math.min(count, (int) TIP_SPOT_REACH_PX + 1); s++) {
      if (depth[s] > depth[peak]) {
        peak = s;
      }
    }
    Ring best = Ring.NONE;
    double lightest = Double.POSITIVE_INFINITY;
    for (int s = peak + 1; s + 1 < count; s++) {
      if (s >= peak + RING_FROM_PX && depth[s] >= depth[s - 1] && depth[s] >= depth[s + 1]) {
        // two electrodes: the body between them lighter than both (a tip placed on an electrode's flank has its own
        // electrode rising behind it, with no lighter stretch before it)
        double prominence = Math.min(depth[s], Math.min(depth[s], depth[peak]) - lightest);
        if (prominence > best.prominence()) {
          best = new Ring(prominence, pu[s], pv[s]);
        }
      }
      lightest = Math.min(lightest, depth[s]);
    }
    return best;
  }

  /**
   * The darkest compact spot within {@value #TIP_SPOT_REACH_PX} pixels of the tip (the tip is placed at the
   * electrode's rounded end, not at its centre, and a pixel or two either way).
   */
  static double electrodeSpot(RidgeMap map, float[] line) {
    double tu = line[line.length - 2];
    double tv = line[line.length - 1];
    double best = spotDepth(map, tu, tv);
    for (double dv = -TIP_SPOT_REACH_PX; dv <= TIP_SPOT_REACH_PX; dv += 1) {
      for (double du = -TIP_SPOT_REACH_PX; du <= TIP_SPOT_REACH_PX; du += 1) {
        if (du * du + dv * dv <= TIP_SPOT_REACH_PX * TIP_SPOT_REACH_PX) {
          best = Math.max(best, spotDepth(map, tu + du, tv + dv));
        }
      }
    }
    return best;
  }

  /** Depth (log units) of a compact dark spot at (u, v): mean of a ring of 8 points around it minus its centre. */
  static double spotDepth(RidgeMap map, double u, double v) {
    double ring = 0;
    for (int k = 0; k < 8; k++) {
      double a = k * Math.PI / 4;
      ring += map.sample(map.logImage, u + SPOT_RING_PX * Math.cos(a), v + SPOT_RING_PX * Math.sin(a));
    }
    return ring / 8 - map.sample(map.logImage, u, v);
  }

  /** Unit direction of the wire at its tip end (from about 6 points back), or null when too short. */
  static double[] direction(float[] line) {
    int n = line.length / 2;
    if (n < 3) {
      return null;
    }
    int b = Math.max(0, n - 7);
    double du = line[2 * n - 2] - line[2 * b];
    double dv = line[2 * n - 1] - line[2 * b + 1];
    double len = Math.hypot(du, dv);
    return len < 1e-6 ? null : new double[] {du / len, dv / len};
  }

  /**
   * The darkest compact spot in the cone ahead of the tip ({@value #AHEAD_FROM_PX} to {@value #AHEAD_TO_PX} pixels
   * out, within {@value #AHEAD_HALF_ANGLE_DEG} degrees of the wire's direction): {@code {depth, u, v}}, depth 0 when
   * there is no direction.
   */
  static double[] darkestAhead(RidgeMap map, float[] line) {
    double[] d = direction(line);
    double[] best = {0, Double.NaN, Double.NaN};
    if (d == null) {
      return best;
    }
    double tu = line[line.length - 2];
    double tv = line[line.length - 1];
    for (int deg = -AHEAD_HALF_ANGLE_DEG; deg <= AHEAD_HALF_ANGLE_DEG; deg += 5) {
      double a = Math.toRadians(deg);
      double du = Math.cos(a) * d[0] - Math.sin(a) * d[1];
      double dv = Math.sin(a) * d[0] + Math.cos(a) * d[1];
      for (int r = AHEAD_FROM_PX; r <= AHEAD_TO_PX; r++) {
        double u = tu + r * du;
        double v = tv + r * dv;
        if (u < 1 || v < 1 || u > map.width - 2 || v > map.height - 2) {
          break;
        }
        double depth = spotDepth(map, u, v);
        if (depth > best[0]) {
          best = new double[] {depth, u, v};
        }
      }
    }
    return best;
  }

  /**
   * How strongly a valley goes on from the tip in a direction other than back along the wire: the best mean valley
   * strength 4 to 16 pixels out over the directions more than 60 degrees from the wire's backward direction, over
   * the mean strength of the wire's last 30 pixels (about 1 where the wire goes on as strongly as it came, below 0.5
   * at a free end).
   */
  static double continuation(RidgeMap map, float[] line) {
    double[] d = direction(line);
    int n = line.length / 2;
    if (d == null) {
      return 0;
    }
    float[] s = map.coherence;
    double wire = 0;
    int count = 0;
    for (int k = n - 1; k >= Math.max(0, n - 30); k--) {
      wire += map.sample(s, line[2 * k], line[2 * k + 1]);
      count++;
    }
    wire /= count;
    if (!(wire > 0)) {
      return 0;
    }
    double tu = line[2 * n - 2];
    double tv = line[2 * n - 1];
    double best = 0;
    for (int deg = -120; deg <= 120; deg += 10) {
      double a = Math.toRadians(deg);
      double du = Math.cos(a) * d[0] - Math.sin(a) * d[1];
      double dv = Math.sin(a) * d[0] + Math.cos(a) * d[1];
      double sum = 0;
      int m = 0;
      for (int r = 4; r <= 16; r++) {
        double mx = 0;
        for (int o = -1; o <= 1; o++) {
          mx = Math.max(mx, map.sample(s, tu + r * du - o * dv, tv + r * dv + o * du));
        }
        sum += mx;
        m++;
      }
      best = Math.max(best, sum / m);
    }
    return best / wire;
  }
}
