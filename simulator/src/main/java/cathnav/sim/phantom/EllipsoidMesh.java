package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed triangle mesh of an {@link Ellipsoid} (latitude-longitude tessellation, outward-facing triangles), and its
 * binary STL form.
 *
 * @param triangles each triangle's three vertices, counter-clockwise seen from outside, RAS mm
 */
public record EllipsoidMesh(List<Vec3[]> triangles) {

  public EllipsoidMesh {
    triangles = List.copyOf(triangles);
  }

  /** Tessellates {@code e} into {@code 2 * slices * (stacks - 1)} triangles. */
  public static EllipsoidMesh of(Ellipsoid e, int stacks, int slices) {
    Vec3[][] grid = new Vec3[stacks + 1][slices];
    for (int i = 0; i <= stacks; i++) {
      double theta = Math.PI * i / stacks; // from +e3 (0) to -e3 (pi)
      for (int j = 0; j < slices; j++) {
        double phi = 2 * Math.PI * j / slices;
        double x = Math.sin(theta) * Math.cos(phi) * e.a1();
        double y = Math.sin(theta) * Math.sin(phi) * e.a2();
        double z = Math.cos(theta) * e.a3();
        grid[i][j] = e.centre().plus(e.e1().times(x)).plus(e.e2().times(y)).plus(e.e3().times(z));
      }
    }
    List<Vec3[]> tris = new ArrayList<>();
    for (int i = 0; i < stacks; i++) {
      for (int j = 0; j < slices; j++) {
        int jn = (j + 1) % slices;
        Vec3 a = grid[i][j];
        Vec3 b = grid[i + 1][j];
        Vec3 c = grid[i + 1][jn];
        Vec3 d = grid[i][jn];
        if (i > 0) {
          tris.add(orient(e, a, b, d));
        }
        if (i < stacks - 1) {
          tris.add(orient(e, d, b, c));
        }
      }
    }
    return new EllipsoidMesh(tris);
  }

  /** Keeps the winding whose normal points away from the centre. */
  private static Vec3[] orient(Ellipsoid e, Vec3 a, Vec3 b, Vec3 c) {
    Vec3 n = b.minus(a).cross(c.minus(a));
    Vec3 out = a.plus(b).plus(c).times(1.0 / 3).minus(e.centre());
    return n.dot(out) >= 0 ? new Vec3[] {a, b, c} : new Vec3[] {a, c, b};
  }

  /** Enclosed volume, mm^3 (divergence theorem; positive for outward winding). */
  public double volumeMm3() {
    double v = 0;
    for (Vec3[] t : triangles) {
      v += t[0].dot(t[1].cross(t[2])) / 6;
    }
    return v;
  }

  /** Writes binary STL (little-endian): 80-byte header, count, then normal and vertices as float32 per triangle. */
  public void writeBinaryStl(OutputStream out, String header) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(84 + 50 * triangles.size()).order(ByteOrder.LITTLE_ENDIAN);
    byte[] h = new byte[80];
    byte[] text = header.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, h, 0, Math.min(80, text.length));
    b.put(h);
    b.putInt(triangles.size());
    for (Vec3[] t : triangles) {
      Vec3 n = t[1].minus(t[0]).cross(t[2].minus(t[0]));
      double len = n.norm();
      n = len > 0 ? n.times(1 / len) : n;
      for (Vec3 v : new Vec3[] {n, t[0], t[1], t[2]}) {
        b.putFloat((float) v.x()).putFloat((float) v.y()).putFloat((float) v.z());
      }
      b.putShort((short) 0);
    }
    out.write(b.array());
  }
}
