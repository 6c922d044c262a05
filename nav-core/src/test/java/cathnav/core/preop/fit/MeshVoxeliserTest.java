package cathnav.core.preop.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.model.TriangleMesh;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshVoxeliserTest {

  private static final double[] ID = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  @Test
  void fillsASphereToItsVolume() {
    TriangleMesh sphere = TestSolids.ellipsoid(new double[] {3, -2, 5}, 30, 30, 30, ID, 48, 96);
    VoxelGrid grid = VoxelGrid.covering(sphere.bounds(), 1.0, 2);
    MeshVoxeliser.Fill fill = MeshVoxeliser.fill(List.of(sphere), SimilarityTransform.identity(), grid);
    assertEquals(0, fill.oddColumns());
    assertEquals(sphere.closedVolume(), fill.mask().volumeMm3(), 0.02 * sphere.closedVolume());
  }

  @Test
  void voxelsClearOfTheSurfaceAreClassifiedExactlyOnAnObliqueGrid() {
    double r = 25;
    TriangleMesh sphere = TestSolids.ellipsoid(new double[] {0, 0, 0}, r, r, r, ID, 64, 128);
    // oblique, anisotropic grid: rotated 30 degrees about z, 1.2 x 0.9 x 1.5 mm
    double c = Math.cos(Math.PI / 6);
    double s = Math.sin(Math.PI / 6);
    double[] m = {1.2 * c, -0.9 * s, 0, -30, 1.2 * s, 0.9 * c, 0, -30, 0, 0, 1.5, -30, 0, 0, 0, 1};
    VoxelGrid grid = new VoxelGrid(60, 70, 42, m);
    BinaryMask mask = MeshVoxeliser.fill(List.of(sphere), SimilarityTransform.identity(), grid).mask();
    double[] p = new double[3];
    int checked = 0;
    for (int k = 0; k < grid.nz(); k++) {
      for (int j = 0; j < grid.ny(); j++) {
        for (int i = 0; i < grid.nx(); i++) {
          grid.centre(i, j, k, p, 0);
          double d = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
          // the faceted sphere lies within 0.1 mm inside the true one at this tessellation
          if (Math.abs(d - r) > 0.2) {
            assertEquals(d < r, mask.inside(i, j, k), "voxel " + i + "," + j + "," + k + " at distance " + d);
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 100_000);
  }

  @Test
  void unionOfOverlappingSolidsCountsSharedVoxelsOnce() {
    TriangleMesh a = TestSolids.ellipsoid(new double[] {0, 0, 0}, 20, 20, 20, ID, 32, 64);
    TriangleMesh b = TestSolids.ellipsoid(new double[] {10, 0, 0}, 20, 20, 20, ID, 32, 64);
    VoxelGrid grid = VoxelGrid.covering(new double[] {-25, -25, -25, 35, 25, 25}, 1.0, 1);
    int ua = MeshVoxeliser.fill(List.of(a), SimilarityTransform.identity(), grid).mask().count();
    int ub = MeshVoxeliser.fill(List.of(b), SimilarityTransform.identity(), grid).mask().count();
    int both = MeshVoxeliser.fill(List.of(a, b), SimilarityTransform.identity(), grid).mask().count();
    assertTrue(both > Math.max(ua, ub) && both < ua + ub, "union=" + both + " a=" + ua + " b=" + ub);
  }

  @Test
  void transformIsAppliedBeforeFilling() {
    TriangleMesh sphere = TestSolids.ellipsoid(new double[] {0, 0, 0}, 10, 10, 10, ID, 32, 64);
    SimilarityTransform t = new SimilarityTransform(2, ID, new double[] {40, 0, 0});
    VoxelGrid grid = VoxelGrid.covering(new double[] {0, -30, -30, 80, 30, 30}, 1.0, 0);
    BinaryMask mask = MeshVoxeliser.fill(List.of(sphere), t, grid).mask();
    assertTrue(mask.inside(40, 30, 30));
    assertTrue(mask.inside(40 + 18, 30, 30));
    assertTrue(!mask.inside(40 + 22, 30, 30));
  }

  @Test
  void sphereWithAHoleIsStillFilledFromTheOtherDirections() {
    TriangleMesh sphere = TestSolids.ellipsoid(new double[] {0, 0, 0}, 20, 20, 20, ID, 32, 64);
    // drop the triangles round the north pole: rays along z through the opening see an odd number of crossings
    int[] t = sphere.triangles();
    float[] v = sphere.vertices();
    boolean[] keep = new boolean[sphere.triangleCount()];
    for (int i = 0; i < keep.length; i++) {
      keep[i] = v[3 * t[3 * i] + 2] < 19 || v[3 * t[3 * i + 1] + 2] < 19 || v[3 * t[3 * i + 2] + 2] < 19;
    }
    TriangleMesh open = sphere.subset(keep);
    VoxelGrid grid = VoxelGrid.covering(sphere.bounds(), 1.0, 2);
    MeshVoxeliser.Fill closed = MeshVoxeliser.fill(List.of(sphere), SimilarityTransform.identity(), grid);
    MeshVoxeliser.Fill holed = MeshVoxeliser.fill(List.of(open), SimilarityTransform.identity(), grid);
    assertTrue(holed.oddColumns() > 0, "the opening gives odd rays");
    assertTrue(holed.mask().dice(closed.mask()) > 0.995, "dice " + holed.mask().dice(closed.mask()));
  }
}
