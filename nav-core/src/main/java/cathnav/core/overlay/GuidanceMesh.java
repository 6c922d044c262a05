package cathnav.core.overlay;

import java.util.Objects;

/**
 * A triangle surface for the overlay: vertices in model RAS mm, triangles as vertex index triples, and per triangle
 * its AHA segment (1..17; 0 for none, e.g. valve caps). Immutable: arrays are copied in and never handed out.
 */
public final class GuidanceMesh {

  private final float[] vertices;
  private final int[] triangles;
  private final byte[] segments;

  private GuidanceMesh(float[] vertices, int[] triangles, byte[] segments) {
    this.vertices = vertices;
    this.triangles = triangles;
    this.segments = segments;
  }

  /**
   * @param vertices {@code x0, y0, z0, x1, ...} in RAS mm
   * @param triangles {@code a0, b0, c0, a1, ...} vertex indices
   * @param triangleSegments one AHA segment (0..17) per triangle, or null for all 0
   */
  public static GuidanceMesh of(float[] vertices, int[] triangles, int[] triangleSegments) {
    Objects.requireNonNull(vertices, "vertices");
    Objects.requireNonNull(triangles, "triangles");
    if (vertices.length % 3 != 0 || vertices.length == 0) {
      throw new IllegalArgumentException("vertices must be x,y,z triples, length=" + vertices.length);
    }
    if (triangles.length % 3 != 0 || triangles.length == 0) {
      throw new IllegalArgumentException("triangles must be index triples, length=" + triangles.length);
    }
    int n = vertices.length / 3;
    for (int i = 0; i < triangles.length; i++) {
      if (triangles[i] < 0 || triangles[i] >= n) {
        throw new IllegalArgumentException(
            "triangle vertex index out of range, triangle=" + i / 3 + ", index=" + triangles[i] + ", vertices=" + n);
      }
    }
    for (float f : vertices) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("vertex coordinates must be finite, found " + f);
      }
    }
    byte[] seg = new byte[triangles.length / 3];
    if (triangleSegments != null) {
      if (triangleSegments.length != seg.length) {
        throw new IllegalArgumentException(
            "one segment per triangle, segments=" + triangleSegments.length + ", triangles=" + seg.length);
      }
      for (int i = 0; i < seg.length; i++) {
        int s = triangleSegments[i];
        if (s < 0 || s > 17) {
          throw new IllegalArgumentException("AHA segment out of range 0..17, triangle=" + i + ", segment=" + s);
        }
        seg[i] = (byte) s;
      }
    }
    return new GuidanceMesh(vertices.clone(), triangles.clone(), seg);
  }

  public int vertexCount() {
    return vertices.length / 3;
  }

  public int triangleCount() {
    return triangles.length / 3;
  }

  /** Coordinate {@code axis} (0 x, 1 y, 2 z) of vertex {@code i}, RAS mm. */
  public float vertex(int i, int axis) {
    return vertices[3 * i + axis];
  }

  /** Vertex index {@code corner} (0..2) of triangle {@code t}. */
  public int corner(int t, int corner) {
    return triangles[3 * t + corner];
  }

  /** AHA segment of triangle {@code t}, 0 for none. */
  public int segment(int t) {
    return segments[t];
  }

  /** A copy of the vertex coordinates. */
  public float[] vertices() {
    return vertices.clone();
  }

  /** A copy of the triangle indices. */
  public int[] triangles() {
    return triangles.clone();
  }

  /** Centroid of the vertices, RAS mm. */
  public double[] centroid() {
    double[] c = new double[3];
    int n = vertexCount();
    for (int i = 0; i < n; i++) {
      c[0] += vertices[3 * i];
      c[1] += vertices[3 * i + 1];
      c[2] += vertices[3 * i + 2];
    }
    c[0] /= n;
    c[1] /= n;
    c[2] /= n;
    return c;
  }

  /** True when some triangle belongs to {@code segment}. */
  public boolean hasSegment(int segment) {
    for (byte s : segments) {
      if (s == segment) {
        return true;
      }
    }
    return false;
  }
}
