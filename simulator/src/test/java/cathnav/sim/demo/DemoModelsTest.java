package cathnav.sim.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.model.Volume;
import cathnav.core.model.VolumeWriters;
import cathnav.core.model.Volumes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo falls back to the phantom, saying why, when the real data are not there or not wanted. */
class DemoModelsTest {

  @TempDir Path dir;

  @Test
  void missingRealDataFallsBackToThePhantomNamingTheMissingFile() {
    DemoModels.Choice c = DemoModels.choose(dir.resolve("no-data"), dir.resolve("cache"), false);
    assertFalse(c.realData());
    assertInstanceOf(SimulatedProcedure.class, c.procedure());
    assertTrue(c.reason().contains("real data not found") && c.reason().contains(DemoModels.CT), c.reason());
  }

  @Test
  void phantomOptionWinsOverRealData() {
    DemoModels.Choice c = DemoModels.choose(dir, dir.resolve("cache"), true);
    assertFalse(c.realData());
    assertTrue(c.reason().contains("--phantom"), c.reason());
  }

  @Test
  void poorFitFallsBackToThePhantomWithTheFitFigures() throws Exception {
    // the real CT and meshes, but a "heart mask" that is a thin slab: no heart fits it
    Path shared = Path.of(System.getProperty("cathnav.shared.data"));
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("ct"));
    Files.createDirectories(data.resolve("meshes"));
    Files.createSymbolicLink(data.resolve(DemoModels.CT), shared.resolve(DemoModels.CT).toAbsolutePath());
    Files.createSymbolicLink(data.resolve(DemoModels.MESHES), shared.resolve(DemoModels.MESHES).toAbsolutePath());
    Volume ct = Volumes.read(shared.resolve(DemoModels.CT));
    short[] slab = new short[(int) ct.voxelCount()];
    for (int k = 60; k < 64; k++) {
      for (int j = 20; j < 100; j++) {
        for (int i = 20; i < 100; i++) {
          slab[(k * ct.ny() + j) * ct.nx() + i] = 1;
        }
      }
    }
    VolumeWriters.writeNifti(Volume.ofInt16(ct.nx(), ct.ny(), ct.nz(), ct.voxelToRas(), slab),
        data.resolve(DemoModels.HEART_MASK));
    DemoModels.Choice c = DemoModels.choose(data, dir.resolve("cache"), false);
    assertFalse(c.realData());
    assertTrue(c.reason().contains("do not fit") && c.reason().contains("dice="), c.reason());
  }
}
