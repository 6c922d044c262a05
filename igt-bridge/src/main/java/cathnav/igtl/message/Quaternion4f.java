package cathnav.igtl.message;

/** An orientation quaternion {@code (x, y, z, w)}, float32 as on the wire; unit length by convention. */
public record Quaternion4f(float x, float y, float z, float w) {

    /** No rotation. */
    public static final Quaternion4f IDENTITY = new Quaternion4f(0, 0, 0, 1);
}
