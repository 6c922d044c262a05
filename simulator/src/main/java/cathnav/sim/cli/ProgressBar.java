package cathnav.sim.cli;

import java.io.PrintWriter;
import java.util.function.IntConsumer;

/**
 * A one-line progress bar on the error stream ({@code [#####-----] 45/150 frames, 12.3 frames/s}), redrawn at most
 * ten times a second and finished with a newline. Single-threaded.
 */
final class ProgressBar implements IntConsumer {

  private final PrintWriter err;
  private final int total;
  private final String unit;
  private final long start = System.nanoTime();
  private long lastDraw;

  ProgressBar(PrintWriter err, int total, String unit) {
    this.err = err;
    this.total = total;
    this.unit = unit;
  }

  @Override
  public void accept(int done) {
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int width = 30;
    int filled = total == 0 ? width : (int) ((long) done * width / total);
    double rate = done / Math.max(1e-9, (now - start) / 1e9);
    err.printf("\r[%s%s] %d/%d %s, %.1f %s/s", "#".repeat(filled), "-".repeat(width - filled), done, total, unit,
        rate, unit);
    if (done >= total) {
      err.println();
    }
    err.flush();
  }
}
