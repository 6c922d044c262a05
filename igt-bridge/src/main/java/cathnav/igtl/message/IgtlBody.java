package cathnav.igtl.message;

/**
 * The typed content of one OpenIGTLink message (the part of the body after the version-2 extended header and
 * before the metadata). Implementations are immutable records; the few that hold a network buffer
 * ({@link ImageBody}, {@link RawBody}) also implement {@link io.netty.util.ReferenceCounted}.
 */
public interface IgtlBody {

    /** The type name this body is sent with unless the envelope says otherwise (at most 12 ASCII characters). */
    String defaultTypeName();
}
