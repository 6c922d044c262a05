package cathnav.igtl.codec;

import org.junit.jupiter.api.extension.ExtendWith;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.CommandBody;
import cathnav.igtl.message.GetQueryBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.MetadataValue;
import cathnav.igtl.message.PolyAttribute;
import cathnav.igtl.message.PolyDataBody;
import cathnav.igtl.message.PositionBody;
import cathnav.igtl.message.Point3f;
import cathnav.igtl.message.Quaternion4f;
import cathnav.igtl.message.QueryReplyBody;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.TransformBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-type decoding details that the round-trip properties do not pin down. */
@ExtendWith(NettyLeakWatch.class)
class BodyCodecTest {

    private static final IgtlFrameParser PARSER = new IgtlFrameParser(IgtlCodecOptions.DEFAULTS);

    private static Object parse(byte[] wire) {
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        try {
            return PARSER.parse(in, 0);
        } finally {
            in.release();
        }
    }

    private static byte[] wire(IgtlMessage m) {
        ByteBuf b = IgtlFrameWriter.encode(UnpooledByteBufAllocator.DEFAULT, m);
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void referenceLibraryNineComponentAttributesAreAcceptedAndFlagged() {
        byte[] file = SharedIgtlData.read(SharedIgtlData.igtlDir().resolve("lib-1.11/POLYDATA_polytest_cellscalar_rgba.bin"));
        IgtlMessage m = assertInstanceOf(IgtlMessage.class, parse(file));
        PolyDataBody poly = m.body(PolyDataBody.class);
        assertEquals(3, poly.pointCount());
        assertEquals(1, poly.polygons().cellCount());
        PolyAttribute cellScalar = poly.attributes().get(0);
        PolyAttribute rgba = poly.attributes().get(1);
        assertTrue(cellScalar.cellData());
        assertEquals(PolyAttribute.Kind.SCALAR, cellScalar.kind());
        assertEquals(9, cellScalar.components());
        assertTrue(cellScalar.hasReferenceLibraryComponentQuirk());
        assertEquals(42.0f, cellScalar.get(0));
        assertEquals(PolyAttribute.Kind.RGBA, rgba.kind());
        assertFalse(rgba.cellData());
        assertTrue(rgba.hasReferenceLibraryComponentQuirk());
        assertEquals(3, rgba.count());
    }

    @Test
    void getTransAndGetTransforBothDecodeAsTransformQueriesAndKeepTheirName() {
        for (String name : new String[] {"GET_TRANS", "GET_TRANSFOR"}) {
            IgtlMessage query = IgtlMessage.of("Slicer", IgtlTimestamp.ZERO, new GetQueryBody("TRANSFORM"))
                    .withTypeName(name);
            byte[] bytes = wire(query);
            IgtlMessage back = assertInstanceOf(IgtlMessage.class, parse(bytes));
            assertEquals(new GetQueryBody("TRANSFORM"), back.body());
            assertEquals(name, back.typeName());
        }
    }

    @Test
    void position24ByteFormImpliesW() {
        PositionBody p = new PositionBody(PositionBody.Form.QUATERNION3, new Point3f(1, 2, 3),
                new Quaternion4f(0.6f, 0f, 0f, 123f));
        assertEquals(0.8f, p.orientation().w(), 1e-6f);
        byte[] bytes = wire(IgtlMessage.of("Probe", IgtlTimestamp.ZERO, p));
        assertEquals(HeaderDescriptor.HEADER_LENGTH + 24, bytes.length);
        assertEquals(p, ((IgtlMessage) parse(bytes)).body());
    }

    @Test
    void statusMessageIsSentNulTerminated() {
        byte[] bytes = wire(IgtlMessage.of("Service", IgtlTimestamp.ZERO, StatusBody.of(StatusBody.OK, "ok")));
        assertEquals(HeaderDescriptor.HEADER_LENGTH + 30 + 3, bytes.length);
        assertEquals(0, bytes[bytes.length - 1]);
    }

    @Test
    void versionOneDropsMetadataAndMessageId() {
        IgtlMessage v2 = IgtlMessage.of("T", IgtlTimestamp.ZERO, new TransformBody(AffineMatrix.IDENTITY))
                .withHeaderVersion(2).withMetadata(Map.of("k", MetadataValue.ascii("v"))).withMessageId(9);
        byte[] v1 = wire(v2.withHeaderVersion(1));
        assertEquals(HeaderDescriptor.HEADER_LENGTH + 48, v1.length);
        IgtlMessage back = (IgtlMessage) parse(v1);
        assertTrue(back.metadata().isEmpty());
        assertEquals(0, back.messageId());
    }

    @Test
    void encodingABodyUnderAnotherTypeNameFails() {
        IgtlMessage wrong = IgtlMessage.of("T", IgtlTimestamp.ZERO, new TransformBody(AffineMatrix.IDENTITY))
                .withTypeName("IMAGE");
        assertThrows(IllegalArgumentException.class, () -> IgtlFrameWriter.encode(UnpooledByteBufAllocator.DEFAULT, wrong));
        IgtlMessage reply = IgtlMessage.of("T", IgtlTimestamp.ZERO, CommandBody.reply(1, "Start", "<ok/>"))
                .withTypeName("COMMAND");
        assertThrows(IllegalArgumentException.class, () -> IgtlFrameWriter.encode(UnpooledByteBufAllocator.DEFAULT, reply));
        IgtlMessage mismatched = IgtlMessage.of("T", IgtlTimestamp.ZERO, QueryReplyBody.of("IMAGE", 0))
                .withTypeName("RTS_TDATA");
        assertThrows(IllegalArgumentException.class,
                () -> IgtlFrameWriter.encode(UnpooledByteBufAllocator.DEFAULT, mismatched));
    }

    @Test
    void polyDataCellIndexBeyondThePointsIsMalformed() {
        byte[] bytes = wire(IgtlMessage.of("Overlay", IgtlTimestamp.ZERO, PolyDataBody.ofLines(
                new float[] {0, 0, 0, 1, 1, 1}, cathnav.igtl.message.PolyCells.ofCells(new int[] {0, 1}))));
        // the line's second index is the last u32 of the body
        bytes[bytes.length - 1] = 2;
        long crc = Crc64.compute(bytes, HeaderDescriptor.HEADER_LENGTH, bytes.length - HeaderDescriptor.HEADER_LENGTH);
        Unpooled.wrappedBuffer(bytes).setLong(HeaderDescriptor.CRC_OFFSET, crc);
        IgtlInvalidFrame invalid = assertInstanceOf(IgtlInvalidFrame.class, parse(bytes));
        assertEquals(InvalidReason.MALFORMED_CONTENT, invalid.reason());
        assertTrue(invalid.detail().contains("index=2"), invalid.detail());
    }
}
