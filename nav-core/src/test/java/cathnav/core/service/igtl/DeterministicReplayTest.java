package cathnav.core.service.igtl;

import static cathnav.core.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.overlay.TestMeshes;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.ProcedureModel;
import cathnav.core.service.ScriptedTracker;
import cathnav.core.service.ServiceOptions;
import cathnav.igtl.codec.IgtlFrameWriter;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.rec.Direction;
import cathnav.igtl.rec.RecordingWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engineers regression-test algorithm changes by replaying recorded procedures: the same recording, replayed twice
 * through the service on the java backend, gives identical overlays (apart from the measured latency).
 */
class DeterministicReplayTest {

  private static final int W = 128;
  private static final int H = 128;
  private static final int FRAMES = 15;

  @TempDir Path dir;

  /** A deterministic pose that follows the bright spot in the frame (so every frame draws differently). */
  private static PoseEstimate followTheSpot(float[] px, FrameGeometry g, long ts) {
    double su = 0;
    double sv = 0;
    double s = 0;
    for (int i = 0; i < px.length; i++) {
      double w = Math.max(0, px[i] - 1000);
      su += w * (i % W);
      sv += w * (i / W);
      s += w;
    }
    double du = s == 0 ? 0 : su / s - (W - 1) / 2.0;
    double dv = s == 0 ? 0 : sv / s - (H - 1) / 2.0;
    // u points to -x, v to -z at AP; 0.7 mm per pixel at the isocentre
    return new PoseEstimate(PoseEstimate.TrackerPhase.TRACKING,
        new double[] {1, 0, 0, -0.7 * du, 0, 1, 0, 0, 0, 0, 1, -0.7 * dv, 0, 0, 0, 1}, 0.9, 0, 1);
  }

  private Path record() throws Exception {
    Path file = dir.resolve("procedure.igtlrec");
    try (RecordingWriter w = RecordingWriter.create(file, "deterministic replay test")) {
      for (int i = 0; i < FRAMES; i++) {
        ByteBuf px = Unpooled.buffer(W * H * 2);
        int cu = 40 + 3 * i;
        int cv = 70 - 2 * i;
        for (int v = 0; v < H; v++) {
          for (int u = 0; u < W; u++) {
            boolean spot = (u - cu) * (u - cu) + (v - cv) * (v - cv) < 25;
            px.writeShortLE(spot ? 3000 : 500 + (u * 7 + v * 3) % 50);
          }
        }
        IgtlMessage m = IgtlMessage.of("Fluoroscopy", IgtlTimestamp.ofEpochNanos(1_700_000_000_000_000_000L
            + i * 66_666_667L), ImageBody.of(ScalarType.UINT16, 1, ByteOrder.LITTLE_ENDIAN, new Dim3(W, H, 1),
            AffineMatrix.IDENTITY, px));
        ByteBuf wire = IgtlFrameWriter.encode(ByteBufAllocator.DEFAULT, m);
        m.release();
        w.write(i * 66_666_667L, Direction.RECEIVED, 1, wire);
        wire.release();
      }
    }
    return file;
  }

  /** Replays every recorded message byte for byte, one frame at a time, and returns the overlays as JSON. */
  private List<String> replay(Path recording) throws Exception {
    Vertx vertx = Vertx.vertx();
    FrameGeometry g = FrameGeometry.of(CArmGeometry.of(0, 0, 1200, 700, W, H, 1.2, 1.2));
    NavigationServer server = await(NavigationServer.start(vertx, ServiceOptions.defaults()
            .withIgtl("127.0.0.1", 0).withHttp("127.0.0.1", 0).withConfiguredGeometry(g),
        (model, backend) -> new ScriptedTracker(DeterministicReplayTest::followTheSpot), LeadTipDetector.NONE, r -> {
          throw new java.io.IOException("not used");
        }));
    server.service().useModel(new ProcedureModel("sphere", new GuidanceModel("sphere",
        TestMeshes.sphere(new double[] {0, 0, 0}, 30, 12, 24, c -> c[0] > 0 ? 12 : 6),
        List.of(new float[] {0, 0, 0, 10, 5, -5})), null, 12));
    return LockstepReplay.overlays(vertx, server, recording, Duration.ofSeconds(10));
  }

  @Test
  void theSameRecordingReplayedTwiceGivesIdenticalOverlays() throws Exception {
    Path recording = record();
    List<String> first = replay(recording);
    List<String> second = replay(recording);
    assertEquals(FRAMES, first.size(), "one overlay per recorded frame");
    assertEquals(first, second);
    assertNotEquals(first.get(0), first.get(FRAMES - 1), "frames that differ draw differently");
  }
}
