package cathnav.core.web;

import cathnav.core.service.DisplayFrame;
import cathnav.core.service.DutyCycleAgent;
import cathnav.core.service.LatestFrameSlot;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Compresses display frames (JPEG or PNG through ImageIO) on its own duty-cycle thread, off the pipeline thread,
 * and hands the finished messages to the display hub on its Vert.x context. Frames reach it through a
 * {@link LatestFrameSlot}: when encoding falls behind, older frames are dropped, never queued.
 *
 * <p>Thread-safety: {@link #offer} from any thread; encoding on the agent thread only.
 */
public final class DisplayEncoder implements DutyCycleAgent {

  /** Image format sent to displays. */
  public enum Format {
    JPEG,
    PNG
  }

  private final LatestFrameSlot<DisplayFrame> slot = new LatestFrameSlot<>(f -> {});
  private final Format format;
  private final float jpegQuality;
  private final Context context;
  private final Consumer<Buffer> deliver;
  private ImageWriter writer;

  /**
   * @param format image format
   * @param jpegQuality JPEG quality in (0, 1]
   * @param context the Vert.x context the hub runs on
   * @param deliver called on {@code context} with each finished message
   */
  public DisplayEncoder(Format format, float jpegQuality, Context context, Consumer<Buffer> deliver) {
    this.format = Objects.requireNonNull(format, "format");
    if (!(jpegQuality > 0 && jpegQuality <= 1)) {
      throw new IllegalArgumentException("JPEG quality must be in (0, 1], jpegQuality=" + jpegQuality);
    }
    this.jpegQuality = jpegQuality;
    this.context = Objects.requireNonNull(context, "context");
    this.deliver = Objects.requireNonNull(deliver, "deliver");
  }

  /** Queues the newest frame for encoding (latest wins). Wait-free. */
  public void offer(DisplayFrame frame) {
    slot.offer(frame);
  }

  /** The slot frames arrive in (to register the agent thread for wake-ups). */
  public LatestFrameSlot<DisplayFrame> slot() {
    return slot;
  }

  /** Frames dropped because encoding was still busy. */
  public long dropped() {
    return slot.dropped();
  }

  @Override
  public void onStart() {
    String name = format.name().toLowerCase(Locale.ROOT);
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(name);
    if (!it.hasNext()) {
      throw new IllegalStateException("no ImageIO writer for the display format, format=" + name);
    }
    writer = it.next();
  }

  @Override
  public int doWork() throws IOException {
    DisplayFrame f = slot.poll();
    if (f == null) {
      return 0;
    }
    byte[] image = encode(f);
    Buffer message = DisplayMessages.frame(f.overlay().toJson(), f.width(), f.height(), image);
    context.runOnContext(v -> deliver.accept(message));
    return 1;
  }

  /** Encodes the grey image in the configured format. */
  byte[] encode(DisplayFrame f) throws IOException {
    BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    System.arraycopy(f.grey(), 0, data, 0, data.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(f.width() * f.height() / 4);
    try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam p = writer.getDefaultWriteParam();
      if (format == Format.JPEG) {
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(jpegQuality);
      }
      writer.write(null, new IIOImage(img, null, null), p);
    }
    return out.toByteArray();
  }

  @Override
  public void onClose() {
    if (writer != null) {
      writer.dispose();
    }
    slot.close();
  }

  @Override
  public String roleName() {
    return "display-encoder";
  }
}
