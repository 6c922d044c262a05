package cathnav.igtl.message;

import java.util.Arrays;
import java.util.List;

/**
 * POLYDATA: points, cells and attributes of a surface or line set (mm, RAS).
 *
 * <pre>
 *  header: 10 x u32  npoints, nvertices, size_vertices, nlines, size_lines, npolygons, size_polygons,
 *                    ntriangle_strips, size_triangle_strips, nattributes          (sizes in bytes)
 *  points: f32 x 3 x npoints
 *  vertices, lines, polygons, strips: u32 (n, i1..in) per cell, size_* bytes each
 *  attribute headers: nattributes x (u8 type, u8 ncomponents, u32 n)
 *  attribute names: NUL-terminated, the whole table padded to an even length
 *  attribute data: f32 x n x ncomponents per attribute
 * </pre>
 *
 * <p>Immutable: arrays are copied in and out. Cell point indices must be below the point count; point
 * attributes have one element per point and cell attributes one per cell (all cell arrays together).
 *
 * @param points     x, y, z of each point (mm)
 * @param vertices   vertex cells
 * @param lines      line (polyline) cells
 * @param polygons   polygon cells
 * @param strips     triangle-strip cells
 * @param attributes point and cell attributes, in wire order
 */
public record PolyDataBody(float[] points, PolyCells vertices, PolyCells lines, PolyCells polygons, PolyCells strips,
                           List<PolyAttribute> attributes) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "POLYDATA";

    public PolyDataBody {
        if (points == null || vertices == null || lines == null || polygons == null || strips == null
                || attributes == null) {
            throw new IllegalArgumentException("polydata fields must not be null");
        }
        if (points.length % 3 != 0) {
            throw new IllegalArgumentException("point array length is not a multiple of 3, length=" + points.length);
        }
        points = points.clone();
        attributes = List.copyOf(attributes);
        int npoints = points.length / 3;
        int ncells = vertices.cellCount() + lines.cellCount() + polygons.cellCount() + strips.cellCount();
        int maxIndex = Math.max(Math.max(vertices.maxPointIndex(), lines.maxPointIndex()),
                Math.max(polygons.maxPointIndex(), strips.maxPointIndex()));
        if (maxIndex >= npoints) {
            throw new IllegalArgumentException("cell refers to a missing point, maxIndex=" + maxIndex + ", npoints="
                    + npoints);
        }
        for (PolyAttribute a : attributes) {
            int expected = a.cellData() ? ncells : npoints;
            if (a.count() != expected) {
                throw new IllegalArgumentException("attribute element count mismatch, name=" + a.name() + ", count="
                        + a.count() + ", expected=" + expected + (a.cellData() ? " cells" : " points"));
            }
        }
    }

    /** Points and polygons only. */
    public static PolyDataBody ofPolygons(float[] points, PolyCells polygons) {
        return new PolyDataBody(points, PolyCells.EMPTY, PolyCells.EMPTY, polygons, PolyCells.EMPTY, List.of());
    }

    /** Points and polylines only. */
    public static PolyDataBody ofLines(float[] points, PolyCells lines) {
        return new PolyDataBody(points, PolyCells.EMPTY, lines, PolyCells.EMPTY, PolyCells.EMPTY, List.of());
    }

    /** Number of points. */
    public int pointCount() {
        return points.length / 3;
    }

    /** Coordinate {@code axis} (0 x, 1 y, 2 z) of point {@code index}, mm. */
    public float point(int index, int axis) {
        return points[index * 3 + axis];
    }

    /** A copy of the point coordinates. */
    @Override
    public float[] points() {
        return points.clone();
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolyDataBody p && Arrays.equals(points, p.points) && vertices.equals(p.vertices)
                && lines.equals(p.lines) && polygons.equals(p.polygons) && strips.equals(p.strips)
                && attributes.equals(p.attributes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(points) * 31 + polygons.hashCode() * 7 + lines.hashCode() + attributes.hashCode();
    }

    @Override
    public String toString() {
        return "PolyDataBody[points=" + pointCount() + ", vertices=" + vertices.cellCount() + ", lines="
                + lines.cellCount() + ", polygons=" + polygons.cellCount() + ", strips=" + strips.cellCount()
                + ", attributes=" + attributes + "]";
    }
}
