package cathnav.igtl.codec;

import cathnav.igtl.message.CommandBody;
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

    private static final Map<String, BodyCodec<?>> BY_TYPE = Map.ofEntries(
            Map.entry("TRANSFORM", TransformCodec.INSTANCE),
            Map.entry("IMAGE", ImageCodec.INSTANCE),
            Map.entry("STATUS", StatusCodec.INSTANCE),
            Map.entry("STRING", StringCodec.INSTANCE),
            Map.entry("POLYDATA", PolyDataCodec.INSTANCE),
            Map.entry("POSITION", PositionCodec.INSTANCE),
            Map.entry("TDATA", TrackingCodecs.Tdata.INSTANCE),
            Map.entry("QTDATA", TrackingCodecs.Qtdata.INSTANCE),
            Map.entry("POINT", AnnotationCodecs.Point.INSTANCE),
            Map.entry("TRAJ", AnnotationCodecs.Trajectory.INSTANCE),
            Map.entry("CAPABILITY", MetaCodecs.Capability.INSTANCE),
            Map.entry("IMGMETA", MetaCodecs.ImageMeta.INSTANCE),
            Map.entry("LBMETA", MetaCodecs.LabelMeta.INSTANCE),
            Map.entry("COLORT", ColorTableCodec.INSTANCE),
            Map.entry("COLORTABLE", ColorTableCodec.INSTANCE),
            Map.entry("NDARRAY", NdArrayCodec.INSTANCE),
            Map.entry("COMMAND", CommandCodec.COMMAND),
            Map.entry(CommandBody.REPLY_TYPE, CommandCodec.REPLY),
            Map.entry("SENSOR", SensorCodec.INSTANCE),
            Map.entry("BIND", BindCodec.INSTANCE),
            // BIND queries carry child lists this codec does not model: kept raw
            Map.entry("GET_BIND", RawCodec.INSTANCE),
            Map.entry("STT_BIND", RawCodec.INSTANCE));

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
        if (!codec.bodyClass().isInstance(body) || codec instanceof CommandCodec c && !c.accepts((CommandBody) body)) {
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
