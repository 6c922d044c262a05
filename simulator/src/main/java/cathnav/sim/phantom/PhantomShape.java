package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;

/**
 * One analytic solid of a phantom, painted over what was there with its Hounsfield value. Coordinates are RAS mm.
 */
public sealed interface PhantomShape permits Ellipsoid, Capsule {

  /** Anatomical name ({@code lung-left}, {@code rib-r3}, ...). */
  String name();

  /** Hounsfield units of the solid. */
  double hu();

  /** Axis-aligned bounds {@code {minX, minY, minZ, maxX, maxY, maxZ}}, mm. */
  double[] bounds();

  /**
   * A lower bound on the signed distance from {@code x} to the surface (negative inside), mm, such that
   * {@code |d| <= true distance}: voxels farther than half their diagonal from the surface are fully in or out.
   */
  double signedDistanceBound(Vec3 x);

  /** Whether {@code x} is inside. */
  boolean contains(Vec3 x);
}
