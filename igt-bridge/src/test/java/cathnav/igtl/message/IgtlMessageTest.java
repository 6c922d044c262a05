package cathnav.igtl.message;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IgtlMessageTest {

    private static final TransformBody BODY = new TransformBody(AffineMatrix.IDENTITY);

    @Test
    void rejectsTypeNameLongerThan12() {
        assertThrows(IllegalArgumentException.class,
                () -> IgtlMessage.of("d", IgtlTimestamp.ZERO, BODY).withTypeName("GET_TRANSFORM"));
    }

    @Test
    void rejectsDeviceNameLongerThan20() {
        assertThrows(IllegalArgumentException.class, () -> IgtlMessage.of("x".repeat(21), IgtlTimestamp.ZERO, BODY));
    }

    @Test
    void rejectsUnknownHeaderVersion() {
        assertThrows(IllegalArgumentException.class,
                () -> IgtlMessage.of("d", IgtlTimestamp.ZERO, BODY).withHeaderVersion(3));
    }

    @Test
    void keepsMetadataInInsertionOrder() {
        Map<String, MetadataValue> meta = new LinkedHashMap<>();
        meta.put("z", MetadataValue.ascii("1"));
        meta.put("a", MetadataValue.ascii("2"));
        meta.put("m", MetadataValue.utf8("3"));
        IgtlMessage m = IgtlMessage.of("d", IgtlTimestamp.ZERO, BODY).withHeaderVersion(2).withMetadata(meta);
        assertEquals(List.of("z", "a", "m"), List.copyOf(m.metadata().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> m.metadata().put("b", MetadataValue.ascii("4")));
    }

    @Test
    void rejectsAsciiMetadataValueOutsideLatin1() {
        assertThrows(IllegalArgumentException.class, () -> MetadataValue.ascii("\u4e2d"));
    }

    @Test
    void queryTypeNamesResolveTheTransformAliases() {
        assertEquals("TRANSFORM", QueryNames.target("GET_TRANS"));
        assertEquals("TRANSFORM", QueryNames.target("GET_TRANSFOR"));
        assertEquals("TRANSFORM", QueryNames.target("STT_TRANS"));
        assertEquals("CAPABILITY", QueryNames.target("GET_CAPABILI"));
        assertEquals("IMAGE", QueryNames.target("GET_IMAGE"));
        assertEquals("GET_TRANS", new GetQueryBody("TRANSFORM").defaultTypeName());
        assertEquals("RTS_POLYDATA", QueryReplyBody.of("POLYDATA", QueryReplyBody.SUCCESS).defaultTypeName());
    }

    @Test
    void bodyAccessorNamesTheActualType() {
        IgtlMessage m = IgtlMessage.of("Tracker", IgtlTimestamp.ZERO, BODY);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.body(ImageBody.class));
        assertEquals(true, e.getMessage().contains("typeName=TRANSFORM"), e.getMessage());
    }
}
