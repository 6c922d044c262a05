package cathnav.gpu.device;

import cathnav.gpu.Projection;
import java.util.Arrays;

/**
 * Per-pose ray parameters for the device DRR kernels, computed on the host in float64 and handed to the kernels as
 * {@link #FLOATS_PER_POSE} float32 values per pose.
 *
 * <p>With {@code P = [M | p]} (3x4), the source is {@code C = -M^-1 p} (RAS mm) and the ray of pixel {@code (u, v)}
 * runs along {@code M^-1 (u, v, 1)} (pointing away from the source for a {@code P} whose third row gives positive
 * depth in front of the source, as {@code K [R | t]} with positive focal lengths does). With the volume's
 * voxel-to-RAS affine {@code A} and the model pose {@code T}, voxel index space is reached through
 * {@code G = (T A)^-1}. Layout of one pose's block:
 *
 * <pre>
 *   [0..2]   G C: the source in voxel index space            [3] unused
 *   [4..12]  M^-1, row-major 3x3 (world direction of a pixel's ray, for its length in mm)
 *   [13..21] G_linear M^-1, row-major 3x3 (voxel-space direction of a pixel's ray)
 *   [22..23] unused
 *   [24..26] lower corner, [27..29] upper corner of the slab outside which samples read only zeros
 *            ({@link OccupiedBox#writeSlab}; voxel index space)
 *   [30..31] unused
 *   [32..63] the float32 remainders of [0..31]: value i is {@code (double) block[i] + (double) block[i + 32]} to
 *            about 2^-48 relative (zero where [0..31] is exact or unused)
 * </pre>
 *
 * <p>Why the remainders: the source lies hundreds of voxels from the box, so a float32 source or direction moves the
 * clipped segment's ends by ~1e-4 mm; where {@code (t1 - t0) / step} is that close to {@code k + 0.5} the ray gets
 * one sample more or fewer than the float64 rule, a whole boundary sample (half a voxel's attenuation times the
 * step, ~1% of the pixel) on a volume whose edge voxels are non-zero. Kernels with float64 read the pairs; kernels
 * without it read [0..31] alone. A kernel takes {@code dw = M^-1 (u, v, 1)}, {@code d = G_linear M^-1 (u, v, 1) / |dw|} and samples
 * {@code GC + t d} for {@code t} in mm along the ray. Stateless; thread-safe.
 */
public final class RaySetup {

  /** Floats per pose block. */
  public static final int FLOATS_PER_POSE = 64;

  /** Offset from a value to its float32 remainder inside a pose block. */
  public static final int REMAINDER_OFFSET = 32;

  private RaySetup() {}

  /**
   * Writes the blocks of {@code count} poses (row-major 4x4 each, consecutive from {@code poseOffset} in
   * {@code poses}) into {@code out}, from index 0.
   *
   * @throws IllegalArgumentException when {@code P}'s left 3x3 or a pose times the volume affine is singular
   */
  public static void write(Projection projection, double[] voxelToRas, OccupiedBox occupied, double[] poses,
      int poseOffset, int count, float[] out) {
    double[] m = new double[9];
    double[] p = new double[3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        m[r * 3 + c] = projection.get(r, c);
      }
      p[r] = projection.get(r, 3);
    }
    double[] mInv = invert3(m, "projection");
    double[] source = mul3(mInv, p);
    for (int i = 0; i < 3; i++) {
      source[i] = -source[i];
    }
    for (int b = 0; b < count; b++) {
      double[] tA = mul4(poses, (poseOffset + b) * 16, voxelToRas);
      double[] lin = {tA[0], tA[1], tA[2], tA[4], tA[5], tA[6], tA[8], tA[9], tA[10]};
      double[] gLin = invert3(lin, "pose index=" + (poseOffset + b) + " times voxelToRas");
      double[] rel = {source[0] - tA[3], source[1] - tA[7], source[2] - tA[11]};
      double[] c = mul3(gLin, rel);
      double[] dir = mul33(gLin, mInv);
      int o = b * FLOATS_PER_POSE;
      Arrays.fill(out, o, o + FLOATS_PER_POSE, 0f);
      for (int i = 0; i < 3; i++) {
        writePair(out, o + i, c[i]);
      }
      for (int i = 0; i < 9; i++) {
        writePair(out, o + 4 + i, mInv[i]);
        writePair(out, o + 13 + i, dir[i]);
      }
      occupied.writeSlab(out, o + 24);
    }
  }

  /** {@code out[at] = (float) x} and its remainder {@code out[at + REMAINDER_OFFSET] = (float) (x - out[at])}. */
  private static void writePair(float[] out, int at, double x) {
    float hi = (float) x;
    out[at] = hi;
    out[at + REMAINDER_OFFSET] = (float) (x - hi);
  }

  private static double[] mul4(double[] a, int ao, double[] b) {
    double[] r = new double[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
          s += a[ao + i * 4 + k] * b[k * 4 + j];
        }
        r[i * 4 + j] = s;
      }
    }
    return r;
  }

  private static double[] mul3(double[] m, double[] v) {
    return new double[] {
      m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
      m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
      m[6] * v[0] + m[7] * v[1] + m[8] * v[2]
    };
  }

  private static double[] mul33(double[] a, double[] b) {
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
      }
    }
    return r;
  }

  private static double[] invert3(double[] m, String what) {
    double c00 = m[4] * m[8] - m[5] * m[7];
    double c01 = m[5] * m[6] - m[3] * m[8];
    double c02 = m[3] * m[7] - m[4] * m[6];
    double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
    double scale = 0;
    for (double v : m) {
      scale = Math.max(scale, Math.abs(v));
    }
    if (!(Math.abs(det) > 1e-12 * scale * scale * scale)) {
      throw new IllegalArgumentException("singular 3x3 matrix, of=" + what + ", det=" + det);
    }
    double s = 1.0 / det;
    return new double[] {
      c00 * s, (m[2] * m[7] - m[1] * m[8]) * s, (m[1] * m[5] - m[2] * m[4]) * s,
      c01 * s, (m[0] * m[8] - m[2] * m[6]) * s, (m[2] * m[3] - m[0] * m[5]) * s,
      c02 * s, (m[1] * m[6] - m[0] * m[7]) * s, (m[0] * m[4] - m[1] * m[3]) * s
    };
  }
}
