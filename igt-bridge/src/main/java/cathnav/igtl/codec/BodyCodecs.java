package cathnav.igtl.codec;

import cathnav.igtl.message.GetQueryBody;
import cathnav.igtl.message.IgtlBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.QueryNames;
import cathnav.igtl.message.QueryReplyBody;
import cathnav.igtl.message.RawBody;
import cathnav.igtl.message.StartStreamBody;
import cathnav.igtl.message.StopStreamBody;

import java.util.Map;

/** Which {@link BodyCodec} reads and writes which type name. Immutable. */
final class BodyCodecs {

    private static final Map<String, BodyCodec<?>> BY_TYPE = Map.of(
            "TRANSFORM", TransformCodec.INSTANCE,
            "IMAGE", ImageCodec.INSTANCE,
            "STATUS", StatusCodec.INSTANCE,
            "STRING", StringCodec.INSTANCE,
            "POLYDATA", PolyDataCodec.INSTANCE);

    private BodyCodecs() {
    }

    /** The codec that decodes {@code typeName}; {@link RawCodec} for types not interpreted here. */
    static BodyCodec<?> forTypeName(String typeName) {
        BodyCodec<?> codec = BY_TYPE.get(typeName);
        if (codec != null) {
            return codec;
        }
        if (QueryNames.isQuery(typeName) && typeName.length() > 4) {
            if (typeName.startsWith(QueryNames.GET)) {
                return QueryCodecs.Get.INSTANCE;
            }
            if (typeName.startsWith(QueryNames.START)) {
                return QueryCodecs.Start.INSTANCE;
            }
            if (typeName.startsWith(QueryNames.STOP)) {
                return QueryCodecs.Stop.INSTANCE;
            }
            return QueryCodecs.Reply.INSTANCE;
        }
        return RawCodec.INSTANCE;
    }

    /**
     * The codec that encodes {@code message}: the one for its type name, which must accept its body class.
     * A {@link RawBody} goes out verbatim under any type name.
     */
    @SuppressWarnings("unchecked")
    static BodyCodec<IgtlBody> forEncoding(IgtlMessage message) {
        IgtlBody body = message.body();
        if (body instanceof RawBody) {
            return (BodyCodec<IgtlBody>) (BodyCodec<?>) RawCodec.INSTANCE;
        }
        BodyCodec<?> codec = forTypeName(message.typeName());
        if (!codec.bodyClass().isInstance(body)) {
            throw new IllegalArgumentException("body does not match the type name, typeName=" + message.typeName()
                    + ", body=" + body.getClass().getSimpleName() + ", device=" + message.deviceName());
        }
        String target = queryTarget(body);
        if (target != null && !target.equals(QueryNames.target(message.typeName()))) {
            throw new IllegalArgumentException("query target does not match the type name, typeName="
                    + message.typeName() + ", target=" + target);
        }
        return (BodyCodec<IgtlBody>) codec;
    }

    private static String queryTarget(IgtlBody body) {
        if (body instanceof GetQueryBody q) {
            return q.target();
        }
        if (body instanceof StartStreamBody q) {
            return q.target();
        }
        if (body instanceof StopStreamBody q) {
            return q.target();
        }
        if (body instanceof QueryReplyBody q) {
            return q.target();
        }
        return null;
    }
}
