package cathnav.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The edge-connected components of a triangle mesh (triangles sharing a vertex belong together): a label per
 * triangle, numbered from 0 in order of the first triangle of each component.
 */
public record MeshComponents(int count, int[] triangleLabels) {

  /** Labels the components of {@code mesh} (union-find over shared vertices). */
  public static MeshComponents of(TriangleMesh mesh) {
    int nv = mesh.vertexCount();
    int[] parent = new int[nv];
    for (int v = 0; v < nv; v++) {
      parent[v] = v;
    }
    int[] t = mesh.triangles();
    for (int i = 0; i < t.length; i += 3) {
      union(parent, t[i], t[i + 1]);
      union(parent, t[i], t[i + 2]);
    }
    int[] rootLabel = new int[nv];
    java.util.Arrays.fill(rootLabel, -1);
    int[] labels = new int[mesh.triangleCount()];
    int count = 0;
    for (int tri = 0; tri < labels.length; tri++) {
      int r = find(parent, t[3 * tri]);
      if (rootLabel[r] < 0) {
        rootLabel[r] = count++;
      }
      labels[tri] = rootLabel[r];
    }
    return new MeshComponents(count, labels);
  }

  /** Each component as its own mesh, in label order. */
  public List<TriangleMesh> split(TriangleMesh mesh) {
    List<TriangleMesh> out = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      boolean[] keep = new boolean[triangleLabels.length];
      for (int tri = 0; tri < keep.length; tri++) {
        keep[tri] = triangleLabels[tri] == c;
      }
      out.add(mesh.subset(keep));
    }
    return out;
  }

  private static int find(int[] p, int v) {
    while (p[v] != v) {
      p[v] = p[p[v]];
      v = p[v];
    }
    return v;
  }

  private static void union(int[] p, int a, int b) {
    int ra = find(p, a);
    int rb = find(p, b);
    if (ra != rb) {
      p[ra] = rb;
    }
  }
}
