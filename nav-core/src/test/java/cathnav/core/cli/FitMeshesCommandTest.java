package cathnav.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.anatomy.AhaSegment;
import cathnav.core.model.Volumes;
import cathnav.core.preop.PreopModel;
import cathnav.core.preop.PreopModelLoader;
import cathnav.core.preop.fit.BinaryMask;
import cathnav.core.preop.fit.NearestPoints;
import cathnav.core.preop.fit.VoxelGrid;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fit-meshes} on the shared real data: the CRT patient's four-chamber meshes (Strocchi 2020 case 01) fitted
 * into the thorax CTA by its whole-heart mask. The two are different patients (a dilated heart-failure LV against
 * a smaller heart), so the bounds are those of a good cross-patient fit, not of a registration.
 */
class FitMeshesCommandTest {

  @TempDir Path dir;

  private static Path data(String relative) {
    return cathnav.core.model.SharedData.file(relative);
  }

  private static int run(String... args) {
    return new CommandLine(new FitMeshesCommand()).execute(args);
  }

  private static String[] args(Path mask, Path out, String... extra) {
    String[] base = {"--ct", data("ct/thorax_cta_heart_cropped_1p5mm.nii.gz").toString(), "--mask", mask.toString(),
        "--meshes", data("meshes/strocchi2020_case01/closed_volume_left_ventricle.stl").getParent().toString(),
        "--out", out.toString()};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  /** One real fit shared by the tests that read its output (a fit takes seconds). */
  @TempDir static Path shared;
  private static Path fitted;
  private static int fitExit;

  @BeforeAll
  static void fitOnce() {
    fitted = shared.resolve("fit");
    fitExit = run(args(data("ct/heart_mask_1p5mm.nii.gz"), fitted));
  }

  @Test
  void fitOfTheRealMeshesIsWithinCrossPatientBounds() throws Exception {
    assertEquals(0, fitExit);
    JsonObject fit = new JsonObject(Files.readString(fitted.resolve("mesh-fit.json")));
    JsonObject q = fit.getJsonObject("quality");
    System.out.println("real mesh fit: " + q.encode() + " scale=" + fit.getDouble("scale") + " rotationDegrees="
        + fit.getDouble("rotationDegrees"));
    assertTrue(q.getDouble("meanSurfaceMm") < 7, "mean surface distance " + q.getDouble("meanSurfaceMm"));
    assertTrue(q.getDouble("p95SurfaceMm") < 25, "95th percentile " + q.getDouble("p95SurfaceMm"));
    assertTrue(q.getDouble("dice") > 0.75, "dice " + q.getDouble("dice"));
    // both scans are patient RAS: the hearts differ by a modest tilt, and the dilated LV is scaled down
    assertTrue(fit.getDouble("rotationDegrees") < 25, "rotation " + fit.getDouble("rotationDegrees"));
    assertTrue(fit.getDouble("scale") > 0.75 && fit.getDouble("scale") < 1.05, "scale " + fit.getDouble("scale"));
  }

  @Test
  void writtenModelLoadsWithTheCtAllSegmentsAndTheTarget() throws Exception {
    assertEquals(0, fitExit);
    PreopModel model = PreopModelLoader.load(fitted);
    assertNotNull(model.ct());
    assertNotNull(model.heart(), "the CT's heart mask is the model's heart region");
    assertEquals(AhaSegment.MID_INFEROLATERAL, model.target());
    for (int s = 1; s <= 17; s++) {
      assertTrue(model.segments().areas()[s] > 0, "segment " + s + " empty after the fit");
    }
  }

  @Test
  void placedLvLiesInTheCtHeart() throws Exception {
    assertEquals(0, fitExit);
    PreopModel model = PreopModelLoader.load(fitted);
    // its centroid inside the mask, and its epicardium (half of it the heart's outer surface) on or within 5 mm of
    // the mask for most vertices
    BinaryMask heart = BinaryMask.of(Volumes.read(data("ct/heart_mask_1p5mm.nii.gz")));
    double[] c = model.lvEpicardium().surfaceCentroid();
    assertTrue(insideMask(heart, c[0], c[1], c[2]), "LV centroid outside the heart mask");
    NearestPoints boundary = new NearestPoints(heart.boundaryPoints());
    float[] v = model.lvEpicardium().vertices();
    int near = 0;
    int n = v.length / 3;
    for (int i = 0; i < v.length; i += 3) {
      near += insideMask(heart, v[i], v[i + 1], v[i + 2]) || boundary.distance(v[i], v[i + 1], v[i + 2]) < 5 ? 1 : 0;
    }
    System.out.println("LV epicardium vertices within 5 mm of the heart mask: " + near + " of " + n);
    assertTrue(near > 0.8 * n, "only " + near + " of " + n + " LV epicardium vertices within 5 mm of the heart mask");
  }

  private static boolean insideMask(BinaryMask mask, double x, double y, double z) {
    VoxelGrid g = mask.grid();
    double[] m = g.rasToVoxel();
    int i = (int) Math.round(m[0] * x + m[1] * y + m[2] * z + m[3]);
    int j = (int) Math.round(m[4] * x + m[5] * y + m[6] * z + m[7]);
    int k = (int) Math.round(m[8] * x + m[9] * y + m[10] * z + m[11]);
    return i >= 0 && j >= 0 && k >= 0 && i < g.nx() && j < g.ny() && k < g.nz() && mask.inside(i, j, k);
  }

  @Test
  void poorFitWritesNothingAndExitsOne() {
    Path out = dir.resolve("strict");
    assertEquals(1, run(args(data("ct/heart_mask_1p5mm.nii.gz"), out, "--min-dice", "0.99")));
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(dir.resolve("strict.fitting")));
  }

  @Test
  void missingMaskIsABadInputFile() {
    Path out = dir.resolve("none");
    assertEquals(3, run(args(dir.resolve("no-such-mask.nii.gz"), out)));
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownMeshFrameIsAUsageError() {
    assertEquals(2, run(args(data("ct/heart_mask_1p5mm.nii.gz"), dir.resolve("x"), "--mesh-frame", "LAS")));
  }
}
