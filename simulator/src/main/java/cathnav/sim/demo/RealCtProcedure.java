package cathnav.sim.demo;

import cathnav.core.anatomy.AhaSegment;
import cathnav.core.geometry.Vec3;
import cathnav.core.model.ModelFileException;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.preop.PreopModel;
import cathnav.core.preop.PreopModelLoader;
import cathnav.core.preop.fit.FittedHeartModel;
import cathnav.core.service.PreopModelAdapter;
import cathnav.core.service.ProcedureModel;
import cathnav.gpu.Attenuation;
import cathnav.sim.device.Polyline;
import cathnav.sim.phantom.CardiacVeins;
import cathnav.sim.render.AnatomyScene;
import cathnav.sim.render.CtSceneLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo on real data: the simulator renders the real thorax CTA with its whole-heart mask
 * ({@link CtSceneLoader}), and the service navigates with a model of the same CT and a four-chamber heart from
 * another patient placed in it by {@link FittedHeartModel} (LV endocardium and epicardium from that heart's LV
 * myocardium, AHA segments from its LV, RV and mitral valve, target segment 11, the CT's heart mask as the heart
 * region). The veins and the lead route are synthetic, laid on the fitted LV's epicardium by {@link LvVeinRoutes}
 * (the simulator fills those veins with contrast and the overlay draws the same ones); they are not segmented from
 * the CT. The LV outline is therefore a plausible heart placed in this CT, not this
 * patient's LV: a demonstration, as {@link #description} says.
 */
public final class RealCtProcedure implements DemoProcedure {

  private final AnatomyScene scene;
  private final ProcedureModel model;
  private final Vec3 lvCentre;
  private final String description;

  private RealCtProcedure(AnatomyScene scene, ProcedureModel model, Vec3 lvCentre, String description) {
    this.scene = scene;
    this.model = model;
    this.lvCentre = lvCentre;
    this.description = description;
  }

  /**
   * Builds the procedure from a fitted model (see {@link FittedHeartModel#prepare}). Blocking: reads the CT, the mask
   * and the meshes.
   *
   * @throws ModelFileException a file named by the description cannot be read
   */
  public static RealCtProcedure of(FittedHeartModel.Prepared fitted, FittedHeartModel.Inputs inputs)
      throws IOException {
    PreopModel preop = PreopModelLoader.load(fitted.description());
    if (preop.ct() == null || preop.heart() == null) {
      throw new ModelFileException(fitted.description(), "fitted model lacks its CT or heart mask");
    }
    Volume mask = Volumes.read(inputs.heartMask());
    AnatomyScene ctScene = CtSceneLoader.build(inputs.ct().getFileName().toString(), preop.ct(), mask,
        Attenuation.DEFAULT);
    CardiacVeins routes = LvVeinRoutes.on(preop.lvSurface(), preop.ahaFrame(), AhaSegment.of(SimulatedProcedure.TARGET));
    AnatomyScene scene = new AnatomyScene(ctScene.name(), ctScene.staticMu(), ctScene.heartMu(),
        ctScene.heartCentre(), ctScene.heartLongAxis(), ctScene.heartBoxMm(), ctScene.fiducials(), routes);
    ProcedureModel base = PreopModelAdapter.toProcedure(preop, SimulatedProcedure.TARGET);
    List<float[]> veins = new ArrayList<>(base.guidance().veins());
    veins.add(points(routes.coronarySinus()));
    veins.add(points(routes.lateralVein()));
    String name = "real CT + fitted meshes of another patient (demo only)";
    ProcedureModel model = new ProcedureModel(name,
        new GuidanceModel(name, base.guidance().leftVentricle(), veins), base.registrationData(),
        base.targetSegment());
    double[] c = preop.lvSurface().surfaceCentroid();
    var q = fitted.fit().quality();
    String description = String.format(Locale.ROOT, "real CT %s with heart mask; LV, AHA segments and target from"
        + " another patient's heart (%s) fitted to this CT's heart mask (scale %.3f, rotation %.1f deg, mean surface"
        + " distance %.1f mm, p95 %.1f mm, Dice %.2f%s): demonstration only, not this patient's LV; veins and lead"
        + " route are synthetic, laid on that LV's epicardium", inputs.ct().getFileName(), inputs.meshes().dir().getFileName(),
        fitted.fit().transform().scale(), fitted.fit().transform().rotationAngleDegrees(), q.meanSurfaceMm(),
        q.p95SurfaceMm(), q.dice(), fitted.reused() ? ", cached fit" : "");
    return new RealCtProcedure(scene, model, new Vec3(c[0], c[1], c[2]), description);
  }

  @Override
  public AnatomyScene scene() {
    return scene;
  }

  @Override
  public Vec3 lvCentre() {
    return lvCentre;
  }

  @Override
  public ProcedureModel model() {
    return model;
  }

  @Override
  public String description() {
    return description;
  }

  private static float[] points(Polyline line) {
    List<Vec3> pts = line.points();
    float[] out = new float[3 * pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      out[3 * i] = (float) pts.get(i).x();
      out[3 * i + 1] = (float) pts.get(i).y();
      out[3 * i + 2] = (float) pts.get(i).z();
    }
    return out;
  }
}
