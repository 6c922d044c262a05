package cathnav.gpu.device;

/**
 * The statistics of a prepared target that {@code score_finish} reads, per channel over the mask: the pixel count,
 * the sum of the centred channel and its sum of squared deviations. NCC has one channel ({@code x}, the target);
 * gradient correlation two ({@code x}, {@code y}: the Sobel gradients). Device layout, float64 or the device's
 * accumulator type: {@code {count, sum x, squared deviations x, sum y, squared deviations y}}.
 *
 * @param x the first channel
 * @param y the second channel, or null for NCC (written as zeros)
 */
public record TargetStatistics(Channel x, Channel y) {

  /** Values in the device layout. */
  public static final int VALUES = 5;

  /**
   * One channel over the mask.
   *
   * @param count pixels selected by the mask
   * @param sum sum of the centred values
   * @param squaredDeviations sum of squared deviations of the centred values from their mean
   */
  public record Channel(double count, double sum, double squaredDeviations) {

    /**
     * The mean of a channel over the mask, from its masked sums {@code {sum, sum of squares, count}}.
     *
     * @throws IllegalArgumentException when the mask selects no pixel of the {@code pixels}
     */
    public static double maskedMean(double[] maskedSums, int pixels) {
      double count = maskedSums[2];
      if (!(count > 0)) {
        throw new IllegalArgumentException("mask selects no pixels, pixels=" + pixels);
      }
      return maskedSums[0] / count;
    }

    /** The channel from the masked sums {@code {sum, sum of squares}} of its centred values. */
    public static Channel ofCentred(double count, double[] centredSums) {
      double sum = centredSums[0];
      return new Channel(count, sum, centredSums[1] - sum * sum / count);
    }
  }

  /** The device layout, {@link #VALUES} values. */
  public double[] toArray() {
    return y == null
        ? new double[] {x.count, x.sum, x.squaredDeviations, 0, 0}
        : new double[] {x.count, x.sum, x.squaredDeviations, y.sum, y.squaredDeviations};
  }
}
