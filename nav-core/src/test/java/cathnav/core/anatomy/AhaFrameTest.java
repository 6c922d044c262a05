package cathnav.core.anatomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cathnav.core.geometry.Vec3;
import org.junit.jupiter.api.Test;

/** Segment rules in an idealised frame: apex at the origin, base 90 mm up z, anterior insertion along +x. */
class AhaFrameTest {

  private static AhaFrame frame(double septalArc) {
    return new AhaFrame(Vec3.ZERO, new Vec3(0, 0, 90), new Vec3(1, 0, 0), new Vec3(0, 1, 0), septalArc, 0.1);
  }

  /** A point at level t (0 apex, 1 base) and angle deg from the anterior insertion towards the septum. */
  private static Vec3 at(double t, double deg) {
    double r = Math.toRadians(deg);
    return new Vec3(30 * Math.cos(r), 30 * Math.sin(r), 90 * t);
  }

  @Test
  void levelsAreThirdsWithTheApicalCapBelowATenth() {
    AhaFrame f = frame(120);
    assertEquals(AhaSegment.APEX, f.segmentOf(at(0.05, 200)));
    assertEquals(AhaSegment.APICAL_LATERAL, f.segmentOf(at(0.2, 240)));
    assertEquals(AhaSegment.MID_INFEROLATERAL, f.segmentOf(at(0.5, 200)));
    assertEquals(AhaSegment.BASAL_INFEROLATERAL, f.segmentOf(at(0.9, 200)));
    assertEquals(AhaSegment.BASAL_INFEROLATERAL, f.segmentOf(at(1.1, 200)), "above the mitral centre is basal");
  }

  @Test
  void idealSeptumGivesSixtyDegreeSectorsInAhaOrder() {
    AhaFrame f = frame(120);
    int[] expected = {2, 3, 4, 5, 6, 1};
    for (int s = 0; s < 6; s++) {
      assertEquals(expected[s], f.segmentOf(at(0.9, 30 + 60 * s)).number(), "basal sector " + s);
      assertEquals(expected[s] + 6, f.segmentOf(at(0.5, 30 + 60 * s)).number(), "mid sector " + s);
    }
  }

  @Test
  void wideSeptumIsHalvedAndTheFreeWallQuartered() {
    AhaFrame f = frame(160);
    assertEquals(2, f.segmentOf(at(0.9, 79)).number());
    assertEquals(3, f.segmentOf(at(0.9, 81)).number());
    assertEquals(3, f.segmentOf(at(0.9, 159)).number());
    assertEquals(4, f.segmentOf(at(0.9, 161)).number());
    assertEquals(4, f.segmentOf(at(0.9, 209)).number());
    assertEquals(5, f.segmentOf(at(0.9, 211)).number());
    assertEquals(1, f.segmentOf(at(0.9, 311)).number());
    assertEquals(1, f.segmentOf(at(0.9, 359)).number());
  }

  @Test
  void apicalSeptalSectorIsCentredOnTheSeptum() {
    AhaFrame f = frame(160);
    assertEquals(AhaSegment.APICAL_SEPTAL, f.segmentOf(at(0.2, 80 - 44)));
    assertEquals(AhaSegment.APICAL_SEPTAL, f.segmentOf(at(0.2, 80 + 44)));
    assertEquals(AhaSegment.APICAL_INFERIOR, f.segmentOf(at(0.2, 80 + 46)));
    assertEquals(AhaSegment.APICAL_LATERAL, f.segmentOf(at(0.2, 80 + 180)));
    assertEquals(AhaSegment.APICAL_ANTERIOR, f.segmentOf(at(0.2, 80 - 46)));
  }

  @Test
  void rejectsDirectionsThatAreNotPerpendicularToTheAxis() {
    assertThrows(IllegalArgumentException.class,
        () -> new AhaFrame(Vec3.ZERO, new Vec3(0, 0, 90), new Vec3(0, 0, 1), new Vec3(0, 1, 0), 120, 0.1));
  }
}
