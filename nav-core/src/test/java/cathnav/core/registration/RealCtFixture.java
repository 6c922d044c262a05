package cathnav.core.registration;

import static org.junit.jupiter.api.Assertions.fail;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import cathnav.core.registration.bench.RegistrationBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real CT and heart mask of ../shared/data/ct, loaded once per JVM. */
public final class RealCtFixture {

  public static final Volume CT;
  public static final List<Vec3> HEART_POINTS;
  public static final Vec3 HEART_CENTRE;

  static {
    Path data = Path.of(System.getProperty("cathnav.shared.data", "../../shared/data"));
    Path ct = data.resolve("ct/thorax_cta_heart_cropped_1p5mm.nii.gz");
    Path mask = data.resolve("ct/heart_mask_1p5mm.nii.gz");
    if (!Files.isRegularFile(ct) || !Files.isRegularFile(mask)) {
      fail("shared CT data missing, ct=" + ct + ", mask=" + mask + " (set -Dcathnav.shared.data)");
    }
    try {
      CT = Volumes.read(ct);
      Volume m = Volumes.read(mask);
      List<Vec3> pts = new ArrayList<>();
      for (int k = 0; k < m.nz(); k += 4) {
        for (int j = 0; j < m.ny(); j += 4) {
          for (int i = 0; i < m.nx(); i += 4) {
            if (m.value(i, j, k) > 0.5) {
              pts.add(Vec3.of(m.voxelToWorld(i, j, k)));
            }
          }
        }
      }
      HEART_POINTS = List.copyOf(pts);
      Vec3 s = Vec3.ZERO;
      for (Vec3 p : pts) {
        s = s.plus(p);
      }
      HEART_CENTRE = s.times(1.0 / pts.size());
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private RealCtFixture() {}

  public static double mtre(cathnav.core.geometry.RigidTransform a, cathnav.core.geometry.RigidTransform b) {
    return RegistrationBenchmark.mtre(a, b, HEART_POINTS);
  }
}
