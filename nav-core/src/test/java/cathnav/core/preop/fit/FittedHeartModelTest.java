package cathnav.core.preop.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.model.SharedData;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fitted model's record is reused only for exactly the same inputs. */
class FittedHeartModelTest {

  @TempDir Path dir;

  private static FittedHeartModel.Inputs realInputs() {
    return new FittedHeartModel.Inputs(SharedData.file("ct/thorax_cta_heart_cropped_1p5mm.nii.gz"),
        SharedData.file("ct/heart_mask_1p5mm.nii.gz"),
        new FourChamberMeshFolder(SharedData.file("meshes/strocchi2020_case01/model_info.json").getParent()), true);
  }

  @Test
  void secondPrepareOfTheSameInputsReusesTheRecordedFit() throws Exception {
    FittedHeartModel.Prepared first = FittedHeartModel.prepare(realInputs(), dir, 11, MeshFitOptions.DEFAULT, true);
    FittedHeartModel.Prepared second = FittedHeartModel.prepare(realInputs(), dir, 11, MeshFitOptions.DEFAULT, true);
    assertFalse(first.reused());
    assertTrue(second.reused());
    assertArrayEquals(first.fit().transform().matrix(), second.fit().transform().matrix(), 1e-12);
  }

  @Test
  void recordOfOtherInputsIsNotReused() throws Exception {
    SimilarityTransform t = new SimilarityTransform(0.9, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
        new double[] {1, 2, 3});
    MeshFit fit = new MeshFit(t, new FitQuality(1, 2, 1, 1, 0.9, 1, 1), "frames", 3, 5);
    JsonObject fingerprint = realInputs().fingerprint();
    Path file = dir.resolve(FittedHeartModel.FIT_FILE);
    java.nio.file.Files.writeString(file, FittedHeartModel.fitRecord(fit, fingerprint).encode());
    assertTrue(FittedHeartModel.cached(file, fingerprint).isPresent());
    JsonObject other = fingerprint.copy().put("meshesInLps", false);
    assertFalse(FittedHeartModel.cached(file, other).isPresent());
  }

  @Test
  void unreadableRecordIsIgnored() throws Exception {
    Path file = dir.resolve(FittedHeartModel.FIT_FILE);
    java.nio.file.Files.writeString(file, "{\"transform\": [1, 2");
    assertFalse(FittedHeartModel.cached(file, realInputs().fingerprint()).isPresent());
  }
}
