package cathnav.igtl.codec;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shared OpenIGTLink test data (system property {@code cathnav.shared.data}, folder {@code igtl}). */
final class SharedIgtlData {

    private SharedIgtlData() {
    }

    static Path igtlDir() {
        String dir = System.getProperty("cathnav.shared.data");
        if (dir == null) {
            throw new IllegalStateException("system property cathnav.shared.data is not set (the root pom sets it "
                    + "for surefire); run the tests through Maven");
        }
        Path igtl = Path.of(dir, "igtl");
        if (!Files.isDirectory(igtl)) {
            throw new IllegalStateException("shared OpenIGTLink data missing, dir=" + igtl.toAbsolutePath());
        }
        return igtl;
    }

    /** Every {@code lib-1.11/*.bin} file, sorted by name. */
    static List<Path> libraryFiles() {
        try (Stream<Path> files = Files.list(igtlDir().resolve("lib-1.11"))) {
            return files.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fixture name to wire bytes, from {@code upstream-fixtures.json}. */
    static Map<String, byte[]> upstreamFixtures() {
        JsonObject fixtures = readJson(igtlDir().resolve("upstream-fixtures.json")).getJsonObject("fixtures");
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : fixtures.fieldNames()) {
            out.put(name, HexFormat.of().parseHex(fixtures.getJsonObject(name).getString("wire_hex")));
        }
        return out;
    }

    /** The negative corpus index entries ({@code path}, {@code error_class}, {@code description}, ...). */
    static Map<String, JsonObject> negativeEntries() {
        JsonObject entries = readJson(igtlDir().resolve("negative/index.json")).getJsonObject("entries");
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (String name : entries.fieldNames()) {
            out.put(name, entries.getJsonObject(name));
        }
        return out;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static JsonObject readJson(Path file) {
        return new JsonObject(new String(read(file), java.nio.charset.StandardCharsets.UTF_8));
    }
}
