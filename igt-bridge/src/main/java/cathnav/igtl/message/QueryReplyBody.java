package cathnav.igtl.message;

import java.util.OptionalInt;

/**
 * {@code RTS_<type>}: the reply to a {@code GET_}, {@code STT_} or {@code STP_} query. Tracking-data and most
 * other replies carry one status byte (0 success, 1 error); an empty body is accepted too.
 * ({@code RTS_COMMAND} is not this: it carries a command reply.)
 *
 * @param target canonical target type name
 * @param status the status byte when present, 0 to 255
 */
public record QueryReplyBody(String target, OptionalInt status) implements IgtlBody {

    public static final int SUCCESS = 0;
    public static final int ERROR = 1;

    public QueryReplyBody {
        QueryNames.checkTarget(target);
        if (status == null) {
            throw new IllegalArgumentException("reply status is null (use OptionalInt.empty()), target=" + target);
        }
        if (status.isPresent() && (status.getAsInt() < 0 || status.getAsInt() > 0xFF)) {
            throw new IllegalArgumentException("reply status out of u8 range, status=" + status.getAsInt());
        }
    }

    /** A reply with a status byte. */
    public static QueryReplyBody of(String target, int status) {
        return new QueryReplyBody(target, OptionalInt.of(status));
    }

    @Override
    public String defaultTypeName() {
        return QueryNames.typeName(QueryNames.REPLY, target);
    }
}
