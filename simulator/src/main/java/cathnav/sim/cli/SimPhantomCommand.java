package cathnav.sim.cli;

import cathnav.sim.phantom.PhantomVolumes;
import cathnav.sim.phantom.PhantomWriter;
import cathnav.sim.phantom.ThoraxPhantom;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cathnav sim phantom}: writes the generated thorax phantom. */
@Command(
    name = "phantom",
    mixinStandardHelpOptions = true,
    description = "Writes the generated thorax phantom: phantom.nii.gz (HU), heart_mask.nii.gz, one STL per heart"
        + " cavity and phantom.json (solids, fiducial beads, veins and device routes; RAS mm).")
public final class SimPhantomCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--spacing", defaultValue = "1.5", paramLabel = "MM",
      description = "Voxel size, mm, 0.5 to 5 (default: ${DEFAULT-VALUE}).")
  double spacing;

  @Override
  public Integer call() {
    if (!(spacing >= 0.5 && spacing <= 5)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--spacing must be in [0.5, 5], value=" + spacing);
    }
    try {
      ThoraxPhantom phantom = ThoraxPhantom.standard();
      PhantomWriter.write(phantom, PhantomVolumes.rasterise(phantom, spacing), out);
      spec.commandLine().getOut().println("wrote the phantom to " + out);
      return ExitCodes.OK;
    } catch (Exception e) {
      return ExitCodes.report(e, spec.commandLine().getErr());
    }
  }
}
