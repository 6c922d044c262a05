package cathnav.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Area, enclosed volume, bounds and normals against closed-form values. */
class MeshMeasuresTest {

  @Test
  void unitCubeHasAreaSixAndVolumeOne() {
    TriangleMesh c = MeshFormatsTest.cube();
    assertEquals(6.0, c.area(), 1e-12);
    assertEquals(1.0, c.closedVolume(), 1e-12);
    assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1}, c.bounds(), 0);
    assertArrayEquals(new double[] {0, 0, 0}, c.closureDefect(), 1e-12);
  }

  @Test
  void cubeVertexNormalsPointOutAlongTheDiagonals() {
    TriangleMesh c = MeshFormatsTest.cube();
    float[] n = c.vertexNormals();
    for (int v = 0; v < 8; v++) {
      double[] p = c.vertex(v);
      for (int a = 0; a < 3; a++) {
        double outward = p[a] - 0.5;
        assertEquals(Math.signum(outward), Math.signum(n[3 * v + a]), "vertex " + v + " axis " + a);
      }
      assertEquals(1.0, Math.sqrt(n[3 * v] * n[3 * v] + n[3 * v + 1] * n[3 * v + 1] + n[3 * v + 2] * n[3 * v + 2]), 1e-6);
    }
  }

  @Test
  void volumeOfAnAffineImageOfTheCubeIsTheDeterminantFarFromTheOrigin() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random rnd = new Random(seed);
    TriangleMesh c = MeshFormatsTest.cube();
    for (int trial = 0; trial < 50; trial++) {
      double[] m = new double[9];
      for (int i = 0; i < 9; i++) {
        m[i] = rnd.nextGaussian() * 20;
      }
      double[] off = {rnd.nextGaussian() * 300, rnd.nextGaussian() * 300, rnd.nextGaussian() * 300};
      float[] v = new float[24];
      for (int p = 0; p < 8; p++) {
        for (int r = 0; r < 3; r++) {
          double x = off[r];
          for (int k = 0; k < 3; k++) {
            x += m[3 * r + k] * c.vertices()[3 * p + k];
          }
          v[3 * p + r] = (float) x;
        }
      }
      TriangleMesh t = TriangleMesh.of(v, c.triangles());
      double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
          + m[2] * (m[3] * m[7] - m[4] * m[6]);
      // float vertices far from the origin: relative error a few 1e-6 of the scale, compared in double
      double scale = Math.pow(Math.abs(det), 1.0 / 3) + 1;
      assertEquals(Math.abs(det), t.closedVolume(), 1e-4 * scale * scale * (scale + 300), "trial " + trial);
    }
  }

  @Test
  void subsetKeepsOnlyUsedVerticesAndCarriesArrays() {
    TriangleMesh c = MeshFormatsTest.cube();
    boolean[] keep = new boolean[12];
    keep[0] = true;
    keep[1] = true; // the z = 0 face
    TriangleMesh face = c.subset(keep);
    assertEquals(4, face.vertexCount());
    assertEquals(2, face.triangleCount());
    assertEquals(1.0, face.area(), 1e-12);
  }

  @Test
  void componentsSeparateDisjointPieces() {
    TriangleMesh c = MeshFormatsTest.cube();
    float[] v = new float[48];
    int[] t = new int[72];
    for (int i = 0; i < 24; i++) {
      v[i] = c.vertices()[i];
      v[24 + i] = c.vertices()[i] + 5;
    }
    for (int i = 0; i < 36; i++) {
      t[i] = c.triangles()[i];
      t[36 + i] = c.triangles()[i] + 8;
    }
    MeshComponents comp = MeshComponents.of(TriangleMesh.of(v, t));
    assertEquals(2, comp.count());
    assertEquals(0, comp.triangleLabels()[11]);
    assertEquals(1, comp.triangleLabels()[12]);
  }
}
