package cathnav.sim.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.codec.IgtlCodecOptions;
import cathnav.igtl.codec.IgtlFrameParser;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.TransformBody;
import cathnav.igtl.rec.Direction;
import cathnav.igtl.rec.RecordedMessage;
import cathnav.igtl.rec.RecordingWriter;
import cathnav.sim.cli.CathNavCommand;
import cathnav.sim.stream.IgtlSocketSender;
import cathnav.sim.stream.RecordingReceiver;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

  @TempDir Path dir;

  private static Path shared(String sub) {
    return Path.of(System.getProperty("cathnav.shared.data", "../../shared/data"), sub);
  }

  private static IgtlMessage decode(byte[] bytes) {
    Object o = new IgtlFrameParser(IgtlCodecOptions.DEFAULTS).parse(Unpooled.wrappedBuffer(bytes), 0);
    return assertInstanceOf(IgtlMessage.class, o, "decodes: " + o);
  }

  /** A recording of the reference library's messages (every golden file, twice) at irregular intervals. */
  private List<RecordedMessage> writeRecording(Path file, long seed) throws Exception {
    List<byte[]> golden = new ArrayList<>();
    try (Stream<Path> files = Files.list(shared("igtl/lib-1.11"))) {
      for (Path p : files.sorted().toList()) {
        golden.add(Files.readAllBytes(p));
      }
    }
    assertTrue(golden.size() >= 10, "golden messages found=" + golden.size());
    SplittableRandom random = new SplittableRandom(seed);
    List<RecordedMessage> entries = new ArrayList<>();
    long t = 1_700_000_000_000_000_000L;
    try (RecordingWriter w = RecordingWriter.create(file, "test")) {
      for (int round = 0; round < 2; round++) {
        for (byte[] g : golden) {
          t += random.nextLong(3_000_000, 30_000_000); // 3 to 30 ms apart
          RecordedMessage m = new RecordedMessage(t, Direction.RECEIVED, 1, g);
          w.write(m);
          entries.add(m);
          if (random.nextInt(4) == 0) { // a message the recorder sent: not replayed
            w.write(new RecordedMessage(t + 1_000_000, Direction.SENT, 1, golden.get(0)));
          }
        }
      }
    }
    return entries;
  }

  @Test
  void recordingReplayReproducesEveryMessageByteForByteWithItsTimingAtSpeedOne() throws Exception {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Path rec = dir.resolve("session.igtlrec");
    List<RecordedMessage> recorded = writeRecording(rec, seed);
    try (RecordingReceiver rx = new RecordingReceiver()) {
      try (RecordingSource source = new RecordingSource(rec, Direction.RECEIVED);
          IgtlSocketSender sender = IgtlSocketSender.connect("127.0.0.1", rx.port(), 5000)) {
        ReplayPacer.play(source, sender, 1.0, n -> { });
      }
      List<RecordingReceiver.Received> got = rx.awaitAll(10_000);
      assertEquals(recorded.size(), got.size(), "message count");
      double worstMs = 0;
      List<Double> errors = new ArrayList<>();
      for (int i = 0; i < got.size(); i++) {
        assertArrayEquals(recorded.get(i).message(), got.get(i).bytes(), "message " + i + " bytes");
        if (i > 0) {
          long recordedGap = recorded.get(i).receiveTimeNanos() - recorded.get(i - 1).receiveTimeNanos();
          long replayedGap = got.get(i).arrivalNanos() - got.get(i - 1).arrivalNanos();
          worstMs = Math.max(worstMs, Math.abs(replayedGap - recordedGap) / 1e6);
          errors.add(Math.abs(replayedGap - recordedGap) / 1e6);
        }
      }
      errors.sort(null);
      double median = errors.get(errors.size() / 2);
      System.out.println("worstInterMessageErrorMs=" + worstMs + " medianMs=" + median + " sorted=" + errors);
      // Arrival times at the receiver include the scheduler's wake-up delays, which on a loaded shared machine reach
      // several ms (tens for single messages), so the 2 ms schedule is checked exactly with a controlled clock in
      // pacerSendsEachMessageAtItsDueTime; here the stream must at least keep the recorded pace (a sender that
      // ignored the timing would deliver the whole recording in a few ms).
      long recordedSpan = recorded.get(recorded.size() - 1).receiveTimeNanos() - recorded.get(0).receiveTimeNanos();
      long replayedSpan = got.get(got.size() - 1).arrivalNanos() - got.get(0).arrivalNanos();
      assertTrue(replayedSpan >= recordedSpan / 2, "replayed span " + replayedSpan / 1e6 + " ms, recorded "
          + recordedSpan / 1e6 + " ms");
    }
  }

  @Test
  void pacerSendsEachMessageAtItsDueTime() throws Exception {
    Path rec = dir.resolve("exact.igtlrec");
    List<RecordedMessage> recorded = writeRecording(rec, 11);
    long[] now = {5_000_000_000L};
    List<long[]> sends = new ArrayList<>();
    ReplayPacer.Clock fake = new ReplayPacer.Clock() {
      @Override
      public long nanoTime() {
        return now[0];
      }

      @Override
      public void sleepUntil(long due) {
        now[0] = Math.max(now[0], due);
      }
    };
    try (RecordingSource source = new RecordingSource(rec, Direction.RECEIVED)) {
      ReplayPacer.Result r = ReplayPacer.play(source, bytes -> {
        sends.add(new long[] {now[0], bytes.length});
        now[0] += 250_000; // each write takes 0.25 ms
      }, 2.0, fake, n -> { });
      assertEquals(recorded.size(), r.messages());
    }
    long t0 = recorded.get(0).receiveTimeNanos();
    for (int i = 0; i < sends.size(); i++) {
      long due = 5_000_000_000L + Math.round((recorded.get(i).receiveTimeNanos() - t0) / 2.0);
      assertEquals(due, sends.get(i)[0], "message " + i + " leaves at its due time at speed 2");
      assertEquals(recorded.get(i).message().length, sends.get(i)[1]);
    }
  }

  @Test
  void speedTwoHalvesTheGaps() throws Exception {
    Path rec = dir.resolve("fast.igtlrec");
    List<RecordedMessage> recorded = writeRecording(rec, 7);
    try (RecordingReceiver rx = new RecordingReceiver()) {
      try (RecordingSource source = new RecordingSource(rec, Direction.RECEIVED);
          IgtlSocketSender sender = IgtlSocketSender.connect("127.0.0.1", rx.port(), 5000)) {
        ReplayPacer.play(source, sender, 2.0, n -> { });
      }
      List<RecordingReceiver.Received> got = rx.awaitAll(10_000);
      assertEquals(recorded.size(), got.size());
      // median of arrival offset / recorded offset over messages at least 100 ms in: robust to a few messages the
      // scheduler delays on a loaded machine; 0.5 at speed 2 (1 at speed 1, near 0 without pacing)
      List<Double> ratios = new ArrayList<>();
      long t0 = recorded.get(0).receiveTimeNanos();
      for (int i = 1; i < got.size(); i++) {
        long offset = recorded.get(i).receiveTimeNanos() - t0;
        if (offset >= 100_000_000L) {
          ratios.add((got.get(i).arrivalNanos() - got.get(0).arrivalNanos()) / (double) offset);
        }
      }
      ratios.sort(null);
      double median = ratios.get(ratios.size() / 2);
      System.out.println("speed2MedianRatio=" + median);
      assertEquals(0.5, median, 0.1, "median arrival/recorded offset ratio");
    }
  }

  @Test
  void plusSequenceReplaysTransformsAndImagesWithTheFileTimestamps() throws Exception {
    PlusSequence seq = PlusSequenceReader.read(shared("plus/fCal_Test_Calibration_3NWires.igs.mha"));
    PlusSequenceSource source = new PlusSequenceSource(seq, 2, null);
    List<TimedMessage> first = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      first.add(source.next());
    }
    // frame 0: three OK transforms then the image, all at offset 0; frame 1 follows 78.971 ms later
    try (IgtlMessage t = decode(first.get(0).bytes()); IgtlMessage img = decode(first.get(3).bytes());
        IgtlMessage next = decode(first.get(4).bytes())) {
      assertEquals("ProbeToTracker", t.deviceName());
      TransformBody tb = assertInstanceOf(TransformBody.class, t.body());
      assertEquals(264.765f, tb.matrix().m03(), 1e-3f);
      assertEquals(425_398_686_000L, t.timestamp().toEpochNanos(), 1000);
      ImageBody ib = assertInstanceOf(ImageBody.class, img.body());
      assertEquals(820, ib.size().i());
      assertEquals(616, ib.size().j());
      assertEquals(0, first.get(3).offsetNanos());
      assertEquals(78_971_000, first.get(4).offsetNanos(), 1000);
      assertEquals(425_477_657_000L, next.timestamp().toEpochNanos(), 1000);
    }
  }

  @Test
  void xrayCineReplaysAsAFluoroscopyStreamWithItsAngles() throws Exception {
    try (RecordingReceiver rx = new RecordingReceiver()) {
      int code = CathNavCommand.execute("replay", shared("xray/xa_catheter_cine_512x512x12_u8.nrrd").toString(),
          "--to", "127.0.0.1:" + rx.port(), "--speed", "max");
      assertEquals(0, code);
      List<RecordingReceiver.Received> got = rx.awaitAll(10_000);
      assertEquals(12, got.size());
      try (IgtlMessage m = decode(got.get(11).bytes())) {
        ImageBody ib = assertInstanceOf(ImageBody.class, m.body());
        assertEquals(512, ib.size().i());
        assertEquals("77.0", m.metadata().get("PositionerPrimaryAngle").value());
        assertEquals("-45.0", m.metadata().get("PositionerSecondaryAngle").value());
      }
      try (IgtlMessage a = decode(got.get(0).bytes()); IgtlMessage b = decode(got.get(1).bytes())) {
        assertEquals(33_000_000L, b.timestamp().toEpochNanos() - a.timestamp().toEpochNanos(), 1000);
      }
    }
  }

  @Test
  void replayOfAnUnknownFileKindExitsWithBadInput() throws Exception {
    Path odd = dir.resolve("notes.txt");
    Files.writeString(odd, "hello");
    assertEquals(3, CathNavCommand.execute("replay", odd.toString(), "--to", "127.0.0.1:1"));
  }

  @Test
  void replayToAnAbsentPeerExitsWithNetworkFailure() throws Exception {
    Path rec = dir.resolve("one.igtlrec");
    writeRecording(rec, 3);
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertEquals(4, CathNavCommand.execute("replay", rec.toString(), "--to", "127.0.0.1:" + port));
  }
}
