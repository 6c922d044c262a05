package cathnav.gpu.cpu;

import cathnav.gpu.DeviceImage;

/** A row-major float32 image of the java backend ({@code index = v * width + u}); the pixels live on the Java heap. */
final class HostImage implements DeviceImage {

  private final JavaBackend owner;
  private final int width;
  private final int height;
  private float[] pixels;

  HostImage(JavaBackend owner, int width, int height, float[] pixels) {
    this.owner = owner;
    this.width = width;
    this.height = height;
    this.pixels = pixels;
  }

  /** The pixel array; fails once closed. */
  float[] pixels() {
    float[] p = pixels;
    if (p == null) {
      throw new IllegalStateException("image is closed, size=" + width + "x" + height);
    }
    return p;
  }

  JavaBackend owner() {
    return owner;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public void close() {
    pixels = null;
  }
}
