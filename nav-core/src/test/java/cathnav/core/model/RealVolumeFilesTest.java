package cathnav.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.VolumeGrid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The volume readers on the real files of the shared data folder. */
class RealVolumeFilesTest {

  private static Volume ct;

  @BeforeAll
  static void readCt() throws Exception {
    ct = Volumes.read(SharedData.file("ct/thorax_cta_heart_cropped_1p5mm.nii.gz"));
  }

  @Test
  void ctHasItsGridSize() {
    assertEquals(120, ct.nx());
    assertEquals(126, ct.ny());
    assertEquals(164, ct.nz());
    assertTrue(ct.isInt16());
  }

  @Test
  void ctHasIsotropicSpacingOfOneAndAHalfMillimetres() {
    assertArrayEquals(new double[] {1.5, 1.5, 1.5}, ct.spacing(), 1e-6);
  }

  @Test
  void ctHoundsfieldRangeSpansAirToBone() {
    double[] r = ct.valueRange();
    assertEquals(-1078, r[0]);
    assertEquals(3343, r[1]);
  }

  @Test
  void ctAffineIsTheRasSform() {
    double[] expected = {
      -1.5, 0, 0, 71.658203125,
      0, -1.5, 0, 255.658203125,
      0, 0, 1.5, 540.2000122070312,
      0, 0, 0, 1
    };
    assertArrayEquals(expected, ct.voxelToRas(), 1e-5);
  }

  @Test
  void ctContrastFilledBloodIsBrighterThanAirAtTheGridCentre() {
    // a contrast CTA cropped around the heart: the central voxels are soft tissue or blood, not air
    assertTrue(ct.value(60, 63, 82) > -200, "centre value " + ct.value(60, 63, 82));
  }

  @Test
  void heartMaskOnItsOwnGridLandsInTheCtWorldFrame() throws Exception {
    Volume mask = Volumes.read(SharedData.file("ct/heart_mask_1p5mm.nii.gz"));
    assertEquals(233, mask.nx());
    assertEquals(167, mask.ny());
    assertEquals(191, mask.nz());
    assertArrayEquals(new double[] {0, 1}, mask.valueRange(), 0);
    // the mask's voxels lie inside the CT's world box: the two grids share one RAS frame
    double[] ctBox = ct.worldBounds();
    double[] sum = new double[3];
    long count = 0;
    for (int k = 0; k < mask.nz(); k++) {
      for (int j = 0; j < mask.ny(); j++) {
        for (int i = 0; i < mask.nx(); i++) {
          if (mask.value(i, j, k) > 0) {
            double[] p = mask.voxelToWorld(i, j, k);
            for (int a = 0; a < 3; a++) {
              sum[a] += p[a];
            }
            count++;
          }
        }
      }
    }
    assertEquals(198176, count);
    for (int a = 0; a < 3; a++) {
      double c = sum[a] / count;
      assertTrue(c > ctBox[a] && c < ctBox[3 + a], "heart centroid axis " + a + " = " + c + " outside CT box");
    }
    double[] maskBox = mask.worldBounds();
    for (int a = 0; a < 3; a++) {
      assertTrue(maskBox[a] < ctBox[3 + a] && ctBox[a] < maskBox[3 + a], "boxes do not overlap on axis " + a);
    }
  }

  @Test
  void heartMaskCentroidIsContrastEnhancedInTheCt() throws Exception {
    Volume mask = Volumes.read(SharedData.file("ct/heart_mask_1p5mm.nii.gz"));
    // sample the CT at mask voxels mapped through both affines; the heart's mean HU is blood/muscle, not air
    double[] ctInv = Affines.invert(ct.voxelToRas());
    double sumHu = 0;
    long n = 0;
    for (int k = 0; k < mask.nz(); k += 2) {
      for (int j = 0; j < mask.ny(); j += 2) {
        for (int i = 0; i < mask.nx(); i += 2) {
          if (mask.value(i, j, k) > 0) {
            double[] w = mask.voxelToWorld(i, j, k);
            double[] v = Affines.apply(ctInv, w);
            int ci = (int) Math.round(v[0]);
            int cj = (int) Math.round(v[1]);
            int ck = (int) Math.round(v[2]);
            if (ci >= 0 && cj >= 0 && ck >= 0 && ci < ct.nx() && cj < ct.ny() && ck < ct.nz()) {
              sumHu += ct.value(ci, cj, ck);
              n++;
            }
          }
        }
      }
    }
    assertTrue(n > 1000, "too few heart voxels inside the CT grid: " + n);
    double meanHu = sumHu / n;
    assertTrue(meanHu > 50 && meanHu < 600, "mean heart HU " + meanHu);
  }

  @Test
  void aortaMaskSharesTheCtGrid() throws Exception {
    Volume aorta = Volumes.read(SharedData.file("ct/aorta_mask_1p5mm.nii.gz"));
    assertEquals(ct.nx(), aorta.nx());
    assertEquals(ct.nz(), aorta.nz());
    assertArrayEquals(ct.voxelToRas(), aorta.voxelToRas(), 1e-9);
  }

  @Test
  void ctConvertsToAComputeGridSharingItsVoxels() {
    VolumeGrid g = ct.toGrid();
    assertEquals(ct.voxelCount(), g.voxelCount());
    assertArrayEquals(ct.voxelToRas(), g.voxelToRas(), 0);
    assertTrue(g.hu() == ct.int16());
  }

  @Test
  void xrayCineNrrdReadsAsAStackOfTwelveFrames() throws Exception {
    Volume cine = Volumes.read(SharedData.file("xray/xa_catheter_cine_512x512x12_u8.nrrd"));
    assertEquals(512, cine.nx());
    assertEquals(512, cine.ny());
    assertEquals(12, cine.nz());
    double[] r = cine.valueRange();
    assertTrue(r[0] >= 0 && r[1] <= 255 && r[1] > r[0] + 100, "range " + r[0] + ".." + r[1]);
  }

  @Test
  void plusGzipNrrdReadsAsA2dImage() throws Exception {
    Volume img = Volumes.read(SharedData.file("plus/NrrdSample.igs.nrrd"));
    assertEquals(256, img.nx());
    assertEquals(256, img.ny());
    assertEquals(1, img.nz());
    assertTrue(img.isInt16());
    double[] r = img.valueRange();
    assertTrue(r[1] > r[0], "image is constant");
  }
}
