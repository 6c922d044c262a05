package cathnav.igtl.message;

/**
 * Parameters of a {@code STT_TDATA} / {@code STT_QTDATA} stream request (36 bytes: i32 + char[32]).
 *
 * @param resolutionMs   minimum interval between two messages in ms (0: as fast as possible)
 * @param coordinateName name of the coordinate system the data should be in, at most 32 characters
 */
public record StreamParameters(int resolutionMs, String coordinateName) {

    /** Length of the coordinate-name field in bytes. */
    public static final int COORDINATE_NAME_LENGTH = 32;
    /** Wire size of the parameters. */
    public static final int WIRE_SIZE = 4 + COORDINATE_NAME_LENGTH;

    public StreamParameters {
        IgtlMessage.checkFixedText("coordinateName", coordinateName, COORDINATE_NAME_LENGTH);
    }
}
