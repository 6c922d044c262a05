package cathnav.core.preop.fit;

import cathnav.core.model.TriangleMesh;
import java.util.Arrays;
import java.util.List;

/**
 * Fills closed triangle meshes into a voxel grid: a voxel is inside when its centre is inside any of the meshes
 * (their union).
 *
 * <p>Each mesh is filled by ray parity through every voxel-centre column along each of the grid's three axes (rays
 * nudged off the lattice by an irrational fraction of a voxel so that they never graze an edge or vertex exactly),
 * and a voxel is inside the mesh when most of its valid rays say so. A ray with an odd number of crossings (through
 * a hole or a flipped sliver) is not valid and does not vote, so a mesh with small openings (a myocardium open at a
 * valve plane) is still filled where the other two directions see it closed. Odd rays are counted. Stateless.
 */
public final class MeshVoxeliser {

  /** Ray offsets in voxels, off the lattice so that no ray meets a vertex or edge of a lattice-aligned mesh. */
  private static final double RAY_DU = 1.2345678e-4 * Math.PI;
  private static final double RAY_DV = 0.9876543e-4 * Math.E;

  private MeshVoxeliser() {}

  /**
   * The result of a fill.
   *
   * @param mask the union of the meshes
   * @param oddColumns rays (over all meshes and the three directions) left out for an odd number of crossings
   */
  public record Fill(BinaryMask mask, int oddColumns) {}

  /**
   * Fills the union of {@code meshes}, each mapped by {@code toGridFrame} (mesh coordinates to RAS; identity for
   * meshes already in RAS), into {@code grid}.
   */
  public static Fill fill(List<TriangleMesh> meshes, SimilarityTransform toGridFrame, VoxelGrid grid) {
    double[] toIndex = compose(grid.rasToVoxel(), toGridFrame.matrix());
    int n = grid.voxelCount();
    boolean[] inside = new boolean[n];
    byte[] insideVotes = new byte[n];
    byte[] votes = new byte[n];
    int odd = 0;
    for (TriangleMesh m : meshes) {
      double[] p = indexCoordinates(m, toIndex);
      Arrays.fill(insideVotes, (byte) 0);
      Arrays.fill(votes, (byte) 0);
      for (int axis = 0; axis < 3; axis++) {
        odd += castAlong(axis, p, m.triangles(), grid, insideVotes, votes);
      }
      for (int i = 0; i < n; i++) {
        if (2 * insideVotes[i] > votes[i]) {
          inside[i] = true;
        }
      }
    }
    return new Fill(new BinaryMask(grid, inside), odd);
  }

  private static double[] indexCoordinates(TriangleMesh mesh, double[] a) {
    float[] v = mesh.vertices();
    double[] p = new double[v.length];
    for (int i = 0; i < v.length; i += 3) {
      double x = v[i];
      double y = v[i + 1];
      double z = v[i + 2];
      for (int r = 0; r < 3; r++) {
        p[i + r] = a[4 * r] * x + a[4 * r + 1] * y + a[4 * r + 2] * z + a[4 * r + 3];
      }
    }
    return p;
  }

  /**
   * Casts rays along index axis {@code w} through every column of the other two axes and adds one vote per voxel of
   * every even column (an inside vote between crossing pairs). Returns the number of odd columns.
   */
  private static int castAlong(int w, double[] p, int[] t, VoxelGrid grid, byte[] insideVotes, byte[] votes) {
    int u = (w + 1) % 3;
    int v = (w + 2) % 3;
    int[] dims = {grid.nx(), grid.ny(), grid.nz()};
    int[] stride = {1, grid.nx(), grid.nx() * grid.ny()};
    int nu = dims[u];
    int nv = dims[v];
    int nw = dims[w];
    int columns = nu * nv;
    int[] start = new int[columns + 1];
    double[] ks = null;
    // pass 0 counts the crossings per column, pass 1 stores their w coordinate
    for (int pass = 0; pass < 2; pass++) {
      int[] fill = pass == 0 ? null : Arrays.copyOf(start, columns);
      if (pass == 1) {
        ks = new double[start[columns]];
      }
      for (int tri = 0; tri < t.length; tri += 3) {
        int a0 = 3 * t[tri];
        int b0 = 3 * t[tri + 1];
        int c0 = 3 * t[tri + 2];
        double au = p[a0 + u] - RAY_DU;
        double av = p[a0 + v] - RAY_DV;
        double bu = p[b0 + u] - RAY_DU;
        double bv = p[b0 + v] - RAY_DV;
        double cu = p[c0 + u] - RAY_DU;
        double cv = p[c0 + v] - RAY_DV;
        double area = (bu - au) * (cv - av) - (cu - au) * (bv - av);
        if (area == 0) {
          continue;
        }
        int u0 = Math.max(0, (int) Math.ceil(Math.min(au, Math.min(bu, cu))));
        int u1 = Math.min(nu - 1, (int) Math.floor(Math.max(au, Math.max(bu, cu))));
        int v0 = Math.max(0, (int) Math.ceil(Math.min(av, Math.min(bv, cv))));
        int v1 = Math.min(nv - 1, (int) Math.floor(Math.max(av, Math.max(bv, cv))));
        for (int jv = v0; jv <= v1; jv++) {
          for (int iu = u0; iu <= u1; iu++) {
            double w0 = ((bu - iu) * (cv - jv) - (cu - iu) * (bv - jv)) / area;
            double w1 = ((cu - iu) * (av - jv) - (au - iu) * (cv - jv)) / area;
            double w2 = 1 - w0 - w1;
            if (w0 < 0 || w1 < 0 || w2 < 0) {
              continue;
            }
            int col = jv * nu + iu;
            if (pass == 0) {
              start[col + 1]++;
            } else {
              ks[fill[col]++] = w0 * p[a0 + w] + w1 * p[b0 + w] + w2 * p[c0 + w];
            }
          }
        }
      }
      if (pass == 0) {
        for (int c = 0; c < columns; c++) {
          start[c + 1] += start[c];
        }
      }
    }
    int odd = 0;
    for (int jv = 0; jv < nv; jv++) {
      for (int iu = 0; iu < nu; iu++) {
        int col = jv * nu + iu;
        int from = start[col];
        int to = start[col + 1];
        if (((to - from) & 1) != 0) {
          odd++;
          continue;
        }
        int base = iu * stride[u] + jv * stride[v];
        for (int k = 0; k < nw; k++) {
          votes[base + k * stride[w]]++;
        }
        Arrays.sort(ks, from, to);
        for (int c = from; c < to; c += 2) {
          int k0 = Math.max(0, (int) Math.ceil(ks[c]));
          int k1 = Math.min(nw - 1, (int) Math.floor(ks[c + 1]));
          for (int k = k0; k <= k1; k++) {
            insideVotes[base + k * stride[w]]++;
          }
        }
      }
    }
    return odd;
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
