package cathnav.sim.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A PNG plot of per-frame end-to-end latency against run time, with the one-frame budget drawn as a line. */
final class E2eLatencyPlot {

  private E2eLatencyPlot() {}

  /**
   * @param timesS frame receive times since the start, s
   * @param latenciesMs receive-to-outputs-sent latency of each frame, ms
   * @param budgetMs the budget line, ms
   */
  static void write(double[] timesS, double[] latenciesMs, int n, double budgetMs, String title, Path file)
      throws IOException {
    int w = 1000;
    int h = 480;
    int left = 70;
    int bottom = 50;
    int top = 40;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    double maxT = 1e-9;
    double maxL = budgetMs * 1.5;
    for (int i = 0; i < n; i++) {
      maxT = Math.max(maxT, timesS[i]);
      maxL = Math.max(maxL, latenciesMs[i]);
    }
    maxL = Math.min(maxL, 20 * budgetMs);
    double sx = (w - left - 20) / maxT;
    double sy = (h - top - bottom) / maxL;
    g.setColor(Color.BLACK);
    g.drawLine(left, h - bottom, w - 20, h - bottom);
    g.drawLine(left, top, left, h - bottom);
    g.drawString(title, left, 24);
    g.drawString("time since start (s)", w / 2 - 50, h - 12);
    g.drawString("latency (ms)", 6, top - 8);
    for (int k = 0; k <= 5; k++) {
      double v = maxL * k / 5;
      int y = (int) (h - bottom - v * sy);
      g.drawString(String.format(Locale.ROOT, "%.0f", v), 20, y + 5);
      double t = maxT * k / 5;
      int x = (int) (left + t * sx);
      g.drawString(String.format(Locale.ROOT, "%.0f", t), x - 8, h - bottom + 18);
    }
    g.setColor(new Color(220, 40, 40));
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    int by = (int) (h - bottom - budgetMs * sy);
    g.drawLine(left, by, w - 20, by);
    g.drawString(String.format(Locale.ROOT, "budget %.0f ms", budgetMs), w - 130, by - 6);
    g.setColor(new Color(30, 90, 200));
    for (int i = 0; i < n; i++) {
      int x = (int) (left + timesS[i] * sx);
      int y = (int) (h - bottom - Math.min(latenciesMs[i], maxL) * sy);
      g.fillRect(x - 1, y - 1, 3, 3);
    }
    g.dispose();
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    ImageIO.write(img, "png", tmp.toFile());
    Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
