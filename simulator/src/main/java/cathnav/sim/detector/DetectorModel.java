package cathnav.sim.detector;

/**
 * A flat-panel fluoroscopy detector: how a line integral of attenuation becomes a stored pixel value.
 *
 * <p>Per pixel with line integral {@code L} (dimensionless): expected detected quanta
 * {@code lambda = quantaPerPixel * exp(-L)}; detected quanta {@code N ~ Poisson(lambda)}; scintillator blur (a
 * normalised Gaussian of {@code blurSigmaPx} pixels, applied to {@code N}, so it also correlates the noise);
 * stored value {@code round(offset + gain * blurred + e)} with electronic noise {@code e ~ Normal(0,
 * electronicSigma^2)} (in stored units), clamped to {@code [0, 2^bits - 1]}.
 *
 * <p>{@code quantaPerPixel} comes from the dose: {@link #quantaPerPixel(double)}. Values are immutable and
 * thread-safe.
 *
 * @param pixelAreaMm2 area of one detector pixel, mm^2 (pixel spacing u times v)
 * @param dqe detective quantum efficiency in (0, 1]: the fraction of incident quanta that are detected
 * @param gain stored units per detected quantum (positive)
 * @param offset stored units added to every pixel (dark level)
 * @param electronicSigma standard deviation of the additive electronic noise, stored units (0 for none)
 * @param blurSigmaPx standard deviation of the scintillator blur, pixels (0 for none)
 * @param bitDepth stored bits
 */
public record DetectorModel(
    double pixelAreaMm2, double dqe, double gain, double offset, double electronicSigma, double blurSigmaPx,
    BitDepth bitDepth) {

  /**
   * Photon fluence per unit air kerma of a cardiac fluoroscopy beam near its effective energy (about 60 keV):
   * {@code 1 / (E * (mu_en/rho)_air)} = 34.2 quanta per mm^2 per nGy.
   */
  public static final double QUANTA_PER_MM2_PER_NGY = 34.2;

  public DetectorModel {
    if (!(pixelAreaMm2 > 0) || !(dqe > 0 && dqe <= 1) || !(gain > 0) || !(electronicSigma >= 0)
        || !(blurSigmaPx >= 0) || !Double.isFinite(offset) || bitDepth == null) {
      throw new IllegalArgumentException(String.format(
          "invalid detector model, pixelAreaMm2=%s, dqe=%s, gain=%s, offset=%s, electronicSigma=%s,"
              + " blurSigmaPx=%s, bitDepth=%s",
          pixelAreaMm2, dqe, gain, offset, electronicSigma, blurSigmaPx, bitDepth));
    }
  }

  /**
   * A typical flat panel at {@code pixelSpacingMm} square pixels: DQE 0.65, dark offset 2 % of full scale,
   * electronic noise 0.05 % of full scale, blur 0.5 pixel, gain set so that the unattenuated beam at
   * {@code referenceDoseNGy} fills 90 % of the range.
   */
  public static DetectorModel typical(double pixelSpacingMm, double referenceDoseNGy, BitDepth bits) {
    double area = pixelSpacingMm * pixelSpacingMm;
    double dqe = 0.65;
    double full = bits.maxValue();
    double offset = Math.rint(0.02 * full);
    double lambda0 = referenceDoseNGy * QUANTA_PER_MM2_PER_NGY * area * dqe;
    double gain = (0.9 * full - offset) / lambda0;
    return new DetectorModel(area, dqe, gain, offset, 0.0005 * full, 0.5, bits);
  }

  /** Expected detected quanta per pixel for the unattenuated beam at a detector-entrance dose of {@code doseNGy}. */
  public double quantaPerPixel(double doseNGy) {
    if (!(doseNGy > 0) || Double.isInfinite(doseNGy)) {
      throw new IllegalArgumentException("dose must be positive, doseNGy=" + doseNGy);
    }
    return doseNGy * QUANTA_PER_MM2_PER_NGY * pixelAreaMm2 * dqe;
  }

  /** This model with another bit depth, everything else unchanged. */
  public DetectorModel withBitDepth(BitDepth bits) {
    return new DetectorModel(pixelAreaMm2, dqe, gain, offset, electronicSigma, blurSigmaPx, bits);
  }

  /** This model without blur and electronic noise (quantum noise only). */
  public DetectorModel quantumNoiseOnly() {
    return new DetectorModel(pixelAreaMm2, dqe, gain, offset, 0, 0, bitDepth);
  }
}
