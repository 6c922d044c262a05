package cathnav.igtl.codec;

/**
 * Thrown inside the codec when a body does not match its type's layout; the decoder turns it into an
 * {@link IgtlInvalidFrame} and never lets it leave. The message is {@code key=value} context.
 */
public final class MalformedContentException extends Exception {

    public MalformedContentException(String message) {
        super(message, null, false, false);
    }
}
