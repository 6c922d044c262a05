package cathnav.sim.scenario;

import cathnav.core.model.ModelFileException;
import cathnav.gpu.Attenuation;
import cathnav.sim.phantom.PhantomVolumes;
import cathnav.sim.phantom.ThoraxPhantom;
import cathnav.sim.render.AnatomyScene;
import cathnav.sim.render.CtSceneLoader;

/** The anatomy a scenario names: its CT (with heart mask) or the generated phantom. */
public final class SceneSources {

  private SceneSources() {}

  /** Loads or generates the scenario's anatomy. */
  public static AnatomyScene load(Scenario s) throws ModelFileException {
    if (s.ct() != null) {
      return CtSceneLoader.load(s.ct(), s.heartMask(), Attenuation.DEFAULT);
    }
    ThoraxPhantom phantom = ThoraxPhantom.standard();
    return PhantomVolumes.rasterise(phantom, s.phantomSpacingMm()).scene(phantom, "phantom:standard");
  }
}
