package cathnav.gpu.testing;

import cathnav.gpu.ComputeBackend;
import java.util.Random;

/**
 * One test case on one backend: the backend and its random inputs, seeded afresh (or from
 * {@value TestSeeds#PROPERTY}) with the seed printed.
 *
 * @param backend the backend under test
 * @param random the seeded generator behind {@code in}
 * @param in the random inputs of this case
 */
public record BackendTrial(ComputeBackend backend, Random random, RandomInputs in) {

  /** A trial named {@code what} (test, method and parameters) on {@code backend}. */
  public static BackendTrial of(String what, ComputeBackend backend) {
    Random random = TestSeeds.random(what);
    return new BackendTrial(backend, random, new RandomInputs(random));
  }

  /** {@code "seed=N"}, for assertion messages. */
  public String seed() {
    return "seed=" + TestSeeds.seedOf(random);
  }
}
