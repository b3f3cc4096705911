package dev.reconciler.core.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * About how many rows an export holds, from the lines of its first {@link #SAMPLE_BYTES} bytes: the
 * import decides by it whether to keep the table's read indexes up to date row by row or to build
 * them anew (see {@code ProcessorImportWriter.largeBeside}). A guess that only decides speed, never
 * content: a quoted value holding a line break counts as two rows, a preamble of short lines as
 * many, and either only makes a rebuild likelier.
 */
final class FileRows {
  /** Thousands of lines of any format: their mean length is the file's. */
  static final int SAMPLE_BYTES = 1 << 20;

  private FileRows() {}

  /**
   * The lines of a file of {@code size} bytes, counted in a small one, estimated in a large one.
   */
  static long estimate(Path file, long size) throws IOException {
    byte[] head = new byte[(int) Math.min(size, SAMPLE_BYTES)];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    }
    long lines = 0;
    for (int i = 0; i < read; i++) {
      if (head[i] == '\n') {
        lines++;
      }
    }
    if (read < SAMPLE_BYTES) {
      // The whole file: a last line without its line feed is a line too.
      return read > 0 && head[read - 1] != '\n' ? lines + 1 : lines;
    }
    // lines * size / read, without the product's overflow. No line feed in the sample: lines that
    // long, at most one per sample's length.
    long sampled = Math.max(1, lines);
    return sampled * (size / read) + sampled * (size % read) / read;
  }
}
