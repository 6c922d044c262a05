package cathnav.core.registration.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.registration.RegistrationEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSummaryTest {

  private static BenchCase c(double startMtre, double finalMtre, double timeMs) {
    return new BenchCase(0, 0, 0, startMtre, 0, startMtre, finalMtre, finalMtre / 3, 0.9, 1, timeMs, 300, 1000, 1, true, false, null);
  }

  @Test
  void successRateAndMediansCountTheTwoMillimetreThreshold() {
    List<BenchCase> cases = List.of(c(3, 0.2, 100), c(4, 0.4, 200), c(6, 1.9, 300), c(7, 2.1, 400), c(8, 30, 500));
    BenchSummary s = BenchSummary.of(cases);
    assertEquals(0.6, s.successRate(), 1e-12);
    assertEquals(1.9, s.medianMtreMm(), 1e-12);
    assertEquals(0.4, s.medianSuccessfulMtreMm(), 1e-12);
    assertEquals(300, s.medianTimeMs(), 1e-12);
  }

  @Test
  void captureRangeEndsAtTheFirstBandBelowNinetyFivePercent() {
    List<BenchCase> cases = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      cases.add(c(1 + i % 4, 0.3, 1)); // 0-5 mm: all fine
      cases.add(c(6 + i % 4, 0.3, 1)); // 5-10 mm: all fine
      cases.add(c(11 + i % 4, i < 5 ? 9 : 0.3, 1)); // 10-15 mm: 75 %
      cases.add(c(16 + i % 4, 0.3, 1)); // 15-20 mm: fine again, but beyond the first failing band
    }
    BenchSummary s = BenchSummary.of(cases);
    assertEquals(10, s.captureRangeMm(), 1e-12);
    assertEquals(20, s.bands()[2][1]);
    assertEquals(15, s.bands()[2][2]);
  }

  @Test
  void caseJsonRoundTrips() {
    BenchCase a = new BenchCase(7, 12.5, -8, 9.1, 4.2, 10.3, 0.42, 0.05, 0.913, 0.97, 1234.5, 311, 2500, 0.5,
        false, true, new RegistrationEvidence(0.913, 0.02, 0.03, 0.4, 0.95, 0.85, 0.91));
    assertEquals(a, BenchCase.fromJson(a.toJson()));
  }

  @Test
  void plotIsWrittenAsPng(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("errors.png");
    ErrorPlot.write(List.of(c(3, 0.2, 1), c(12, 25, 1)), "test", png);
    byte[] head = Files.readAllBytes(png);
    assertTrue(head.length > 100);
    assertEquals((byte) 0x89, head[0]);
    assertEquals('P', head[1]);
    assertEquals('N', head[2]);
    assertEquals('G', head[3]);
  }
}
