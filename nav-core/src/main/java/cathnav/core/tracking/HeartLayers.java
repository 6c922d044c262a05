package cathnav.core.tracking;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.Affines;
import cathnav.core.model.Volume;
import cathnav.core.preop.HeartRegion;
import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;
import java.util.Objects;

/**
 * The registration CT split by its {@link HeartRegion} into two layers whose DRRs add up to the whole CT's DRR while
 * the heart is where the CT saw it (line integrals are linear in attenuation, and attenuation is affine in HU over
 * the CT range):
 *
 * <ul>
 *   <li>the static layer, on the CT grid, in the CT's own units: {@code (1 - w) v + w b} (HU, or 1/mm for an
 *       attenuation grid), with {@code w} the heart weight and {@code b} the background the heart leaves behind;
 *   <li>the heart layer, attenuation 1/mm, cropped to the voxels where {@code w > 0} plus one voxel:
 *       {@code w (mu(v) - mu(b))} (negative where the region holds tissue lighter than the background).
 * </ul>
 *
 * The heart weight is the mask sampled trilinearly at the CT's voxel centres and clamped to [0, 1].
 *
 * @param staticLayer the thorax without the heart, same grid as the CT
 * @param heartLayer the heart's excess attenuation over the background, 1/mm, its own (cropped) grid
 * @param heartCentre the heart weight's centroid, RAS mm
 * @param heartRadiusMm the root-mean-square distance of the heart weight from its centroid, mm
 */
public record HeartLayers(VolumeGrid staticLayer, VolumeGrid heartLayer, Vec3 heartCentre, double heartRadiusMm) {

  public HeartLayers {
    Objects.requireNonNull(staticLayer, "staticLayer");
    Objects.requireNonNull(heartLayer, "heartLayer");
    Objects.requireNonNull(heartCentre, "heartCentre");
  }

  /**
   * Splits {@code model}'s CT by its heart region. Blocking (touches every voxel near the heart, copies the CT);
   * run it off the event loop.
   *
   * @throws IllegalArgumentException if the model has no heart region or the region does not overlap the CT
   */
  public static HeartLayers split(RegistrationModel model) {
    HeartRegion region = model.heart();
    if (region == null) {
      throw new IllegalArgumentException("the registration model has no heart region");
    }
    VolumeGrid ct = model.ct();
    Attenuation att = model.attenuation();
    int nx = ct.nx();
    int ny = ct.ny();
    int nz = ct.nz();
    double[] a = ct.voxelToRas();
    int[] box = ctBoxOfMask(ct, region.mask());
    short[] hu = ct.hu() != null ? ct.hu().clone() : null;
    float[] mu = ct.mu() != null ? ct.mu().clone() : null;
    double backgroundMu = att.mu(region.backgroundHu());
    double[] toMask = Affines.invert(region.mask().voxelToRas());
    // weights inside the box; the heart layer is cropped later to where they are positive
    int bx = box[3] - box[0] + 1;
    int by = box[4] - box[1] + 1;
    int bz = box[5] - box[2] + 1;
    float[] weight = new float[Math.max(0, bx) * Math.max(0, by) * Math.max(0, bz)];
    int i0 = Integer.MAX_VALUE, j0 = Integer.MAX_VALUE, k0 = Integer.MAX_VALUE;
    int i1 = -1, j1 = -1, k1 = -1;
    double sw = 0;
    double[] s1 = new double[3];
    double s2 = 0;
    for (int k = box[2]; k <= box[5]; k++) {
      for (int j = box[1]; j <= box[4]; j++) {
        for (int i = box[0]; i <= box[3]; i++) {
          double x = a[0] * i + a[1] * j + a[2] * k + a[3];
          double y = a[4] * i + a[5] * j + a[6] * k + a[7];
          double z = a[8] * i + a[9] * j + a[10] * k + a[11];
          double w = sampleWeight(region.mask(), toMask, x, y, z);
          if (w <= 0) {
            continue;
          }
          weight[((k - box[2]) * by + (j - box[1])) * bx + (i - box[0])] = (float) w;
          int idx = (k * ny + j) * nx + i;
          if (hu != null) {
            hu[idx] = (short) Math.round((1 - w) * hu[idx] + w * region.backgroundHu());
          } else {
            mu[idx] = (float) ((1 - w) * mu[idx] + w * backgroundMu);
          }
          i0 = Math.min(i0, i);
          j0 = Math.min(j0, j);
          k0 = Math.min(k0, k);
          i1 = Math.max(i1, i);
          j1 = Math.max(j1, j);
          k1 = Math.max(k1, k);
          sw += w;
          s1[0] += w * x;
          s1[1] += w * y;
          s1[2] += w * z;
          s2 += w * (x * x + y * y + z * z);
        }
      }
    }
    if (i1 < 0) {
      throw new IllegalArgumentException("the heart mask does not overlap the CT, ct=" + nx + "x" + ny + "x" + nz
          + ", mask=" + region.mask());
    }
    i0 = Math.max(0, i0 - 1);
    j0 = Math.max(0, j0 - 1);
    k0 = Math.max(0, k0 - 1);
    i1 = Math.min(nx - 1, i1 + 1);
    j1 = Math.min(ny - 1, j1 + 1);
    k1 = Math.min(nz - 1, k1 + 1);
    int hx = i1 - i0 + 1;
    int hy = j1 - j0 + 1;
    int hz = k1 - k0 + 1;
    float[] heart = new float[hx * hy * hz];
    short[] srcHu = ct.hu();
    float[] srcMu = ct.mu();
    for (int k = k0; k <= k1; k++) {
      for (int j = j0; j <= j1; j++) {
        for (int i = i0; i <= i1; i++) {
          if (i < box[0] || i > box[3] || j < box[1] || j > box[4] || k < box[2] || k > box[5]) {
            continue;
          }
          float w = weight[((k - box[2]) * by + (j - box[1])) * bx + (i - box[0])];
          if (w > 0) {
            int idx = (k * ny + j) * nx + i;
            double m = srcHu != null ? att.mu(srcHu[idx]) : srcMu[idx];
            heart[((k - k0) * hy + (j - j0)) * hx + (i - i0)] = (float) (w * (m - backgroundMu));
          }
        }
      }
    }
    double[] heartAffine = a.clone();
    for (int r = 0; r < 3; r++) {
      heartAffine[r * 4 + 3] = a[r * 4] * i0 + a[r * 4 + 1] * j0 + a[r * 4 + 2] * k0 + a[r * 4 + 3];
    }
    VolumeGrid staticLayer = hu != null ? VolumeGrid.ofHu(nx, ny, nz, a, hu) : VolumeGrid.ofMu(nx, ny, nz, a, mu);
    Vec3 centre = new Vec3(s1[0] / sw, s1[1] / sw, s1[2] / sw);
    double radius = Math.sqrt(Math.max(0, s2 / sw - centre.dot(centre)));
    return new HeartLayers(staticLayer, VolumeGrid.ofMu(hx, hy, hz, heartAffine, heart), centre, radius);
  }

  /** The CT index box {i0, j0, k0, i1, j1, k1} holding the mask's non-zero voxels (one voxel of margin). */
  private static int[] ctBoxOfMask(VolumeGrid ct, Volume mask) {
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[] ma = mask.voxelToRas();
    double[] toCt = Affines.invert(ct.voxelToRas());
    for (int k = 0; k < mask.nz(); k++) {
      for (int j = 0; j < mask.ny(); j++) {
        for (int i = 0; i < mask.nx(); i++) {
          if (!(mask.value(i, j, k) > 0)) {
            continue;
          }
          // the voxel's eight corners, so that any sampling of it lands inside the box
          for (int c = 0; c < 8; c++) {
            double[] p = Affines.apply(ma,
                new double[] {i + ((c & 1) - 0.5), j + (((c >> 1) & 1) - 0.5), k + (((c >> 2) & 1) - 0.5)});
            double[] q = Affines.apply(toCt, p);
            for (int d = 0; d < 3; d++) {
              lo[d] = Math.min(lo[d], q[d]);
              hi[d] = Math.max(hi[d], q[d]);
            }
          }
        }
      }
    }
    int[] n = {ct.nx(), ct.ny(), ct.nz()};
    int[] box = new int[6];
    for (int d = 0; d < 3; d++) {
      box[d] = (int) Math.max(0, Math.floor(lo[d]) - 1);
      box[3 + d] = (int) Math.min(n[d] - 1, Math.ceil(hi[d]) + 1);
    }
    return box;
  }

  /** The mask's trilinear value at RAS (x, y, z), voxels outside the mask 0, clamped to [0, 1]. */
  private static double sampleWeight(Volume mask, double[] toMask, double x, double y, double z) {
    double fi = toMask[0] * x + toMask[1] * y + toMask[2] * z + toMask[3];
    double fj = toMask[4] * x + toMask[5] * y + toMask[6] * z + toMask[7];
    double fk = toMask[8] * x + toMask[9] * y + toMask[10] * z + toMask[11];
    int i0 = (int) Math.floor(fi);
    int j0 = (int) Math.floor(fj);
    int k0 = (int) Math.floor(fk);
    double w = 0;
    for (int c = 0; c < 8; c++) {
      int i = i0 + (c & 1);
      int j = j0 + ((c >> 1) & 1);
      int k = k0 + ((c >> 2) & 1);
      if (i < 0 || j < 0 || k < 0 || i >= mask.nx() || j >= mask.ny() || k >= mask.nz()) {
        continue;
      }
      double v = Math.max(0, Math.min(1, mask.value(i, j, k)));
      if (v == 0) {
        continue;
      }
      double wi = (c & 1) == 1 ? fi - i0 : 1 - (fi - i0);
      double wj = ((c >> 1) & 1) == 1 ? fj - j0 : 1 - (fj - j0);
      double wk = ((c >> 2) & 1) == 1 ? fk - k0 : 1 - (fk - k0);
      w += v * wi * wj * wk;
    }
    return Math.min(1, w);
  }
}
