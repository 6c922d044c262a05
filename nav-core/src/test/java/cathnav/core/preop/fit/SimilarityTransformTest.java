package cathnav.core.preop.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {

  @Test
  void inverseUndoesTheTransform() {
    Random rnd = new Random(3);
    SimilarityTransform t = new SimilarityTransform(1.3, TestSolids.randomRotation(rnd, 170),
        new double[] {4, -9, 120});
    double[] p = {12.5, -7.25, 3};
    assertArrayEquals(p, t.inverse().apply(t.apply(p)), 1e-9);
  }

  @Test
  void matrixRoundTripsThroughOfMatrix() {
    Random rnd = new Random(4);
    SimilarityTransform t = new SimilarityTransform(0.87, TestSolids.randomRotation(rnd, 90),
        new double[] {-3, 50, 7});
    SimilarityTransform back = SimilarityTransform.ofMatrix(t.matrix());
    assertEquals(t.scale(), back.scale(), 1e-12);
    assertArrayEquals(t.rotation(), back.rotation(), 1e-12);
    assertArrayEquals(t.translation(), back.translation(), 1e-12);
  }

  @Test
  void afterComposesInOrder() {
    Random rnd = new Random(5);
    SimilarityTransform a = new SimilarityTransform(1.2, TestSolids.randomRotation(rnd, 90), new double[] {1, 2, 3});
    SimilarityTransform b = new SimilarityTransform(0.7, TestSolids.randomRotation(rnd, 90), new double[] {-4, 0, 9});
    double[] p = {3, -1, 8};
    assertArrayEquals(b.apply(a.apply(p)), b.after(a).apply(p), 1e-9);
  }

  @Test
  void rejectsAMirrorAsRotation() {
    assertThrows(IllegalArgumentException.class,
        () -> new SimilarityTransform(1, new double[] {-1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]));
  }

  @Test
  void ofMatrixRejectsAMirroringAffine() {
    assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.ofMatrix(
        new double[] {-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}));
  }
}
