package cathnav.core.tracking;

/**
 * In-plane motion between a reference image and the current one: zero-normalised cross-correlation of a square
 * template cut from the reference around a point, searched exhaustively over integer shifts, coarse (half
 * resolution) then fine, with a parabolic sub-pixel peak. Stateless; pure Java on the calling thread.
 */
final class TemplateMatcher {

  /** Result: the shift of the content from reference to current (pixels of the full-resolution image) and its NCC. */
  record Match(double du, double dv, double correlation) {}

  private final int halfSize;
  private final int searchRadius;

  /**
   * @param halfSize template half width at full resolution, pixels
   * @param searchRadius largest shift searched at full resolution, pixels
   */
  TemplateMatcher(int halfSize, int searchRadius) {
    if (halfSize < 4 || searchRadius < 2) {
      throw new IllegalArgumentException("template too small, halfSize=" + halfSize + ", searchRadius=" + searchRadius);
    }
    this.halfSize = halfSize;
    this.searchRadius = searchRadius;
  }

  /**
   * Finds where the reference's patch centred at {@code (cu, cv)} moved to in {@code current} (same size as
   * {@code reference}).
   */
  Match match(HostAttenuation reference, HostAttenuation current, double cu, double cv) {
    if (reference.width != current.width || reference.height != current.height) {
      throw new IllegalArgumentException("images differ in size, reference=" + reference.width + "x"
          + reference.height + ", current=" + current.width + "x" + current.height);
    }
    HostAttenuation rc = reference.halved();
    HostAttenuation cc = current.halved();
    int hs = Math.max(2, halfSize / 2);
    int sr = Math.max(1, (searchRadius + 1) / 2);
    int ccu = clamp((int) Math.round((cu - 0.5) / 2), hs, rc.width - 1 - hs);
    int ccv = clamp((int) Math.round((cv - 0.5) / 2), hs, rc.height - 1 - hs);
    double[] coarse = search(rc, cc, ccu, ccv, hs, 0, 0, sr);
    int fcu = clamp((int) Math.round(cu), halfSize, reference.width - 1 - halfSize);
    int fcv = clamp((int) Math.round(cv), halfSize, reference.height - 1 - halfSize);
    int su = (int) Math.round(coarse[0] * 2);
    int sv = (int) Math.round(coarse[1] * 2);
    double[] fine = search(reference, current, fcu, fcv, halfSize, su, sv, 2);
    return new Match(fine[0], fine[1], fine[2]);
  }

  /**
   * Like {@link #match}, but searches only within {@code radius} pixels of the integer shift nearest
   * {@code (du0, dv0)}, at full resolution: for following content that moved little since the last frame.
   */
  Match matchNear(HostAttenuation reference, HostAttenuation current, double cu, double cv, double du0, double dv0,
      int radius) {
    if (reference.width != current.width || reference.height != current.height) {
      throw new IllegalArgumentException("images differ in size, reference=" + reference.width + "x"
          + reference.height + ", current=" + current.width + "x" + current.height);
    }
    int fcu = clamp((int) Math.round(cu), halfSize, reference.width - 1 - halfSize);
    int fcv = clamp((int) Math.round(cv), halfSize, reference.height - 1 - halfSize);
    double[] fine = search(reference, current, fcu, fcv, halfSize, (int) Math.round(du0), (int) Math.round(dv0),
        Math.max(1, radius));
    return new Match(fine[0], fine[1], fine[2]);
  }

  private static int clamp(int x, int lo, int hi) {
    return Math.max(lo, Math.min(hi, x));
  }

  /** Best shift around {@code (su, sv)} within {@code radius}: {du, dv, ncc}, sub-pixel when the peak is interior. */
  private static double[] search(HostAttenuation ref, HostAttenuation cur, int cu, int cv, int hs, int su, int sv,
      int radius) {
    int n = 2 * radius + 1;
    double[] scores = new double[n * n];
    double best = Double.NEGATIVE_INFINITY;
    int bi = radius;
    int bj = radius;
    // template statistics once
    double tSum = 0;
    double tSq = 0;
    int count = (2 * hs + 1) * (2 * hs + 1);
    for (int v = -hs; v <= hs; v++) {
      for (int u = -hs; u <= hs; u++) {
        double t = ref.pixels[(cv + v) * ref.width + cu + u];
        tSum += t;
        tSq += t * t;
      }
    }
    double tMean = tSum / count;
    double tVar = tSq - count * tMean * tMean;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        int du = su + i - radius;
        int dv = sv + j - radius;
        double s = ncc(ref, cur, cu, cv, hs, du, dv, tMean, tVar, count);
        scores[j * n + i] = s;
        if (s > best) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    double du = su + bi - radius;
    double dv = sv + bj - radius;
    if (bi > 0 && bi < n - 1) {
      du += parabolaPeak(scores[bj * n + bi - 1], best, scores[bj * n + bi + 1]);
    }
    if (bj > 0 && bj < n - 1) {
      dv += parabolaPeak(scores[(bj - 1) * n + bi], best, scores[(bj + 1) * n + bi]);
    }
    return new double[] {du, dv, best};
  }

  private static double parabolaPeak(double left, double centre, double right) {
    double d = left - 2 * centre + right;
    return d < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / d)) : 0;
  }

  private static double ncc(HostAttenuation ref, HostAttenuation cur, int cu, int cv, int hs, int du, int dv,
      double tMean, double tVar, int count) {
    double cSum = 0;
    double cSq = 0;
    double cross = 0;
    for (int v = -hs; v <= hs; v++) {
      int y = cv + v + dv;
      if (y < 0 || y >= cur.height) {
        return -1;
      }
      int tRow = (cv + v) * ref.width + cu;
      int cRow = y * cur.width + cu + du;
      for (int u = -hs; u <= hs; u++) {
        int x = cu + u + du;
        if (x < 0 || x >= cur.width) {
          return -1;
        }
        double c = cur.pixels[cRow + u];
        cSum += c;
        cSq += c * c;
        cross += c * ref.pixels[tRow + u];
      }
    }
    double cMean = cSum / count;
    double cVar = cSq - count * cMean * cMean;
    double cov = cross - count * cMean * tMean;
    double denom = Math.sqrt(Math.max(tVar, 0) * Math.max(cVar, 0));
    return denom > 0 ? cov / denom : -1;
  }
}
