package cathnav.sim.replay;

import cathnav.igtl.codec.IgtlFrameWriter;
import cathnav.igtl.frames.FrameFileReader;
import cathnav.igtl.frames.FrameStack;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.MetadataValue;
import cathnav.igtl.message.ScalarType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 2D frame stack (NRRD or PGM, such as the decoded X-ray angiography cine) as a fluoroscopy stream: one IMAGE per
 * frame (device name {@code Fluoroscopy}) every {@code frameTimeMs}, stamped with the wall clock at the replay's
 * start plus the frame's offset. For header version 2 the C-arm angles travel as {@code PositionerPrimaryAngle} and
 * {@code PositionerSecondaryAngle} metadata (no distances or spacing: the source does not give them).
 */
public final class CineSource implements ReplaySource {

  /** What a cine's header says (or the command line overrides). */
  public record CineInfo(double frameTimeMs, Double primaryAngleDeg, Double secondaryAngleDeg) {}

  private static final Pattern PRIMARY = Pattern.compile("PositionerPrimaryAngle\\s+(-?[0-9.]+)");
  private static final Pattern SECONDARY = Pattern.compile("PositionerSecondaryAngle\\s+(-?[0-9.]+)");
  private static final Pattern FRAME_TIME = Pattern.compile("FrameTime\\s+([0-9.]+)\\s*ms");

  private final Path file;
  private final FrameStack stack;
  private final CineInfo info;
  private final int headerVersion;
  private final long startEpochNanos;
  private int next;

  public CineSource(Path file, CineInfo info, int headerVersion, long startEpochNanos) throws IOException {
    this.file = file;
    this.stack = FrameFileReader.read(file);
    this.info = info;
    this.headerVersion = headerVersion;
    this.startEpochNanos = startEpochNanos;
  }

  /**
   * The frame time and angles written in a NRRD file's comment lines ({@code PositionerPrimaryAngle 77},
   * {@code FrameTime 33 ms}), each null or the default 33 ms when absent.
   */
  public static CineInfo describedIn(Path file) throws IOException {
    String head;
    try (var in = Files.newInputStream(file)) {
      head = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
    }
    StringBuilder comments = new StringBuilder();
    for (String line : head.split("\n")) {
      if (line.isEmpty()) {
        break;
      }
      if (line.startsWith("#")) {
        comments.append(line).append('\n');
      }
    }
    String c = comments.toString();
    Matcher p = PRIMARY.matcher(c);
    Matcher s = SECONDARY.matcher(c);
    Matcher t = FRAME_TIME.matcher(c);
    return new CineInfo(t.find() ? Double.parseDouble(t.group(1)) : 33.0,
        p.find() ? Double.parseDouble(p.group(1)) : null, s.find() ? Double.parseDouble(s.group(1)) : null);
  }

  @Override
  public TimedMessage next() {
    if (next >= stack.frames()) {
      return null;
    }
    int i = next++;
    long offset = Math.round(i * info.frameTimeMs() * 1e6);
    ByteBuf px = Unpooled.wrappedBuffer(stack.pixels(), stack.frameOffset(i), stack.frameBytes());
    ImageBody image = ImageBody.of(ScalarType.fromCode(stack.type().igtlScalarType()), 1, stack.byteOrder(),
        new Dim3(stack.width(), stack.height(), 1),
        new AffineMatrix((float) stack.spacingU(), 0, 0, 0, 0, (float) stack.spacingV(), 0, 0, 0, 0, 1, 0), px);
    IgtlMessage m = IgtlMessage.of("Fluoroscopy", IgtlTimestamp.ofEpochNanos(startEpochNanos + offset), image);
    if (headerVersion == 2) {
      Map<String, MetadataValue> meta = new LinkedHashMap<>();
      if (info.primaryAngleDeg() != null) {
        meta.put("PositionerPrimaryAngle", MetadataValue.ascii(fmt(info.primaryAngleDeg())));
      }
      if (info.secondaryAngleDeg() != null) {
        meta.put("PositionerSecondaryAngle", MetadataValue.ascii(fmt(info.secondaryAngleDeg())));
      }
      m = m.withHeaderVersion(2).withMetadata(meta).withMessageId(i);
    }
    ByteBuf wire = IgtlFrameWriter.encode(ByteBufAllocator.DEFAULT, m);
    try {
      return new TimedMessage(offset, ByteBufUtil.getBytes(wire));
    } finally {
      wire.release();
      m.release();
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  @Override
  public String describe() {
    return "cine file=" + file + ", frames=" + stack.frames() + ", frameTimeMs=" + info.frameTimeMs() + ", sent="
        + next;
  }

  @Override
  public void close() {
    next = stack.frames();
  }
}
