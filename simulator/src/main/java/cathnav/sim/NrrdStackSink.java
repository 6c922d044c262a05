package cathnav.sim;

import cathnav.core.model.ModelFileException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run as {@code frames.nrrd} (uint16 little-endian raw, sizes {@code width height frames}, kinds
 * {@code domain domain list}) and {@code frames.json} (the run's description and every frame's ground truth). Frames
 * stream to temporary files that are moved into place by {@link #complete()}; closing without completing deletes
 * them, so a failed run leaves nothing behind.
 *
 * <p>Thread-safety: single writer.
 */
public final class NrrdStackSink implements FrameSink {

  private static final Logger LOG = LoggerFactory.getLogger(NrrdStackSink.class);

  private final Path stack;
  private final Path sidecar;
  private final Path stackTmp;
  private final Path sidecarTmp;
  private final int width;
  private final int height;
  private final int frames;
  private final JsonObject description;
  private final JsonArray truths = new JsonArray();
  private final OutputStream out;
  private final ByteBuffer row;
  private int written;
  private boolean completed;

  /**
   * @param dir output folder (created if missing)
   * @param frames number of frames the run will produce (the NRRD header states it up front)
   * @param description run-level JSON (scenario, anatomy, detector), stored under {@code "run"}
   */
  public NrrdStackSink(Path dir, int width, int height, int frames, double[] pixelSpacingMm, JsonObject description)
      throws IOException {
    Files.createDirectories(dir);
    this.stack = dir.resolve("frames.nrrd").toAbsolutePath();
    this.sidecar = dir.resolve("frames.json").toAbsolutePath();
    this.stackTmp = stack.resolveSibling("frames.nrrd.tmp");
    this.sidecarTmp = sidecar.resolveSibling("frames.json.tmp");
    this.width = width;
    this.height = height;
    this.frames = frames;
    this.description = description.copy();
    this.row = ByteBuffer.allocate(width * height * 2).order(ByteOrder.LITTLE_ENDIAN);
    this.out = new BufferedOutputStream(Files.newOutputStream(stackTmp), 1 << 16);
    String header = "NRRD0004\n"
        + "# CathNav simulated fluoroscopy; ground truth per frame in frames.json\n"
        + "type: uint16\n"
        + "dimension: 3\n"
        + "sizes: " + width + " " + height + " " + frames + "\n"
        + String.format(Locale.ROOT, "spacings: %s %s NaN%n", pixelSpacingMm[0], pixelSpacingMm[1])
        + "kinds: domain domain list\n"
        + "endian: little\n"
        + "encoding: raw\n\n";
    out.write(header.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void accept(SimulatedFrame frame) throws IOException {
    if (frame.width() != width || frame.height() != height) {
      throw new IOException("frame size changed within a stack, expected=" + width + "x" + height
          + ", actual=" + frame.width() + "x" + frame.height() + ", file=" + stack);
    }
    if (written >= frames) {
      throw new IOException("more frames than announced, frames=" + frames + ", file=" + stack);
    }
    row.clear();
    for (short s : frame.pixels()) {
      row.putShort(s);
    }
    out.write(row.array(), 0, row.position());
    truths.add(frame.truth().toJson());
    written++;
  }

  @Override
  public void complete() throws IOException {
    if (written != frames) {
      throw new IOException("run ended early, written=" + written + ", announced=" + frames + ", file=" + stack);
    }
    out.close();
    JsonObject doc = new JsonObject().put("run", description).put("width", width).put("height", height)
        .put("frameCount", frames).put("frames", truths);
    Files.writeString(sidecarTmp, doc.encodePrettily(), StandardCharsets.UTF_8);
    Files.move(stackTmp, stack, StandardCopyOption.REPLACE_EXISTING);
    Files.move(sidecarTmp, sidecar, StandardCopyOption.REPLACE_EXISTING);
    completed = true;
    LOG.info("frame stack written, file={}, frames={}, size={}x{}, sidecar={}", stack, frames, width, height, sidecar);
  }

  @Override
  public void close() throws IOException {
    if (!completed) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.debug("closing partial stack failed, file={}, error={}", stackTmp, e.toString());
      }
      Files.deleteIfExists(stackTmp);
      Files.deleteIfExists(sidecarTmp);
    }
  }

  /** Writes one frame as a 2D NRRD plus its ground truth as {@code <name>.json}, atomically. */
  public static void writeSingle(SimulatedFrame frame, Path nrrd) throws IOException {
    Path abs = nrrd.toAbsolutePath();
    String name = abs.getFileName().toString();
    String base = name.toLowerCase(Locale.ROOT).endsWith(".nrrd") ? name.substring(0, name.length() - 5) : name;
    Path json = abs.resolveSibling(base + ".json");
    Path tmp = abs.resolveSibling(name + ".tmp");
    Path jsonTmp = abs.resolveSibling(base + ".json.tmp");
    try {
      String header = "NRRD0004\n# CathNav simulated fluoroscopy frame; ground truth in " + base + ".json\n"
          + "type: uint16\ndimension: 2\nsizes: " + frame.width() + " " + frame.height() + "\n"
          + String.format(Locale.ROOT, "spacings: %s %s%n", frame.truth().geometry().pixelSpacingU(),
              frame.truth().geometry().pixelSpacingV())
          + "kinds: domain domain\nendian: little\nencoding: raw\n\n";
      ByteBuffer b = ByteBuffer.allocate(frame.pixels().length * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (short s : frame.pixels()) {
        b.putShort(s);
      }
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        o.write(header.getBytes(StandardCharsets.US_ASCII));
        o.write(b.array());
      }
      Files.writeString(jsonTmp, frame.truth().toJson().encodePrettily(), StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      Files.move(jsonTmp, json, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ModelFileException(abs, "write failed: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(jsonTmp);
    }
  }
}
