package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;
import cathnav.gpu.Attenuation;
import cathnav.sim.render.AnatomyScene;
import cathnav.sim.render.HeartRegionSplit;
import java.util.List;

/**
 * A rasterised {@link ThoraxPhantom}: Hounsfield units on an axis-aligned grid, the heart-region weight, and the
 * attenuation scene the simulator renders.
 *
 * @param grid the voxel grid
 * @param hu Hounsfield units, x fastest (int16 range: the beads' 15000 HU fits)
 * @param heartWeight heart-region weight in [0, 1], same grid
 */
public record PhantomVolumes(AxisGrid grid, short[] hu, float[] heartWeight) {

  /** HU to mu without the usual metal clamp at 3000 HU, so the phantom's metal beads stay metal. */
  public static final Attenuation PHANTOM_ATTENUATION = new Attenuation(0.0193, -1000, 32767);

  /** HU of what fills the space the heart leaves when it moves (lung and mediastinal fat). */
  public static final double BACKGROUND_HU = -400;

  /**
   * Rasterises {@code phantom} at {@code spacingMm} (isotropic). Boundary voxels are sub-sampled 3 x 3 x 3 (beads
   * 5 x 5 x 5, for a precise centroid).
   */
  public static PhantomVolumes rasterise(ThoraxPhantom phantom, double spacingMm) {
    AxisGrid grid = AxisGrid.covering(phantom.boundsMm(), spacingMm);
    float[] values = new float[grid.voxelCount()];
    java.util.Arrays.fill(values, -1000f);
    PhantomRasteriser coarse = new PhantomRasteriser(grid, 3);
    PhantomRasteriser fine = new PhantomRasteriser(grid, 5);
    for (PhantomShape s : phantom.anatomy()) {
      (phantom.beads().contains(s) ? fine : coarse).paint(List.of(s), values);
    }
    float[] weight = new float[values.length];
    for (PhantomShape s : phantom.heartRegion()) {
      PhantomShape dilated = s instanceof Ellipsoid e ? e.scaled(1.06, e.name())
          : s instanceof Capsule c ? new Capsule(c.name(), c.a(), c.b(), c.radius() + 1.5, c.hu()) : s;
      coarse.maxFraction(dilated, weight);
    }
    short[] hu = new short[values.length];
    for (int i = 0; i < hu.length; i++) {
      hu[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(values[i])));
    }
    return new PhantomVolumes(grid, hu, weight);
  }

  /** The scene to render: static anatomy plus the heart region, with the phantom's fiducials and veins. */
  public AnatomyScene scene(ThoraxPhantom phantom, String name) {
    float[] mu = new float[hu.length];
    for (int i = 0; i < mu.length; i++) {
      mu[i] = PHANTOM_ATTENUATION.mu(hu[i]);
    }
    HeartRegionSplit.Parts parts = HeartRegionSplit.split(grid.nx(), grid.ny(), grid.nz(), grid.voxelToRas(), mu,
        heartWeight, PHANTOM_ATTENUATION.mu(BACKGROUND_HU));
    List<Vec3> beads = phantom.beads().stream().map(Capsule::a).toList();
    return AnatomyScene.of(name, parts, phantom.heartCentre(), phantom.heartLongAxis(), beads, phantom.veins());
  }
}
