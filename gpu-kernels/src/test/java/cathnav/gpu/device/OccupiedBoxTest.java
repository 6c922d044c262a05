package cathnav.gpu.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;
import cathnav.gpu.testing.Matrix4;
import cathnav.gpu.testing.TestSeeds;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OccupiedBoxTest {

  @Test
  void boxIsTheExtentOfRandomlyPlacedNonZeroVoxels() {
    Random random = TestSeeds.random("OccupiedBoxTest.boxIsTheExtentOfRandomlyPlacedNonZeroVoxels");
    int nx = 20 + random.nextInt(20);
    int ny = 20 + random.nextInt(20);
    int nz = 20 + random.nextInt(20);
    float[] mu = new float[nx * ny * nz];
    int[] lo = {nx, ny, nz};
    int[] hi = {-1, -1, -1};
    for (int n = 0; n < 5; n++) {
      int i = random.nextInt(nx);
      int j = random.nextInt(ny);
      int k = random.nextInt(nz);
      mu[(k * ny + j) * nx + i] = 0.01f;
      lo = new int[] {Math.min(lo[0], i), Math.min(lo[1], j), Math.min(lo[2], k)};
      hi = new int[] {Math.max(hi[0], i), Math.max(hi[1], j), Math.max(hi[2], k)};
    }
    OccupiedBox box = OccupiedBox.of(VolumeGrid.ofMu(nx, ny, nz, Matrix4.identity(), mu), Attenuation.DEFAULT);
    assertEquals(new OccupiedBox(lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]), box, "seed=" + TestSeeds.seedOf(random));
  }

  @Test
  void airAtMinus1000HuIsUnoccupied() {
    short[] hu = new short[8 * 8 * 8];
    java.util.Arrays.fill(hu, (short) -1000);
    hu[(3 * 8 + 4) * 8 + 5] = -999;
    OccupiedBox box = OccupiedBox.of(VolumeGrid.ofHu(8, 8, 8, Matrix4.identity(), hu), Attenuation.DEFAULT);
    assertEquals(new OccupiedBox(5, 4, 3, 5, 4, 3), box);
  }

  @Test
  void allZeroVolumeIsEmptyAndWritesASlabNoRayCrosses() {
    OccupiedBox box = OccupiedBox.of(VolumeGrid.ofMu(4, 4, 4, Matrix4.identity(), new float[64]), Attenuation.DEFAULT);
    assertTrue(box.isEmpty());
    float[] slab = new float[6];
    box.writeSlab(slab, 0);
    for (int a = 0; a < 3; a++) {
      assertTrue(slab[a] > slab[a + 3], "axis " + a);
    }
  }
}
