package cathnav.igtl.message;

/**
 * POSITION: a position with an optional orientation, in one of three wire forms.
 *
 * <pre>
 *  FULL (28 bytes):         x y z  qx qy qz qw   (float32)
 *  QUATERNION3 (24 bytes):  x y z  qx qy qz      (qw = sqrt(1 - qx^2 - qy^2 - qz^2), not sent)
 *  POSITION_ONLY (12 bytes): x y z               (orientation = identity, not sent)
 * </pre>
 * The constructor normalises the fields the form does not send, so a decoded record equals the one encoded.
 *
 * @param form        wire form
 * @param position    mm, RAS
 * @param orientation orientation (see the form)
 */
public record PositionBody(Form form, Point3f position, Quaternion4f orientation) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "POSITION";

    /** The three body sizes POSITION allows. */
    public enum Form {
        POSITION_ONLY(12), QUATERNION3(24), FULL(28);

        private final int wireSize;

        Form(int wireSize) {
            this.wireSize = wireSize;
        }

        /** Body size in bytes. */
        public int wireSize() {
            return wireSize;
        }
    }

    public PositionBody {
        if (form == null || position == null || orientation == null) {
            throw new IllegalArgumentException("position fields must not be null");
        }
        if (form == Form.POSITION_ONLY) {
            orientation = Quaternion4f.IDENTITY;
        } else if (form == Form.QUATERNION3) {
            orientation = new Quaternion4f(orientation.x(), orientation.y(), orientation.z(),
                    impliedW(orientation.x(), orientation.y(), orientation.z()));
        }
    }

    /** A full (28-byte) position and orientation. */
    public static PositionBody of(Point3f position, Quaternion4f orientation) {
        return new PositionBody(Form.FULL, position, orientation);
    }

    /** The w a 24-byte POSITION implies: {@code sqrt(max(0, 1 - x^2 - y^2 - z^2))}. */
    public static float impliedW(float x, float y, float z) {
        double s = 1.0 - ((double) x * x + (double) y * y + (double) z * z);
        return (float) Math.sqrt(Math.max(0.0, s));
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
