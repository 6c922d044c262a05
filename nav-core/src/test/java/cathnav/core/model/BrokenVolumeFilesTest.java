package cathnav.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken volume files fail with a {@link ModelFileException} that names the file and the problem, before any
 * allocation proportional to an absurd claimed size.
 */
class BrokenVolumeFilesTest {

  @TempDir Path dir;

  private ModelFileException fails(Path f, String expectedProblem) {
    ModelFileException e = assertThrows(ModelFileException.class, () -> Volumes.read(f));
    assertEquals(f, e.file());
    assertTrue(e.getMessage().contains(f.toString()), "message names the file: " + e.getMessage());
    assertTrue(e.problem().contains(expectedProblem), "problem '" + e.problem() + "' lacks '" + expectedProblem + "'");
    return e;
  }

  private Path nrrd(String name, String header, byte[] data) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, NrrdAndMetaImageReadersTest.concat(header.getBytes(StandardCharsets.US_ASCII), data));
    return f;
  }

  @Test
  void missingFileIsNamed() {
    fails(dir.resolve("absent.nii.gz"), "file not found");
  }

  @Test
  void truncatedRealCtGzipIsRejected() throws Exception {
    byte[] all = Files.readAllBytes(SharedData.file("ct/thorax_cta_heart_cropped_1p5mm.nii.gz"));
    Path f = dir.resolve("cut.nii.gz");
    Files.write(f, Arrays.copyOf(all, all.length / 2));
    fails(f, "truncated");
  }

  @Test
  void truncatedRawNiftiIsRejectedBeforeReading() throws Exception {
    ByteBuffer h = NiftiReaderTest.header(ByteOrder.LITTLE_ENDIAN, 4, 16);
    Path f = dir.resolve("short.nii");
    Files.write(f, NrrdAndMetaImageReadersTest.concat(h.array(), new byte[] {1, 2, 3}));
    fails(f, "truncated, expectedBytes=8, availableBytes=3");
  }

  @Test
  void truncatedHeaderIsRejected() throws Exception {
    Path f = dir.resolve("tiny.nii");
    Files.write(f, new byte[] {92, 1, 0, 0, 0});
    fails(f, "header truncated");
  }

  @Test
  void wrongNiftiMagicIsRejected() throws Exception {
    ByteBuffer h = NiftiReaderTest.header(ByteOrder.LITTLE_ENDIAN, 2, 8);
    h.put(344, (byte) 'x');
    Path f = dir.resolve("magic.nii");
    Files.write(f, NrrdAndMetaImageReadersTest.concat(h.array(), new byte[4]));
    fails(f, "not a NIfTI-1 file");
  }

  @Test
  void notANiftiHeaderAtAllIsRejected() throws Exception {
    Path f = dir.resolve("text.nii");
    Files.writeString(f, "hello, this is not an image but it is long enough to hold a header".repeat(8));
    fails(f, "sizeof_hdr");
  }

  @Test
  void gzipNamedNiftiThatIsNotGzipFailsCleanly() throws Exception {
    Path f = dir.resolve("plain.nii.gz");
    Files.writeString(f, "definitely not gzip");
    fails(f, "header truncated");
  }

  @Test
  void negativeNiftiDimensionIsRejected() throws Exception {
    ByteBuffer h = NiftiReaderTest.header(ByteOrder.LITTLE_ENDIAN, 2, 8);
    h.putShort(44, (short) -5);
    Path f = dir.resolve("neg.nii");
    Files.write(f, NrrdAndMetaImageReadersTest.concat(h.array(), new byte[4]));
    fails(f, "dim[2]=-5");
  }

  @Test
  void absurdNiftiSizeInASmallGzipFailsWithoutAllocating() throws Exception {
    // 32767^2 * 2 voxels of float64 ~ 17 GB claimed by a file of a few hundred bytes
    ByteBuffer h = NiftiReaderTest.header(ByteOrder.LITTLE_ENDIAN, 64, 64);
    h.putShort(42, Short.MAX_VALUE).putShort(44, Short.MAX_VALUE).putShort(46, (short) 2);
    Path f = dir.resolve("huge.nii.gz");
    Files.write(f, NrrdAndMetaImageReadersTest.gzip(NrrdAndMetaImageReadersTest.concat(h.array(), new byte[64])));
    fails(f, "truncated");
  }

  @Test
  void twoToThe31VoxelsAreRefused() throws Exception {
    Path f = nrrd("big.nrrd", "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2048 1024 1024\nencoding: raw\n\n",
        new byte[16]);
    fails(f, "volume too large");
  }

  @Test
  void hugeRawNrrdInASmallFileIsTruncatedNotAllocated() throws Exception {
    Path f = nrrd("claim.nrrd", "NRRD0004\ntype: float\ndimension: 3\nsizes: 1024 1024 500\nendian: little\n"
        + "encoding: raw\n\n", new byte[100]);
    fails(f, "truncated, expectedBytes=2097152000, availableBytes=100");
  }

  @Test
  void hugeGzipNrrdClaimStopsAtTheRealData() throws Exception {
    Path f = nrrd("claim.nrrd", "NRRD0004\ntype: float\ndimension: 3\nsizes: 1024 1024 500\nendian: little\n"
        + "encoding: gzip\n\n", NrrdAndMetaImageReadersTest.gzip(new byte[1000]));
    fails(f, "compressed data truncated, expectedBytes=2097152000, inflatedBytes=1000");
  }

  @Test
  void negativeNrrdSizeIsRejected() throws Exception {
    Path f = nrrd("neg.nrrd", "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 4 -4 4\nencoding: raw\n\n", new byte[64]);
    fails(f, "volume size must be positive");
  }

  @Test
  void nrrdSayingGzipButHoldingRawBytesIsRejected() throws Exception {
    Path f = nrrd("liar.nrrd", "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 2\nencoding: gzip\n\n", new byte[8]);
    fails(f, "not gzip-compressed");
  }

  @Test
  void wrongNrrdMagicIsRejected() throws Exception {
    Path f = nrrd("magic.nrrd", "NRRX0004\ntype: uchar\n\n", new byte[8]);
    fails(f, "not a NRRD file");
  }

  @Test
  void nrrdMissingTypeNamesTheField() throws Exception {
    Path f = nrrd("notype.nrrd", "NRRD0004\ndimension: 1\nsizes: 8\nencoding: raw\n\n", new byte[8]);
    fails(f, "field=type");
  }

  @Test
  void nrrdWithUnknownTypeIsRejected() throws Exception {
    Path f = nrrd("type.nrrd", "NRRD0004\ntype: complex\ndimension: 1\nsizes: 8\nencoding: raw\n\n", new byte[8]);
    fails(f, "unsupported type=complex");
  }

  @Test
  void detachedNrrdWithMissingDataFileNamesIt() throws Exception {
    Path f = dir.resolve("lost.nhdr");
    Files.writeString(f, "NRRD0004\ntype: uchar\ndimension: 1\nsizes: 8\nencoding: raw\ndata file: lost.raw\n");
    fails(f, "detached data file missing");
  }

  @Test
  void metaImageTruncatedZlibIsRejected() throws Exception {
    byte[] z = NrrdAndMetaImageReadersTest.zlib(new byte[4000]);
    Path f = nrrd("cut.mha", "NDims = 3\nDimSize = 10 10 40\nElementType = MET_UCHAR\nCompressedData = True\n"
        + "ElementDataFile = LOCAL\n", Arrays.copyOf(z, z.length / 2));
    fails(f, "truncated");
  }

  @Test
  void metaImageWithoutDataFileLineIsRejected() throws Exception {
    Path f = nrrd("nodata.mha", "NDims = 3\nDimSize = 1 1 1\nElementType = MET_UCHAR\n", new byte[0]);
    fails(f, "ElementDataFile missing");
  }

  @Test
  void unknownFormatIsNamed() throws Exception {
    Path f = nrrd("mystery.bin", "just some bytes", new byte[20]);
    fails(f, "unknown volume format");
  }
}
