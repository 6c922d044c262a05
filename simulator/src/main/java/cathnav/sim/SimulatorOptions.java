package cathnav.sim;

import cathnav.sim.detector.BitDepth;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.motion.CardiacMotion;
import cathnav.sim.motion.RespiratoryMotion;
import java.util.Objects;

/**
 * How a {@link FluoroscopySimulator} renders.
 *
 * @param bitDepth stored bits
 * @param noise quantum and electronic noise on or off
 * @param seed seed of the noise generator (runs with the same seed and inputs give the same frames)
 * @param referenceDoseNGy dose at which the unattenuated beam fills 90 % of the stored range, nGy
 * @param allowWarp whether a moved heart may be drawn by warping its cached DRR (see {@code AnatomyRenderer})
 * @param maxWarpResidualPx the largest residual accepted for a warp, pixels
 * @param stepMm ray sampling step, mm
 * @param respiration respiratory motion of the heart region
 * @param cardiac cardiac motion of the heart region
 * @param startTimestampNs timestamp of the first frame, ns
 * @param heartScale detector coarsening when a moved heart is ray-cast: 1 for full resolution, 0 for automatic
 *     (the largest factor, at most 4, whose coarse pixel seen at the heart centre is no larger than a CT voxel)
 */
public record SimulatorOptions(
    BitDepth bitDepth,
    NoiseMode noise,
    long seed,
    double referenceDoseNGy,
    boolean allowWarp,
    double maxWarpResidualPx,
    double stepMm,
    RespiratoryMotion respiration,
    CardiacMotion cardiac,
    long startTimestampNs,
    int heartScale) {

  /** 12 bits, full noise, reference dose 30 nGy, warping allowed up to 0.5 pixel, 1 mm steps, typical motion. */
  public static final SimulatorOptions DEFAULT = new SimulatorOptions(BitDepth.BITS_12, NoiseMode.FULL, 1, 30, true,
      0.5, 1.0, RespiratoryMotion.TYPICAL, CardiacMotion.TYPICAL, 0, 0);

  public SimulatorOptions {
    Objects.requireNonNull(bitDepth, "bitDepth");
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(respiration, "respiration");
    Objects.requireNonNull(cardiac, "cardiac");
    if (heartScale < 0 || heartScale > 16) {
      throw new IllegalArgumentException("heartScale must be in [0, 16], heartScale=" + heartScale);
    }
    if (!(referenceDoseNGy > 0) || !(maxWarpResidualPx >= 0) || !(stepMm > 0)) {
      throw new IllegalArgumentException("invalid simulator options, referenceDoseNGy=" + referenceDoseNGy
          + ", maxWarpResidualPx=" + maxWarpResidualPx + ", stepMm=" + stepMm);
    }
  }

  public SimulatorOptions withBitDepth(BitDepth b) {
    return new SimulatorOptions(b, noise, seed, referenceDoseNGy, allowWarp, maxWarpResidualPx, stepMm,
        respiration, cardiac, startTimestampNs, heartScale);
  }

  public SimulatorOptions withNoise(NoiseMode n) {
    return new SimulatorOptions(bitDepth, n, seed, referenceDoseNGy, allowWarp, maxWarpResidualPx, stepMm,
        respiration, cardiac, startTimestampNs, heartScale);
  }

  public SimulatorOptions withSeed(long s) {
    return new SimulatorOptions(bitDepth, noise, s, referenceDoseNGy, allowWarp, maxWarpResidualPx, stepMm,
        respiration, cardiac, startTimestampNs, heartScale);
  }

  public SimulatorOptions withWarp(boolean allow, double maxResidualPx) {
    return new SimulatorOptions(bitDepth, noise, seed, referenceDoseNGy, allow, maxResidualPx, stepMm,
        respiration, cardiac, startTimestampNs, heartScale);
  }

  public SimulatorOptions withMotion(RespiratoryMotion r, CardiacMotion c) {
    return new SimulatorOptions(bitDepth, noise, seed, referenceDoseNGy, allowWarp, maxWarpResidualPx, stepMm,
        r, c, startTimestampNs, heartScale);
  }

  public SimulatorOptions withStepMm(double step) {
    return new SimulatorOptions(bitDepth, noise, seed, referenceDoseNGy, allowWarp, maxWarpResidualPx, step,
        respiration, cardiac, startTimestampNs, heartScale);
  }

  public SimulatorOptions withStartTimestampNs(long ns) {
    return new SimulatorOptions(bitDepth, noise, seed, referenceDoseNGy, allowWarp, maxWarpResidualPx, stepMm,
        respiration, cardiac, ns, heartScale);
  }

  public SimulatorOptions withHeartScale(int k) {
    return new SimulatorOptions(bitDepth, noise, seed, referenceDoseNGy, allowWarp, maxWarpResidualPx, stepMm,
        respiration, cardiac, startTimestampNs, k);
  }
}
