package cathnav.core.registration.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The bench's error plot (PNG, drawn headless with java.awt): left, final mTRE against start mTRE per case (log
 * scale, the 2 mm success line dashed); right, the histogram of final mTRE.
 */
public final class ErrorPlot {

  private static final int W = 900;
  private static final int H = 420;
  private static final double LOG_MIN = Math.log10(0.01);
  private static final double LOG_MAX = Math.log10(100);

  private ErrorPlot() {}

  /** Writes the plot to {@code file} (through a temporary sibling: no partial file on failure). */
  public static void write(List<BenchCase> cases, String title, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, W, H);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString(title, 20, 20);
      scatter(g, cases, 60, 40, 380, 330);
      histogram(g, cases, 520, 40, 350, 330);
    } finally {
      g.dispose();
    }
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try {
      if (!ImageIO.write(img, "png", tmp.toFile())) {
        throw new IOException("no PNG writer available, file=" + file);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static int logY(double v, int y0, int h) {
    double l = Math.max(LOG_MIN, Math.min(LOG_MAX, Math.log10(Math.max(v, 1e-6))));
    return (int) Math.round(y0 + h - (l - LOG_MIN) / (LOG_MAX - LOG_MIN) * h);
  }

  private static void scatter(Graphics2D g, List<BenchCase> cases, int x0, int y0, int w, int h) {
    double maxStart = cases.stream().mapToDouble(BenchCase::startMtreMm).max().orElse(1);
    double xMax = Math.ceil(maxStart / 5) * 5;
    g.setColor(Color.BLACK);
    g.drawRect(x0, y0, w, h);
    for (double v : new double[] {0.01, 0.1, 1, 10, 100}) {
      int y = logY(v, y0, h);
      g.drawLine(x0 - 4, y, x0, y);
      g.drawString(String.format(Locale.ROOT, "%s", v < 1 ? String.valueOf(v) : String.valueOf((int) v)), x0 - 40, y + 4);
    }
    for (int i = 0; i <= 4; i++) {
      int x = x0 + i * w / 4;
      g.drawLine(x, y0 + h, x, y0 + h + 4);
      g.drawString(String.format(Locale.ROOT, "%.0f", xMax * i / 4), x - 8, y0 + h + 18);
    }
    g.drawString("start mTRE (mm)", x0 + w / 2 - 50, y0 + h + 34);
    g.drawString("final mTRE (mm, log)", x0, y0 - 6);
    g.setColor(Color.RED);
    g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    int y2 = logY(BenchCase.SUCCESS_MTRE_MM, y0, h);
    g.drawLine(x0, y2, x0 + w, y2);
    g.setStroke(new BasicStroke(1));
    for (BenchCase c : cases) {
      int x = x0 + (int) Math.round(c.startMtreMm() / xMax * w);
      int y = logY(c.finalMtreMm(), y0, h);
      g.setColor(c.success() ? new Color(0, 90, 200) : Color.RED);
      g.fillOval(x - 3, y - 3, 6, 6);
    }
  }

  private static void histogram(Graphics2D g, List<BenchCase> cases, int x0, int y0, int w, int h) {
    int bins = 20;
    int[] ok = new int[bins];
    int[] failed = new int[bins];
    for (BenchCase c : cases) {
      double l = Math.log10(Math.max(c.finalMtreMm(), 1e-6));
      int b = Math.max(0, Math.min(bins - 1, (int) Math.floor((l - LOG_MIN) / (LOG_MAX - LOG_MIN) * bins)));
      if (c.success()) {
        ok[b]++;
      } else {
        failed[b]++;
      }
    }
    int max = 1;
    for (int b = 0; b < bins; b++) {
      max = Math.max(max, ok[b] + failed[b]);
    }
    g.setColor(Color.BLACK);
    g.drawRect(x0, y0, w, h);
    for (int b = 0; b < bins; b++) {
      int bx = x0 + b * w / bins;
      int okH = (int) Math.round((double) ok[b] / max * (h - 10));
      int badH = (int) Math.round((double) failed[b] / max * (h - 10));
      g.setColor(new Color(0, 90, 200));
      g.fillRect(bx + 1, y0 + h - okH, w / bins - 2, okH);
      g.setColor(Color.RED);
      g.fillRect(bx + 1, y0 + h - okH - badH, w / bins - 2, badH);
    }
    g.setColor(Color.BLACK);
    for (double v : new double[] {0.01, 0.1, 1, 10, 100}) {
      int x = x0 + (int) Math.round((Math.log10(v) - LOG_MIN) / (LOG_MAX - LOG_MIN) * w);
      g.drawLine(x, y0 + h, x, y0 + h + 4);
      g.drawString(v < 1 ? String.valueOf(v) : String.valueOf((int) v), x - 10, y0 + h + 18);
    }
    g.drawString("final mTRE (mm, log): cases per bin, red failed, max " + max, x0, y0 - 6);
  }
}
