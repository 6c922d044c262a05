package cathnav.core.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeometryFileTest {

  @Provide
  Arbitrary<CArmGeometry> views() {
    return GeometryArbitraries.views();
  }

  @Property
  void projectionFromAnglesRoundTripsThroughGeomJson(@ForAll("views") CArmGeometry g) throws Exception {
    FrameGeometry written = FrameGeometry.of(g);
    FrameGeometry read = GeometryFile.parse(GeometryFile.toJson(written).encode(), "test");
    assertArrayEquals(written.projection().matrix(), read.projection().matrix(), 0);
    assertEquals(g, read.cArm());
    assertEquals(g.width(), read.width());
    assertEquals(g.pixelSpacingV(), read.pixelSpacingV());
  }

  @Property
  void cArmFieldsAloneGiveTheSameP(@ForAll("views") CArmGeometry g) throws Exception {
    var json = GeometryFile.toJson(FrameGeometry.of(g));
    json.remove("P");
    FrameGeometry read = GeometryFile.parse(json.encode(), "test");
    assertArrayEquals(g.projectionMatrix(), read.projection().matrix(), 1e-9);
  }

  @Test
  void pRulesOverTheCArmFields() throws Exception {
    CArmGeometry ap = CArmGeometry.of(0, 0, 1200, 800, 64, 64, 0.3, 0.3);
    CArmGeometry lao = ap.withAngles(30, 0);
    var json = GeometryFile.toJson(FrameGeometry.of(ap));
    json.put("primaryAngle", 30.0);
    FrameGeometry read = GeometryFile.parse(json.encode(), "test");
    assertArrayEquals(ap.projectionMatrix(), read.projection().matrix(), 1e-12);
    assertEquals(lao, read.cArm());
  }

  @Test
  void isocenterDefaultsToTheOriginAndPrincipalPointToTheCentre() throws Exception {
    FrameGeometry read = GeometryFile.parse(
        "{\"width\":101,\"height\":51,\"pixelSpacing\":[0.3,0.3],\"primaryAngle\":0,\"secondaryAngle\":0,"
            + "\"sid\":1200,\"sod\":800}", "test");
    assertEquals(Vec3.ZERO, read.cArm().isocenter());
    assertEquals(50, read.cArm().principalU());
    assertEquals(25, read.cArm().principalV());
  }

  @Test
  void rejectsMissingWidthNamingTheField() {
    GeometryFormatException e = assertThrows(GeometryFormatException.class,
        () -> GeometryFile.parse("{\"height\":64,\"pixelSpacing\":[0.3,0.3]}", "frame7.geom.json"));
    assertTrue(e.getMessage().contains("field=width"), e.getMessage());
    assertTrue(e.getMessage().contains("frame7.geom.json"), e.getMessage());
  }

  @Test
  void rejectsNoPWithoutCArmFieldsListingWhatIsMissing() {
    GeometryFormatException e = assertThrows(GeometryFormatException.class,
        () -> GeometryFile.parse("{\"width\":64,\"height\":64,\"pixelSpacing\":[0.3,0.3],\"sid\":1200}", "g"));
    assertTrue(e.getMessage().contains("primaryAngle") && e.getMessage().contains("sod"), e.getMessage());
  }

  @Test
  void rejectsAShortRowOfP() {
    GeometryFormatException e = assertThrows(GeometryFormatException.class,
        () -> GeometryFile.parse("{\"width\":64,\"height\":64,\"pixelSpacing\":[0.3,0.3],"
            + "\"P\":[[1,0,0,0],[0,1,0],[0,0,1,0]]}", "g"));
    assertTrue(e.getMessage().contains("field=P") && e.getMessage().contains("row 1"), e.getMessage());
  }

  @Test
  void rejectsASingularP() {
    GeometryFormatException e = assertThrows(GeometryFormatException.class,
        () -> GeometryFile.parse("{\"width\":64,\"height\":64,\"pixelSpacing\":[0.3,0.3],"
            + "\"P\":[[1,0,0,0],[1,0,0,0],[0,0,1,0]]}", "g"));
    assertTrue(e.getMessage().contains("field=P"), e.getMessage());
  }

  @Test
  void rejectsTextThatIsNotJson() {
    GeometryFormatException e =
        assertThrows(GeometryFormatException.class, () -> GeometryFile.parse("width=64", "bad.geom.json"));
    assertTrue(e.getMessage().contains("bad.geom.json"), e.getMessage());
  }

  @Test
  void writesAFileThatReadsBackAndLeavesNoTemporary(@TempDir Path dir) throws Exception {
    CArmGeometry g = CArmGeometry.of(-25, 15, 1100, 750, 320, 240, 0.4, 0.4).withIsocenter(new Vec3(1, -2, 3));
    Path file = dir.resolve("view.geom.json");
    GeometryFile.write(FrameGeometry.of(g), file);
    assertEquals(g, GeometryFile.read(file).cArm());
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
    assertFalse(Files.exists(dir.resolve("view.geom.json.tmp")));
  }

  @Test
  void reportsAMissingFileByName(@TempDir Path dir) {
    Path missing = dir.resolve("absent.geom.json");
    GeometryFormatException e = assertThrows(GeometryFormatException.class, () -> GeometryFile.read(missing));
    assertTrue(e.getMessage().contains("absent.geom.json"), e.getMessage());
  }
}
