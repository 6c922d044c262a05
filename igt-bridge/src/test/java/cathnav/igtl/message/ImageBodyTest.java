package cathnav.igtl.message;

import org.junit.jupiter.api.extension.ExtendWith;
import cathnav.igtl.codec.NettyLeakWatch;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NettyLeakWatch.class)
class ImageBodyTest {

    @Test
    void wireMatrixTranslationIsTheVolumeCentre() {
        // 0.5 x 0.25 x 2 mm voxels, axes along x, y, z, voxel (0,0,0) at (10, 20, 30)
        AffineMatrix indexToWorld = new AffineMatrix(0.5f, 0, 0, 10, 0, 0.25f, 0, 20, 0, 0, 2, 30);
        ImageBody image = ImageBody.of(ScalarType.UINT8, 1, ByteOrder.BIG_ENDIAN, new Dim3(5, 9, 3), indexToWorld,
                Unpooled.wrappedBuffer(new byte[5 * 9 * 3]));
        try {
            // centre index (2, 4, 1) -> (11, 21, 32)
            assertEquals(11f, image.matrix().m03());
            assertEquals(21f, image.matrix().m13());
            assertEquals(32f, image.matrix().m23());
            assertEquals(indexToWorld, image.indexToWorld());
            double[] spacing = image.spacing();
            assertEquals(0.5, spacing[0], 1e-12);
            assertEquals(0.25, spacing[1], 1e-12);
            assertEquals(2.0, spacing[2], 1e-12);
            assertTrue(image.isWholeVolume());
        } finally {
            image.release();
        }
    }

    @Test
    void centreConversionRoundTripsForObliqueAxes() {
        long seed = System.nanoTime();
        System.out.println("ImageBodyTest seed=" + seed);
        Random r = new Random(seed);
        for (int trial = 0; trial < 100; trial++) {
            float[] v = new float[12];
            for (int i = 0; i < 12; i++) {
                v[i] = (float) (r.nextGaussian() * (i >= 9 ? 100 : 1));
            }
            AffineMatrix m = AffineMatrix.fromWireOrder(v);
            Dim3 size = new Dim3(1 + r.nextInt(512), 1 + r.nextInt(512), 1 + r.nextInt(64));
            AffineMatrix centred = ImageBody.centredMatrix(m, size);
            ImageBody image = new ImageBody(ScalarType.INT8, 1, ByteOrder.BIG_ENDIAN, ImageBody.CoordinateSystem.RAS,
                    size, centred, Dim3.ZERO, Dim3.ZERO, Unpooled.EMPTY_BUFFER);
            AffineMatrix back = image.indexToWorld();
            // float32 translation: compare against a float64 evaluation with a relative tolerance
            double scale = 1 + Math.abs(m.m03()) + Math.abs(m.m13()) + Math.abs(m.m23()) + 600;
            assertEquals(m.m03(), back.m03(), 1e-5 * scale, "seed=" + seed);
            assertEquals(m.m13(), back.m13(), 1e-5 * scale, "seed=" + seed);
            assertEquals(m.m23(), back.m23(), 1e-5 * scale, "seed=" + seed);
        }
    }

    @Test
    void lpsImageMapsToRasWithXAndYNegated() {
        AffineMatrix lpsIndexToWorld = new AffineMatrix(0.5f, 0, 0, 10, 0, 0.5f, 0, 20, 0, 0, 1, 30);
        ImageBody image = new ImageBody(ScalarType.UINT8, 1, ByteOrder.BIG_ENDIAN, ImageBody.CoordinateSystem.LPS,
                new Dim3(2, 2, 1), ImageBody.centredMatrix(lpsIndexToWorld, new Dim3(2, 2, 1)), Dim3.ZERO,
                new Dim3(2, 2, 1), Unpooled.wrappedBuffer(new byte[4]));
        try {
            // negation keeps the sign of zero: bitwise equality sees -0.0
            assertEquals(new AffineMatrix(-0.5f, -0f, -0f, -10, -0f, -0.5f, -0f, -20, 0, 0, 1, 30), image.indexToRas());
        } finally {
            image.release();
        }
    }

    @Test
    void rejectsPixelBufferOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> ImageBody.of(ScalarType.UINT16, 1, ByteOrder.LITTLE_ENDIAN,
                new Dim3(4, 4, 1), AffineMatrix.IDENTITY, Unpooled.wrappedBuffer(new byte[31])));
    }

    @Test
    void rejectsSubVolumeOutsideTheVolume() {
        assertThrows(IllegalArgumentException.class, () -> new ImageBody(ScalarType.UINT8, 1, ByteOrder.BIG_ENDIAN,
                ImageBody.CoordinateSystem.LPS, new Dim3(4, 4, 4), AffineMatrix.IDENTITY, new Dim3(2, 0, 0),
                new Dim3(3, 4, 4), Unpooled.wrappedBuffer(new byte[48])));
    }

    @Test
    void readingThePixelViewDoesNotMoveTheRecordsWindow() {
        var source = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4});
        ImageBody image = ImageBody.of(ScalarType.UINT8, 1, ByteOrder.BIG_ENDIAN, new Dim3(2, 2, 1),
                AffineMatrix.IDENTITY, source);
        try {
            image.pixels().readInt();
            source.readByte();
            assertEquals(4, image.pixels().readableBytes());
            assertEquals(1, image.pixels().getByte(0));
        } finally {
            image.release();
        }
    }

    @Test
    void releasingTheRecordReleasesThePixels() {
        var pixels = Unpooled.directBuffer(16).writeZero(16);
        ImageBody image = ImageBody.of(ScalarType.UINT8, 1, ByteOrder.BIG_ENDIAN, new Dim3(4, 4, 1),
                AffineMatrix.IDENTITY, pixels);
        image.retain();
        assertEquals(2, pixels.refCnt());
        image.close();
        assertTrue(image.release());
        assertEquals(0, pixels.refCnt());
    }
}
