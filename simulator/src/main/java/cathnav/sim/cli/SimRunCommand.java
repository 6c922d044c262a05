package cathnav.sim.cli;

import cathnav.gpu.ComputeBackend;
import cathnav.sim.FluoroscopySimulator;
import cathnav.sim.FrameSink;
import cathnav.sim.NrrdStackSink;
import cathnav.sim.SimulatorOptions;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.render.AnatomyScene;
import cathnav.sim.scenario.Scenario;
import cathnav.sim.scenario.ScenarioReader;
import cathnav.sim.scenario.ScenarioRunner;
import cathnav.sim.scenario.ScenarioTimeline;
import cathnav.sim.scenario.SceneSources;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cathnav sim run}: plays a scenario into a frame stack or a live OpenIGTLink stream. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a scenario (JSON) and writes DIR/frames.nrrd (uint16 stack) with DIR/frames.json (per-frame ground"
          + " truth), or streams the frames live over OpenIGTLink at the scenario's frame rate.",
      "Example: cathnav sim run lead.json --out run1"
    })
public final class SimRunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO.json", description = "The scenario.")
  Path scenarioFile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--out", paramLabel = "DIR", description = "Write frames.nrrd and frames.json here.")
    Path out;

    @Option(names = "--to", paramLabel = "HOST:PORT", description = "Stream live to this OpenIGTLink server.")
    String to;
  }

  @Option(names = "--igtl-version", defaultValue = "2", description = "OpenIGTLink header version for --to:"
      + " 2 sends geometry as IMAGE metadata, 1 as a CArmGeometry STRING before each frame (default: ${DEFAULT-VALUE}).")
  int igtlVersion;

  @Mixin BackendOption backendOption;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (igtlVersion != 1 && igtlVersion != 2) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--igtl-version must be 1 or 2");
    }
    if (target.to != null) {
      try {
        LiveSinks.HostAndPort.parse(target.to);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--to: " + e.getMessage());
      }
    }
    try {
      Scenario scenario = ScenarioReader.read(scenarioFile);
      AnatomyScene scene = SceneSources.load(scenario);
      ScenarioTimeline timeline = new ScenarioTimeline(scenario, scene.heartCentre());
      boolean live = target.to != null;
      SimulatorOptions options = SimulatorOptions.DEFAULT.withBitDepth(scenario.bitDepth())
          .withNoise(scenario.noise() ? NoiseMode.FULL : NoiseMode.NONE).withSeed(scenario.seed())
          .withMotion(scenario.respiration(), scenario.cardiac())
          .withStartTimestampNs(System.currentTimeMillis() * 1_000_000L);
      try (ComputeBackend backend = backendOption.open(err).backend();
          FluoroscopySimulator sim = new FluoroscopySimulator(backend, scene, options);
          FrameSink sink = live ? LiveSinks.open(target.to, igtlVersion, err)
              : new NrrdStackSink(target.out, scenario.width(), scenario.height(), timeline.frameTimes().size(),
                  new double[] {scenario.pixelSpacingMm(), scenario.pixelSpacingMm()},
                  describe(scenario, scene, backend))) {
        ScenarioRunner runner = new ScenarioRunner(timeline, sim);
        runner.run(sink, live, new ProgressBar(err, runner.frameCount(), "frames"));
        spec.commandLine().getOut().println((live ? "streamed " : "wrote ") + runner.frameCount() + " frames "
            + (live ? "to " + target.to : "to " + target.out) + " (ray casts: " + sim.rayCasts()
            + (live ? ", late frames: " + runner.lateFrames() : "") + ")");
      }
      return ExitCodes.OK;
    } catch (Exception e) {
      return ExitCodes.report(e, err);
    }
  }

  private static JsonObject describe(Scenario s, AnatomyScene scene, ComputeBackend backend) {
    return new JsonObject().put("scenario", s.name()).put("anatomy", scene.name()).put("backend", backend.name())
        .put("fps", s.fps()).put("durationS", s.durationS()).put("bits", s.bitDepth().bits())
        .put("noise", s.noise()).put("seed", s.seed())
        .put("motion", "heart region rigid: respiratory (Lujan cos^4) plus cardiac displacement and twist;"
            + " devices move rigidly with the heart")
        .put("heartRendering", "rest/exact are ray-cast; warped frames reuse the rest DRR through a 2D affine"
            + " whose largest residual is warpResidualPx");
  }
}
