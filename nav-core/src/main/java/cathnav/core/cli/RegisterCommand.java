package cathnav.core.cli;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.GeometryFile;
import cathnav.core.geometry.GeometryFormatException;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.TransformFile;
import cathnav.core.geometry.Vec3;
import cathnav.core.model.AtomicFileWrite;
import cathnav.core.model.ModelFileException;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import cathnav.core.registration.AttenuationPyramid;
import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.RawFrame;
import cathnav.core.registration.Registrar;
import cathnav.core.registration.RegistrationOptions;
import cathnav.core.registration.RegistrationResult;
import cathnav.gpu.Attenuation;
import cathnav.gpu.BackendSelection;
import cathnav.gpu.BackendUnavailableException;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.FallbackPolicy;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav register}: one rigid 2D/3D registration of a CT to a raw fluoroscopy frame, written as a pose file.
 * Exit codes: 0 ok, 1 runtime failure, 2 usage, 3 bad input file, 5 requested backend unavailable.
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = "Registers a CT to one raw fluoroscopy frame (rigid, 6 DoF); writes {\"T\": 4x4, similarity, "
        + "confidence, timeMs}.")
public final class RegisterCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RegisterCommand.class);

  @Option(names = "--ct", required = true, description = "CT volume (NIfTI, NRRD, MetaImage), HU")
  Path ct;

  @Option(names = "--frame", required = true,
      description = "raw detector frame (NRRD/NIfTI/MetaImage, 2D or a stack; bright = unattenuated)")
  Path frame;

  @Option(names = "--frame-index", defaultValue = "0", description = "frame of a stack to register (default 0)")
  int frameIndex;

  @Option(names = "--geom", required = true, description = "the frame's geometry (*.geom.json)")
  Path geom;

  @Option(names = "--init", description = "starting pose file {\"T\": 4x4}; default identity (the nominal pose)")
  Path init;

  @Option(names = "--out", required = true, description = "output pose file")
  Path out;

  @Option(names = "--centre", split = ",",
      description = "registration centre x,y,z (RAS mm); default the CT grid centre")
  double[] centre;

  @Option(names = "--backend", defaultValue = "auto", description = "auto, java, opencl or cuda (default auto)")
  String backend;

  @Override
  public Integer call() {
    Volume volume;
    RawFrame raw;
    FrameGeometry geometry;
    RigidTransform start;
    try {
      geometry = GeometryFile.read(geom);
      volume = Volumes.read(ct);
      raw = readFrame(frame, frameIndex, geometry);
      start = init == null ? RigidTransform.IDENTITY : TransformFile.read(init);
      if (centre != null && centre.length != 3) {
        System.err.println("register: --centre needs 3 values x,y,z, got " + centre.length);
        return 2;
      }
    } catch (ModelFileException | GeometryFormatException e) {
      System.err.println("register: " + e.getMessage());
      return 3;
    }
    Vec3 c = centre != null ? Vec3.of(centre) : Vec3.of(volume.worldCentre());
    BackendSelection selection;
    try {
      selection = ComputeBackends.select(backend, FallbackPolicy.FAIL);
    } catch (BackendUnavailableException e) {
      System.err.println("register: " + e.getMessage());
      return 5;
    } catch (IllegalArgumentException e) {
      System.err.println("register: " + e.getMessage());
      return 2;
    }
    RegistrationResult result;
    RegistrationOptions options = RegistrationOptions.DEFAULT;
    try (ComputeBackend be = selection.backend();
        DeviceVolume dv = be.uploadVolume(volume.toGrid(), Attenuation.DEFAULT);
        AttenuationPyramid pyramid =
            AttenuationPyramid.build(be, raw, geometry.projection(), options.finestMaxSize(), options.levels())) {
      Registrar registrar = new Registrar(be, dv, c, ConfidenceCalibration.load());
      result = registrar.register(pyramid, start, options);
    } catch (IllegalArgumentException e) {
      System.err.println("register: cannot register, frame=" + frame + ": " + e.getMessage());
      return 3;
    }
    JsonObject json = new JsonObject()
        .put("T", TransformFile.toJson(result.transform()))
        .put("similarity", result.similarity())
        .put("metric", result.metric().name())
        .put("confidence", result.confidence())
        .put("timeMs", result.timeMs())
        .put("evaluations", result.evaluations())
        .put("generations", result.generations())
        .put("backend", selection.backend().name());
    try {
      writeAtomically(out, json.encodePrettily());
    } catch (IOException e) {
      System.err.println("register: cannot write output, file=" + out + ", reason=" + e);
      return 1;
    }
    LOG.info("registered, frame={}, similarity={}, confidence={}, timeMs={}, out={}", frame,
        String.format(Locale.ROOT, "%.4f", result.similarity()), String.format(Locale.ROOT, "%.3f", result.confidence()),
        String.format(Locale.ROOT, "%.0f", result.timeMs()), out);
    System.out.printf(Locale.ROOT, "registered: similarity=%.4f confidence=%.3f timeMs=%.0f backend=%s out=%s%n",
        result.similarity(), result.confidence(), result.timeMs(), selection.backend().name(), out);
    return 0;
  }

  /** Reads one frame of raw intensities; its size must match the geometry. */
  static RawFrame readFrame(Path file, int index, FrameGeometry geometry) throws ModelFileException {
    Volume v = Volumes.read(file);
    if (index < 0 || index >= v.nz()) {
      throw new ModelFileException(file, "frame index out of range, index=" + index + ", frames=" + v.nz());
    }
    if (v.nx() != geometry.width() || v.ny() != geometry.height()) {
      throw new ModelFileException(file, "frame size differs from the geometry, frame=" + v.nx() + "x" + v.ny()
          + ", geometry=" + geometry.width() + "x" + geometry.height());
    }
    int n = v.nx() * v.ny();
    float[] px = new float[n];
    int offset = index * n;
    for (int i = 0; i < n; i++) {
      px[i] = v.int16() != null ? v.int16()[offset + i] : v.float32()[offset + i];
    }
    RawFrame raw = new RawFrame(v.nx(), v.ny(), px);
    if (!(raw.maxIntensity() > 0)) {
      throw new ModelFileException(file, "frame has no positive intensity (expected raw detector counts)");
    }
    return raw;
  }

  static void writeAtomically(Path file, String text) throws IOException {
    AtomicFileWrite.writeString(file, text);
  }
}
