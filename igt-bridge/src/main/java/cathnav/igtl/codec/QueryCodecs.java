package cathnav.igtl.codec;

import cathnav.igtl.message.GetQueryBody;
import cathnav.igtl.message.QueryNames;
import cathnav.igtl.message.QueryReplyBody;
import cathnav.igtl.message.StartStreamBody;
import cathnav.igtl.message.StopStreamBody;
import cathnav.igtl.message.StreamParameters;
import io.netty.buffer.ByteBuf;

import java.util.Optional;
import java.util.OptionalInt;

/** The four query forms GET_, STT_, STP_ and RTS_, for any target type. */
final class QueryCodecs {

    private QueryCodecs() {
    }

    /** {@code GET_<type>}: empty body. */
    static final class Get implements BodyCodec<GetQueryBody> {
        static final Get INSTANCE = new Get();

        @Override
        public Class<GetQueryBody> bodyClass() {
            return GetQueryBody.class;
        }

        @Override
        public GetQueryBody decode(String typeName, ByteBuf content) throws MalformedContentException {
            requireEmpty(typeName, content);
            return new GetQueryBody(QueryNames.target(typeName));
        }

        @Override
        public int encodedLength(GetQueryBody body) {
            return 0;
        }

        @Override
        public void encode(GetQueryBody body, ByteBuf out) {
            // empty body
        }
    }

    /** {@code STT_<type>}: empty, or i32 resolution (ms) + char[32] coordinate name. */
    static final class Start implements BodyCodec<StartStreamBody> {
        static final Start INSTANCE = new Start();

        @Override
        public Class<StartStreamBody> bodyClass() {
            return StartStreamBody.class;
        }

        @Override
        public StartStreamBody decode(String typeName, ByteBuf content) throws MalformedContentException {
            String target = QueryNames.target(typeName);
            if (!content.isReadable()) {
                return new StartStreamBody(target, Optional.empty());
            }
            if (content.readableBytes() != StreamParameters.WIRE_SIZE) {
                throw new MalformedContentException(typeName + " content must be 0 or 36 bytes, contentSize="
                        + content.readableBytes());
            }
            int resolution = content.readInt();
            String coordinate = WireText.readFixed(content, StreamParameters.COORDINATE_NAME_LENGTH);
            return new StartStreamBody(target, Optional.of(new StreamParameters(resolution, coordinate)));
        }

        @Override
        public int encodedLength(StartStreamBody body) {
            return body.parameters().isPresent() ? StreamParameters.WIRE_SIZE : 0;
        }

        @Override
        public void encode(StartStreamBody body, ByteBuf out) {
            body.parameters().ifPresent(p -> {
                out.writeInt(p.resolutionMs());
                WireText.writeFixed(out, p.coordinateName(), StreamParameters.COORDINATE_NAME_LENGTH);
            });
        }
    }

    /** {@code STP_<type>}: empty body. */
    static final class Stop implements BodyCodec<StopStreamBody> {
        static final Stop INSTANCE = new Stop();

        @Override
        public Class<StopStreamBody> bodyClass() {
            return StopStreamBody.class;
        }

        @Override
        public StopStreamBody decode(String typeName, ByteBuf content) throws MalformedContentException {
            requireEmpty(typeName, content);
            return new StopStreamBody(QueryNames.target(typeName));
        }

        @Override
        public int encodedLength(StopStreamBody body) {
            return 0;
        }

        @Override
        public void encode(StopStreamBody body, ByteBuf out) {
            // empty body
        }
    }

    /** {@code RTS_<type>}: empty, or one status byte. */
    static final class Reply implements BodyCodec<QueryReplyBody> {
        static final Reply INSTANCE = new Reply();

        @Override
        public Class<QueryReplyBody> bodyClass() {
            return QueryReplyBody.class;
        }

        @Override
        public QueryReplyBody decode(String typeName, ByteBuf content) throws MalformedContentException {
            String target = QueryNames.target(typeName);
            return switch (content.readableBytes()) {
                case 0 -> new QueryReplyBody(target, OptionalInt.empty());
                case 1 -> new QueryReplyBody(target, OptionalInt.of(content.readUnsignedByte()));
                default -> throw new MalformedContentException(typeName + " content must be 0 or 1 byte, contentSize="
                        + content.readableBytes());
            };
        }

        @Override
        public int encodedLength(QueryReplyBody body) {
            return body.status().isPresent() ? 1 : 0;
        }

        @Override
        public void encode(QueryReplyBody body, ByteBuf out) {
            body.status().ifPresent(out::writeByte);
        }
    }

    private static void requireEmpty(String typeName, ByteBuf content) throws MalformedContentException {
        if (content.isReadable()) {
            throw new MalformedContentException(typeName + " content must be empty, contentSize="
                    + content.readableBytes());
        }
    }
}
