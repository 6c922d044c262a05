package cathnav.sim.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.model.ModelFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlusSequenceReaderTest {

  static Path plus(String name) {
    Path p = Path.of(System.getProperty("cathnav.shared.data", "../../shared/data"), "plus", name);
    assertTrue(Files.isRegularFile(p), "shared data file missing: " + p);
    return p;
  }

  @TempDir Path dir;

  @Test
  void readsTheCalibrationMetaImageSequenceWithItsTransformsAndTimestamps() throws Exception {
    PlusSequence s = PlusSequenceReader.read(plus("fCal_Test_Calibration_3NWires.igs.mha"));
    assertEquals(820, s.width());
    assertEquals(616, s.height());
    assertEquals(188, s.frames().size());
    assertEquals(PlusSequence.PixelType.UINT8, s.pixelType());
    PlusSequence.Frame first = s.frames().get(0);
    assertEquals(425.398686, first.timestampS(), 1e-9);
    assertEquals(440.246214, s.frames().get(187).timestampS(), 1e-9);
    assertEquals(3, first.transforms().size());
    assertArrayEquals(new double[] {-0.0215859, 0.20331, 0.978876, 264.765, -0.156876, 0.966287, -0.204155,
        16.5199, -0.987382, -0.157969, 0.0110363, -8.81807, 0, 0, 0, 1},
        first.transforms().get("ProbeToTracker"), 1e-12);
    assertTrue(first.transformOk().get("StylusToTracker"));
    for (int i = 1; i < s.frames().size(); i++) {
      assertTrue(s.frames().get(i).timestampS() > s.frames().get(i - 1).timestampS(), "timestamps increase");
    }
    // golden values from an independent decoder (Python zlib): frame 0 shows the wires as 3674 lit pixels, max 251
    byte[] frame0 = Arrays.copyOfRange(s.pixels(), 0, s.frameBytes());
    long nonZero = 0;
    int max = 0;
    for (byte b : frame0) {
      nonZero += b != 0 ? 1 : 0;
      max = Math.max(max, b & 0xff);
    }
    assertEquals(3674, nonZero);
    assertEquals(251, max);
  }

  @Test
  void readsTheGzipNrrdSequence() throws Exception {
    PlusSequence s = PlusSequenceReader.read(plus("NrrdSample.igs.nrrd"));
    assertEquals(256, s.width());
    assertEquals(256, s.height());
    assertEquals(1, s.frames().size());
    assertEquals(PlusSequence.PixelType.INT16, s.pixelType());
    assertTrue(s.littleEndian());
    assertEquals(256 * 256 * 2, s.pixels().length);
  }

  @Test
  void rejectsATruncatedCompressedSequenceNamingTheFile() throws Exception {
    byte[] all = Files.readAllBytes(plus("fCal_Test_Calibration_3NWires.igs.mha"));
    Path cut = dir.resolve("cut.igs.mha");
    Files.write(cut, Arrays.copyOf(all, all.length - 200_000));
    ModelFileException e = assertThrows(ModelFileException.class, () -> PlusSequenceReader.read(cut));
    assertTrue(e.getMessage().contains("cut.igs.mha"), e.getMessage());
  }

  @Test
  void rejectsAbsurdSizesBeforeAllocating() throws Exception {
    Path big = dir.resolve("big.igs.mha");
    Files.writeString(big, "ObjectType = Image\nNDims = 3\nDimSize = 100000 100000 100000\n"
        + "ElementType = MET_UCHAR\nElementDataFile = LOCAL\n", StandardCharsets.ISO_8859_1);
    ModelFileException e = assertThrows(ModelFileException.class, () -> PlusSequenceReader.read(big));
    assertTrue(e.getMessage().contains("too large"), e.getMessage());
  }

  @Test
  void rejectsATransformWithTheWrongNumberOfValues() throws Exception {
    Path bad = dir.resolve("bad.igs.mha");
    Files.writeString(bad, "ObjectType = Image\nNDims = 3\nDimSize = 2 2 1\nElementType = MET_UCHAR\n"
        + "Seq_Frame0000_ProbeToTrackerTransform = 1 0 0\nElementDataFile = LOCAL\n\u0001\u0002\u0003\u0004",
        StandardCharsets.ISO_8859_1);
    ModelFileException e = assertThrows(ModelFileException.class, () -> PlusSequenceReader.read(bad));
    assertTrue(e.getMessage().contains("16 numbers"), e.getMessage());
  }

  @Test
  void rejectsAFileThatIsNotASequence() throws Exception {
    Path text = dir.resolve("notes.igs.mha");
    Files.writeString(text, "hello\n", StandardCharsets.US_ASCII);
    assertThrows(ModelFileException.class, () -> PlusSequenceReader.read(text));
  }
}
