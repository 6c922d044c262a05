package cathnav.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SilhouetteTracerTest {

  @Test
  void outlineOfTwoTrianglesFormingASquareIsItsFourCorners() {
    SilhouetteTracer t = new SilhouetteTracer(100, 100, 1, 0.5);
    t.addTriangle(10, 20, 60, 20, 60, 70);
    t.addTriangle(10, 20, 60, 70, 10, 70);
    float[] uv = t.outline();
    assertEquals(8, uv.length, "four corners");
    double minU = 1e9, maxU = -1e9, minV = 1e9, maxV = -1e9;
    for (int i = 0; i < 4; i++) {
      minU = Math.min(minU, uv[2 * i]);
      maxU = Math.max(maxU, uv[2 * i]);
      minV = Math.min(minV, uv[2 * i + 1]);
      maxV = Math.max(maxV, uv[2 * i + 1]);
    }
    assertEquals(10, minU, 0.0);
    assertEquals(60, maxU, 0.0);
    assertEquals(20, minV, 0.0);
    assertEquals(70, maxV, 0.0);
  }

  @Test
  void onlyTheLargestRegionIsOutlined() {
    SilhouetteTracer t = new SilhouetteTracer(100, 100, 1, 0.5);
    t.addTriangle(5, 5, 8, 5, 8, 8);
    t.addTriangle(30, 30, 90, 30, 90, 90);
    float[] uv = t.outline();
    for (int i = 0; i < uv.length / 2; i++) {
      assertEquals(true, uv[2 * i] >= 30, "vertex of the small triangle in the outline: u=" + uv[2 * i]);
    }
  }

  @Test
  void nothingCoveredGivesAnEmptyOutline() {
    SilhouetteTracer t = new SilhouetteTracer(64, 64, 2, 1);
    t.addTriangle(-50, -50, -40, -50, -40, -40);
    assertEquals(0, t.outline().length);
  }

  @Test
  void partsOutsideTheFrameAreClippedToIt() {
    SilhouetteTracer t = new SilhouetteTracer(50, 40, 1, 0.5);
    t.addTriangle(-100, -100, 200, -100, 200, 200);
    t.addTriangle(-100, -100, 200, 200, -100, 200);
    float[] uv = t.outline();
    for (int i = 0; i < uv.length / 2; i++) {
      assertEquals(true, uv[2 * i] >= 0 && uv[2 * i] <= 49 && uv[2 * i + 1] >= 0 && uv[2 * i + 1] <= 39);
    }
    assertEquals(50 * 40, t.coveredCells());
  }
}
