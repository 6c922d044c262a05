package cathnav.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.GeometryFile;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.TransformFile;
import cathnav.core.geometry.Vec3;
import cathnav.core.model.Volume;
import cathnav.core.model.VolumeWriters;
import cathnav.core.model.Volumes;
import cathnav.core.registration.RawFrame;
import cathnav.core.registration.SyntheticFrame;
import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.FallbackPolicy;
import cathnav.gpu.RenderOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cathnav register} end to end on the real CT: files in, pose file out, exit codes on bad input. */
class RegisterCommandTest {

  @TempDir static Path dir;
  static Path ct;
  static Path frame;
  static Path geom;
  static Path init;
  static RigidTransform truth;
  static Vec3 centre;

  @BeforeAll
  static void writeInputs() throws Exception {
    ct = Path.of(System.getProperty("cathnav.shared.data", "../../shared/data"))
        .resolve("ct/thorax_cta_heart_cropped_1p5mm.nii.gz");
    Volume volume = Volumes.read(ct);
    centre = Vec3.of(volume.worldCentre());
    CArmGeometry view = CArmGeometry.of(25, 10, 1100, 750, 128, 128, 2.4, 2.4).withIsocenter(centre);
    truth = new PoseParameters(2, -3, 1, 0.02, -0.01, 0.03).toTransform(centre);
    RawFrame raw;
    try (ComputeBackend be = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
        DeviceVolume dv = be.uploadVolume(volume.toGrid(), Attenuation.DEFAULT)) {
      raw = SyntheticFrame.render(be, dv, view.toProjection(), truth, new RenderOptions(0.75), 5000, 11);
    }
    frame = dir.resolve("frame.nrrd");
    VolumeWriters.writeNrrd(Volume.ofFloat32(128, 128, 1, new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1},
        raw.pixels()), frame, false);
    geom = dir.resolve("frame.geom.json");
    GeometryFile.write(FrameGeometry.of(view), geom);
    init = dir.resolve("init.json");
    RigidTransform start = new PoseParameters(6, 5, -4, 0.05, 0.03, -0.04).toTransform(centre);
    Files.writeString(init, new JsonObject().put("T", TransformFile.toJson(start)).encode());
  }

  private static int run(String... args) {
    return new CommandLine(new RegisterCommand()).execute(args);
  }

  @Test
  void writesThePoseWithSimilarityConfidenceAndTime() throws Exception {
    Path out = dir.resolve("out.json");
    int code = run("--ct", ct.toString(), "--frame", frame.toString(), "--geom", geom.toString(),
        "--init", init.toString(), "--out", out.toString(), "--backend", "java");
    assertEquals(0, code);
    JsonObject o = new JsonObject(Files.readString(out));
    RigidTransform t = TransformFile.fromJson(o, out.toString());
    double err = t.apply(centre).distance(truth.apply(centre));
    assertTrue(err < 1.5, "centre error=" + err + " mm");
    assertTrue(o.getDouble("similarity") > 0.9, o.encode());
    assertTrue(o.getDouble("confidence") >= 0 && o.getDouble("confidence") <= 1, o.encode());
    assertTrue(o.getDouble("timeMs") > 0, o.encode());
  }

  @Test
  void badGeometryFileExitsThreeAndWritesNothing() throws Exception {
    Path bad = dir.resolve("bad.geom.json");
    Files.writeString(bad, "{\"width\": 128}");
    Path out = dir.resolve("never.json");
    assertEquals(3, run("--ct", ct.toString(), "--frame", frame.toString(), "--geom", bad.toString(),
        "--out", out.toString(), "--backend", "java"));
    assertFalse(Files.exists(out));
  }

  @Test
  void missingCtExitsThree() {
    Path out = dir.resolve("never2.json");
    assertEquals(3, run("--ct", dir.resolve("absent.nii.gz").toString(), "--frame", frame.toString(),
        "--geom", geom.toString(), "--out", out.toString(), "--backend", "java"));
    assertFalse(Files.exists(out));
  }

  @Test
  void frameOfAnotherSizeThanTheGeometryExitsThree() throws Exception {
    Path other = dir.resolve("other.geom.json");
    GeometryFile.write(FrameGeometry.of(CArmGeometry.of(0, 0, 1100, 750, 64, 64, 2.4, 2.4)), other);
    assertEquals(3, run("--ct", ct.toString(), "--frame", frame.toString(), "--geom", other.toString(),
        "--out", dir.resolve("never3.json").toString(), "--backend", "java"));
  }

  @Test
  void nonRigidInitialPoseExitsThree() throws Exception {
    Path scaled = dir.resolve("scaled.json");
    Files.writeString(scaled, "{\"T\": [[2,0,0,0],[0,2,0,0],[0,0,2,0],[0,0,0,1]]}");
    assertEquals(3, run("--ct", ct.toString(), "--frame", frame.toString(), "--geom", geom.toString(),
        "--init", scaled.toString(), "--out", dir.resolve("never4.json").toString(), "--backend", "java"));
  }

  @Test
  void unknownBackendNameIsAUsageError() {
    assertEquals(2, run("--ct", ct.toString(), "--frame", frame.toString(), "--geom", geom.toString(),
        "--out", dir.resolve("never5.json").toString(), "--backend", "vulkan"));
  }
}
