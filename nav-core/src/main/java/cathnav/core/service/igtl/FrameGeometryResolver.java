package cathnav.core.service.igtl;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.GeometryFile;
import cathnav.core.geometry.GeometryFormatException;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.MetadataValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The geometry of a received frame, in the order DESIGN.md fixes: the IMAGE's version-2 metadata (the C-arm keys
 * {@code PositionerPrimaryAngle}, {@code PositionerSecondaryAngle}, {@code DistanceSourceToDetector},
 * {@code DistanceSourceToPatient}, {@code ImagerPixelSpacing}, or {@code cathnav.geometry} holding geometry JSON),
 * else the last {@code CArmGeometry} STRING from the same connection, else the service's configured geometry. The
 * result must match the frame's size.
 *
 * <p>Thread-safety: one resolver per connection, used on that connection's event loop.
 */
public final class FrameGeometryResolver {

  /** Device name of the STRING message carrying geometry JSON. */
  public static final String GEOMETRY_STRING_DEVICE = "CArmGeometry";
  /** Metadata key carrying geometry JSON. */
  public static final String GEOMETRY_METADATA_KEY = "cathnav.geometry";

  private final FrameGeometry configured;
  private FrameGeometry lastFromString;

  /** The answer: a geometry, or the reason there is none (for the STATUS and the log). */
  public record Resolution(FrameGeometry geometry, String source, String refusal) {}

  /** @param configured the service's geometry for frames that bring none, or null */
  public FrameGeometryResolver(FrameGeometry configured) {
    this.configured = configured;
  }

  /**
   * Takes a {@code CArmGeometry} STRING's JSON as the connection's geometry from now on.
   *
   * @throws GeometryFormatException naming the peer and the field that is wrong
   */
  public void onGeometryString(String json, String peer) throws GeometryFormatException {
    lastFromString = GeometryFile.parse(json, "STRING " + GEOMETRY_STRING_DEVICE + " from " + peer);
  }

  /** The geometry of an IMAGE frame of {@code width x height} pixels. */
  public Resolution resolve(IgtlMessage image, int width, int height, String peer) {
    Map<String, MetadataValue> meta = image.metadata();
    FrameGeometry g;
    String source;
    try {
      if (meta.containsKey(GEOMETRY_METADATA_KEY)) {
        g = GeometryFile.parse(meta.get(GEOMETRY_METADATA_KEY).value(), "metadata " + GEOMETRY_METADATA_KEY
            + " from " + peer);
        source = "metadata";
      } else if (meta.containsKey("PositionerPrimaryAngle") || meta.containsKey("PositionerSecondaryAngle")) {
        g = fromCArmKeys(meta, width, height, peer);
        source = "metadata";
      } else if (lastFromString != null) {
        g = lastFromString;
        source = "string";
      } else if (configured != null) {
        g = configured;
        source = "configured";
      } else {
        return new Resolution(null, "", "frame has no geometry: no C-arm metadata, no " + GEOMETRY_STRING_DEVICE
            + " STRING and no configured geometry (serve --geometry FILE)");
      }
    } catch (GeometryFormatException | IllegalArgumentException e) {
      return new Resolution(null, "", "frame geometry is invalid: " + e.getMessage());
    }
    if (g.width() != width || g.height() != height) {
      return new Resolution(null, source, String.format(
          "frame size differs from its geometry, frame=%dx%d, geometry=%dx%d, geometrySource=%s", width, height,
          g.width(), g.height(), source));
    }
    return new Resolution(g, source, null);
  }

  private FrameGeometry fromCArmKeys(Map<String, MetadataValue> meta, int width, int height, String peer)
      throws GeometryFormatException {
    CArmGeometry base = configured == null ? null : configured.knownCArm().orElse(null);
    List<String> missing = new ArrayList<>();
    double alpha = number(meta, "PositionerPrimaryAngle", base == null ? null : base.primaryAngleDeg(), missing);
    double beta = number(meta, "PositionerSecondaryAngle", base == null ? null : base.secondaryAngleDeg(), missing);
    double sid = number(meta, "DistanceSourceToDetector", base == null ? null : base.sidMm(), missing);
    double sod = number(meta, "DistanceSourceToPatient", base == null ? null : base.sodMm(), missing);
    double su;
    double sv;
    MetadataValue spacing = meta.get("ImagerPixelSpacing");
    if (spacing != null) {
      String[] parts = spacing.value().trim().split("[\\\\,\\s]+");
      if (parts.length != 1 && parts.length != 2) {
        throw new GeometryFormatException("ImagerPixelSpacing must be one or two numbers, value=" + spacing.value()
            + ", peer=" + peer);
      }
      // DICOM order is row spacing (along v) then column spacing (along u)
      sv = parse("ImagerPixelSpacing", parts[0], peer);
      su = parts.length == 2 ? parse("ImagerPixelSpacing", parts[1], peer) : sv;
    } else if (base != null) {
      su = base.pixelSpacingU();
      sv = base.pixelSpacingV();
    } else {
      missing.add("ImagerPixelSpacing");
      su = sv = 0;
    }
    if (!missing.isEmpty()) {
      throw new GeometryFormatException("C-arm metadata incomplete and no configured C-arm to complete it, missing="
          + missing + ", peer=" + peer);
    }
    CArmGeometry c = new CArmGeometry(alpha, beta, sid, sod, width, height, su, sv, (width - 1) / 2.0,
        (height - 1) / 2.0, base == null ? cathnav.core.geometry.Vec3.ZERO : base.isocenter());
    return FrameGeometry.of(c);
  }

  private static double number(Map<String, MetadataValue> meta, String key, Double fallback, List<String> missing)
      throws GeometryFormatException {
    MetadataValue v = meta.get(key);
    if (v == null) {
      if (fallback == null) {
        missing.add(key);
        return 0;
      }
      return fallback;
    }
    return parse(key, v.value().trim(), "metadata");
  }

  private static double parse(String key, String text, String peer) throws GeometryFormatException {
    try {
      double d = Double.parseDouble(text);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException("not finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new GeometryFormatException("metadata " + key + " is not a number, value=" + text + ", peer=" + peer);
    }
  }
}
