package dev.reconciler.core.imports;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.domain.SafeText;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: export files written as a processor writes them, and what a parser made of one. */
final class Parsed implements ExportParser.RowSink {
  final List<ProcessorRow> rows = new ArrayList<>();
  final List<String> rejects = new ArrayList<>();

  /** "line: transaction id" of each rejection made through a record parser (null: none). */
  final List<String> rawIds = new ArrayList<>();

  /** "line: time" of each rejection made through a record parser (null: none read). */
  final List<String> times = new ArrayList<>();

  /** What the parser told of the file as a whole. */
  final List<String> notes = new ArrayList<>();

  @Override
  public void note(String message) {
    notes.add(message);
  }

  @Override
  public void row(ProcessorRow row) {
    rows.add(row);
  }

  @Override
  public void reject(long line, String reason) {
    if (reason == null || reason.isBlank() || !SafeText.line(reason).equals(reason)) {
      throw new AssertionError("reason not safe on one line: " + reason);
    }
    rejects.add(line + ": " + reason);
  }

  @Override
  public void reject(long line, long lastLine, String reason, String rawId) {
    rawIds.add(line + ": " + rawId);
    reject(line, lastLine, reason);
  }

  @Override
  public void reject(long line, long lastLine, String reason, String rawId, Instant at) {
    times.add(line + ": " + at);
    reject(line, lastLine, reason, rawId);
  }

  /**
   * Lines joined by LF or CRLF, with or without a UTF-8 byte-order mark, as a file in {@code dir}.
   */
  static Path write(Path dir, String name, List<String> lines, boolean bom, boolean crlf)
      throws IOException {
    String text = String.join(crlf ? "\r\n" : "\n", lines) + (crlf ? "\r\n" : "\n");
    Path file = dir.resolve(name);
    Files.writeString(file, (bom ? "\ufeff" : "") + text, UTF_8);
    return file;
  }

  /** Parses {@code file} as the import does: a UTF-8 reader on the file. */
  static Parsed parse(ExportParser parser, Path file) throws IOException {
    Parsed parsed = new Parsed();
    try (Reader in = Files.newBufferedReader(file, UTF_8)) {
      parser.parse(in, file.getFileName().toString(), parsed);
    }
    return parsed;
  }

  /** One CSV field as RFC 4180 writes it: quoted when it holds a comma, quote or line break. */
  static String field(String value) {
    return field(value, ',');
  }

  /** {@link #field(String)} in a file whose cells {@code delimiter} separates. */
  static String field(String value, char delimiter) {
    boolean quote =
        value.indexOf(delimiter) >= 0
            || value.contains(",")
            || value.contains("\"")
            || value.contains("\n")
            || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
