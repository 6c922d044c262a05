package cathnav.igtl.message;

/**
 * TRANSFORM: one affine transform (48 bytes on the wire: twelve float32 in column order, see
 * {@link AffineMatrix}). Units are mm; the frame is the receiver's RAS world unless agreed otherwise.
 *
 * @param matrix the transform
 */
public record TransformBody(AffineMatrix matrix) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "TRANSFORM";

    public TransformBody {
        if (matrix == null) {
            throw new IllegalArgumentException("transform matrix is null");
        }
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
