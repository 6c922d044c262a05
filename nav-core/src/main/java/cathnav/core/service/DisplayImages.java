package cathnav.core.service;

import cathnav.core.overlay.Overlay;

/**
 * Turns a frame into the 8-bit grey image sent to web displays: box-downsampled by an integer factor so the longest
 * side is at most the display size, and windowed to the frame's 1st..99th percentile of a strided sample (robust to
 * a few hot or dead pixels).
 */
final class DisplayImages {

  private DisplayImages() {}

  static DisplayFrame toDisplay(Overlay overlay, float[] pixels, int w, int h, int maxSize) {
    int factor = Math.max(1, (Math.max(w, h) + maxSize - 1) / maxSize);
    int dw = w / factor;
    int dh = h / factor;
    float[] sample = new float[Math.min(4096, w * h)];
    int stride = Math.max(1, (w * h) / sample.length);
    int n = 0;
    for (int i = 0; i < w * h && n < sample.length; i += stride) {
      sample[n++] = pixels[i];
    }
    java.util.Arrays.sort(sample, 0, n);
    float lo = sample[(int) (0.01 * (n - 1))];
    float hi = sample[(int) (0.99 * (n - 1))];
    float scale = hi > lo ? 255f / (hi - lo) : 0f;
    byte[] grey = new byte[dw * dh];
    float inv = 1f / (factor * factor);
    for (int y = 0; y < dh; y++) {
      for (int x = 0; x < dw; x++) {
        float s = 0;
        for (int dy = 0; dy < factor; dy++) {
          int row = (y * factor + dy) * w + x * factor;
          for (int dx = 0; dx < factor; dx++) {
            s += pixels[row + dx];
          }
        }
        int g = Math.round((s * inv - lo) * scale);
        grey[y * dw + x] = (byte) Math.max(0, Math.min(255, g));
      }
    }
    return new DisplayFrame(overlay, dw, dh, grey);
  }
}
