package cathnav.sim.detector;

/** Which random processes an exposure includes. */
public enum NoiseMode {
  /** Expected values only: detected quanta equal their mean, no electronic noise (blur and quantisation remain). */
  NONE,
  /** Quantum (Poisson) noise and electronic noise, as {@link DetectorModel} describes. */
  FULL
}
