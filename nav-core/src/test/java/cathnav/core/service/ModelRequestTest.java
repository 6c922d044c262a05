package cathnav.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRequestTest {

  @Test
  void aModelKeyNamesAPreoperativeDescription() {
    ModelRequest r = ModelRequest.fromJson(new JsonObject("{\"model\":\"case01/model.json\",\"target\":11}"));
    assertEquals(Path.of("case01/model.json"), r.description());
    assertNull(r.leftVentricle());
    assertEquals(11, r.targetSegment());
  }

  @Test
  void plainFilesNeedTheLvMesh() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelRequest.fromJson(new JsonObject("{\"ct\":\"ct.nii.gz\"}")));
    assertTrue(e.getMessage().contains("\"lv\""), e.getMessage());
  }

  @Test
  void aTargetOutsideTheAhaRangeIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> ModelRequest.fromJson(new JsonObject("{\"lv\":\"lv.stl\",\"target\":18}")));
  }

  @Test
  void meshLoaderReadsTheRealCrtPatientLvAndNamesAMissingFile() throws IOException {
    Path data = Path.of(System.getProperty("cathnav.shared.data", "../../shared/data"));
    Path lv = data.resolve("meshes/strocchi2020_case01/extracted_regions_left_ventricle.vtk");
    ProcedureModel m = new MeshModelLoader(null).load(new ModelRequest(null, null, lv, List.of(), 0));
    assertEquals(20_608, m.guidance().leftVentricle().triangleCount());
    assertNull(m.registrationData(), "no CT given: nothing to register with");
    IOException missing = assertThrows(IOException.class, () -> new MeshModelLoader(null)
        .load(new ModelRequest(null, null, data.resolve("nowhere.stl"), List.of(), 0)));
    assertTrue(missing.getMessage().contains("nowhere.stl"), missing.getMessage());
  }
}
