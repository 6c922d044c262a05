package cathnav.gpu.testing;

import java.util.Random;

/**
 * Fresh random seeds for every run, printed so a failure can be reproduced: run again with
 * {@code -Dcathnav.test.seed=N} (and {@code -Dtest=Class#method}) to get the same inputs.
 */
public final class TestSeeds {

  public static final String PROPERTY = "cathnav.test.seed";

  private TestSeeds() {}

  /** A generator for {@code what}, seeded from {@value #PROPERTY} or afresh; prints the seed. */
  public static Random random(String what) {
    String fixed = System.getProperty(PROPERTY);
    long seed = fixed != null ? Long.parseLong(fixed.trim()) : java.util.concurrent.ThreadLocalRandom.current().nextLong();
    System.out.println("test inputs, what=" + what + ", seed=" + seed + " (reproduce: -D" + PROPERTY + "=" + seed + ")");
    return new Seeded(seed);
  }

  /** The seed of a generator made by {@link #random}, for assertion messages. */
  public static long seedOf(Random random) {
    return random instanceof Seeded s ? s.seed : -1;
  }

  private static final class Seeded extends Random {
    private static final long serialVersionUID = 1L;
    final long seed;

    Seeded(long seed) {
      super(seed);
      this.seed = seed;
    }
  }
}
