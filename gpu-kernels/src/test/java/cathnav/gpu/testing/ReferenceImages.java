package cathnav.gpu.testing;

/** Float64 references of the image operations and similarity metrics (row-major images, {@code v * width + u}). */
public final class ReferenceImages {

  private ReferenceImages() {}

  public static double[] logTransform(float[] in, float floor, float offset, float scale, boolean negate) {
    double[] out = new double[in.length];
    for (int i = 0; i < in.length; i++) {
      double y = (Math.log(Math.max(in[i], floor)) - offset) * scale;
      out[i] = negate ? -y : y;
    }
    return out;
  }

  public static double[] downsample2x(float[] in, int w, int h) {
    int ow = w / 2;
    int oh = h / 2;
    double[] out = new double[ow * oh];
    for (int v = 0; v < oh; v++) {
      for (int u = 0; u < ow; u++) {
        double s = 0;
        for (int dv = 0; dv < 2; dv++) {
          for (int du = 0; du < 2; du++) {
            s += in[(2 * v + dv) * w + 2 * u + du];
          }
        }
        out[v * ow + u] = s / 4;
      }
    }
    return out;
  }

  private static double at(double[] img, int w, int h, int u, int v) {
    u = Math.max(0, Math.min(w - 1, u));
    v = Math.max(0, Math.min(h - 1, v));
    return img[v * w + u];
  }

  /** Unnormalised 3x3 Sobel with replicated borders: {@code {gx, gy}}, gx right minus left, gy below minus above. */
  public static double[][] sobel(double[] img, int w, int h) {
    int[][] kx = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
    double[] gx = new double[w * h];
    double[] gy = new double[w * h];
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        double sx = 0;
        double sy = 0;
        for (int dv = -1; dv <= 1; dv++) {
          for (int du = -1; du <= 1; du++) {
            double a = at(img, w, h, u + du, v + dv);
            sx += kx[dv + 1][du + 1] * a;
            sy += kx[du + 1][dv + 1] * a;
          }
        }
        gx[v * w + u] = sx;
        gy[v * w + u] = sy;
      }
    }
    return new double[][] {gx, gy};
  }

  /** Zero-normalised cross-correlation over pixels with {@code mask > 0.5} ({@code null}: all); 0 when degenerate. */
  public static double ncc(double[] a, double[] b, float[] mask) {
    double n = 0;
    double sa = 0;
    double sb = 0;
    for (int i = 0; i < a.length; i++) {
      if (mask == null || mask[i] > 0.5f) {
        n++;
        sa += a[i];
        sb += b[i];
      }
    }
    double ma = sa / n;
    double mb = sb / n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      if (mask == null || mask[i] > 0.5f) {
        double x = a[i] - ma;
        double y = b[i] - mb;
        sab += x * y;
        saa += x * x;
        sbb += y * y;
      }
    }
    if (saa == 0 || sbb == 0) {
      return 0;
    }
    return sab / Math.sqrt(saa * sbb);
  }

  /** Mean of the NCCs of the u and v Sobel gradients of {@code a} and {@code b}, over the mask. */
  public static double gradientCorrelation(double[] a, double[] b, int w, int h, float[] mask) {
    double[][] ga = sobel(a, w, h);
    double[][] gb = sobel(b, w, h);
    return 0.5 * (ncc(ga[0], gb[0], mask) + ncc(ga[1], gb[1], mask));
  }

  public static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  public static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }

  /** {@code ||actual - expected|| / ||expected||} (L2). */
  public static double relativeL2(float[] actual, double[] expected) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < expected.length; i++) {
      double d = actual[i] - expected[i];
      num += d * d;
      den += expected[i] * expected[i];
    }
    return Math.sqrt(num / den);
  }

  /** The same for two float images (backend against backend). */
  public static double relativeL2(float[] actual, float[] expected) {
    return relativeL2(actual, toDouble(expected));
  }
}
