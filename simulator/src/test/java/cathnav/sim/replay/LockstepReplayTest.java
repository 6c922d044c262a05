package cathnav.sim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.GuidanceMesh;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.service.FrameTracker;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.ProcedureModel;
import cathnav.core.service.ServiceOptions;
import cathnav.core.service.igtl.NavigationServer;
import cathnav.core.service.igtl.OutputMessages;
import cathnav.igtl.codec.IgtlFrameWriter;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.rec.Direction;
import cathnav.igtl.rec.RecordingWriter;
import cathnav.sim.stream.IgtlSocketSender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay in lockstep with the service: every frame answered, none dropped, however slow the pipeline. */
class LockstepReplayTest {

  private static final int W = 64;
  private static final int FRAMES = 12;

  @TempDir Path dir;
  private Vertx vertx;
  private NavigationServer server;

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A tracker slower than the recording's frame rate (a pipeline that would drop frames sent at full speed). */
  private static final class SlowTracker implements FrameTracker {
    @Override
    public PoseEstimate track(float[] px, FrameGeometry g, long ts) {
      try {
        Thread.sleep(40);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new PoseEstimate(PoseEstimate.TrackerPhase.UNVERIFIED,
          new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, 0.9, 0, 1);
    }

    @Override
    public void reset() {}

    @Override
    public String backendName() {
      return "java";
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    FrameGeometry g = FrameGeometry.of(CArmGeometry.of(0, 0, 1200, 700, W, W, 4, 4));
    server = await(NavigationServer.start(vertx, ServiceOptions.defaults().withIgtl("127.0.0.1", 0)
            .withHttp("127.0.0.1", 0).withConfiguredGeometry(g), (model, backend) -> new SlowTracker(),
        LeadTipDetector.NONE, r -> {
          throw new IOException("not used");
        }));
    GuidanceMesh tetrahedron = GuidanceMesh.of(new float[] {0, 0, 0, 30, 0, 0, 0, 30, 0, 0, 0, 30},
        new int[] {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3}, new int[] {1, 2, 3, 4});
    server.service().useModel(new ProcedureModel("tetrahedron", new GuidanceModel("tetrahedron", tetrahedron,
        List.of()), null, 2));
  }

  @AfterEach
  void stop() throws Exception {
    await(server.close());
    await(vertx.close());
  }

  /** {@code count} frames recorded 10 ms apart (faster than the slow tracker takes them). */
  private Path record(int count) throws Exception {
    Path file = dir.resolve("frames.igtlrec");
    try (RecordingWriter w = RecordingWriter.create(file, "lockstep test")) {
      for (int i = 0; i < count; i++) {
        ByteBuf px = Unpooled.buffer(W * W * 2);
        for (int p = 0; p < W * W; p++) {
          px.writeShortLE(600 + (p * 13 + i) % 200);
        }
        IgtlMessage m = IgtlMessage.of("Fluoroscopy", IgtlTimestamp.ofEpochNanos(1_700_000_000_000_000_000L
            + i * 10_000_000L), ImageBody.of(ScalarType.UINT16, 1, ByteOrder.LITTLE_ENDIAN, new Dim3(W, W, 1),
            AffineMatrix.IDENTITY, px));
        ByteBuf wire = IgtlFrameWriter.encode(ByteBufAllocator.DEFAULT, m);
        m.release();
        w.write(i * 10_000_000L, Direction.RECEIVED, 1, wire);
        wire.release();
      }
    }
    return file;
  }

  @Test
  void everyFrameOfALockstepReplayIsAnsweredAndNoneIsDropped() throws Exception {
    Path recording = record(FRAMES);
    try (IgtlSocketSender sender = IgtlSocketSender.connect("127.0.0.1", server.igtlPort(), 5000);
        RecordingSource source = new RecordingSource(recording, Direction.RECEIVED)) {
      LockstepSink sink = new LockstepSink(sender, OutputMessages.READOUTS, TimeUnit.SECONDS.toNanos(30));
      ReplayPacer.play(source, sink, 0, ReplayPacer.Clock.SYSTEM, n -> {});
      assertEquals(FRAMES, sink.frames());
    }
    assertEquals(FRAMES, server.service().status().framesProcessed(), "every frame went through the pipeline");
    assertEquals(0, server.service().droppedFrames(), "none was replaced in the latest-frame slot");
  }

  @Test
  void aFrameTheServiceNeverAnswersEndsTheReplayWithAClearError() throws Exception {
    try (IgtlSocketSender sender = IgtlSocketSender.connect("127.0.0.1", server.igtlPort(), 5000)) {
      // a reply device the service never sends: the wait must end in an error naming the frame
      LockstepSink sink = new LockstepSink(sender, "NoSuchDevice", TimeUnit.MILLISECONDS.toNanos(300));
      try (RecordingSource source = new RecordingSource(record(1), Direction.RECEIVED)) {
        IOException e = assertThrows(IOException.class,
            () -> ReplayPacer.play(source, sink, 0, ReplayPacer.Clock.SYSTEM, n -> {}));
        assertTrue(e.getMessage().contains("frame=1"), e.getMessage());
      }
    }
  }
}
