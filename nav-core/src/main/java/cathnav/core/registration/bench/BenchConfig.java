package cathnav.core.registration.bench;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The registration bench's set-up.
 *
 * @param ct registration CT (HU)
 * @param heartMask binary heart mask in the same world frame (targets of the mTRE)
 * @param cases number of cases
 * @param backend compute backend request ({@code auto}, {@code java}, {@code opencl}, {@code cuda})
 * @param seed random seed of views, poses, starts and noise
 * @param detectorSize detector width and height, pixels
 * @param pixelSpacingMm detector pixel spacing, mm
 * @param sidMm source to detector distance, mm
 * @param sodMm source to isocentre distance, mm
 * @param countsMin mean detector count of an unattenuated pixel (sets the quantum noise: dose times detector
 *     efficiency per pixel); each case draws its own, log-uniformly between {@code countsMin} and {@code countsMax}
 * @param countsMax see {@code countsMin}; equal to it for a single noise level
 * @param gainMin detector output per counted quantum (rounded to integers, clipped to 16 bits); each case draws its
 *     own, log-uniformly between {@code gainMin} and {@code gainMax}
 * @param gainMax see {@code gainMin}
 * @param leadProbability probability that a case's frame has a pacing lead (not in the CT) drawn in: 1 always, 0
 *     never
 * @param trackingProbability probability that a case is a bounded tracking update
 *     ({@link cathnav.core.registration.RegistrationOptions#TRACKING}) instead of a full registration; such a case
 *     starts {@link RegistrationBenchmark#TRACKING_START_SCALE} times as far from the truth
 * @param maxStartTranslationMm starts are up to this far from the truth (at the model centre), mm
 * @param maxStartRotationDeg and rotated up to this much, degrees
 */
public record BenchConfig(
    Path ct,
    Path heartMask,
    int cases,
    String backend,
    long seed,
    int detectorSize,
    double pixelSpacingMm,
    double sidMm,
    double sodMm,
    double countsMin,
    double countsMax,
    double gainMin,
    double gainMax,
    double leadProbability,
    double trackingProbability,
    double maxStartTranslationMm,
    double maxStartRotationDeg) {

  public BenchConfig {
    Objects.requireNonNull(ct, "ct");
    Objects.requireNonNull(heartMask, "heartMask");
    Objects.requireNonNull(backend, "backend");
    if (cases < 1 || detectorSize < 32 || !(pixelSpacingMm > 0) || !(sodMm > 0) || !(sidMm > sodMm)
        || !(countsMin > 0) || !(countsMax >= countsMin) || !(gainMin > 0) || !(gainMax >= gainMin)
        || !(leadProbability >= 0 && leadProbability <= 1)
        || !(trackingProbability >= 0 && trackingProbability <= 1) || !(maxStartTranslationMm >= 0) || !(maxStartRotationDeg >= 0)) {
      throw new IllegalArgumentException("invalid bench configuration, " + this);
    }
  }
}
