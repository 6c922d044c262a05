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
 * @param unattenuatedCounts mean detector count of an unattenuated pixel (sets the quantum noise)
 * @param lead whether a pacing lead (not in the CT) is drawn into each frame
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
    double unattenuatedCounts,
    boolean lead,
    double maxStartTranslationMm,
    double maxStartRotationDeg) {

  public BenchConfig {
    Objects.requireNonNull(ct, "ct");
    Objects.requireNonNull(heartMask, "heartMask");
    Objects.requireNonNull(backend, "backend");
    if (cases < 1 || detectorSize < 32 || !(pixelSpacingMm > 0) || !(sodMm > 0) || !(sidMm > sodMm)
        || !(unattenuatedCounts > 0) || !(maxStartTranslationMm >= 0) || !(maxStartRotationDeg >= 0)) {
      throw new IllegalArgumentException("invalid bench configuration, " + this);
    }
  }
}
