package cathnav.sim.cli;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.GeometryFile;
import cathnav.core.geometry.RigidTransform;
import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.sim.AcquisitionState;
import cathnav.sim.FluoroscopySimulator;
import cathnav.sim.NrrdStackSink;
import cathnav.sim.SimulatedFrame;
import cathnav.sim.SimulatorOptions;
import cathnav.sim.detector.BitDepth;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.motion.MotionState;
import cathnav.sim.phantom.PhantomVolumes;
import cathnav.sim.phantom.ThoraxPhantom;
import cathnav.sim.render.AnatomyScene;
import cathnav.sim.render.CtSceneLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cathnav sim render}: one frame of a CT (or the phantom) for a geometry and a pose. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Renders one fluoroscopy frame (heart at rest) as a 2D uint16 NRRD, with its ground truth beside it"
          + " (FRAME.json).",
      "Example: cathnav sim render --ct ct.nii.gz --geom view.geom.json --pose pose.json --out frame.nrrd"
    })
public final class SimRenderCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--ct", paramLabel = "FILE", description = "CT volume (NIfTI, NRRD, MetaImage), in HU."
      + " Without it the generated thorax phantom is rendered.")
  Path ct;

  @Option(names = "--heart-mask", paramLabel = "FILE", description = "Whole-heart mask in the CT's frame.")
  Path heartMask;

  @Option(names = "--geom", required = true, paramLabel = "FILE.geom.json", description = "View geometry.")
  Path geom;

  @Option(names = "--pose", paramLabel = "POSE.json", description = "Model pose T ({\"T\": 4 rows of 4});"
      + " identity when omitted.")
  Path pose;

  @Option(names = "--out", required = true, paramLabel = "FRAME.nrrd", description = "Output frame.")
  Path out;

  @Option(names = "--dose", defaultValue = "30", paramLabel = "NGY",
      description = "Detector-entrance dose of the frame, nGy (default: ${DEFAULT-VALUE}).")
  double dose;

  @Option(names = "--bits", defaultValue = "12", description = "Stored bits: 8, 12 or 16 (default: ${DEFAULT-VALUE}).")
  int bits;

  @Option(names = "--no-noise", description = "Expected values only: no quantum or electronic noise.")
  boolean noNoise;

  @Option(names = "--seed", defaultValue = "1", description = "Noise seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--lead-mm", defaultValue = "0", description = "Pacing-lead insertion along its route, mm.")
  double leadMm;

  @Option(names = "--cs-catheter-mm", defaultValue = "0", description = "CS-catheter insertion, mm.")
  double csMm;

  @Option(names = "--contrast", defaultValue = "0", description = "Coronary-sinus opacification, 0 to 1.")
  double contrast;

  @Option(names = "--center-on-heart", description = "Move the C-arm isocentre to the heart centre (the geometry"
      + " file must give the C-arm angles and distances).")
  boolean centerOnHeart;

  @Mixin BackendOption backendOption;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (!(dose > 0) || !(contrast >= 0 && contrast <= 1) || leadMm < 0 || csMm < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--dose must be positive, --contrast in [0, 1], insertions non-negative");
      }
      BitDepth depth;
      try {
        depth = BitDepth.of(bits);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      FrameGeometry geometry = GeometryFile.read(geom);
      RigidTransform t = pose == null ? RigidTransform.IDENTITY : PoseFile.read(pose);
      AnatomyScene scene;
      if (ct != null) {
        scene = CtSceneLoader.load(ct, heartMask, Attenuation.DEFAULT);
      } else {
        ThoraxPhantom phantom = ThoraxPhantom.standard();
        scene = PhantomVolumes.rasterise(phantom, 1.5).scene(phantom, "phantom:standard");
      }
      if (centerOnHeart) {
        CArmGeometry carm = geometry.knownCArm().orElseThrow(() -> new ExitCodes.InputFileException(
            "--center-on-heart needs C-arm fields (primaryAngle, secondaryAngle, sid, sod) in file=" + geom));
        geometry = FrameGeometry.of(carm.withIsocenter(scene.heartCentre()));
      }
      SimulatorOptions options = SimulatorOptions.DEFAULT.withBitDepth(depth)
          .withNoise(noNoise ? NoiseMode.NONE : NoiseMode.FULL).withSeed(seed)
          .withStartTimestampNs(System.currentTimeMillis() * 1_000_000L);
      try (ComputeBackend backend = backendOption.open(err).backend();
          FluoroscopySimulator sim = new FluoroscopySimulator(backend, scene, options)) {
        AcquisitionState state = AcquisitionState.of(geometry, dose).withPatientPose(t).withLeadInsertion(leadMm)
            .withCsCatheterInsertion(csMm).withContrast(contrast);
        SimulatedFrame frame = sim.render(state, new MotionState(0, 0, 0, 0, new double[3], 0));
        NrrdStackSink.writeSingle(frame, out);
      }
      spec.commandLine().getOut().println("wrote " + out + " (" + geometry.width() + "x" + geometry.height() + ", "
          + bits + " bit) and its ground truth");
      return ExitCodes.OK;
    } catch (CommandLine.ParameterException e) {
      throw e;
    } catch (Exception e) {
      return ExitCodes.report(e, err);
    }
  }
}
