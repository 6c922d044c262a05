package cathnav.igtl.message;

/**
 * {@code GET_<type>}: asks the peer for its current {@code target} data (empty body). The answer is a message
 * of the target type, or an {@code RTS_} reply.
 *
 * @param target canonical target type name, e.g. {@code TRANSFORM}, {@code IMAGE}, {@code POLYDATA}
 */
public record GetQueryBody(String target) implements IgtlBody {

    public GetQueryBody {
        QueryNames.checkTarget(target);
    }

    @Override
    public String defaultTypeName() {
        return QueryNames.typeName(QueryNames.GET, target);
    }
}
