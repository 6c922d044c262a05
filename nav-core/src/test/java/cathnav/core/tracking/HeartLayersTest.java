package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.model.Volume;
import cathnav.core.preop.HeartRegion;
import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.FallbackPolicy;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.VolumeGrid;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HeartLayersTest {

  /** A random HU volume (2 mm voxels) and a ball mask of radius {@code r} mm on a finer, shifted grid. */
  private static RegistrationModel randomModel(long seed, double r) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 40;
    short[] hu = new short[n * n * n];
    for (int i = 0; i < hu.length; i++) {
      hu[i] = (short) rnd.nextInt(-1000, 1500);
    }
    double[] a = {2, 0, 0, -40, 0, 2, 0, -40, 0, 0, 2, -40, 0, 0, 0, 1};
    int m = 60;
    short[] mask = new short[m * m * m];
    double[] ma = {1.3, 0, 0, -35, 0, 1.3, 0, -37, 0, 0, 1.3, -36, 0, 0, 0, 1};
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < m; j++) {
        for (int i = 0; i < m; i++) {
          double x = ma[0] * i + ma[3] - 3;
          double y = ma[5] * j + ma[7] + 2;
          double z = ma[10] * k + ma[11];
          mask[(k * m + j) * m + i] = (short) (x * x + y * y + z * z < r * r ? 1 : 0);
        }
      }
    }
    return new RegistrationModel(VolumeGrid.ofHu(n, n, n, a, hu), Attenuation.DEFAULT, Vec3.ZERO,
        new HeartRegion(Volume.ofInt16(m, m, m, ma, mask), -400));
  }

  @Test
  void staticAndHeartLayersAddUpToTheCtVoxelByVoxel() {
    long seed = System.nanoTime();
    System.out.println("HeartLayersTest seed=" + seed);
    RegistrationModel model = randomModel(seed, 15);
    HeartLayers layers = HeartLayers.split(model);
    VolumeGrid ct = model.ct();
    VolumeGrid heart = layers.heartLayer();
    int[] off = offset(ct, heart);
    Attenuation att = model.attenuation();
    int changed = 0;
    for (int k = 0; k < ct.nz(); k++) {
      for (int j = 0; j < ct.ny(); j++) {
        for (int i = 0; i < ct.nx(); i++) {
          int idx = (k * ct.ny() + j) * ct.nx() + i;
          double full = att.mu(ct.hu()[idx]);
          double stat = att.mu(layers.staticLayer().hu()[idx]);
          int hi = i - off[0];
          int hj = j - off[1];
          int hk = k - off[2];
          double h = hi >= 0 && hj >= 0 && hk >= 0 && hi < heart.nx() && hj < heart.ny() && hk < heart.nz()
              ? heart.mu()[(hk * heart.ny() + hj) * heart.nx() + hi] : 0;
          // the static layer is stored in whole HU: half a HU of rounding
          assertEquals(full, stat + h, 0.5 * att.muWater() / 1000 + 1e-7, "voxel " + i + "," + j + "," + k);
          if (h != 0) {
            changed++;
          }
        }
      }
    }
    // a 15 mm ball on 2 mm voxels holds about 1770 voxels
    assertTrue(changed > 1200 && changed < 2600, "heart voxels=" + changed);
  }

  @Test
  void heartLayerIsCroppedToTheMaskWithAOneVoxelMargin() {
    RegistrationModel model = randomModel(7, 15);
    HeartLayers layers = HeartLayers.split(model);
    // the ball (radius 15 mm about (3, -2, 0)) spans about 15 voxels of 2 mm plus the feathered edge and margin
    VolumeGrid h = layers.heartLayer();
    assertTrue(h.nx() >= 15 && h.nx() <= 20, "nx=" + h.nx());
    assertTrue(h.nz() >= 15 && h.nz() <= 20, "nz=" + h.nz());
    assertEquals(3, layers.heartCentre().x(), 0.7);
    assertEquals(-2, layers.heartCentre().y(), 0.7);
    assertEquals(0, layers.heartCentre().z(), 0.7);
    // a solid ball's rms radius is r sqrt(3/5)
    assertEquals(15 * Math.sqrt(0.6), layers.heartRadiusMm(), 1.0);
  }

  @Test
  void drrsOfTheTwoLayersAddUpToTheCtsDrr() {
    long seed = System.nanoTime();
    System.out.println("HeartLayersTest drr seed=" + seed);
    RegistrationModel model = randomModel(seed, 18);
    HeartLayers layers = HeartLayers.split(model);
    CArmGeometry view = CArmGeometry.of(20, -10, 1100, 750, 48, 48, 2.4, 2.4);
    double[] pose = RigidTransform.IDENTITY.matrix();
    try (ComputeBackend be = ComputeBackends.select("java", FallbackPolicy.FAIL).backend()) {
      float[] full = render(be, model.ct(), model.attenuation(), view, pose);
      float[] stat = render(be, layers.staticLayer(), model.attenuation(), view, pose);
      float[] heart = render(be, layers.heartLayer(), model.attenuation(), view, pose);
      double maxFull = 0;
      double worst = 0;
      for (int i = 0; i < full.length; i++) {
        maxFull = Math.max(maxFull, full[i]);
        worst = Math.max(worst, Math.abs(full[i] - (double) stat[i] - heart[i]));
      }
      // sampling the cropped grid's edge is exact: the margin voxel holds zero
      assertTrue(worst < 2e-3 * maxFull, "worst=" + worst + ", max=" + maxFull);
    }
  }

  @Test
  void rejectsAModelWithoutHeartRegion() {
    RegistrationModel model = randomModel(1, 10).withHeart(null);
    assertThrows(IllegalArgumentException.class, () -> HeartLayers.split(model));
  }

  @Test
  void rejectsAMaskThatMissesTheCt() {
    RegistrationModel m = randomModel(1, 10);
    double[] far = {1, 0, 0, 500, 0, 1, 0, 500, 0, 0, 1, 500, 0, 0, 0, 1};
    Volume mask = Volume.ofInt16(2, 2, 2, far, new short[] {1, 1, 1, 1, 1, 1, 1, 1});
    RegistrationModel model = m.withHeart(HeartRegion.of(mask));
    assertThrows(IllegalArgumentException.class, () -> HeartLayers.split(model));
  }

  private static int[] offset(VolumeGrid ct, VolumeGrid heart) {
    double[] a = ct.voxelToRas();
    double[] b = heart.voxelToRas();
    return new int[] {(int) Math.round((b[3] - a[3]) / a[0]), (int) Math.round((b[7] - a[7]) / a[5]),
        (int) Math.round((b[11] - a[11]) / a[10])};
  }

  private static float[] render(ComputeBackend be, VolumeGrid grid, Attenuation att, CArmGeometry view,
      double[] pose) {
    try (DeviceVolume v = be.uploadVolume(grid, att); DeviceImage img = be.createImage(view.width(), view.height())) {
      be.render(v, view.toProjection(), pose, new RenderOptions(0.7), img);
      float[] out = new float[view.width() * view.height()];
      be.download(img, out);
      return out;
    }
  }
}
