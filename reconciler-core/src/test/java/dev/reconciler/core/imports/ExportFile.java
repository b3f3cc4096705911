package dev.reconciler.core.imports;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes export text to a real file, as a processor would hand it over, and parses it back. */
final class ExportFile {
  private ExportFile() {}

  /** The lines joined by {@code eol} (after each line), with a UTF-8 BOM first when asked. */
  static Path write(Path dir, String name, List<String> lines, String eol, boolean bom) {
    StringBuilder text = new StringBuilder(bom ? "\ufeff" : "");
    for (String line : lines) {
      text.append(line).append(eol);
    }
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, text, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Everything {@code parser} made of {@code file}. */
  static CollectedRows parse(ExportParser parser, Path file) {
    CollectedRows sink = new CollectedRows();
    try (Reader in = Files.newBufferedReader(file, UTF_8)) {
      parser.parse(in, file.getFileName().toString(), sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink;
  }

  /** A CSV cell: quoted when it holds a separator, a quote or a line break, quotes doubled. */
  static String cell(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
