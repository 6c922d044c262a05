package cathnav.core.service;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.GuidanceMesh;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.overlay.TestMeshes;
import java.util.List;

/** A sphere "ventricle" at the isocentre seen in an AP view, and frames for it. */
final class ServiceFixtures {

  static final int W = 256;
  static final int H = 256;

  private ServiceFixtures() {}

  /** AP view, SID 1200 mm, SOD 700 mm, 0.6 mm pixels. */
  static FrameGeometry geometry() {
    return FrameGeometry.of(CArmGeometry.of(0, 0, 1200, 700, W, H, 0.6, 0.6));
  }

  /** Sphere of radius 30 mm; the half facing the source (y &lt; 0) is segment 5, the back half segment 11. */
  static ProcedureModel sphereModel(int target) {
    GuidanceMesh mesh = TestMeshes.sphere(new double[] {0, 0, 0}, 30, 16, 32, c -> c[1] < 0 ? 5 : 11);
    return new ProcedureModel("sphere", new GuidanceModel("sphere", mesh, List.of()), null, target);
  }

  /** A frame with a bright square in the middle (so the display image has content). */
  static ReceivedFrame frame(long sequence, long sourceTimestampNanos) {
    float[] px = new float[W * H];
    for (int v = 0; v < H; v++) {
      for (int u = 0; u < W; u++) {
        px[v * W + u] = (u > 96 && u < 160 && v > 96 && v < 160) ? 1000 : 200 + (u + v) % 17;
      }
    }
    return new ReceivedFrame(sequence, System.nanoTime(), sourceTimestampNanos, "fluoro", "test:1", geometry(),
        FramePixels.of(W, H, px));
  }

  static TrackerFactory fixedTrackers() {
    return (model, backend) -> new FixedPoseTracker(PoseEstimate.identity(), "java".equals(backend) ? "java"
        : backend);
  }

  static ModelLoader noLoader() {
    return request -> {
      throw new java.io.IOException("no such file: " + request.leftVentricle());
    };
  }
}
