package cathnav.gpu;

/**
 * HU to linear attenuation: {@code mu = muWater * max(0, 1 + clamp(hu, huMin, huMax) / 1000)}, in 1/mm.
 *
 * <p>The default {@code muWater = 0.0193 /mm} is water's linear attenuation near the effective energy of a
 * cardiac fluoroscopy beam (about 70 keV); air (-1000 HU) gives 0 and contrast-filled blood (about +400 HU)
 * 1.4 times water. {@code huMax} bounds metal and streak artefacts.
 */
public record Attenuation(double muWater, double huMin, double huMax) {

  public static final Attenuation DEFAULT = new Attenuation(0.0193, -1000, 3000);

  public Attenuation {
    if (!(muWater > 0) || !(huMin < huMax)) {
      throw new IllegalArgumentException(
          "invalid attenuation model, muWater=" + muWater + ", huMin=" + huMin + ", huMax=" + huMax);
    }
  }

  /** The attenuation of one HU value, 1/mm. */
  public float mu(double hu) {
    double h = Math.max(huMin, Math.min(huMax, hu));
    return (float) (muWater * Math.max(0.0, 1.0 + h / 1000.0));
  }
}
