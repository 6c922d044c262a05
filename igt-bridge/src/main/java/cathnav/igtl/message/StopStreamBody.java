package cathnav.igtl.message;

/**
 * {@code STP_<type>}: asks the peer to stop streaming {@code target} messages (empty body).
 *
 * @param target canonical target type name
 */
public record StopStreamBody(String target) implements IgtlBody {

    public StopStreamBody {
        QueryNames.checkTarget(target);
    }

    @Override
    public String defaultTypeName() {
        return QueryNames.typeName(QueryNames.STOP, target);
    }
}
