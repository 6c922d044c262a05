package cathnav.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An indexed triangle surface in RAS mm: {@code vertices} holds x, y, z per vertex, {@code triangles} three vertex
 * indices per triangle (counter-clockwise seen from outside for closed, outward-oriented surfaces), with named
 * per-vertex and per-triangle data arrays.
 *
 * <p>Arrays are owned by the mesh and handed out without copying; treat them as read-only. A mesh is then
 * immutable and safe to share between threads.
 */
public record TriangleMesh(
    float[] vertices, int[] triangles, Map<String, MeshArray> pointArrays, Map<String, MeshArray> cellArrays) {

  public TriangleMesh {
    Objects.requireNonNull(vertices, "vertices");
    Objects.requireNonNull(triangles, "triangles");
    if (vertices.length % 3 != 0 || triangles.length % 3 != 0) {
      throw new IllegalArgumentException("vertices and triangles must hold triples, vertices=" + vertices.length
          + ", triangles=" + triangles.length);
    }
    int nv = vertices.length / 3;
    for (float v : vertices) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("vertex coordinates must be finite");
      }
    }
    for (int t = 0; t < triangles.length; t++) {
      if (triangles[t] < 0 || triangles[t] >= nv) {
        throw new IllegalArgumentException(
            "triangle vertex index out of range, triangle=" + t / 3 + ", index=" + triangles[t] + ", vertices=" + nv);
      }
    }
    pointArrays = checked(pointArrays, nv, "point");
    cellArrays = checked(cellArrays, triangles.length / 3, "cell");
  }

  /** A mesh without data arrays. */
  public static TriangleMesh of(float[] vertices, int[] triangles) {
    return new TriangleMesh(vertices, triangles, Map.of(), Map.of());
  }

  private static Map<String, MeshArray> checked(Map<String, MeshArray> arrays, int tuples, String kind) {
    if (arrays == null || arrays.isEmpty()) {
      return Map.of();
    }
    Map<String, MeshArray> copy = new LinkedHashMap<>();
    for (Map.Entry<String, MeshArray> e : arrays.entrySet()) {
      if (e.getValue().tuples() != tuples) {
        throw new IllegalArgumentException(kind + " array size mismatch, name=" + e.getKey() + ", tuples="
            + e.getValue().tuples() + ", expected=" + tuples);
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  public int vertexCount() {
    return vertices.length / 3;
  }

  public int triangleCount() {
    return triangles.length / 3;
  }

  /** Vertex {@code v} as {@code {x, y, z}} mm. */
  public double[] vertex(int v) {
    return new double[] {vertices[3 * v], vertices[3 * v + 1], vertices[3 * v + 2]};
  }

  /** The area of triangle {@code t}, mm^2. */
  public double triangleArea(int t) {
    double[] n = triangleCross(t);
    return 0.5 * Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
  }

  /** The centroid of triangle {@code t}, RAS mm. */
  public double[] triangleCentroid(int t) {
    double[] c = new double[3];
    for (int k = 0; k < 3; k++) {
      int v = triangles[3 * t + k];
      for (int a = 0; a < 3; a++) {
        c[a] += vertices[3 * v + a] / 3.0;
      }
    }
    return c;
  }

  /** Twice the area-weighted normal of triangle {@code t}: {@code (b - a) x (c - a)}, mm^2. */
  public double[] triangleCross(int t) {
    int a = triangles[3 * t];
    int b = triangles[3 * t + 1];
    int c = triangles[3 * t + 2];
    double ux = vertices[3 * b] - (double) vertices[3 * a];
    double uy = vertices[3 * b + 1] - (double) vertices[3 * a + 1];
    double uz = vertices[3 * b + 2] - (double) vertices[3 * a + 2];
    double vx = vertices[3 * c] - (double) vertices[3 * a];
    double vy = vertices[3 * c + 1] - (double) vertices[3 * a + 1];
    double vz = vertices[3 * c + 2] - (double) vertices[3 * a + 2];
    return new double[] {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
  }

  /** Total surface area, mm^2. */
  public double area() {
    double sum = 0;
    for (int t = 0; t < triangleCount(); t++) {
      sum += triangleArea(t);
    }
    return sum;
  }

  /**
   * The enclosed volume in mm^3 by the divergence theorem, {@code |sum a . (b x c)| / 6} over the triangles,
   * taken about the world origin as VTK and the mesh tools that record cavity volumes do. For a closed,
   * consistently oriented surface the result does not depend on that choice; for a surface with small holes or
   * flipped triangles it changes by {@code o . closureDefect() / 3} when taken about {@code o} instead, so check
   * {@link #closureDefect()} before trusting it.
   */
  public double closedVolume() {
    double sum = 0;
    for (int t = 0; t < triangleCount(); t++) {
      int i = 3 * triangles[3 * t];
      int j = 3 * triangles[3 * t + 1];
      int k = 3 * triangles[3 * t + 2];
      double ax = vertices[i], ay = vertices[i + 1], az = vertices[i + 2];
      double bx = vertices[j], by = vertices[j + 1], bz = vertices[j + 2];
      double cx = vertices[k], cy = vertices[k + 1], cz = vertices[k + 2];
      sum += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    }
    return Math.abs(sum) / 6.0;
  }

  /**
   * The sum of the triangles' area vectors, mm^2: zero for a closed, consistently oriented surface; its length
   * measures holes and flipped triangles.
   */
  public double[] closureDefect() {
    double[] s = new double[3];
    for (int t = 0; t < triangleCount(); t++) {
      double[] n = triangleCross(t);
      for (int a = 0; a < 3; a++) {
        s[a] += n[a] / 2;
      }
    }
    return s;
  }

  /** The axis-aligned box of the vertices: {@code {minX, minY, minZ, maxX, maxY, maxZ}} mm (NaN when empty). */
  public double[] bounds() {
    if (vertices.length == 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }
    double[] b = {
      Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY
    };
    for (int v = 0; v < vertices.length; v += 3) {
      for (int a = 0; a < 3; a++) {
        b[a] = Math.min(b[a], vertices[v + a]);
        b[3 + a] = Math.max(b[3 + a], vertices[v + a]);
      }
    }
    return b;
  }

  /** The area-weighted centroid of the surface, RAS mm. */
  public double[] surfaceCentroid() {
    double[] c = new double[3];
    double total = 0;
    for (int t = 0; t < triangleCount(); t++) {
      double w = triangleArea(t);
      double[] m = triangleCentroid(t);
      for (int a = 0; a < 3; a++) {
        c[a] += w * m[a];
      }
      total += w;
    }
    for (int a = 0; a < 3; a++) {
      c[a] /= total;
    }
    return c;
  }

  /**
   * Unit vertex normals (x, y, z per vertex), the area-weighted mean of the adjacent triangles' normals; zero for
   * vertices that no triangle uses.
   */
  public float[] vertexNormals() {
    double[] acc = new double[vertices.length];
    for (int t = 0; t < triangleCount(); t++) {
      double[] n = triangleCross(t);
      for (int k = 0; k < 3; k++) {
        int v = triangles[3 * t + k];
        acc[3 * v] += n[0];
        acc[3 * v + 1] += n[1];
        acc[3 * v + 2] += n[2];
      }
    }
    float[] out = new float[vertices.length];
    for (int v = 0; v < acc.length; v += 3) {
      double len = Math.sqrt(acc[v] * acc[v] + acc[v + 1] * acc[v + 1] + acc[v + 2] * acc[v + 2]);
      if (len > 0) {
        out[v] = (float) (acc[v] / len);
        out[v + 1] = (float) (acc[v + 1] / len);
        out[v + 2] = (float) (acc[v + 2] / len);
      }
    }
    return out;
  }

  /**
   * The triangles whose flag is set, with only the vertices they use (renumbered in order of first use) and
   * point/cell arrays carried along.
   */
  public TriangleMesh subset(boolean[] keepTriangle) {
    if (keepTriangle.length != triangleCount()) {
      throw new IllegalArgumentException("flag count mismatch, flags=" + keepTriangle.length + ", triangles=" + triangleCount());
    }
    int[] newIndex = new int[vertexCount()];
    java.util.Arrays.fill(newIndex, -1);
    int kept = 0;
    for (boolean k : keepTriangle) {
      kept += k ? 1 : 0;
    }
    int[] tris = new int[kept * 3];
    int[] cellSel = new int[kept];
    int[] vertSel = new int[vertexCount()];
    int nv = 0;
    int nt = 0;
    for (int t = 0; t < keepTriangle.length; t++) {
      if (!keepTriangle[t]) {
        continue;
      }
      for (int k = 0; k < 3; k++) {
        int v = triangles[3 * t + k];
        if (newIndex[v] < 0) {
          newIndex[v] = nv;
          vertSel[nv++] = v;
        }
        tris[3 * nt + k] = newIndex[v];
      }
      cellSel[nt++] = t;
    }
    int[] vs = java.util.Arrays.copyOf(vertSel, nv);
    float[] verts = new float[nv * 3];
    for (int n = 0; n < nv; n++) {
      System.arraycopy(vertices, 3 * vs[n], verts, 3 * n, 3);
    }
    Map<String, MeshArray> pa = new LinkedHashMap<>();
    pointArrays.forEach((k, a) -> pa.put(k, a.select(vs)));
    Map<String, MeshArray> ca = new LinkedHashMap<>();
    cellArrays.forEach((k, a) -> ca.put(k, a.select(cellSel)));
    return new TriangleMesh(verts, tris, pa, ca);
  }

  /**
   * This mesh mapped through the affine {@code m} (row-major 4x4, for example LPS to RAS); the winding is reversed
   * when {@code m} mirrors (negative determinant) so that outward normals stay outward. Arrays are carried along
   * unchanged (vector-valued arrays are not rotated).
   */
  public TriangleMesh transformed(double[] m) {
    if (m.length != 16) {
      throw new IllegalArgumentException("affine must have 16 values, length=" + m.length);
    }
    float[] out = new float[vertices.length];
    for (int v = 0; v < vertices.length; v += 3) {
      double x = vertices[v];
      double y = vertices[v + 1];
      double z = vertices[v + 2];
      for (int r = 0; r < 3; r++) {
        out[v + r] = (float) (m[4 * r] * x + m[4 * r + 1] * y + m[4 * r + 2] * z + m[4 * r + 3]);
      }
    }
    double det = m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8])
        + m[2] * (m[4] * m[9] - m[5] * m[8]);
    int[] tris = triangles;
    if (det < 0) {
      tris = triangles.clone();
      for (int t = 0; t < tris.length; t += 3) {
        int b = tris[t + 1];
        tris[t + 1] = tris[t + 2];
        tris[t + 2] = b;
      }
    }
    return new TriangleMesh(out, tris, pointArrays, cellArrays);
  }

  /** This mesh converted from LPS to RAS (or back): x and y negated, a half turn about z that keeps the winding. */
  public TriangleMesh lpsToRas() {
    return transformed(new double[] {-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});
  }

  @Override
  public String toString() {
    return "TriangleMesh[vertices=" + vertexCount() + ", triangles=" + triangleCount() + ", pointArrays="
        + pointArrays.keySet() + ", cellArrays=" + cellArrays.keySet() + "]";
  }
}
