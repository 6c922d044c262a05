package cathnav.sim.demo;

import cathnav.core.anatomy.AhaFrame;
import cathnav.core.anatomy.AhaSegmentation;
import cathnav.core.geometry.Vec3;
import cathnav.core.model.TriangleMesh;
import cathnav.core.model.Volume;
import cathnav.core.overlay.GuidanceMesh;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.preop.HeartRegion;
import cathnav.core.service.ProcedureModel;
import cathnav.core.tracking.RegistrationModel;
import cathnav.sim.phantom.AxisGrid;
import cathnav.sim.phantom.Ellipsoid;
import cathnav.sim.phantom.EllipsoidMeshes;
import cathnav.sim.phantom.PhantomShape;
import cathnav.sim.phantom.PhantomVolumes;
import cathnav.sim.phantom.ThoraxPhantom;
import cathnav.sim.render.AnatomyScene;
import cathnav.sim.scenario.Scenario;
import cathnav.sim.scenario.ScenarioFormatException;
import cathnav.sim.scenario.ScenarioReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's procedure on the simulator's standard thorax phantom: the anatomy the simulator renders, and the patient
 * model the service is given for it, built from the same phantom (so the truth is known exactly):
 *
 * <ul>
 *   <li>CT: the phantom's HU volume (registration data, rotating about the LV centre) and its heart region (the
 *       mask and background the phantom's files carry);
 *   <li>LV surface: the LV cavity ellipsoid grown by the wall thickness (30 %), AHA-labelled with an
 *       {@link AhaFrame} from the LV long axis, the anterior direction and the RV side;
 *   <li>veins: the coronary sinus and lateral vein centrelines; target: segment 11 (mid inferolateral), the usual
 *       CRT target.
 * </ul>
 *
 * The scenario: lead advancing along its route, breathing, heart beat, and one C-arm move from AP to LAO 30.
 */
public final class SimulatedProcedure implements DemoProcedure {

  /** Wall thickness of the drawn LV surface, as a scale of the cavity. */
  static final double EPICARDIUM_SCALE = 1.3;
  /** The target segment (mid inferolateral). */
  public static final int TARGET = 11;

  private final ThoraxPhantom phantom;
  private final PhantomVolumes volumes;
  private final AnatomyScene scene;
  private final Vec3 lvCentre;

  private SimulatedProcedure(ThoraxPhantom phantom, PhantomVolumes volumes) {
    this.phantom = phantom;
    this.volumes = volumes;
    this.scene = volumes.scene(phantom, "phantom:standard");
    this.lvCentre = lvCavity(phantom).centre();
  }

  /** Rasterises the standard phantom at {@code spacingMm}. */
  public static SimulatedProcedure standard(double spacingMm) {
    ThoraxPhantom p = ThoraxPhantom.standard();
    return new SimulatedProcedure(p, PhantomVolumes.rasterise(p, spacingMm));
  }

  @Override
  public AnatomyScene scene() {
    return scene;
  }

  @Override
  public Vec3 lvCentre() {
    return lvCentre;
  }

  private static Ellipsoid lvCavity(ThoraxPhantom p) {
    for (PhantomShape s : p.heartRegion()) {
      if (s instanceof Ellipsoid e && e.name().equals("lv-cavity")) {
        return e;
      }
    }
    throw new IllegalStateException("phantom has no lv-cavity ellipsoid");
  }

  @Override
  public String description() {
    return "generated thorax phantom (anatomy and model from the same phantom)";
  }

  @Override
  public ProcedureModel model() {
    Ellipsoid cavity = lvCavity(phantom);
    Ellipsoid epi = cavity.scaled(EPICARDIUM_SCALE, "lv-epicardium");
    TriangleMesh mesh = EllipsoidMeshes.of(epi, 24, 48);
    Vec3 toApex = epi.e3().normalized().times(Math.signum(epi.e3().dot(phantom.heartLongAxis())));
    Vec3 apex = epi.centre().plus(toApex.times(epi.a3()));
    Vec3 mitral = epi.centre().minus(toApex.times(0.85 * epi.a3()));
    Vec3 axis = mitral.minus(apex).normalized();
    Vec3 anterior = orthogonal(new Vec3(0, 1, 0), axis);
    Vec3 septal = axis.cross(anterior).normalized();
    Vec3 rv = new Vec3(-14, 26, -6); // the phantom's RV cavity centre: the septum faces it
    if (rv.minus(epi.centre()).dot(septal) < 0) {
      septal = septal.times(-1);
    }
    AhaFrame frame = new AhaFrame(apex, mitral, anterior, septal, AhaFrame.DEFAULT_SEPTAL_ARC_DEGREES,
        AhaFrame.DEFAULT_APICAL_CAP);
    AhaSegmentation aha = AhaSegmentation.of(mesh, frame);
    int[] segments = new int[mesh.triangleCount()];
    for (int t = 0; t < segments.length; t++) {
      segments[t] = aha.segmentOfTriangle(t).number();
    }
    GuidanceMesh lv = GuidanceMesh.of(mesh.vertices(), mesh.triangles(), segments);
    List<float[]> veins = new ArrayList<>();
    veins.add(points(scene.veins().coronarySinus().points()));
    veins.add(points(scene.veins().lateralVein().points()));
    AxisGrid g = volumes.grid();
    Volume ct = Volume.ofInt16(g.nx(), g.ny(), g.nz(), g.voxelToRas(), volumes.hu());
    RegistrationModel registration = new RegistrationModel(ct.toGrid(), PhantomVolumes.PHANTOM_ATTENUATION, lvCentre,
        heartRegion());
    return new ProcedureModel("phantom:standard", new GuidanceModel("phantom:standard", lv, veins), registration,
        TARGET);
  }

  /**
   * The phantom's heart region as a pre-op model carries it: the binary mask {@code PhantomWriter} writes
   * ({@code heart_mask.nii.gz}, weight at least 0.5) and the background HU its {@code phantom.json} names.
   */
  HeartRegion heartRegion() {
    AxisGrid g = volumes.grid();
    float[] w = volumes.heartWeight();
    short[] mask = new short[w.length];
    for (int i = 0; i < w.length; i++) {
      mask[i] = (short) (w[i] >= 0.5f ? 1 : 0);
    }
    return new HeartRegion(Volume.ofInt16(g.nx(), g.ny(), g.nz(), g.voxelToRas(), mask), PhantomVolumes.BACKGROUND_HU);
  }

  private static Vec3 orthogonal(Vec3 v, Vec3 axis) {
    return v.minus(axis.times(v.dot(axis))).normalized();
  }

  private static float[] points(List<Vec3> pts) {
    float[] out = new float[3 * pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      out[3 * i] = (float) pts.get(i).x();
      out[3 * i + 1] = (float) pts.get(i).y();
      out[3 * i + 2] = (float) pts.get(i).z();
    }
    return out;
  }

  /**
   * The demo patient's breathing direction, RAS (normalised by the scenario): inferior with some anterior and a
   * little leftward (leftward 0.2, anterior 0.45, inferior 0.87), about 15 degrees from the tracker's prior
   * (anterior 0.3, inferior 0.95), so that the heart's depth must come from the images, not from the prior.
   */
  public static final double[] BREATHING_DIRECTION = {0.2, 0.45, -0.87};

  /**
   * The scenario: {@code durationS} at {@code fps}, {@code size x size} pixels; lead advancing from 120 to 320 mm
   * over the run, breathing along {@link #BREATHING_DIRECTION}, a C-arm move from AP to LAO 30 at a third of the
   * run.
   */
  public static Scenario scenario(double durationS, double fps, int size) throws ScenarioFormatException {
    return scenario(durationS, fps, size, true);
  }

  /**
   * The same scenario, with or without its C-arm move (without: the C-arm stays at AP throughout, as between
   * moves in a procedure).
   */
  public static Scenario scenario(double durationS, double fps, int size, boolean carmMove)
      throws ScenarioFormatException {
    double spacing = 0.6 * 512.0 / size;
    String move = carmMove ? String.format(Locale.ROOT,
        ",%n   {\"type\": \"carm\", \"atS\": %f, \"durationS\": 2, \"primaryAngle\": 30, \"secondaryAngle\": 0}",
        durationS / 3) : "";
    String json = String.format(Locale.ROOT, """
        {"name": "demo", "durationS": %f, "fps": %f, "doseNGy": 30, "bits": 12, "noise": true, "seed": 7,
         "anatomy": {"phantom": {"spacingMm": 2.0}},
         "detector": {"width": %d, "height": %d, "pixelSpacingMm": %f, "sidMm": 1100, "sodMm": 750},
         "carm": {"primaryAngle": 0, "secondaryAngle": 0},
         "respiration": {"amplitudeMm": 8, "periodS": 4, "direction": [%f, %f, %f]},
         "cardiac": {"heartRateBpm": 70, "amplitudeMm": 2},
         "leadInsertionMm": 120, "csCatheterInsertionMm": 0,
         "events": [
           {"type": "lead", "atS": 0, "durationS": %f, "insertionMm": 320}%s]}
        """, durationS, fps, size, size, spacing, BREATHING_DIRECTION[0], BREATHING_DIRECTION[1],
        BREATHING_DIRECTION[2], durationS, move);
    return ScenarioReader.parse(json, "demo scenario", null);
  }
}
