package cathnav.sim.render;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.ModelFileException;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import cathnav.gpu.Attenuation;
import cathnav.sim.phantom.CardiacVeins;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link AnatomyScene} from a CT volume (HU) and optionally a whole-heart mask (any grid in the same RAS
 * frame, non-zero inside).
 *
 * <p>The mask is resampled onto the CT grid (trilinear, so the region's edge is feathered over one voxel). Without a
 * mask the heart region is a sphere of {@value #DEFAULT_HEART_RADIUS_MM} mm about the CT's centre, a crude stand-in.
 * The heart centre is the region's weighted centroid and its long axis the principal axis of the region's spread,
 * pointed towards the inferior side (apex); the vein and device routes are the synthetic ones of
 * {@link CardiacVeins} placed on that outline (they are not segmented from the CT). The scene has no fiducials.
 */
public final class CtSceneLoader {

  /** Heart-region radius used when no mask is given, mm. */
  public static final double DEFAULT_HEART_RADIUS_MM = 60;

  /** HU of what fills the space the heart leaves when it moves. */
  public static final double BACKGROUND_HU = -400;

  private static final Logger LOG = LoggerFactory.getLogger(CtSceneLoader.class);

  private CtSceneLoader() {}

  /** Reads {@code ct} and {@code heartMask} (null for none) and builds the scene. */
  public static AnatomyScene load(Path ct, Path heartMask, Attenuation attenuation) throws ModelFileException {
    Volume v = Volumes.read(ct);
    Volume mask = heartMask == null ? null : Volumes.read(heartMask);
    return build(ct.getFileName().toString(), v, mask, attenuation);
  }

  /** Builds the scene from volumes already read. */
  public static AnatomyScene build(String name, Volume ct, Volume mask, Attenuation attenuation) {
    int n = (int) ct.voxelCount();
    float[] mu = new float[n];
    for (int i = 0; i < n; i++) {
      mu[i] = attenuation.mu(ct.isInt16() ? ct.int16()[i] : ct.float32()[i]);
    }
    float[] weight = new float[n];
    double[] a = ct.voxelToRas();
    double[] toMask = mask == null ? null : inverseAffine(mask.voxelToRas());
    double[] centre = ct.worldCentre();
    double sw = 0;
    double[] s1 = new double[3];
    double[][] s2 = new double[3][3];
    for (int k = 0; k < ct.nz(); k++) {
      for (int j = 0; j < ct.ny(); j++) {
        for (int i = 0; i < ct.nx(); i++) {
          double x = a[0] * i + a[1] * j + a[2] * k + a[3];
          double y = a[4] * i + a[5] * j + a[6] * k + a[7];
          double z = a[8] * i + a[9] * j + a[10] * k + a[11];
          double w;
          if (mask == null) {
            double d = Math.sqrt(sq(x - centre[0]) + sq(y - centre[1]) + sq(z - centre[2]));
            w = Math.max(0, Math.min(1, DEFAULT_HEART_RADIUS_MM + 0.5 - d));
          } else {
            w = sampleMask(mask, toMask, x, y, z);
          }
          if (w > 0) {
            weight[(k * ct.ny() + j) * ct.nx() + i] = (float) w;
            double[] p = {x, y, z};
            sw += w;
            for (int r = 0; r < 3; r++) {
              s1[r] += w * p[r];
              for (int c = 0; c < 3; c++) {
                s2[r][c] += w * p[r] * p[c];
              }
            }
          }
        }
      }
    }
    if (sw == 0) {
      throw new IllegalArgumentException("the heart mask does not overlap the CT, ct=" + name);
    }
    Vec3 heartCentre = new Vec3(s1[0] / sw, s1[1] / sw, s1[2] / sw);
    double[][] cov = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        cov[r][c] = s2[r][c] / sw - (s1[r] / sw) * (s1[c] / sw);
      }
    }
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov));
    double[] values = eig.getRealEigenvalues();
    int major = 0;
    for (int i = 1; i < 3; i++) {
      if (values[i] > values[major]) {
        major = i;
      }
    }
    double[] axisArr = eig.getEigenvector(major).toArray();
    Vec3 axis = new Vec3(axisArr[0], axisArr[1], axisArr[2]).normalized();
    if (axis.z() > 0) {
      axis = axis.times(-1);
    }
    double second = 0;
    for (int i = 0; i < 3; i++) {
      if (i != major) {
        second = Math.max(second, values[i]);
      }
    }
    // a uniform solid ellipsoid has variance a^2 / 5 along a semi-axis a
    double halfLength = Math.sqrt(5 * values[major]);
    double radius = 0.85 * Math.sqrt(5 * second);
    CardiacVeins veins = CardiacVeins.around(heartCentre, axis, radius, halfLength);
    HeartRegionSplit.Parts parts = HeartRegionSplit.split(ct.nx(), ct.ny(), ct.nz(), a, mu, weight,
        attenuation.mu(BACKGROUND_HU));
    LOG.info("ct scene built, ct={}, heartCentre={}, longAxis={}, halfLengthMm={}, radiusMm={}, heartVoxels={}x{}x{}",
        name, heartCentre, axis, String.format("%.1f", halfLength), String.format("%.1f", radius),
        parts.heartMu().nx(), parts.heartMu().ny(), parts.heartMu().nz());
    return AnatomyScene.of(name, parts, heartCentre, axis, List.of(), veins);
  }

  private static double sampleMask(Volume mask, double[] inv, double x, double y, double z) {
    double fi = inv[0] * x + inv[1] * y + inv[2] * z + inv[3];
    double fj = inv[4] * x + inv[5] * y + inv[6] * z + inv[7];
    double fk = inv[8] * x + inv[9] * y + inv[10] * z + inv[11];
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
      if (mask.value(i, j, k) > 0) {
        double wi = (c & 1) == 0 ? 1 - (fi - i0) : fi - i0;
        double wj = ((c >> 1) & 1) == 0 ? 1 - (fj - j0) : fj - j0;
        double wk = ((c >> 2) & 1) == 0 ? 1 - (fk - k0) : fk - k0;
        w += wi * wj * wk;
      }
    }
    return w;
  }

  /** Inverse of a row-major 4x4 affine (bottom row 0 0 0 1). */
  static double[] inverseAffine(double[] m) {
    double a = m[0], b = m[1], c = m[2], d = m[4], e = m[5], f = m[6], g = m[8], h = m[9], i = m[10];
    double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    if (det == 0 || !Double.isFinite(det)) {
      throw new IllegalArgumentException("voxel-to-RAS affine is singular");
    }
    double[] r = {
      (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
      (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
      (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det
    };
    double[] out = new double[16];
    for (int row = 0; row < 3; row++) {
      out[row * 4] = r[row * 3];
      out[row * 4 + 1] = r[row * 3 + 1];
      out[row * 4 + 2] = r[row * 3 + 2];
      out[row * 4 + 3] = -(r[row * 3] * m[3] + r[row * 3 + 1] * m[7] + r[row * 3 + 2] * m[11]);
    }
    out[15] = 1;
    return out;
  }

  private static double sq(double x) {
    return x * x;
  }
}
