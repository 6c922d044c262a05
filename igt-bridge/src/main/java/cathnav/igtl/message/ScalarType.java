package cathnav.igtl.message;

/** Scalar types of IMAGE, IMGMETA and NDARRAY, with their wire codes and sizes in bytes. */
public enum ScalarType {
    INT8(2, 1), UINT8(3, 1), INT16(4, 2), UINT16(5, 2), INT32(6, 4), UINT32(7, 4), FLOAT32(10, 4), FLOAT64(11, 8),
    /** Complex float64 pair; NDARRAY only. */
    COMPLEX(13, 16);

    private final int code;
    private final int bytes;

    ScalarType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** Wire code (2..11, 13). */
    public int code() {
        return code;
    }

    /** Size of one scalar in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The type with wire code {@code code}, or {@code null} when there is none. */
    public static ScalarType fromCode(int code) {
        for (ScalarType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
