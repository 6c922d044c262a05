package cathnav.core.preop.fit;

import cathnav.core.model.TriangleMesh;
import java.util.Arrays;
import java.util.List;

/**
 * Fills closed triangle meshes into a voxel grid: a voxel is inside when its centre is inside any of the meshes
 * (their union). Each mesh is filled by ray parity along the grid's k axis through every voxel-centre column (rays
 * nudged off the lattice by an irrational fraction of a voxel so they never graze an edge or vertex exactly). A
 * column with an odd number of crossings (a hole or flipped sliver in the mesh) is left empty for that mesh and
 * counted. Stateless.
 */
public final class MeshVoxeliser {

  /** Ray offsets in voxels, off the lattice so that no ray meets a vertex or edge of a lattice-aligned mesh. */
  private static final double RAY_DI = 1.2345678e-4 * Math.PI;
  private static final double RAY_DJ = 0.9876543e-4 * Math.E;

  private MeshVoxeliser() {}

  /** The result of a fill: the mask and the number of columns left out for odd crossings. */
  public record Fill(BinaryMask mask, int oddColumns) {}

  /**
   * Fills the union of {@code meshes}, each mapped by {@code toGridFrame} (mesh coordinates to RAS; identity for
   * meshes already in RAS), into {@code grid}.
   */
  public static Fill fill(List<TriangleMesh> meshes, SimilarityTransform toGridFrame, VoxelGrid grid) {
    double[] toIndex = compose(grid.rasToVoxel(), toGridFrame.matrix());
    boolean[] inside = new boolean[grid.voxelCount()];
    int odd = 0;
    for (TriangleMesh m : meshes) {
      odd += fillOne(m, toIndex, grid, inside);
    }
    return new Fill(new BinaryMask(grid, inside), odd);
  }

  private static int fillOne(TriangleMesh mesh, double[] a, VoxelGrid grid, boolean[] inside) {
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    float[] v = mesh.vertices();
    int nv = mesh.vertexCount();
    double[] p = new double[3 * nv];
    for (int i = 0; i < nv; i++) {
      double x = v[3 * i];
      double y = v[3 * i + 1];
      double z = v[3 * i + 2];
      for (int r = 0; r < 3; r++) {
        p[3 * i + r] = a[4 * r] * x + a[4 * r + 1] * y + a[4 * r + 2] * z + a[4 * r + 3];
      }
    }
    int[] t = mesh.triangles();
    int columns = nx * ny;
    int[] start = new int[columns + 1];
    // pass 1 counts the crossings per column, pass 2 stores their k
    for (int pass = 0; pass < 2; pass++) {
      double[] ks = pass == 0 ? null : new double[start[columns]];
      int[] fill = pass == 0 ? start : Arrays.copyOf(start, columns);
      for (int tri = 0; tri < t.length; tri += 3) {
        int a0 = 3 * t[tri];
        int b0 = 3 * t[tri + 1];
        int c0 = 3 * t[tri + 2];
        double ax = p[a0] - RAY_DI;
        double ay = p[a0 + 1] - RAY_DJ;
        double bx = p[b0] - RAY_DI;
        double by = p[b0 + 1] - RAY_DJ;
        double cx = p[c0] - RAY_DI;
        double cy = p[c0 + 1] - RAY_DJ;
        double area = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
        if (area == 0) {
          continue;
        }
        int i0 = Math.max(0, (int) Math.ceil(Math.min(ax, Math.min(bx, cx))));
        int i1 = Math.min(nx - 1, (int) Math.floor(Math.max(ax, Math.max(bx, cx))));
        int j0 = Math.max(0, (int) Math.ceil(Math.min(ay, Math.min(by, cy))));
        int j1 = Math.min(ny - 1, (int) Math.floor(Math.max(ay, Math.max(by, cy))));
        for (int j = j0; j <= j1; j++) {
          for (int i = i0; i <= i1; i++) {
            double w0 = ((bx - i) * (cy - j) - (cx - i) * (by - j)) / area;
            double w1 = ((cx - i) * (ay - j) - (ax - i) * (cy - j)) / area;
            double w2 = 1 - w0 - w1;
            if (w0 < 0 || w1 < 0 || w2 < 0) {
              continue;
            }
            int col = j * nx + i;
            if (pass == 0) {
              start[col + 1]++;
            } else {
              ks[fill[col]++] = w0 * p[a0 + 2] + w1 * p[b0 + 2] + w2 * p[c0 + 2];
            }
          }
        }
      }
      if (pass == 0) {
        for (int c = 0; c < columns; c++) {
          start[c + 1] += start[c];
        }
        continue;
      }
      int odd = 0;
      for (int col = 0; col < columns; col++) {
        int from = start[col];
        int to = start[col + 1];
        if (to == from) {
          continue;
        }
        if (((to - from) & 1) != 0) {
          odd++;
          continue;
        }
        Arrays.sort(ks, from, to);
        for (int c = from; c < to; c += 2) {
          int k0 = Math.max(0, (int) Math.ceil(ks[c]));
          int k1 = Math.min(nz - 1, (int) Math.floor(ks[c + 1]));
          for (int k = k0; k <= k1; k++) {
            inside[k * columns + col] = true;
          }
        }
      }
      return odd;
    }
    throw new AssertionError("unreachable");
  }

  /** Row-major 4x4 product {@code a * b}. */
  static double[] compose(double[] a, double[] b) {
    double[] c = new double[16];
    for (int r = 0; r < 4; r++) {
      for (int col = 0; col < 4; col++) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
          s += a[4 * r + k] * b[4 * k + col];
        }
        c[4 * r + col] = s;
      }
    }
    return c;
  }
}
