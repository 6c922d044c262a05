package cathnav.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cathnav.gpu.testing.Matrix4;
import org.junit.jupiter.api.Test;

class RenderOptionsTest {

  @Test
  void voxelStepIsTheSmallestSpacingOfARotatedAffine() {
    double[] scale = Matrix4.identity();
    scale[0] = 1.5;
    scale[5] = 0.7;
    scale[10] = 2.5;
    double[] affine = Matrix4.multiply(Matrix4.rotationZ(0.7), Matrix4.multiply(Matrix4.rotationX(-1.1), scale));
    affine[3] = 12;
    assertEquals(0.7, RenderOptions.voxelStep(affine).stepMm(), 1e-12);
  }

  @Test
  void rejectsNonPositiveStep() {
    assertThrows(IllegalArgumentException.class, () -> new RenderOptions(0));
    assertThrows(IllegalArgumentException.class, () -> new RenderOptions(Double.NaN));
  }
}
