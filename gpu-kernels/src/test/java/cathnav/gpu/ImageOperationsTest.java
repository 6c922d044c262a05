package cathnav.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.testing.AvailableBackends;
import cathnav.gpu.testing.BackendTrial;
import cathnav.gpu.testing.RandomInputs;
import cathnav.gpu.testing.ReferenceImages;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Image operations of every backend against float64 references, on random images of odd and even sizes. Tolerance:
 * float32 results, compared per pixel to {@code 1e-5 * (1 + |reference|)}; sums relative {@code 1e-6}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageOperationsTest {

  private static final String BACKENDS = "cathnav.gpu.testing.AvailableBackends#names";

  private final AvailableBackends backends = new AvailableBackends();

  @AfterAll
  void closeBackends() {
    backends.close();
  }

  private static void assertPixelsMatch(double[] expected, float[] actual, String context) {
    for (int i = 0; i < expected.length; i++) {
      double tolerance = 1e-5 * (1 + Math.abs(expected[i]));
      if (Math.abs(expected[i] - actual[i]) > tolerance) {
        assertEquals(expected[i], actual[i], tolerance, "pixel=" + i + ", " + context);
      }
    }
  }

  private float[] download(ComputeBackend backend, DeviceImage image) {
    float[] out = new float[image.width() * image.height()];
    backend.download(image, out);
    return out;
  }

  private BackendTrial trial(String test, String name) {
    return BackendTrial.of("ImageOperationsTest." + test + "[" + name + "]", backends.get(name));
  }

  /**
   * Uploads {@code pixels} ({@code w x h}), runs {@code operation} from it into a new {@code outW x outH} image and
   * compares the result with {@code expected}.
   */
  private void assertOperationMatches(ComputeBackend backend, float[] pixels, int w, int h, int outW, int outH,
      BiConsumer<DeviceImage, DeviceImage> operation, double[] expected, String context) {
    try (DeviceImage in = backend.uploadImage(w, h, pixels);
        DeviceImage out = backend.createImage(outW, outH)) {
      operation.accept(in, out);
      assertPixelsMatch(expected, download(backend, out), context);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BACKENDS)
  void logTransformMatchesReference(String name) {
    BackendTrial t = trial("logTransformMatchesReference", name);
    RandomInputs in = t.in();
    int w = in.uniformInt(17, 300);
    int h = in.uniformInt(17, 300);
    float[] pixels = in.image(w, h, -10, 4000); // negatives and small values exercise the floor
    for (boolean negate : new boolean[] {false, true}) {
      float floor = (float) in.uniform(0.5, 5);
      float offset = (float) in.uniform(-2, 8);
      float scale = (float) in.uniform(0.1, 3);
      assertOperationMatches(t.backend(), pixels, w, h, w, h,
          (a, b) -> t.backend().logTransform(a, b, floor, offset, scale, negate),
          ReferenceImages.logTransform(pixels, floor, offset, scale, negate), "negate=" + negate + ", " + t.seed());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BACKENDS)
  void logTransformWorksInPlace(String name) {
    BackendTrial t = trial("logTransformWorksInPlace", name);
    ComputeBackend backend = t.backend();
    float[] pixels = t.in().image(64, 48, 1, 1000);
    try (DeviceImage a = backend.uploadImage(64, 48, pixels)) {
      backend.logTransform(a, a, 1f, 0f, 1f, true);
      assertPixelsMatch(ReferenceImages.logTransform(pixels, 1f, 0f, 1f, true), download(backend, a), t.seed());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BACKENDS)
  void downsampleAveragesTwoByTwoBlocks(String name) {
    BackendTrial t = trial("downsampleAveragesTwoByTwoBlocks", name);
    RandomInputs in = t.in();
    int w = in.uniformInt(9, 301);
    int h = in.uniformInt(9, 301);
    float[] pixels = in.image(w, h, -100, 100);
    assertOperationMatches(t.backend(), pixels, w, h, w / 2, h / 2, t.backend()::downsample2x,
        ReferenceImages.downsample2x(pixels, w, h), "size=" + w + "x" + h + ", " + t.seed());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BACKENDS)
  void sobelMatchesReferenceWithReplicatedBorders(String name) {
    BackendTrial t = trial("sobelMatchesReferenceWithReplicatedBorders", name);
    RandomInputs in = t.in();
    ComputeBackend backend = t.backend();
    int w = in.uniformInt(5, 200);
    int h = in.uniformInt(5, 200);
    float[] pixels = in.image(w, h, -1, 1);
    double[][] expected = ReferenceImages.sobel(ReferenceImages.toDouble(pixels), w, h);
    try (DeviceImage a = backend.uploadImage(w, h, pixels);
        DeviceImage gx = backend.createImage(w, h);
        DeviceImage gy = backend.createImage(w, h)) {
      backend.sobel(a, gx, gy);
      String context = "size=" + w + "x" + h + ", " + t.seed();
      assertPixelsMatch(expected[0], download(backend, gx), "gx, " + context);
      assertPixelsMatch(expected[1], download(backend, gy), "gy, " + context);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BACKENDS)
  void sumAndSumOfSquaresMatchFloat64(String name) {
    BackendTrial t = trial("sumAndSumOfSquaresMatchFloat64", name);
    RandomInputs in = t.in();
    ComputeBackend backend = t.backend();
    int w = in.uniformInt(100, 1100);
    int h = in.uniformInt(100, 1100);
    float[] pixels = in.image(w, h, -3, 10);
    double sum = 0;
    double sumAbs = 0;
    double sumSq = 0;
    for (float p : pixels) {
      sum += p;
      sumAbs += Math.abs(p);
      sumSq += (double) p * p;
    }
    try (DeviceImage a = backend.uploadImage(w, h, pixels)) {
      double[] result = backend.sumAndSumOfSquares(a);
      String context = "size=" + w + "x" + h + ", " + t.seed();
      assertEquals(2, result.length, context);
      assertEquals(sum, result[0], 1e-6 * sumAbs, "sum, " + context);
      assertEquals(sumSq, result[1], 1e-6 * sumSq, "sum of squares, " + context);
      assertTrue(sumSq > 0, context);
    }
  }
}
