package cathnav.core.anatomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.TriangleMesh;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 17 AHA segments computed on the CRT patient's LV myocardium surface (endocardium and epicardium). */
class AhaSegmentationTest {

  private static StrocchiLeftVentricle heart;
  private static LvLandmarks landmarks;
  private static AhaSegmentation seg;

  @BeforeAll
  static void segment() throws Exception {
    heart = StrocchiLeftVentricle.load();
    landmarks = LvLandmarks.detect(heart.lv, heart.valves.mitralCentre(), heart.rv, StrocchiLeftVentricle.RAS_ANTERIOR_SUPERIOR);
    seg = AhaSegmentation.of(heart.lv, landmarks.frame());
    for (int s = 1; s <= 17; s++) {
      System.out.printf("segment %2d %-22s area %7.1f mm2 (%4.1f%%)%n", s, AhaSegment.of(s).displayName(),
          seg.areas()[s], 100 * seg.areas()[s] / seg.totalArea());
    }
    System.out.println("septal arc " + landmarks.septalArcDegrees() + " deg, contacts " + landmarks.contactVertices());
  }

  @Test
  void everyOneOfTheSeventeenSegmentsIsPresent() {
    for (int s = 1; s <= 17; s++) {
      assertTrue(seg.areas()[s] > 0, "segment " + s + " is empty");
    }
    assertTrue(IntStream.of(seg.triangleSegments()).allMatch(s -> s >= 1 && s <= 17));
    assertTrue(IntStream.of(seg.vertexSegments()).allMatch(s -> s >= 1 && s <= 17));
  }

  @Test
  void segmentAreasArePlausibleFractionsOfTheWall() {
    double total = seg.totalArea();
    assertEquals(heart.lv.area(), total, 1e-6 * total);
    for (int s = 1; s <= 17; s++) {
      double f = seg.areas()[s] / total;
      assertTrue(f > 0.01 && f < 0.15, "segment " + s + " area fraction " + f);
    }
  }

  @Test
  void apexSegmentHoldsTheApex() {
    Vec3 apex = landmarks.frame().apex();
    AhaSegment nearest = IntStream.rangeClosed(1, 17).mapToObj(AhaSegment::of)
        .min(Comparator.comparingDouble(s -> seg.centroid(s).distance(apex))).orElseThrow();
    assertEquals(AhaSegment.APEX, nearest);
    assertEquals(AhaSegment.APEX, landmarks.frame().segmentOf(apex));
  }

  @Test
  void apexIsTheFarthestPointFromTheMitralValve() {
    double d = landmarks.frame().length();
    for (int v = 0; v < heart.lv.vertexCount(); v += 7) {
      assertTrue(Vec3.of(heart.lv.vertex(v)).distance(heart.valves.mitralCentre()) <= d + 1e-9);
    }
    assertTrue(d > 70 && d < 130, "LV length " + d + " mm");
  }

  /**
   * Independent of the RV free wall used for the insertions: the RV cavity surface lies against the septum, so at
   * each level the septal segments are the ones nearest it.
   */
  @Test
  void septalSegmentsAreThoseNearestTheRightVentricularCavity() {
    assertNearestRv(List.of(1, 2, 3, 4, 5, 6), List.of(2, 3));
    assertNearestRv(List.of(7, 8, 9, 10, 11, 12), List.of(8, 9));
    assertNearestRv(List.of(13, 14, 15, 16), List.of(14));
  }

  private void assertNearestRv(List<Integer> level, List<Integer> septal) {
    List<Integer> byDistance = level.stream()
        .sorted(Comparator.comparingDouble(s -> distanceToRv(seg.centroids()[s]))).toList();
    assertEquals(septal.stream().sorted().toList(), byDistance.subList(0, septal.size()).stream().sorted().toList(),
        "segments nearest the RV, nearest first: " + byDistance);
  }

  private static double distanceToRv(Vec3 p) {
    double best = Double.MAX_VALUE;
    for (int v = 0; v < heart.rvCavity.vertexCount(); v++) {
      best = Math.min(best, Vec3.of(heart.rvCavity.vertex(v)).distance(p));
    }
    return best;
  }

  @Test
  void inferiorSegmentsLieBelowTheAnteriorOnes() {
    // the inferior wall rests on the diaphragm: RAS z (superior) is lower there than on the anterior wall
    assertTrue(seg.centroids()[1].z() > seg.centroids()[4].z());
    assertTrue(seg.centroids()[7].z() > seg.centroids()[10].z());
    assertTrue(seg.centroids()[13].z() > seg.centroids()[15].z());
  }

  @Test
  void lateralWallLiesLeftOfTheSeptum() {
    // RAS: x is the patient's right, the LV free wall is to the left (smaller x) of the septum
    assertTrue(seg.centroids()[5].x() < seg.centroids()[3].x());
    assertTrue(seg.centroids()[6].x() < seg.centroids()[2].x());
    assertTrue(seg.centroids()[11].x() < seg.centroids()[9].x());
    assertTrue(seg.centroids()[16].x() < seg.centroids()[14].x());
  }

  @Test
  void aorticValveSitsOverTheAnteriorOrAnteroseptalBase() {
    Vec3 aortic = heart.valves.aorticCentre();
    assertNotNull(aortic);
    int nearest = IntStream.rangeClosed(1, 6).boxed()
        .min(Comparator.comparingDouble(s -> seg.centroids()[s].distance(aortic))).orElseThrow();
    assertTrue(nearest == 1 || nearest == 2, "basal segment nearest the aortic valve: " + nearest);
  }

  @Test
  void septalArcBetweenTheInsertionsIsAboutAThirdOfTheCircumference() {
    double arc = landmarks.septalArcDegrees();
    assertTrue(arc > 80 && arc < 180, "septal arc " + arc + " deg");
  }

  @Test
  void anteriorInsertionLiesAboveTheInferiorInsertion() {
    assertTrue(landmarks.anteriorInsertion().z() > landmarks.inferiorInsertion().z());
  }

  @Test
  void mitralCapIsTheLargerOfTheTwoLvValves() {
    // 1011 mm^2 mitral against 724 mm^2 aortic, and the mitral disc is the one shared with the left atrium
    assertEquals(1010.9, heart.valves.mitralArea(), 0.5);
  }

  @Test
  void labelsDoNotDependOnPoseOrHandedness() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    java.util.Random rnd = new java.util.Random(seed);
    for (boolean mirror : new boolean[] {false, true}) {
      double[] m = randomRigid(rnd, mirror);
      TriangleMesh lv = heart.lv.transformed(m);
      TriangleMesh rv = heart.rv.transformed(m);
      Vec3 mitral = apply(m, heart.valves.mitralCentre());
      Vec3 hint = apply(m, StrocchiLeftVentricle.RAS_ANTERIOR_SUPERIOR).minus(apply(m, Vec3.ZERO));
      LvLandmarks l = LvLandmarks.detect(lv, mitral, rv, hint);
      AhaSegmentation moved = AhaSegmentation.of(lv, l.frame());
      int same = 0;
      for (int t = 0; t < lv.triangleCount(); t++) {
        same += moved.triangleSegments()[t] == seg.triangleSegments()[t] ? 1 : 0;
      }
      assertTrue(same > 0.995 * lv.triangleCount(), "mirror=" + mirror + ": only " + same + " of "
          + lv.triangleCount() + " triangles keep their segment");
    }
  }

  private static Vec3 apply(double[] m, Vec3 p) {
    return new Vec3(m[0] * p.x() + m[1] * p.y() + m[2] * p.z() + m[3], m[4] * p.x() + m[5] * p.y() + m[6] * p.z() + m[7],
        m[8] * p.x() + m[9] * p.y() + m[10] * p.z() + m[11]);
  }

  /** A random rotation (from a unit quaternion) and translation, optionally followed by a mirror in x. */
  private static double[] randomRigid(java.util.Random rnd, boolean mirror) {
    double a = rnd.nextGaussian(), b = rnd.nextGaussian(), c = rnd.nextGaussian(), d = rnd.nextGaussian();
    double s = Math.sqrt(a * a + b * b + c * c + d * d);
    a /= s; b /= s; c /= s; d /= s;
    double[] r = {
      a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
      2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
      2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b
    };
    double f = mirror ? -1 : 1;
    return new double[] {
      f * r[0], f * r[1], f * r[2], rnd.nextGaussian() * 100,
      r[3], r[4], r[5], rnd.nextGaussian() * 100,
      r[6], r[7], r[8], rnd.nextGaussian() * 100,
      0, 0, 0, 1
    };
  }
}
