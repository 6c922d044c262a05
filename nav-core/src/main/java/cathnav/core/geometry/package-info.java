/**
 * C-arm geometry (DESIGN.md "Geometry conventions", exact): {@link cathnav.core.geometry.CArmGeometry} to and
 * from the projection {@code P}, decomposition of any {@code P} ({@link cathnav.core.geometry.ProjectionGeometry}),
 * rigid poses ({@link cathnav.core.geometry.RigidTransform}, {@link cathnav.core.geometry.PoseParameters}) and the
 * {@code *.geom.json} format ({@link cathnav.core.geometry.GeometryFile}). World frame: patient RAS, mm; detector:
 * pixels, centres at integers.
 */
package cathnav.core.geometry;
