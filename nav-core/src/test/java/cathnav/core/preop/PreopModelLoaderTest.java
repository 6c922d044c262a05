package cathnav.core.preop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.anatomy.AhaSegment;
import cathnav.core.anatomy.AhaSegmentation;
import cathnav.core.anatomy.LvLandmarks;
import cathnav.core.model.ModelFileException;
import cathnav.core.model.SharedData;
import cathnav.core.overlay.GuidanceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the CRT patient's model from a description over the shared data files. */
class PreopModelLoaderTest {

  @TempDir Path dir;

  private static String data(String relative) {
    return SharedData.file(relative).toAbsolutePath().toString().replace("\\", "/");
  }

  private static final String CASE = "meshes/strocchi2020_case01/";

  private String strocchiDescription(String extra) {
    String myo = data(CASE + "extracted_regions_left_ventricle.vtk");
    return "{\"name\": \"strocchi-01\", \"frame\": \"LPS\",\n"
        + "\"lvEndocardium\": {\"file\": \"" + myo + "\", \"select\": {\"pointArray\": \"uvc_transmural\", \"equals\": 0}},\n"
        + "\"lvEpicardium\": {\"file\": \"" + myo + "\", \"select\": {\"pointArray\": \"uvc_transmural\", \"equals\": 1}},\n"
        + "\"rv\": \"" + data(CASE + "extracted_regions_right_ventricle.vtk") + "\",\n"
        + "\"mitralValve\": \"" + data(CASE + "caps_Left_ventricle.stl") + "\"" + extra + "}";
  }

  private Path write(String json) throws Exception {
    Path f = dir.resolve("model.json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void loadsTheCrtPatientWithSegmentedEpicardiumVeinsAndTarget() throws Exception {
    write(strocchiDescription(", \"target\": 11, \"veins\": [{\"name\": \"CS\", \"points\": "
        + "[[10, 100, 380], [20, 110, 370], [30, 115, 360]]}]"));
    PreopModel m = PreopModelLoader.load(dir);
    assertEquals("strocchi-01", m.name());
    assertNull(m.ct());
    assertEquals(AhaSegment.MID_INFEROLATERAL, m.target());
    assertTrue(m.lvEpicardium().triangleCount() > 5000 && m.lvEndocardium().triangleCount() > 5000);
    assertEquals(m.lvEpicardium().triangleCount(), m.segments().triangleSegments().length);
    for (int s = 1; s <= 17; s++) {
      assertTrue(m.segments().areas()[s] > 0, "epicardial segment " + s + " empty");
    }
    // LPS input converted: the CS points' x and y are negated
    assertEquals(-10f, m.veins().get(0).points()[0]);
    assertEquals(-100f, m.veins().get(0).points()[1]);
    assertEquals(380f, m.veins().get(0).points()[2]);
  }

  @Test
  void endocardiumCarriesAllSeventeenSegmentsInTheSameFrame() throws Exception {
    write(strocchiDescription(""));
    PreopModel m = PreopModelLoader.load(dir.resolve("model.json"));
    AhaSegmentation endo = AhaSegmentation.of(m.lvEndocardium(), m.ahaFrame());
    for (int s = 1; s <= 17; s++) {
      assertTrue(endo.areas()[s] > 0, "endocardial segment " + s + " empty");
    }
    // the endocardium lies inside the epicardium: smaller area
    assertTrue(m.lvEndocardium().area() < m.lvEpicardium().area());
  }

  @Test
  void guidanceModelCarriesTheSegmentLabelsAndVeins() throws Exception {
    write(strocchiDescription(", \"veins\": [{\"name\": \"CS\", \"points\": [[0, 0, 0], [0, 0, 10]]}]"));
    PreopModel m = PreopModelLoader.load(dir);
    GuidanceModel g = m.guidanceModel();
    assertEquals(m.lvSurface().triangleCount(), g.leftVentricle().triangleCount());
    assertEquals(1, g.veinCount());
    assertEquals(10.0, m.veins().get(0).length(), 1e-6);
  }

  @Test
  void explicitLandmarksReproduceTheDetectedSegments() throws Exception {
    write(strocchiDescription(""));
    PreopModel detected = PreopModelLoader.load(dir);
    LvLandmarks l = LvLandmarks.detect(detected.lvEpicardium(), detected.ahaFrame().mitralCentre(), detected.rv(),
        new cathnav.core.geometry.Vec3(0, 1, 1));
    String lm = String.format(java.util.Locale.ROOT,
        ", \"ahaLandmarks\": {\"apex\": %s, \"mitralCentre\": %s, \"anteriorInsertion\": %s, \"inferiorInsertion\": %s}",
        json(l.frame().apex()), json(l.frame().mitralCentre()), json(l.anteriorInsertion()), json(l.inferiorInsertion()));
    // LPS frame applies to meshes; landmarks are RAS already
    write(strocchiDescription(lm).replace("\"rv\":", "\"unusedRv\":"));
    PreopModel explicit = PreopModelLoader.load(dir);
    int same = 0;
    int n = explicit.segments().triangleSegments().length;
    for (int t = 0; t < n; t++) {
      same += explicit.segments().triangleSegments()[t] == detected.segments().triangleSegments()[t] ? 1 : 0;
    }
    // the insertion points are single vertices, the detected frame uses robust arc ends: small boundary shifts
    assertTrue(same > 0.9 * n, "only " + same + " of " + n + " triangles agree");
  }

  private static String json(cathnav.core.geometry.Vec3 p) {
    return String.format(java.util.Locale.ROOT, "[%.6f, %.6f, %.6f]", p.x(), p.y(), p.z());
  }

  @Test
  void loadsTheCtWhenNamed() throws Exception {
    write(strocchiDescription(", \"ct\": \"" + data("ct/thorax_cta_heart_cropped_1p5mm.nii.gz") + "\""));
    PreopModel m = PreopModelLoader.load(dir);
    assertNotNull(m.ct());
    assertEquals(164, m.ct().nz());
  }

  @Test
  void loadsTheHeartMaskAndBackgroundWithTheCt() throws Exception {
    write(strocchiDescription(", \"ct\": \"" + data("ct/thorax_cta_heart_cropped_1p5mm.nii.gz") + "\", \"heartMask\": \""
        + data("ct/heart_mask_1p5mm.nii.gz") + "\", \"heartBackgroundHu\": -350"));
    PreopModel m = PreopModelLoader.load(dir);
    assertNotNull(m.heart());
    assertEquals(-350, m.heart().backgroundHu());
    assertTrue(m.heart().mask().valueRange()[1] > 0, "mask has no voxel inside");
  }

  @Test
  void heartMaskWithoutCtIsRejectedNamingTheField() throws Exception {
    write(strocchiDescription(", \"heartMask\": \"" + data("ct/heart_mask_1p5mm.nii.gz") + "\""));
    ModelFileException e = assertThrows(ModelFileException.class, () -> PreopModelLoader.load(dir));
    assertTrue(e.getMessage().contains("field=heartMask"), e.getMessage());
  }

  @Test
  void missingDescriptionIsNamed() {
    ModelFileException e = assertThrows(ModelFileException.class, () -> PreopModelLoader.load(dir));
    assertEquals(dir.resolve("model.json"), e.file());
  }

  @Test
  void invalidJsonIsReported() throws Exception {
    Path f = write("{\"name\": ");
    ModelFileException e = assertThrows(ModelFileException.class, () -> PreopModelLoader.load(f));
    assertTrue(e.problem().contains("not valid JSON"), e.problem());
  }

  @Test
  void modelWithoutLvSurfaceIsRejected() throws Exception {
    Path f = write("{\"name\": \"x\"}");
    ModelFileException e = assertThrows(ModelFileException.class, () -> PreopModelLoader.load(f));
    assertTrue(e.problem().contains("lvEndocardium or lvEpicardium"), e.problem());
  }

  @Test
  void selectionOnAnUnknownArrayNamesIt() throws Exception {
    Path f = write(strocchiDescription("").replace("uvc_transmural\", \"equals\": 0", "thickness\", \"equals\": 0"));
    ModelFileException e = assertThrows(ModelFileException.class, () -> PreopModelLoader.load(f));
    assertTrue(e.problem().contains("name=thickness"), e.problem());
  }

  @Test
  void targetOutsideTheSeventeenSegmentsIsRejected() throws Exception {
    Path f = write(strocchiDescription(", \"target\": 18"));
    ModelFileException e = assertThrows(ModelFileException.class, () -> PreopModelLoader.load(f));
    assertTrue(e.problem().contains("field=target"), e.problem());
  }

  @Test
  void missingMeshFileIsNamedInTheError() throws Exception {
    write("{\"lvEpicardium\": \"nowhere.stl\"}");
    ModelFileException e = assertThrows(ModelFileException.class, () -> PreopModelLoader.load(dir));
    assertEquals(dir.toAbsolutePath().resolve("nowhere.stl"), e.file());
  }

  @Test
  void meshTransformPlacesMeshesValvesAndVeinsAfterTheFrameConversion() throws Exception {
    String vein = ", \"veins\": [{\"name\": \"CS\", \"points\": [[10, 100, 380], [20, 110, 370]]}]";
    write(strocchiDescription(vein));
    PreopModel plain = PreopModelLoader.load(dir);
    // a half turn about z, then a shift: RAS x' = -x + 5, y' = -y + 7, z' = z + 9
    write(strocchiDescription(vein + ", \"meshTransform\": [-1, 0, 0, 5, 0, -1, 0, 7, 0, 0, 1, 9, 0, 0, 0, 1]"));
    PreopModel placed = PreopModelLoader.load(dir);
    float[] a = plain.lvEpicardium().vertices();
    float[] b = placed.lvEpicardium().vertices();
    for (int i = 0; i < a.length; i += 3) {
      assertEquals(-a[i] + 5, b[i], 1e-3);
      assertEquals(-a[i + 1] + 7, b[i + 1], 1e-3);
      assertEquals(a[i + 2] + 9, b[i + 2], 1e-3);
    }
    assertEquals(-plain.ahaFrame().mitralCentre().x() + 5, placed.ahaFrame().mitralCentre().x(), 1e-3);
    assertEquals(plain.ahaFrame().apex().z() + 9, placed.ahaFrame().apex().z(), 1e-3);
    // the CS point [10, 100, 380] LPS is (-10, -100, 380) RAS, then placed
    assertEquals(15f, placed.veins().get(0).points()[0], 1e-4);
    assertEquals(107f, placed.veins().get(0).points()[1], 1e-4);
    assertEquals(389f, placed.veins().get(0).points()[2], 1e-4);
    // rigid placement keeps the labels
    assertEquals(java.util.Arrays.stream(plain.segments().triangleSegments()).boxed().toList(),
        java.util.Arrays.stream(placed.segments().triangleSegments()).boxed().toList());
  }

  @Test
  void meshTransformOfWrongSizeNamesTheField() throws Exception {
    write(strocchiDescription(", \"meshTransform\": [1, 0, 0]"));
    ModelFileException e = assertThrows(ModelFileException.class, () -> PreopModelLoader.load(dir));
    assertTrue(e.getMessage().contains("meshTransform"), e.getMessage());
  }
}
