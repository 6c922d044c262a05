package cathnav.core.lead;

/**
 * Keeps a pacing lead's tip where the lead's body is lost in the noise but its two electrodes still show: over the
 * heart shadow, in a dark view, the body (a metal coil in silicone) may not be traceable while the platinum tip and
 * ring electrodes, 10 to 12 mm apart, remain compact dark spots.
 *
 * <p>After a detection whose tip had its own evidence with the ring electrode seen behind it, the tip and the
 * tip-to-ring offset are remembered ({@link #remember}). When a later frame yields no wire, the tip electrode is looked
 * for as an electrode-dark compact spot ({@link TipEnd#spotDepth} at least {@link TipEnd#MIN_SPOT_DEPTH}) within
 * {@link TipConfirmation#MAX_STEP_PX} of the remembered tip, more by as much again for every detection since, and
 * the ring as the darkest compact spot within {@value #RING_MATCH_PX} pixels of the spot plus the remembered offset (the
 * reach is at most half the offset, and a pair closer than {@value #MIN_OFFSET_PX} pixels is not remembered). The
 * two electrodes move as one (heart beat, breathing, the lead advancing a few pixels a frame), so the offset tells
 * which spot is the tip: the ring taken for the tip would need the pair to have moved by the whole offset, 10 mm. The
 * wire reported runs straight from beyond the ring to the tip spot; the caller places the tip from the image and
 * judges the pair as any tip (free tip electrode, ring electrode behind it). The memory expires after
 * {@value #MAX_AGE} detections without such a tip, and on {@link #reset()}.
 *
 * <p>All positions in pixels of the frame handed to the detector. One instance per {@link LeadDetector}, same thread.
 */
final class ElectrodePairTrack {

  /** Detections without a remembered-quality tip after which the pair is forgotten. */
  static final int MAX_AGE = 3;
  /** How far the ring spot may lie from where the remembered offset puts it, pixels. */
  static final double RING_MATCH_PX = 4;
  /** Least compact-spot depth of the ring spot, log units (as a tip electrode's). */
  static final double MIN_RING_DEPTH = TipEnd.MIN_SPOT_DEPTH;
  /**
   * Least tip-to-ring distance of a pair that is remembered, pixels: closer (the lead's distal part along the beam)
   * the two spots could be taken for each other within the tip's reach.
   */
  static final double MIN_OFFSET_PX = 12;
  /** How far the straight wire reported goes on beyond the ring, as a fraction of the tip-to-ring distance. */
  private static final double BEYOND_RING = 0.6;

  private boolean active;
  private double tipU;
  private double tipV;
  private double ringDu;
  private double ringDv;
  private int age;

  /** Forgets the pair (a C-arm move, a scene change). */
  void reset() {
    active = false;
  }

  /** Remembers a tip with its own evidence and the ring electrode seen at (ringU, ringV) behind it. */
  void remember(double tipU, double tipV, double ringU, double ringV) {
    if (!(Math.hypot(ringU - tipU, ringV - tipV) >= MIN_OFFSET_PX)) {
      age(); // no ring, or too close to the tip to tell the two apart
      return;
    }
    this.tipU = tipU;
    this.tipV = tipV;
    this.ringDu = ringU - tipU;
    this.ringDv = ringV - tipV;
    this.age = 0;
    this.active = true;
  }

  /** One more detection without a tip to remember. */
  void age() {
    if (active && ++age > MAX_AGE) {
      active = false;
    }
  }

  boolean active() {
    return active;
  }

  /**
   * Looks for the remembered pair in the frame whose ridge map is {@code map}. Returns the straight centreline from
   * beyond the ring spot to the tip spot's darkest point (tip last, points a pixel apart), or null when no
   * electrode-dark pair is there or the map is not computed over all of where it may be.
   */
  float[] find(RidgeMap map) {
    if (!active) {
      return null;
    }
    // the tip spot is looked for within a step per detection since, and never as far as the ring: half the offset
    double reach = Math.min(TipConfirmation.MAX_STEP_PX * (1 + age), 0.5 * Math.hypot(ringDu, ringDv));
    int r = (int) Math.ceil(reach);
    int x0 = (int) Math.floor(tipU) - r;
    int y0 = (int) Math.floor(tipV) - r;
    int size = 2 * r + 2;
    // the maps must be computed over the whole search, spots' surroundings included (a tracked frame computes them
    // around the previous wire only)
    int margin = (int) Math.ceil(RING_MATCH_PX + TipEnd.SPOT_RING_PX) + 1;
    double minU = Math.min(x0, x0 + ringDu) - margin;
    double maxU = Math.max(x0 + size, x0 + size + ringDu) + margin;
    double minV = Math.min(y0, y0 + ringDv) - margin;
    double maxV = Math.max(y0 + size, y0 + size + ringDv) + margin;
    if (minU < map.x0() || minV < map.y0() || maxU > map.x1() || maxV > map.y1()) {
      return null;
    }
    double[] depth = new double[size * size];
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < size; i++) {
        int x = x0 + i;
        int y = y0 + j;
        boolean inside = x >= 1 && y >= 1 && x < map.width - 1 && y < map.height - 1
            && Math.hypot(x - tipU, y - tipV) <= reach;
        depth[j * size + i] = inside ? TipEnd.spotDepth(map, x, y) : Double.NEGATIVE_INFINITY;
      }
    }
    double bestScore = 0;
    double[] best = null;
    for (int j = 1; j < size - 1; j++) {
      for (int i = 1; i < size - 1; i++) {
        double d = depth[j * size + i];
        if (d < TipEnd.MIN_SPOT_DEPTH || !localMax(depth, size, i, j)) {
          continue;
        }
        double[] ring = darkestNear(map, x0 + i + ringDu, y0 + j + ringDv);
        double score = Math.min(d, ring[0]);
        if (ring[0] >= MIN_RING_DEPTH && score > bestScore) {
          bestScore = score;
          best = new double[] {x0 + i, y0 + j, ring[1], ring[2]};
        }
      }
    }
    return best == null ? null : straight(best[2], best[3], best[0], best[1]);
  }

  private static boolean localMax(double[] depth, int size, int i, int j) {
    double d = depth[j * size + i];
    for (int dj = -1; dj <= 1; dj++) {
      for (int di = -1; di <= 1; di++) {
        if ((di != 0 || dj != 0) && depth[(j + dj) * size + i + di] > d) {
          return false;
        }
      }
    }
    return true;
  }

  /** The darkest compact spot on the pixel grid within {@value #RING_MATCH_PX} of (u, v): {@code {depth, u, v}}. */
  private static double[] darkestNear(RidgeMap map, double u, double v) {
    double[] best = {Double.NEGATIVE_INFINITY, u, v};
    int r = (int) Math.ceil(RING_MATCH_PX);
    for (int y = (int) Math.round(v) - r; y <= (int) Math.round(v) + r; y++) {
      for (int x = (int) Math.round(u) - r; x <= (int) Math.round(u) + r; x++) {
        if (x < 1 || y < 1 || x >= map.width - 1 || y >= map.height - 1 || Math.hypot(x - u, y - v) > RING_MATCH_PX) {
          continue;
        }
        double d = TipEnd.spotDepth(map, x, y);
        if (d > best[0]) {
          best = new double[] {d, x, y};
        }
      }
    }
    return best;
  }

  /** Points a pixel apart from beyond the ring (ru, rv) straight through it to the tip (tu, tv), tip last. */
  private static float[] straight(double ru, double rv, double tu, double tv) {
    double su = ru + BEYOND_RING * (ru - tu);
    double sv = rv + BEYOND_RING * (rv - tv);
    int steps = Math.max(1, (int) Math.ceil(Math.hypot(tu - su, tv - sv)));
    float[] out = new float[2 * (steps + 1)];
    for (int k = 0; k <= steps; k++) {
      out[2 * k] = (float) (su + (tu - su) * k / steps);
      out[2 * k + 1] = (float) (sv + (tv - sv) * k / steps);
    }
    return out;
  }
}
