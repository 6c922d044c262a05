package cathnav.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.model.Meshes;
import cathnav.core.model.TriangleMesh;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandsTest {

  @TempDir Path dir;

  private static final String TINY = """
      {"name": "tiny", "durationS": 0.4, "fps": 10, "seed": 5, "bits": 12,
       "anatomy": {"phantom": {"spacingMm": 4}},
       "detector": {"width": 64, "height": 48, "pixelSpacingMm": 4.8, "sidMm": 1100, "sodMm": 750},
       "carm": {"primaryAngle": 30, "secondaryAngle": 0},
       "leadInsertionMm": 200,
       "events": [{"type": "lead", "atS": 0, "durationS": 0.4, "insertionMm": 240}]}""";

  @Test
  void runWritesAFrameStackAndPerFrameGroundTruth() throws Exception {
    Path scenario = dir.resolve("tiny.json");
    Files.writeString(scenario, TINY, StandardCharsets.UTF_8);
    Path out = dir.resolve("run");
    int code = CathNavCommand.execute("sim", "run", scenario.toString(), "--out", out.toString(), "--backend", "java");
    assertEquals(0, code);
    Volume stack = Volumes.read(out.resolve("frames.nrrd"));
    assertEquals(64, stack.nx());
    assertEquals(48, stack.ny());
    assertEquals(4, stack.nz());
    JsonObject sidecar = new JsonObject(Files.readString(out.resolve("frames.json")));
    JsonArray frames = sidecar.getJsonArray("frames");
    assertEquals(4, frames.size());
    JsonObject last = frames.getJsonObject(3);
    assertEquals(3, last.getLong("index"));
    assertEquals(0.3, last.getDouble("timeS"), 1e-9);
    assertTrue(last.getJsonObject("leadTip").getJsonArray("pixel").size() == 2);
    assertEquals(30.0, last.getJsonObject("geometry").getDouble("primaryAngle"), 1e-9);
    assertFalse(Files.exists(out.resolve("frames.nrrd.tmp")));
  }

  @Test
  void runStreamsEveryFrameLiveToAnOpenIgtlinkPeer() throws Exception {
    Path scenario = dir.resolve("tiny.json");
    Files.writeString(scenario, TINY, StandardCharsets.UTF_8);
    try (cathnav.sim.stream.RecordingReceiver rx = new cathnav.sim.stream.RecordingReceiver()) {
      int code = CathNavCommand.execute("sim", "run", scenario.toString(), "--to", "127.0.0.1:" + rx.port(),
          "--backend", "java", "--igtl-version", "1");
      assertEquals(0, code);
      java.util.List<cathnav.sim.stream.RecordingReceiver.Received> got = rx.awaitAll(10_000);
      assertEquals(8, got.size(), "a CArmGeometry STRING and an IMAGE per frame for a version-1 peer");
      for (int i = 0; i < got.size(); i++) {
        String type = new String(got.get(i).bytes(), 2, 12, StandardCharsets.US_ASCII).replace("\0", "");
        assertEquals(i % 2 == 0 ? "STRING" : "IMAGE", type);
      }
    }
  }

  @Test
  void runToAnAbsentPeerExitsWithNetworkFailure() throws Exception {
    Path scenario = dir.resolve("tiny.json");
    Files.writeString(scenario, TINY, StandardCharsets.UTF_8);
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertEquals(ExitCodes.NETWORK, CathNavCommand.execute("sim", "run", scenario.toString(), "--to",
        "127.0.0.1:" + port, "--backend", "java"));
  }

  @Test
  void renderWithABrokenGeometryFileExitsWithBadInput() throws Exception {
    Path geom = dir.resolve("broken.geom.json");
    Files.writeString(geom, "{\"width\": 64}", StandardCharsets.UTF_8);
    int code = CathNavCommand.execute("sim", "render", "--geom", geom.toString(), "--out",
        dir.resolve("f.nrrd").toString(), "--backend", "java");
    assertEquals(ExitCodes.BAD_INPUT_FILE, code);
    assertFalse(Files.exists(dir.resolve("f.nrrd")));
  }

  @Test
  void runWithAMissingScenarioExitsWithBadInput() {
    int code = CathNavCommand.execute("sim", "run", dir.resolve("none.json").toString(), "--out",
        dir.resolve("o").toString());
    assertEquals(ExitCodes.BAD_INPUT_FILE, code);
  }

  @Test
  void runWithBothTargetsIsAUsageError() {
    int code = CathNavCommand.execute("sim", "run", "x.json", "--out", "o", "--to", "localhost:1");
    assertEquals(ExitCodes.USAGE, code);
  }

  @Test
  void phantomWritesVolumeMaskMeshesAndDescription() throws Exception {
    Path out = dir.resolve("phantom");
    assertEquals(0, CathNavCommand.execute("sim", "phantom", "--out", out.toString(), "--spacing", "4"));
    Volume hu = Volumes.read(out.resolve("phantom.nii.gz"));
    double[] range = hu.valueRange();
    assertTrue(range[0] <= -800 && range[1] >= 1000, "lungs and metal beads present, range=" + range[0] + ".."
        + range[1]);
    Volume mask = Volumes.read(out.resolve("heart_mask.nii.gz"));
    assertEquals(hu.nx(), mask.nx());
    TriangleMesh lv = Meshes.read(out.resolve("lv_cavity.stl"));
    // the LV cavity is an ellipsoid of semi-axes 20, 20, 38 mm: (4/3) pi a b c, less the tessellation's shortfall
    double ellipsoid = 4.0 / 3 * Math.PI * 20 * 20 * 38;
    assertEquals(ellipsoid, lv.closedVolume(), 0.01 * ellipsoid);
    JsonObject description = new JsonObject(Files.readString(out.resolve("phantom.json")));
    assertEquals(5, description.getJsonArray("beads").size());
    assertTrue(description.getJsonObject("veins").getJsonArray("leadRoute").size() > 10);
  }
}
