package cathnav.core.anatomy;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.Meshes;
import cathnav.core.model.SharedData;
import cathnav.core.model.TriangleMesh;

/**
 * The CRT patient's ventricles (Strocchi et al. 2020, case 01, CC BY 4.0), converted from the source CT's LPS frame
 * to RAS, as test fixtures.
 */
final class StrocchiLeftVentricle {

  static final String CASE = "meshes/strocchi2020_case01/";

  final TriangleMesh lv;
  final TriangleMesh rv;
  final TriangleMesh rvCavity;
  final ValvePlanes valves;

  private StrocchiLeftVentricle() throws Exception {
    lv = Meshes.read(SharedData.file(CASE + "extracted_regions_left_ventricle.vtk")).lpsToRas();
    rv = Meshes.read(SharedData.file(CASE + "extracted_regions_right_ventricle.vtk")).lpsToRas();
    rvCavity = Meshes.read(SharedData.file(CASE + "closed_volume_right_ventricle.stl")).lpsToRas();
    valves = ValvePlanes.fromCaps(Meshes.read(SharedData.file(CASE + "caps_Left_ventricle.stl")).lpsToRas());
  }

  static StrocchiLeftVentricle load() throws Exception {
    return new StrocchiLeftVentricle();
  }

  /** The chest's anterior-superior direction in RAS, which separates the anterior from the inferior RV insertion. */
  static final Vec3 RAS_ANTERIOR_SUPERIOR = new Vec3(0, 1, 1);
}
