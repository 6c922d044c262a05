package cathnav.sim.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.GeometryFile;
import cathnav.core.geometry.RigidTransform;
import cathnav.igtl.codec.IgtlCodecOptions;
import cathnav.igtl.codec.IgtlFrameParser;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.StringBody;
import cathnav.sim.GroundTruth;
import cathnav.sim.SimulatedFrame;
import cathnav.sim.detector.BitDepth;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.render.HeartRendering;
import io.netty.buffer.Unpooled;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrameStreamerTest {

  private static SimulatedFrame frame(long index, int w, int h) {
    CArmGeometry carm = CArmGeometry.of(25, -10, 1100, 750, w, h, 0.8, 0.8);
    short[] px = new short[w * h];
    SplittableRandom r = new SplittableRandom(index);
    for (int i = 0; i < px.length; i++) {
      px[i] = (short) r.nextInt(4096);
    }
    GroundTruth t = new GroundTruth(index, 1_700_000_000_000_000_000L + index * 66_666_667L, index / 15.0,
        FrameGeometry.of(carm), RigidTransform.IDENTITY, RigidTransform.IDENTITY, null, null, null, null, List.of(),
        0.1, 0.2, 72, 30, 200, 0, HeartRendering.REST, 0, 1, NoiseMode.FULL, 12);
    return new SimulatedFrame(w, h, BitDepth.BITS_12, px, t);
  }

  private static IgtlMessage decode(byte[] bytes) {
    Object o = new IgtlFrameParser(IgtlCodecOptions.DEFAULTS).parse(Unpooled.wrappedBuffer(bytes), 0);
    return assertInstanceOf(IgtlMessage.class, o, "decodes: " + o);
  }

  @Test
  void versionTwoFramesCarryPixelsAndGeometryMetadata() throws Exception {
    try (RecordingReceiver rx = new RecordingReceiver()) {
      SimulatedFrame f = frame(3, 40, 30);
      try (FrameStreamer s = FrameStreamer.connect("127.0.0.1", rx.port(), 2)) {
        s.accept(f);
      }
      List<RecordingReceiver.Received> got = rx.awaitAll(5000);
      assertEquals(1, got.size());
      try (IgtlMessage m = decode(got.get(0).bytes())) {
        assertEquals(2, m.headerVersion());
        assertEquals("IMAGE", m.typeName());
        ImageBody img = assertInstanceOf(ImageBody.class, m.body());
        assertEquals(40, img.size().i());
        assertEquals(30, img.size().j());
        for (int i = 0; i < f.pixels().length; i++) {
          assertEquals(f.pixels()[i] & 0xffff, img.pixels().getUnsignedShort(img.pixels().readerIndex() + 2 * i));
        }
        assertEquals("25.0000", m.metadata().get("PositionerPrimaryAngle").value());
        assertEquals("-10.0000", m.metadata().get("PositionerSecondaryAngle").value());
        assertEquals("1100.00", m.metadata().get("DistanceSourceToDetector").value());
        assertEquals("750.000", m.metadata().get("DistanceSourceToPatient").value());
        FrameGeometry g = GeometryFile.parse(m.metadata().get("cathnav.geometry").value(), "metadata");
        assertEquals(f.truth().geometry().projection().get(0, 3), g.projection().get(0, 3), 1e-9);
        assertEquals(3, new JsonObject(m.metadata().get("cathnav.truth").value()).getLong("index"));
        assertEquals(f.timestampNs(), m.timestamp().toEpochNanos(), 1000);
      }
    }
  }

  @Test
  void versionOneFramesArePrecededByACArmGeometryString() throws Exception {
    try (RecordingReceiver rx = new RecordingReceiver()) {
      try (FrameStreamer s = FrameStreamer.connect("127.0.0.1", rx.port(), 1)) {
        s.accept(frame(0, 16, 16));
        s.accept(frame(1, 16, 16));
      }
      List<RecordingReceiver.Received> got = rx.awaitAll(5000);
      assertEquals(4, got.size());
      try (IgtlMessage geometry = decode(got.get(2).bytes()); IgtlMessage image = decode(got.get(3).bytes())) {
        assertEquals(1, geometry.headerVersion());
        assertEquals("CArmGeometry", geometry.deviceName());
        StringBody text = assertInstanceOf(StringBody.class, geometry.body());
        FrameGeometry g = GeometryFile.parse(text.value(), "CArmGeometry");
        assertEquals(25, g.knownCArm().orElseThrow().primaryAngleDeg(), 1e-9);
        assertEquals("IMAGE", image.typeName());
        assertTrue(image.metadata().isEmpty());
      }
    }
  }
}
