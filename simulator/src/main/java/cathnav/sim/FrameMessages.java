package cathnav.sim;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.GeometryFile;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.Vec3;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.MetadataValue;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.StringBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simulated frame as OpenIGTLink messages (DESIGN.md, "A 2D frame in OpenIGTLink").
 *
 * <p>The IMAGE is uint16 big-endian, size {@code (W, H, 1)}, with its matrix placing the pixels on the detector
 * plane in RAS (columns: u axis times the pixel spacing, v axis times the spacing, the beam; origin at pixel (0, 0)),
 * so a 3D viewer shows the frame where the detector is. Header version 2 carries the geometry as metadata:
 * {@code PositionerPrimaryAngle}, {@code PositionerSecondaryAngle} (degrees), {@code DistanceSourceToDetector},
 * {@code DistanceSourceToPatient} (mm) when the C-arm is known, {@code ImagerPixelSpacing} in DICOM order
 * ({@code "sv\su"}: row spacing first, mm), {@code cathnav.geometry} (the {@code *.geom.json} object, which rules)
 * and {@code cathnav.truth} (the frame's ground truth JSON). Header version 1 has no metadata: a STRING named
 * {@code CArmGeometry} holding the geometry JSON goes first, then the IMAGE.
 *
 * <p>Stateless and thread-safe. Ownership: each returned IMAGE holds a buffer from {@code alloc}; the caller sends
 * (hands over) or releases every message.
 */
public final class FrameMessages {

  /** Device name of the frames. */
  public static final String IMAGE_DEVICE = "Fluoroscopy";
  /** Device name of the geometry STRING for version-1 peers. */
  public static final String GEOMETRY_DEVICE = "CArmGeometry";

  private FrameMessages() {}

  /** The messages for one frame, in send order. */
  public static List<IgtlMessage> of(SimulatedFrame frame, int headerVersion, ByteBufAllocator alloc) {
    FrameGeometry g = frame.truth().geometry();
    String geometryJson = GeometryFile.toJson(g).encode();
    IgtlTimestamp ts = IgtlTimestamp.ofEpochNanos(frame.timestampNs());
    ByteBuf pixels = alloc.buffer(frame.pixels().length * 2);
    for (short s : frame.pixels()) {
      pixels.writeShort(s);
    }
    ImageBody image = ImageBody.of(ScalarType.UINT16, 1, ByteOrder.BIG_ENDIAN,
        new Dim3(frame.width(), frame.height(), 1), detectorPlane(g), pixels);
    List<IgtlMessage> out = new ArrayList<>(2);
    if (headerVersion == 1) {
      out.add(IgtlMessage.of(GEOMETRY_DEVICE, ts, StringBody.utf8(geometryJson)));
      out.add(IgtlMessage.of(IMAGE_DEVICE, ts, image));
    } else {
      Map<String, MetadataValue> meta = new LinkedHashMap<>();
      g.knownCArm().ifPresent(c -> putCArm(meta, c));
      meta.put("ImagerPixelSpacing", MetadataValue.ascii(num(g.pixelSpacingV()) + "\\" + num(g.pixelSpacingU())));
      meta.put("cathnav.geometry", MetadataValue.utf8(geometryJson));
      meta.put("cathnav.truth", MetadataValue.utf8(frame.truth().toJson().encode()));
      out.add(IgtlMessage.of(IMAGE_DEVICE, ts, image).withHeaderVersion(2).withMetadata(meta)
          .withMessageId(frame.truth().index() & 0xFFFF_FFFFL));
    }
    return out;
  }

  private static void putCArm(Map<String, MetadataValue> meta, CArmGeometry c) {
    meta.put("PositionerPrimaryAngle", MetadataValue.ascii(num(c.primaryAngleDeg())));
    meta.put("PositionerSecondaryAngle", MetadataValue.ascii(num(c.secondaryAngleDeg())));
    meta.put("DistanceSourceToDetector", MetadataValue.ascii(num(c.sidMm())));
    meta.put("DistanceSourceToPatient", MetadataValue.ascii(num(c.sodMm())));
  }

  /** Index (u, v, 0) to RAS on the detector plane: pixel (0, 0) at its place, columns u, v (times spacing), beam. */
  static AffineMatrix detectorPlane(FrameGeometry g) {
    ProjectionGeometry p = g.projectionGeometry();
    Vec3 u = p.uAxis();
    Vec3 v = p.vAxis();
    Vec3 beam = p.beamDirection();
    double sid = p.focalLengthU() * g.pixelSpacingU();
    Vec3 principal = p.source().plus(beam.times(sid));
    Vec3 origin = principal.minus(u.times(p.principalU() * g.pixelSpacingU()))
        .minus(v.times(p.principalV() * g.pixelSpacingV()));
    Vec3 cu = u.times(g.pixelSpacingU());
    Vec3 cv = v.times(g.pixelSpacingV());
    return new AffineMatrix(
        (float) cu.x(), (float) cv.x(), (float) beam.x(), (float) origin.x(),
        (float) cu.y(), (float) cv.y(), (float) beam.y(), (float) origin.y(),
        (float) cu.z(), (float) cv.z(), (float) beam.z(), (float) origin.z());
  }

  private static String num(double x) {
    return String.format(Locale.ROOT, "%.6g", x);
  }
}
