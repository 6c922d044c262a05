package cathnav.igtl.message;

import java.util.Optional;

/**
 * {@code STT_<type>}: asks the peer to start streaming {@code target} messages. Tracking-data streams
 * ({@code STT_TDATA}, {@code STT_QTDATA}) carry {@link StreamParameters}; other targets have an empty body.
 *
 * @param target     canonical target type name
 * @param parameters present when the body carries resolution and coordinate name
 */
public record StartStreamBody(String target, Optional<StreamParameters> parameters) implements IgtlBody {

    public StartStreamBody {
        QueryNames.checkTarget(target);
        if (parameters == null) {
            throw new IllegalArgumentException("stream parameters are null (use Optional.empty()), target=" + target);
        }
    }

    /** A start request with parameters. */
    public static StartStreamBody of(String target, int resolutionMs, String coordinateName) {
        return new StartStreamBody(target, Optional.of(new StreamParameters(resolutionMs, coordinateName)));
    }

    @Override
    public String defaultTypeName() {
        return QueryNames.typeName(QueryNames.START, target);
    }
}
