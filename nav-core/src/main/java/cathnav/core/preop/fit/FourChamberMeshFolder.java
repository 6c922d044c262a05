package cathnav.core.preop.fit;

import cathnav.core.model.Meshes;
import cathnav.core.model.ModelFileException;
import cathnav.core.model.TriangleMesh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A four-chamber heart mesh folder in the layout of the Strocchi et al. 2020 virtual cohort (CC BY 4.0): closed
 * cavities {@code closed_volume_<chamber>.stl}, ventricular myocardium boundaries
 * {@code extracted_regions_<ventricle>.vtk} (with the {@code uvc_transmural} point array: 0 endocardium, 1
 * epicardium) and valve caps {@code caps_<Chamber>.stl}. The files are in their source CT's frame, LPS for that
 * cohort.
 *
 * @param dir the folder
 */
public record FourChamberMeshFolder(Path dir) {

  public static final String LV_MYOCARDIUM = "extracted_regions_left_ventricle.vtk";
  public static final String RV_MYOCARDIUM = "extracted_regions_right_ventricle.vtk";
  public static final String LV_CAVITY = "closed_volume_left_ventricle.stl";
  public static final String RV_CAVITY = "closed_volume_right_ventricle.stl";
  public static final String LA_CAVITY = "closed_volume_left_atrium.stl";
  public static final String RA_CAVITY = "closed_volume_right_atrium.stl";
  public static final String LV_CAPS = "caps_Left_ventricle.stl";

  /**
   * The surfaces whose union is the heart's solid for the fit: both ventricular myocardia (walls; their open
   * bases are filled by the cavities) and the four cavities.
   */
  public static final List<String> FIT_SURFACES =
      List.of(LV_MYOCARDIUM, LV_CAVITY, RV_MYOCARDIUM, RV_CAVITY, LA_CAVITY, RA_CAVITY);

  /** Every file the fit and the patient model need. */
  public static final List<String> REQUIRED = List.of(LV_MYOCARDIUM, LV_CAVITY, RV_MYOCARDIUM, RV_CAVITY, LA_CAVITY,
      RA_CAVITY, LV_CAPS);

  /** The required files that are missing (empty when the folder is complete). */
  public List<Path> missing() {
    List<Path> out = new ArrayList<>();
    for (String f : REQUIRED) {
      Path p = dir.resolve(f);
      if (!Files.isRegularFile(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** A required file's path. */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /**
   * Reads the {@link #FIT_SURFACES}, converted to RAS when the files are LPS.
   *
   * @throws ModelFileException a file is missing or unreadable (named)
   */
  public List<TriangleMesh> readFitSurfaces(boolean lps) throws ModelFileException {
    List<TriangleMesh> out = new ArrayList<>();
    for (String f : FIT_SURFACES) {
      TriangleMesh m = Meshes.read(dir.resolve(f));
      out.add(lps ? m.lpsToRas() : m);
    }
    return out;
  }
}
