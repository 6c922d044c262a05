package cathnav.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing volumes and reading them back gives the same voxels and the same RAS affine. */
class VolumeWritersTest {

  @TempDir Path dir;

  static Volume randomInt16(Random rnd, double[] affine) {
    int nx = 5 + rnd.nextInt(8);
    int ny = 4 + rnd.nextInt(8);
    int nz = 3 + rnd.nextInt(6);
    short[] v = new short[nx * ny * nz];
    for (int n = 0; n < v.length; n++) {
      v[n] = (short) (rnd.nextInt(65536) - 32768);
    }
    return Volume.ofInt16(nx, ny, nz, affine, v);
  }

  static Volume randomFloat(Random rnd, double[] affine) {
    int nx = 3 + rnd.nextInt(8);
    int ny = 6 + rnd.nextInt(5);
    int nz = 2 + rnd.nextInt(6);
    float[] v = new float[nx * ny * nz];
    for (int n = 0; n < v.length; n++) {
      v[n] = (float) (rnd.nextGaussian() * 1000.0);
    }
    return Volume.ofFloat32(nx, ny, nz, affine, v);
  }

  /** A random rotation (from a random unit quaternion) times random spacings, plus a random offset. */
  static double[] randomObliqueAffine(Random rnd, boolean flipK) {
    double a = rnd.nextGaussian(), b = rnd.nextGaussian(), c = rnd.nextGaussian(), d = rnd.nextGaussian();
    double s = Math.sqrt(a * a + b * b + c * c + d * d);
    a /= s; b /= s; c /= s; d /= s;
    double[] r = {
      a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
      2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
      2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b
    };
    double[] sp = {0.3 + rnd.nextDouble() * 2, 0.3 + rnd.nextDouble() * 2, (flipK ? -1 : 1) * (0.5 + rnd.nextDouble() * 3)};
    double[] m = new double[16];
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 3; col++) {
        m[row * 4 + col] = r[row * 3 + col] * sp[col];
      }
      m[row * 4 + 3] = (rnd.nextDouble() - 0.5) * 400;
    }
    m[15] = 1;
    return m;
  }

  private static long seed() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    return seed;
  }

  @Test
  void nrrdRawRoundTripKeepsInt16VoxelsAndObliqueAffine() throws Exception {
    Random rnd = new Random(seed());
    Volume v = randomInt16(rnd, randomObliqueAffine(rnd, false));
    Path f = dir.resolve("v.nrrd");
    VolumeWriters.writeNrrd(v, f, false);
    Volume back = Volumes.read(f);
    assertSame(v, back, 1e-12);
  }

  @Test
  void nrrdGzipRoundTripKeepsFloatVoxels() throws Exception {
    Random rnd = new Random(seed());
    Volume v = randomFloat(rnd, randomObliqueAffine(rnd, true));
    Path f = dir.resolve("v.nrrd");
    VolumeWriters.writeNrrd(v, f, true);
    assertSame(v, Volumes.read(f), 1e-12);
  }

  @Test
  void niftiRoundTripKeepsVoxelsAndSform() throws Exception {
    Random rnd = new Random(seed());
    Volume v = randomInt16(rnd, randomObliqueAffine(rnd, false));
    Path f = dir.resolve("v.nii");
    VolumeWriters.writeNifti(v, f);
    assertSame(v, Volumes.read(f), 1e-4);
  }

  @Test
  void niftiGzipRoundTripKeepsFloatVoxels() throws Exception {
    Random rnd = new Random(seed());
    Volume v = randomFloat(rnd, randomObliqueAffine(rnd, true));
    Path f = dir.resolve("v.nii.gz");
    VolumeWriters.writeNifti(v, f);
    assertTrue(Volumes.isGzip(f));
    assertSame(v, Volumes.read(f), 1e-4);
  }

  @Test
  void niftiQformAloneGivesTheSameAffineAsTheSform() throws Exception {
    Random rnd = new Random(seed());
    for (int trial = 0; trial < 20; trial++) {
      Volume v = randomInt16(rnd, randomObliqueAffine(rnd, trial % 2 == 1));
      Path f = dir.resolve("q" + trial + ".nii");
      VolumeWriters.writeNifti(v, f);
      try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
        raf.seek(254); // sform_code = 0: the reader must fall back to the quaternion
        raf.write(new byte[] {0, 0});
      }
      assertSame(v, Volumes.read(f), qformTolerance(v.voxelToRas()));
    }
  }

  /**
   * How closely a qform can give back {@code m}: NIfTI stores the quaternion's b, c, d as float32 and rebuilds
   * a = sqrt(1 - b² - c² - d²), so the rotation loses about 2^-24 / a (at most about sqrt(2^-24)) when it is near a
   * half turn; each affine element carries that times its spacing, plus the float32 rounding of spacing and offset.
   */
  static double qformTolerance(double[] m) {
    double[] col = new double[3];
    for (int c = 0; c < 3; c++) {
      col[c] = Math.sqrt(m[c] * m[c] + m[4 + c] * m[4 + c] + m[8 + c] * m[8 + c]);
    }
    double det = m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8])
        + m[2] * (m[4] * m[9] - m[5] * m[8]);
    double trace = m[0] / col[0] + m[5] / col[1] + Math.signum(det) * m[10] / col[2];
    double a = 0.5 * Math.sqrt(Math.max(0, 1 + trace));
    double f32 = Math.ulp(1f);
    double quaternion = 3 * f32 + Math.min(3 * f32 / Math.max(a, 1e-12), Math.sqrt(6 * f32));
    double maxSpacing = Math.max(col[0], Math.max(col[1], col[2]));
    return 2e-4 + 4 * quaternion * maxSpacing;
  }

  @Test
  void failedWriteLeavesNoFileBehind() throws Exception {
    Volume v = Volume.ofInt16(40000, 1, 1, identity(), new short[40000]);
    Path f = dir.resolve("too-wide.nii");
    ModelFileException e = assertThrows(ModelFileException.class, () -> VolumeWriters.writeNifti(v, f));
    assertEquals(f, e.file());
    assertFalse(Files.exists(f));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "temporary file left behind");
    }
  }

  static double[] identity() {
    return new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
  }

  static void assertSame(Volume expected, Volume actual, double affineTol) {
    assertEquals(expected.nx(), actual.nx());
    assertEquals(expected.ny(), actual.ny());
    assertEquals(expected.nz(), actual.nz());
    assertEquals(expected.isInt16(), actual.isInt16());
    double[] e = expected.voxelToRas();
    double[] a = actual.voxelToRas();
    for (int n = 0; n < 16; n++) {
      assertEquals(e[n], a[n], affineTol * Math.max(1, Math.abs(e[n])), "affine element " + n);
    }
    if (expected.isInt16()) {
      assertArrayEquals(expected.int16(), actual.int16());
    } else {
      assertArrayEquals(expected.float32(), actual.float32());
    }
  }
}
