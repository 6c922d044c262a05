package cathnav.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken mesh files fail with a {@link ModelFileException} naming the file and the problem. */
class BrokenMeshFilesTest {

  @TempDir Path dir;

  private void fails(Path f, String expectedProblem) {
    ModelFileException e = assertThrows(ModelFileException.class, () -> Meshes.read(f));
    assertEquals(f, e.file());
    assertTrue(e.getMessage().contains(f.toString()), "message names the file: " + e.getMessage());
    assertTrue(e.problem().contains(expectedProblem), "problem '" + e.problem() + "' lacks '" + expectedProblem + "'");
  }

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.US_ASCII);
    return f;
  }

  private static final String VTK_HEAD = "# vtk DataFile Version 3.0\nx\nASCII\nDATASET POLYDATA\n";

  @Test
  void truncatedBinaryStlIsRejected() throws Exception {
    Path full = dir.resolve("cube.stl");
    MeshWriters.writeStl(MeshFormatsTest.cube(), full);
    byte[] b = Files.readAllBytes(full);
    Path f = dir.resolve("cut.stl");
    Files.write(f, Arrays.copyOf(b, b.length - 30));
    fails(f, "binary STL size mismatch");
  }

  @Test
  void binaryStlClaimingBillionsOfTrianglesIsRejected() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(84 + 50).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(80, -1); // 4,294,967,295 triangles
    Path f = dir.resolve("huge.stl");
    Files.write(f, b.array());
    fails(f, "triangles=4294967295");
  }

  @Test
  void asciiStlCutInsideAFacetIsRejected() throws Exception {
    fails(write("cut.stl", "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0"), "unexpected end of file");
  }

  @Test
  void asciiStlWithAQuadFacetIsRejected() throws Exception {
    fails(write("quad.stl", "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 1 1 0\n"
        + "vertex 0 1 0\nendloop\nendfacet\nendsolid\n"), "facet with 4 vertices");
  }

  @Test
  void truncatedRealVtkIsRejected() throws Exception {
    byte[] all = Files.readAllBytes(SharedData.file("meshes/strocchi2020_case01/extracted_regions_left_ventricle.vtk"));
    Path f = dir.resolve("cut.vtk");
    Files.write(f, Arrays.copyOf(all, 300_000));
    fails(f, "data truncated");
  }

  @Test
  void vtkWithAbsurdPointCountFailsBeforeAllocating() throws Exception {
    fails(write("huge.vtk", VTK_HEAD + "POINTS 900000000000 float\n0 0 0\n"), "absurd element count");
  }

  @Test
  void vtkBinaryPointCountBeyondTheFileIsTruncated() throws Exception {
    fails(write("big.vtk", "# vtk DataFile Version 3.0\nx\nBINARY\nDATASET POLYDATA\nPOINTS 100000000 float\n\0\0\0\0"),
        "data truncated");
  }

  @Test
  void vtkNegativeCountIsRejected() throws Exception {
    fails(write("neg.vtk", VTK_HEAD + "POINTS -3 float\n"), "negative count");
  }

  @Test
  void vtkPolygonReferringToAMissingPointIsRejected() throws Exception {
    fails(write("idx.vtk", VTK_HEAD + "POINTS 3 float\n0 0 0 1 0 0 0 1 0\nPOLYGONS 1 4\n3 0 1 7\n"),
        "refers to a missing point, index=7");
  }

  @Test
  void vtkOtherDatasetIsRejected() throws Exception {
    fails(write("grid.vtk", "# vtk DataFile Version 3.0\nx\nASCII\nDATASET UNSTRUCTURED_GRID\n"), "DATASET=UNSTRUCTURED_GRID");
  }

  @Test
  void vtkWrongMagicIsRejected() throws Exception {
    fails(write("magic.vtk", "# not vtk\n"), "not a legacy VTK file");
  }

  @Test
  void vtkCellDataOfTheWrongSizeIsRejected() throws Exception {
    fails(write("cd.vtk", VTK_HEAD + "POINTS 3 float\n0 0 0 1 0 0 0 1 0\nPOLYGONS 1 4\n3 0 1 2\n"
        + "CELL_DATA 2\nSCALARS s float\nLOOKUP_TABLE default\n1 2\n"), "CELL_DATA size mismatch");
  }

  @Test
  void plyWithAbsurdVertexCountIsRejected() throws Exception {
    fails(write("huge.ply", "ply\nformat binary_little_endian 1.0\nelement vertex 2000000000\nproperty float x\n"
        + "property float y\nproperty float z\nend_header\n"), "absurd count");
  }

  @Test
  void plyFaceReferringToAMissingVertexIsRejected() throws Exception {
    fails(write("idx.ply", "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
        + "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
        + "0 0 0\n1 0 0\n0 1 0\n3 0 1 3\n"), "missing vertex, index=3");
  }

  @Test
  void plyWithoutEndHeaderIsRejected() throws Exception {
    fails(write("nohead.ply", "ply\nformat ascii 1.0\nelement vertex 3\n"), "no end_header");
  }

  @Test
  void objFaceReferringToAMissingVertexIsRejected() throws Exception {
    fails(write("idx.obj", "v 0 0 0\nv 1 0 0\nf 1 2 3\n"), "missing vertex, index=3");
  }

  @Test
  void unknownMeshFormatIsNamed() throws Exception {
    fails(write("mesh.xyz", "0 0 0\n"), "unknown mesh format");
  }
}
