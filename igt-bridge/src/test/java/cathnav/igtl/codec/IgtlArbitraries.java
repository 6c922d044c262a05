package cathnav.igtl.codec;

import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.BindBody;
import cathnav.igtl.message.CapabilityBody;
import cathnav.igtl.message.ColorTableBody;
import cathnav.igtl.message.CommandBody;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.GetQueryBody;
import cathnav.igtl.message.IgtlBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ImageMetaBody;
import cathnav.igtl.message.LabelMetaBody;
import cathnav.igtl.message.MetadataValue;
import cathnav.igtl.message.NdArrayBody;
import cathnav.igtl.message.Point3f;
import cathnav.igtl.message.PointBody;
import cathnav.igtl.message.PolyAttribute;
import cathnav.igtl.message.PolyCells;
import cathnav.igtl.message.PolyDataBody;
import cathnav.igtl.message.PositionBody;
import cathnav.igtl.message.Quaternion4f;
import cathnav.igtl.message.QuaternionTrackingDataBody;
import cathnav.igtl.message.QueryReplyBody;
import cathnav.igtl.message.RawBody;
import cathnav.igtl.message.Rgba;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.SensorBody;
import cathnav.igtl.message.StartStreamBody;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StopStreamBody;
import cathnav.igtl.message.StreamParameters;
import cathnav.igtl.message.StringBody;
import cathnav.igtl.message.TextEncoding;
import cathnav.igtl.message.TrackingDataBody;
import cathnav.igtl.message.TrajectoryBody;
import cathnav.igtl.message.TransformBody;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** jqwik generators for every message body and for whole envelopes of both header versions. */
final class IgtlArbitraries {

    private IgtlArbitraries() {
    }

    static final List<String> QUERY_TARGETS = List.of("TRANSFORM", "IMAGE", "POSITION", "STATUS", "STRING",
            "POLYDATA", "POINT", "TRAJ", "TDATA", "QTDATA", "CAPABILITY", "IMGMETA", "LBMETA", "COLORT", "NDARRAY",
            "SENSOR", "VIDEOMETA");

    /** Any float bit pattern, NaNs and infinities included. */
    static Arbitrary<Float> floats() {
        return Arbitraries.oneOf(Arbitraries.integers().map(Float::intBitsToFloat),
                Arbitraries.floats().between(-1000, 1000));
    }

    static Arbitrary<Double> doubles() {
        return Arbitraries.longs().map(Double::longBitsToDouble);
    }

    /** Text for fixed fields: U+0001..U+00FF, at most {@code max} characters. */
    static Arbitrary<String> latin1(int max) {
        return Arbitraries.strings().withCharRange('\u0001', '\u00FF').ofMaxLength(max);
    }

    static Arbitrary<String> unicode(int max) {
        return Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMaxLength(max);
    }

    static Arbitrary<String> typeNames() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12);
    }

    static Arbitrary<Point3f> points() {
        return Combinators.combine(floats(), floats(), floats()).as(Point3f::new);
    }

    static Arbitrary<Quaternion4f> quaternions() {
        return Combinators.combine(floats(), floats(), floats(), floats()).as(Quaternion4f::new);
    }

    static Arbitrary<Rgba> colors() {
        Arbitrary<Integer> c = Arbitraries.integers().between(0, 255);
        return Combinators.combine(c, c, c, c).as(Rgba::new);
    }

    static Arbitrary<AffineMatrix> matrices() {
        return floats().array(float[].class).ofSize(12).map(AffineMatrix::fromWireOrder);
    }

    static Arbitrary<Dim3> dims(int max) {
        Arbitrary<Integer> d = Arbitraries.integers().between(0, max);
        return Combinators.combine(d, d, d).as(Dim3::new);
    }

    static Arbitrary<IgtlTimestamp> timestamps() {
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        return Combinators.combine(u32, u32).as(IgtlTimestamp::new);
    }

    static Arbitrary<IgtlBody> transforms() {
        return matrices().map(TransformBody::new);
    }

    static Arbitrary<IgtlBody> statuses() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), Arbitraries.longs(), latin1(20),
                latin1(200)).as(StatusBody::new);
    }

    static Arbitrary<IgtlBody> strings() {
        return Arbitraries.oneOf(latin1(300).map(s -> new StringBody(TextEncoding.US_ASCII, s)),
                unicode(300).map(StringBody::utf8));
    }

    static Arbitrary<IgtlBody> images() {
        return Combinators.combine(Arbitraries.of(ScalarType.INT8, ScalarType.UINT8, ScalarType.INT16,
                        ScalarType.UINT16, ScalarType.INT32, ScalarType.UINT32, ScalarType.FLOAT32, ScalarType.FLOAT64),
                Arbitraries.integers().between(1, 4), Arbitraries.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN),
                Arbitraries.of(ImageBody.CoordinateSystem.class), dims(6), matrices(), Arbitraries.longs())
                .as((type, comps, order, coords, size, matrix, seed) -> {
                    java.util.Random r = new java.util.Random(seed);
                    Dim3 offset = new Dim3(r.nextInt(size.i() + 1), r.nextInt(size.j() + 1), r.nextInt(size.k() + 1));
                    Dim3 sub = new Dim3(r.nextInt(size.i() - offset.i() + 1), r.nextInt(size.j() - offset.j() + 1),
                            r.nextInt(size.k() - offset.k() + 1));
                    byte[] pixels = new byte[(int) ImageBody.expectedPixelBytes(type, comps, sub)];
                    r.nextBytes(pixels);
                    return new ImageBody(type, comps, order, coords, size, matrix, offset, sub,
                            Unpooled.wrappedBuffer(pixels));
                });
    }

    static Arbitrary<IgtlBody> polyData() {
        return Arbitraries.longs().map(seed -> {
            java.util.Random r = new java.util.Random(seed);
            int npoints = r.nextInt(8);
            float[] points = new float[npoints * 3];
            for (int i = 0; i < points.length; i++) {
                points[i] = (float) (r.nextGaussian() * 100);
            }
            PolyCells[] cells = new PolyCells[4];
            int ncells = 0;
            for (int c = 0; c < 4; c++) {
                int count = npoints == 0 ? 0 : r.nextInt(4);
                int[][] list = new int[count][];
                for (int k = 0; k < count; k++) {
                    list[k] = new int[1 + r.nextInt(4)];
                    for (int p = 0; p < list[k].length; p++) {
                        list[k][p] = r.nextInt(npoints);
                    }
                }
                cells[c] = PolyCells.ofCells(list);
                ncells += count;
            }
            List<PolyAttribute> attributes = new ArrayList<>();
            int nattr = r.nextInt(4);
            for (int a = 0; a < nattr; a++) {
                PolyAttribute.Kind kind = PolyAttribute.Kind.values()[r.nextInt(5)];
                int comps = switch (kind) {
                    case SCALAR -> 1 + r.nextInt(4);
                    case VECTOR, NORMAL -> 3;
                    case TENSOR -> 9;
                    case RGBA -> 4;
                };
                boolean cell = r.nextBoolean();
                float[] data = new float[(cell ? ncells : npoints) * comps];
                for (int i = 0; i < data.length; i++) {
                    data[i] = r.nextFloat();
                }
                attributes.add(new PolyAttribute(kind, cell, "attr" + a + "_" + "x".repeat(r.nextInt(5)), comps, data));
            }
            return new PolyDataBody(points, cells[0], cells[1], cells[2], cells[3], attributes);
        });
    }

    static Arbitrary<IgtlBody> queries() {
        Arbitrary<String> target = Arbitraries.of(QUERY_TARGETS);
        return Arbitraries.oneOf(
                target.map(GetQueryBody::new),
                Combinators.combine(target, Arbitraries.integers(), latin1(32)).as((t, res, coord) ->
                        new StartStreamBody(t, Optional.of(new StreamParameters(res, coord)))),
                target.map(t -> new StartStreamBody(t, Optional.empty())),
                target.map(StopStreamBody::new),
                Combinators.combine(target, Arbitraries.integers().between(-1, 255)).as((t, s) ->
                        new QueryReplyBody(t, s < 0 ? OptionalInt.empty() : OptionalInt.of(s))));
    }

    static Arbitrary<IgtlBody> positions() {
        return Combinators.combine(Arbitraries.of(PositionBody.Form.class), points(), quaternions())
                .as(PositionBody::new);
    }

    static Arbitrary<IgtlBody> trackingData() {
        return Combinators.combine(latin1(20), Arbitraries.integers().between(0, 255), matrices())
                .as(TrackingDataBody.Element::new).list().ofMaxSize(4).map(TrackingDataBody::new);
    }

    static Arbitrary<IgtlBody> quaternionTrackingData() {
        return Combinators.combine(latin1(20), Arbitraries.integers().between(0, 255), points(), quaternions())
                .as(QuaternionTrackingDataBody.Element::new).list().ofMaxSize(4).map(QuaternionTrackingDataBody::new);
    }

    static Arbitrary<IgtlBody> pointLists() {
        return Combinators.combine(latin1(64), latin1(32), colors(), points(), floats(), latin1(20))
                .as(PointBody.Element::new).list().ofMaxSize(3).map(PointBody::new);
    }

    static Arbitrary<IgtlBody> trajectories() {
        return Combinators.combine(latin1(64), latin1(32), Arbitraries.integers().between(-128, 127), colors(),
                        points(), points(), floats(), latin1(20))
                .as(TrajectoryBody.Element::new).list().ofMaxSize(3).map(TrajectoryBody::new);
    }

    static Arbitrary<IgtlBody> capabilities() {
        return typeNames().list().ofMaxSize(6).map(CapabilityBody::new);
    }

    static Arbitrary<IgtlBody> imageMeta() {
        return Combinators.combine(latin1(64), latin1(20), latin1(32), latin1(64), latin1(64), timestamps(),
                        dims(65535), Arbitraries.integers().between(0, 255))
                .as(ImageMetaBody.Element::new).list().ofMaxSize(3).map(ImageMetaBody::new);
    }

    static Arbitrary<IgtlBody> labelMeta() {
        return Combinators.combine(latin1(64), latin1(20), Arbitraries.integers().between(0, 255), colors(),
                        dims(65535), latin1(20))
                .as(LabelMetaBody.Element::new).list().ofMaxSize(3).map(LabelMetaBody::new);
    }

    static Arbitrary<IgtlBody> colorTables() {
        return Combinators.combine(Arbitraries.of(3, 3, 3, 5), Arbitraries.of(3, 5, 19), Arbitraries.longs())
                .as((index, map, seed) -> {
                    java.util.Random r = new java.util.Random(seed);
                    int[] table = new int[ColorTableBody.entries(index)];
                    int bound = map == 3 ? 0x100 : map == 5 ? 0x10000 : 0x1000000;
                    for (int i = 0; i < table.length; i++) {
                        table[i] = r.nextInt(bound);
                    }
                    return new ColorTableBody(index, map, table);
                });
    }

    static Arbitrary<IgtlBody> ndArrays() {
        return Combinators.combine(Arbitraries.of(ScalarType.class),
                        Arbitraries.integers().between(0, 4).array(int[].class).ofMinSize(1).ofMaxSize(3),
                        Arbitraries.longs())
                .as((type, size, seed) -> {
                    long n = 1;
                    for (int s : size) {
                        n *= s;
                    }
                    byte[] data = new byte[(int) n * type.bytes()];
                    new java.util.Random(seed).nextBytes(data);
                    return new NdArrayBody(type, size, data);
                });
    }

    static Arbitrary<IgtlBody> commands() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                        latin1(128), Arbitraries.of(TextEncoding.US_ASCII, TextEncoding.UTF_8), unicode(100),
                        latin1(100))
                .as((reply, id, name, enc, u, l) -> new CommandBody(reply, id, name, enc,
                        enc == TextEncoding.UTF_8 ? u : l));
    }

    static Arbitrary<IgtlBody> sensors() {
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.longs(),
                        doubles().array(double[].class).ofMaxSize(8))
                .as(SensorBody::new);
    }

    static Arbitrary<IgtlBody> binds() {
        return Combinators.combine(typeNames(), latin1(20),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(21))
                .as(BindBody.Child::new).list().ofMaxSize(3).map(BindBody::new);
    }

    static Arbitrary<IgtlBody> raws() {
        return Combinators.combine(Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(9),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as((name, bytes) -> new RawBody("X" + name, Unpooled.wrappedBuffer(bytes)));
    }

    static Arbitrary<IgtlBody> bodies() {
        return Arbitraries.oneOf(transforms(), statuses(), strings(), images(), polyData(), queries(), positions(),
                trackingData(), quaternionTrackingData(), pointLists(), trajectories(), capabilities(), imageMeta(),
                labelMeta(), colorTables(), ndArrays(), commands(), sensors(), binds(), raws());
    }

    static Arbitrary<Map<String, MetadataValue>> metadata() {
        Arbitrary<MetadataValue> value = Arbitraries.oneOf(latin1(30).map(MetadataValue::ascii),
                unicode(30).map(MetadataValue::utf8));
        return Arbitraries.maps(unicode(12).filter(k -> !k.isEmpty()), value).ofMaxSize(4)
                .map(LinkedHashMap::new);
    }

    /** Envelopes of both header versions; version 2 with metadata and a message id. */
    static Arbitrary<IgtlMessage> messages(Arbitrary<IgtlBody> bodies) {
        Arbitrary<IgtlMessage> v1 = Combinators.combine(latin1(20), timestamps(), bodies)
                .as((device, time, body) -> IgtlMessage.of(device, time, body));
        Arbitrary<IgtlMessage> v2 = Combinators.combine(latin1(20), timestamps(), bodies, metadata(),
                        Arbitraries.longs().between(0, 0xFFFF_FFFFL))
                .as((device, time, body, meta, id) -> IgtlMessage.of(device, time, body).withHeaderVersion(2)
                        .withMetadata(meta).withMessageId(id));
        return Arbitraries.oneOf(v1, v2);
    }
}
