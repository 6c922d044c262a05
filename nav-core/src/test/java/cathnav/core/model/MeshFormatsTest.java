package cathnav.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mesh formats written by hand or by {@link MeshWriters} read back to the same geometry and arrays. */
class MeshFormatsTest {

  @TempDir Path dir;

  /** A unit cube [0,1]^3 with outward winding, 8 vertices and 12 triangles. */
  static TriangleMesh cube() {
    float[] v = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1};
    int[] t = {
      0, 2, 1, 0, 3, 2, // z = 0, normal -z
      4, 5, 6, 4, 6, 7, // z = 1
      0, 1, 5, 0, 5, 4, // y = 0
      3, 6, 2, 3, 7, 6, // y = 1
      0, 4, 7, 0, 7, 3, // x = 0
      1, 2, 6, 1, 6, 5 // x = 1
    };
    return TriangleMesh.of(v, t);
  }

  static TriangleMesh randomMeshWithArrays(Random rnd) {
    int nv = 20 + rnd.nextInt(30);
    int nt = 10 + rnd.nextInt(40);
    float[] v = new float[nv * 3];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rnd.nextGaussian() * 100);
    }
    int[] t = new int[nt * 3];
    for (int i = 0; i < t.length; i++) {
      t[i] = rnd.nextInt(nv);
    }
    double[] p = new double[nv * 3];
    double[] c = new double[nt];
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextGaussian();
    }
    for (int i = 0; i < c.length; i++) {
      c[i] = rnd.nextInt(17) + 1;
    }
    Map<String, MeshArray> pa = new LinkedHashMap<>();
    pa.put("direction", new MeshArray("direction", 3, p));
    Map<String, MeshArray> ca = new LinkedHashMap<>();
    ca.put("segment", new MeshArray("segment", 1, c));
    return new TriangleMesh(v, t, pa, ca);
  }

  private static long seed() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    return seed;
  }

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.US_ASCII);
    return f;
  }

  @Test
  void binaryStlRoundTripKeepsEveryCorner() throws Exception {
    TriangleMesh m = cube();
    Path f = dir.resolve("cube.stl");
    MeshWriters.writeStl(m, f);
    assertEquals(84 + 50 * 12, Files.size(f));
    TriangleMesh back = Meshes.read(f);
    assertEquals(8, back.vertexCount(), "corners weld back into 8 vertices");
    for (int t = 0; t < 12; t++) {
      for (int k = 0; k < 3; k++) {
        assertArrayEquals(m.vertex(m.triangles()[3 * t + k]), back.vertex(back.triangles()[3 * t + k]), 0);
      }
    }
  }

  @Test
  void asciiStlWithTwoSolidsAndCrlf() throws Exception {
    String facet = "facet normal 0 0 1\r\n outer loop\r\n  vertex %s\r\n  vertex %s\r\n  vertex %s\r\n endloop\r\nendfacet\r\n";
    String text = "solid first\r\n" + String.format(facet, "0 0 0", "1 0 0", "0 1 0") + "endsolid first\r\n"
        + "solid second\n" + String.format(facet, "1 0 0", "1 1 0", "0 1 0") + "endsolid\n";
    TriangleMesh m = Meshes.read(write("two.stl", text));
    assertEquals(2, m.triangleCount());
    assertEquals(4, m.vertexCount());
    assertEquals(1.0, m.area(), 1e-12);
  }

  @Test
  void vtkBinaryRoundTripKeepsGeometryAndArrays() throws Exception {
    Random rnd = new Random(seed());
    TriangleMesh m = randomMeshWithArrays(rnd);
    Path f = dir.resolve("m.vtk");
    MeshWriters.writeVtk(m, f, true);
    assertSameMesh(m, Meshes.read(f));
  }

  @Test
  void vtkAsciiRoundTripKeepsGeometryAndArrays() throws Exception {
    Random rnd = new Random(seed());
    TriangleMesh m = randomMeshWithArrays(rnd);
    Path f = dir.resolve("m.vtk");
    MeshWriters.writeVtk(m, f, false);
    assertSameMesh(m, Meshes.read(f));
  }

  @Test
  void vtkClassicCellsMapCellDataThroughVertsLinesPolygonsAndStrips() throws Exception {
    String text = "# vtk DataFile Version 3.0\ncells\nASCII\nDATASET POLYDATA\nPOINTS 6 float\n"
        + "0 0 0 1 0 0 1 1 0\n0 1 0 2 0 0 2 1 0\n"
        + "VERTICES 1 2\n1 0\nLINES 1 4\n3 0 1 2\nPOLYGONS 1 5\n4 0 1 2 3\n"
        + "TRIANGLE_STRIPS 1 6\n5 1 4 2 5 3\n"
        + "CELL_DATA 4\nSCALARS cellId int 1\nLOOKUP_TABLE default\n10 20 30 40\n"
        + "POINT_DATA 6\nNORMALS n float\n0 0 1 0 0 1 0 0 1 0 0 1 0 0 1 0 0 1\n"
        + "FIELD more 1\nweight 1 6 double\n1 2 3 4 5 6\n";
    VtkPolyData p = VtkPolyDataReader.readPolyData(write("cells.vtk", text));
    TriangleMesh m = p.mesh();
    assertEquals(2 + 3, m.triangleCount(), "quad gives 2 triangles, 5-point strip gives 3");
    assertArrayEquals(new double[] {30, 30, 40, 40, 40}, m.cellArrays().get("cellId").values(), 0);
    // fan of the quad, then the strip with every second triangle's winding flipped
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 1, 4, 2, 2, 4, 5, 2, 5, 3}, m.triangles());
    assertEquals(1, p.polylines().size());
    assertArrayEquals(new int[] {0, 1, 2}, p.polylines().get(0));
    assertEquals(3, m.pointArrays().get("n").components());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.pointArrays().get("weight").values(), 0);
  }

  @Test
  void vtk51AsciiOffsetsAndConnectivityLayout() throws Exception {
    String text = "# vtk DataFile Version 5.1\nnew layout\nASCII\nDATASET POLYDATA\nPOINTS 4 double\n"
        + "0 0 0 1 0 0 1 1 0 0 1 0\n"
        + "METADATA\nINFORMATION 0\n\n"
        + "POLYGONS 3 6\nOFFSETS vtktypeint64\n0 3 6\nCONNECTIVITY vtktypeint64\n0 1 2 0 2 3\n"
        + "CELL_DATA 2\nFIELD FieldData 1\ntag 1 2 int\n7 9\n";
    TriangleMesh m = Meshes.read(write("new.vtk", text));
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, m.triangles());
    assertArrayEquals(new double[] {7, 9}, m.cellArrays().get("tag").values(), 0);
  }

  @Test
  void plyAsciiQuadIsFanTriangulatedWithItsProperties() throws Exception {
    String text = "ply\nformat ascii 1.0\ncomment made by hand\nelement vertex 4\nproperty float x\n"
        + "property float y\nproperty float z\nproperty float confidence\nelement face 1\n"
        + "property list uchar int vertex_indices\nproperty uchar label\nend_header\n"
        + "0 0 0 0.5\n1 0 0 0.6\n1 1 0 0.7\n0 1 0 0.8\n4 0 1 2 3 5\n";
    TriangleMesh m = Meshes.read(write("quad.ply", text));
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, m.triangles());
    assertArrayEquals(new double[] {5, 5}, m.cellArrays().get("label").values(), 0);
    assertEquals(0.7, m.pointArrays().get("confidence").value(2, 0), 1e-6);
  }

  @Test
  void plyBinaryLittleAndBigEndianGiveTheSameMesh() throws Exception {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      String fmt = order == ByteOrder.LITTLE_ENDIAN ? "binary_little_endian" : "binary_big_endian";
      String header = "ply\nformat " + fmt + " 1.0\nelement vertex 3\nproperty double x\nproperty double y\n"
          + "property double z\nelement edge 1\nproperty int a\nproperty int b\n"
          + "element face 1\nproperty list uchar uint vertex_index\nend_header\n";
      ByteBuffer b = ByteBuffer.allocate(3 * 24 + 8 + 1 + 12).order(order);
      b.putDouble(0).putDouble(0).putDouble(0).putDouble(2).putDouble(0).putDouble(0);
      b.putDouble(0).putDouble(3).putDouble(0);
      b.putInt(0).putInt(1);
      b.put((byte) 3).putInt(0).putInt(1).putInt(2);
      Path f = dir.resolve("b.ply");
      Files.write(f, NrrdAndMetaImageReadersTest.concat(header.getBytes(StandardCharsets.US_ASCII), b.array()));
      TriangleMesh m = Meshes.read(f);
      assertArrayEquals(new int[] {0, 1, 2}, m.triangles(), fmt);
      assertEquals(3.0, m.area(), 1e-12, fmt);
    }
  }

  @Test
  void objNegativeIndicesSlashesAndQuads() throws Exception {
    String text = "# a quad\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvn 0 0 1\n"
        + "g quad\nf 1/1/1 2/1/1 3//1 -1\n";
    TriangleMesh m = Meshes.read(write("q.obj", text));
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, m.triangles());
  }

  static void assertSameMesh(TriangleMesh expected, TriangleMesh actual) {
    assertArrayEquals(expected.vertices(), actual.vertices());
    assertArrayEquals(expected.triangles(), actual.triangles());
    assertEquals(expected.pointArrays().keySet(), actual.pointArrays().keySet());
    assertEquals(expected.cellArrays().keySet(), actual.cellArrays().keySet());
    for (String k : expected.pointArrays().keySet()) {
      assertEquals(expected.pointArrays().get(k).components(), actual.pointArrays().get(k).components());
      assertArrayEquals(expected.pointArrays().get(k).values(), actual.pointArrays().get(k).values(), 0);
    }
    for (String k : expected.cellArrays().keySet()) {
      assertArrayEquals(expected.cellArrays().get(k).values(), actual.cellArrays().get(k).values(), 0);
    }
  }
}
