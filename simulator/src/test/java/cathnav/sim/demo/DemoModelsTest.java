package cathnav.sim.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
