package cathnav.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mesh readers on the Strocchi 2020 case 01 four-chamber heart (CC BY 4.0). */
class RealMeshFilesTest {

  private static final String CASE = "meshes/strocchi2020_case01/";

  @Test
  void lvClosedCavityHasItsTriangleCountAndVolume() throws Exception {
    TriangleMesh lv = Meshes.read(SharedData.file(CASE + "closed_volume_left_ventricle.stl"));
    assertEquals(8919, lv.triangleCount());
    // model_characteristics.json: 171915.008 mm^3
    assertEquals(171915.0, lv.closedVolume(), 171915.0 * 1e-3);
  }

  @Test
  void lvClosedCavityIsClosedUpToAFewSquareMillimetres() throws Exception {
    TriangleMesh lv = Meshes.read(SharedData.file(CASE + "closed_volume_left_ventricle.stl"));
    double[] d = lv.closureDefect();
    double defect = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    // one flipped sliver: the area vectors cancel to within 1e-3 of the surface area (about 17000 mm^2)
    assertTrue(defect < 1e-3 * lv.area(), "closure defect " + defect + " mm^2, area " + lv.area());
  }

  @Test
  void lvClosedCavityCornersWeldIntoSharedVertices() throws Exception {
    TriangleMesh lv = Meshes.read(SharedData.file(CASE + "closed_volume_left_ventricle.stl"));
    // 26,757 corners in the file share 4,461 distinct positions
    assertEquals(4461, lv.vertexCount());
  }

  @Test
  void rvClosedCavityMatchesItsRecordedVolume() throws Exception {
    TriangleMesh rv = Meshes.read(SharedData.file(CASE + "closed_volume_right_ventricle.stl"));
    // this surface keeps a five-edge hole, so its volume is only good to about 0.1%
    assertEquals(234862.8, rv.closedVolume(), 234862.8 * 2e-3);
  }

  @Test
  void lvMyocardiumVtk51BinaryHasPointsTrianglesAndArrays() throws Exception {
    TriangleMesh m = Meshes.read(SharedData.file(CASE + "extracted_regions_left_ventricle.vtk"));
    assertEquals(10622, m.vertexCount());
    assertEquals(20608, m.triangleCount());
    assertTrue(m.cellArrays().keySet().containsAll(java.util.List.of("tags", "face-zone-id", "sheet", "fiber")),
        "cell arrays " + m.cellArrays().keySet());
    assertEquals(3, m.cellArrays().get("sheet").components());
    assertTrue(m.pointArrays().keySet().containsAll(java.util.List.of("RegionId", "uvc_longitudinal", "GlobalPointIds2")),
        "point arrays " + m.pointArrays().keySet());
  }

  @Test
  void lvMyocardiumBigEndianValuesDecodeExactly() throws Exception {
    TriangleMesh m = Meshes.read(SharedData.file(CASE + "extracted_regions_left_ventricle.vtk"));
    // reference values decoded independently (numpy, '>f8' / '>f4' / '>i4')
    assertArrayEquals(new double[] {57.33183218, 113.74830145, 334.24253427}, m.vertex(0), 1e-4);
    assertArrayEquals(new double[] {6.85567618, 137.7143339, 367.14752007}, m.vertex(10621), 1e-4);
    MeshArray fiber = m.cellArrays().get("fiber");
    assertEquals(-0.13436277, fiber.value(0, 0), 1e-7);
    assertEquals(0.27723968, fiber.value(20607, 2), 1e-7);
    MeshArray region = m.pointArrays().get("RegionId");
    int[] counts = new int[5];
    for (double v : region.values()) {
      counts[(int) v]++;
    }
    assertArrayEquals(new int[] {4966, 1292, 4357, 3, 4}, counts);
  }

  @Test
  void lvMyocardiumTransmuralCoordinateSplitsEndocardiumFromEpicardium() throws Exception {
    TriangleMesh m = Meshes.read(SharedData.file(CASE + "extracted_regions_left_ventricle.vtk"));
    MeshArray tm = m.pointArrays().get("uvc_transmural");
    int endo = 0;
    int epi = 0;
    for (double v : tm.values()) {
      endo += v == 0 ? 1 : 0;
      epi += v == 1 ? 1 : 0;
    }
    assertEquals(4391, endo);
    assertEquals(6135, epi);
  }

  @Test
  void lvMyocardiumSurroundsTheCavity() throws Exception {
    TriangleMesh wall = Meshes.read(SharedData.file(CASE + "extracted_regions_left_ventricle.vtk"));
    TriangleMesh cavity = Meshes.read(SharedData.file(CASE + "closed_volume_left_ventricle.stl"));
    double[] w = wall.bounds();
    double[] c = cavity.bounds();
    for (int a = 0; a < 3; a++) {
      assertTrue(w[a] <= c[a] + 2 && w[3 + a] >= c[3 + a] - 2, "wall box does not contain the cavity on axis " + a);
    }
  }

  @Test
  void lvCapsHoldTwoValvePlanes() throws Exception {
    TriangleMesh caps = Meshes.read(SharedData.file(CASE + "caps_Left_ventricle.stl"));
    assertEquals(2, MeshComponents.of(caps).count());
  }
}
