package cathnav.gpu.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.testing.TestSeeds;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TargetStatisticsTest {

  @Test
  void centredChannelMatchesFloat64TwoPassStatistics() {
    Random random = TestSeeds.random("TargetStatisticsTest.centredChannelMatchesFloat64TwoPassStatistics");
    int n = 200 + random.nextInt(300);
    double[] x = new double[n];
    boolean[] mask = new boolean[n];
    double sum = 0;
    double sumSq = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      x[i] = 100 * random.nextGaussian() + 40;
      mask[i] = random.nextInt(3) > 0;
      if (mask[i]) {
        sum += x[i];
        sumSq += x[i] * x[i];
        count++;
      }
    }
    double mean = TargetStatistics.Channel.maskedMean(new double[] {sum, sumSq, count}, n);
    double centredSum = 0;
    double centredSumSq = 0;
    double deviations = 0;
    for (int i = 0; i < n; i++) {
      if (mask[i]) {
        double c = x[i] - mean;
        centredSum += c;
        centredSumSq += c * c;
        deviations += (x[i] - sum / count) * (x[i] - sum / count);
      }
    }
    TargetStatistics.Channel channel =
        TargetStatistics.Channel.ofCentred(count, new double[] {centredSum, centredSumSq});
    String context = "pixels=" + n + ", seed=" + TestSeeds.seedOf(random);
    assertEquals(count, channel.count(), context);
    assertEquals(0, channel.sum(), 1e-9 * Math.abs(sum), context);
    assertEquals(deviations, channel.squaredDeviations(), 1e-9 * deviations, context);
    assertTrue(deviations > 0, context);
  }

  @Test
  void emptyMaskIsRejectedWithThePixelCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TargetStatistics.Channel.maskedMean(new double[] {0, 0, 0}, 640));
    assertEquals("mask selects no pixels, pixels=640", e.getMessage());
  }

  @Test
  void deviceLayoutWritesZerosForTheMissingSecondChannel() {
    TargetStatistics.Channel x = new TargetStatistics.Channel(12, 0.5, 7.25);
    TargetStatistics.Channel y = new TargetStatistics.Channel(12, -0.25, 3.5);
    assertArrayEquals(new double[] {12, 0.5, 7.25, 0, 0}, new TargetStatistics(x, null).toArray());
    assertArrayEquals(new double[] {12, 0.5, 7.25, -0.25, 3.5}, new TargetStatistics(x, y).toArray());
    assertEquals(TargetStatistics.VALUES, new TargetStatistics(x, y).toArray().length);
  }
}
