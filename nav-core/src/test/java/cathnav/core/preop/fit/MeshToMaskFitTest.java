package cathnav.core.preop.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.model.TriangleMesh;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fit on synthetic data with a known transform: an asymmetric four-ellipsoid "heart" is placed by a random
 * similarity, voxelised at 1.5 mm as the mask, and fitted back from the meshes.
 */
class MeshToMaskFitTest {

  private static BinaryMask maskOf(List<TriangleMesh> meshes, SimilarityTransform truth) {
    double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (TriangleMesh m : meshes) {
      float[] v = m.vertices();
      for (int i = 0; i < v.length; i += 3) {
        double[] p = truth.apply(new double[] {v[i], v[i + 1], v[i + 2]});
        for (int a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a], p[a]);
          hi[a] = Math.max(hi[a], p[a]);
        }
      }
    }
    VoxelGrid grid = VoxelGrid.covering(new double[] {lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]}, 1.5, 6);
    return MeshVoxeliser.fill(meshes, truth, grid).mask();
  }

  @Test
  void recoversAKnownSimilarityFromTheMask() {
    long seed = System.nanoTime();
    System.out.println("MeshToMaskFitTest seed=" + seed);
    Random rnd = new Random(seed);
    List<TriangleMesh> heart = TestSolids.heart();
    SimilarityTransform truth = new SimilarityTransform(0.85 + 0.3 * rnd.nextDouble(),
        TestSolids.randomRotation(rnd, 25),
        new double[] {-30 + 60 * rnd.nextDouble(), 150 + 60 * rnd.nextDouble(), 600 + 60 * rnd.nextDouble()});
    MeshFit fit = MeshToMaskFit.fit(heart, maskOf(heart, truth), MeshFitOptions.DEFAULT);
    assertEquals(truth.scale(), fit.transform().scale(), 0.02 * truth.scale(), "scale, seed=" + seed);
    double angle = TestSolids.angleBetween(truth.rotation(), fit.transform().rotation());
    assertTrue(angle < 2, "rotation error " + angle + " deg, seed=" + seed);
    // placement error over the heart's own vertices (float64 reference: the true transform)
    float[] v = heart.get(0).vertices();
    double worst = 0;
    for (int i = 0; i < v.length; i += 3) {
      double[] p = {v[i], v[i + 1], v[i + 2]};
      double[] a = truth.apply(p);
      double[] b = fit.transform().apply(p);
      worst = Math.max(worst, Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])
          + (a[2] - b[2]) * (a[2] - b[2])));
    }
    assertTrue(worst < 2.0, "worst vertex placement error " + worst + " mm, seed=" + seed);
    assertTrue(fit.quality().dice() > 0.95, "dice " + fit.quality().dice() + ", seed=" + seed);
    assertTrue(fit.quality().meanSurfaceMm() < 0.8, "mean " + fit.quality().meanSurfaceMm() + ", seed=" + seed);
  }

  @Test
  void principalAxesStartsFindALargeRotation() {
    List<TriangleMesh> heart = TestSolids.heart();
    // 150 degrees: the frames start alone cannot reach it
    SimilarityTransform truth = new SimilarityTransform(1.0, Rotations.axisAngle(0, 0.6, 0.8, Math.toRadians(150)),
        new double[] {10, 20, 30});
    MeshFit fit = MeshToMaskFit.fit(heart, maskOf(heart, truth), MeshFitOptions.DEFAULT);
    double angle = TestSolids.angleBetween(truth.rotation(), fit.transform().rotation());
    assertTrue(angle < 3, "rotation error " + angle + " deg, start=" + fit.start());
    assertTrue(fit.start().startsWith("moments"), "start=" + fit.start());
  }

  @Test
  void qualityOfAWrongPlacementIsPoor() {
    List<TriangleMesh> heart = TestSolids.heart();
    SimilarityTransform truth = SimilarityTransform.identity();
    BinaryMask mask = maskOf(heart, truth);
    FitQuality exact = MeshToMaskFit.quality(heart, truth, mask);
    FitQuality shifted = MeshToMaskFit.quality(heart,
        new SimilarityTransform(1, truth.rotation(), new double[] {15, 0, 0}), mask);
    assertEquals(1.0, exact.dice(), 1e-9);
    assertEquals(0.0, exact.meanSurfaceMm(), 1e-9);
    assertTrue(shifted.dice() < 0.85 && shifted.meanSurfaceMm() > 3, "shifted: " + shifted);
  }

  @Test
  void rejectsAnEmptyMask() {
    VoxelGrid grid = VoxelGrid.covering(new double[] {0, 0, 0, 10, 10, 10}, 1, 0);
    BinaryMask empty = new BinaryMask(grid, new boolean[grid.voxelCount()]);
    assertThrows(IllegalArgumentException.class,
        () -> MeshToMaskFit.fit(TestSolids.heart(), empty, MeshFitOptions.DEFAULT));
  }
}
