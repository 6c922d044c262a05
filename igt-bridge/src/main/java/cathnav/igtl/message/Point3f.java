package cathnav.igtl.message;

/**
 * A position in mm (RAS unless the message says otherwise), float32 as on the wire. Equality is bitwise per
 * component.
 */
public record Point3f(float x, float y, float z) {

    /** The origin. */
    public static final Point3f ORIGIN = new Point3f(0, 0, 0);
}
