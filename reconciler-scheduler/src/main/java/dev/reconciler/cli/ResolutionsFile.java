package dev.reconciler.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.Cells;
import dev.reconciler.core.imports.ExportCsv;
import dev.reconciler.core.imports.ExportRecord;
import dev.reconciler.core.imports.Header;
import dev.reconciler.core.imports.RowRejected;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.ledger.ResolveRequest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV of resolutions (header {@code source,transaction_id,as,note[,by]}, in any order), read the
 * way processor exports are: every line is parsed and then checked against the ledger before any is
 * resolved, so a file is resolved whole or not at all.
 */
final class ResolutionsFile {
  /** One record: its request, or why it is refused. */
  private record Line(long number, ResolveRequest request, String problem) {}

  private final String name;
  private final List<Line> lines;

  private ResolutionsFile(String name, List<Line> lines) {
    this.name = name;
    this.lines = lines;
  }

  /**
   * @param by who resolves a line without a {@code by} cell (null: the OS user)
   */
  static ResolutionsFile read(Path file, String by, Instant at) {
    String name = SafeText.line(file.toString(), 300);
    if (!Files.isRegularFile(file)) {
      throw new UserError("resolutions file not found: " + name);
    }
    try (Reader in = Files.newBufferedReader(file, UTF_8);
        ExportCsv csv = ExportCsv.open(in, file.toString())) {
      Header header = Header.read(csv);
      Header.Columns columns = header.columns();
      int[] column = {
        columns.required("source"),
        columns.required("transaction_id"),
        columns.required("as"),
        columns.required("note"),
        columns.optional("by")
      };
      columns.check();
      List<Line> lines = new ArrayList<>();
      for (ExportRecord record = csv.next(); record != null; record = csv.next()) {
        lines.add(line(record, header, column, by, at));
      }
      if (lines.isEmpty()) {
        throw new UserError(name + ": no resolutions after the header: nothing to resolve");
      }
      return new ResolutionsFile(name, lines);
    } catch (IOException e) {
      throw new UserError("cannot read resolutions file " + name + ": " + e.getMessage(), e);
    }
  }

  private static Line line(
      ExportRecord record, Header header, int[] column, String by, Instant at) {
    long number = record.getStartingLineNumber();
    try {
      requireOneLine(record);
      header.checkWidth(record);
      String byCell = Cells.text(record, column[4]);
      return new Line(
          number,
          new ResolveRequest(
              ResolveFields.source(Cells.text(record, column[0]), "source"),
              ResolveFields.transactionId(Cells.text(record, column[1]), "transaction_id"),
              ResolveFields.as(Cells.text(record, column[2]), "as"),
              ResolveFields.note(Cells.text(record, column[3]), "note"),
              ResolveFields.by(byCell.isEmpty() ? by : byCell),
              at),
          null);
    } catch (RowRejected | UserError e) {
      return new Line(number, null, e.getMessage());
    }
  }

  /**
   * Refuses a record over several lines whatever its width: a note is one line, so a line break in
   * a cell is a quote never closed, and the lines it took would otherwise go unresolved unseen.
   */
  private static void requireOneLine(ExportRecord record) {
    long start = record.getStartingLineNumber();
    long last = record.getEndingLineNumber();
    if (last > start) {
      String taken =
          last == start + 1
              ? "line " + last + " was not read as a resolution"
              : "lines " + (start + 1) + " to " + last + " were not read as resolutions";
      throw RowRejected.unclosedQuote(record, "a resolution is one line, so " + taken);
    }
  }

  /** Number of resolutions (records) in the file. */
  int size() {
    return lines.size();
  }

  /** The requests, in file order; only when {@link #problems} found none. */
  List<ResolveRequest> requests() {
    return lines.stream().map(Line::request).toList();
  }

  /**
   * Every line that cannot be resolved against the items {@code open} now, as "file: line N:
   * reason": unreadable, not open, or naming an item an earlier line names.
   */
  List<String> problems(List<OpenItem> open) {
    Set<String> openKeys = new HashSet<>();
    open.forEach(i -> openKeys.add(key(i.source().name(), i.transactionId())));
    Map<String, Long> firstLine = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Line line : lines) {
      String problem = line.problem();
      if (problem == null) {
        ResolveRequest r = line.request();
        String key = key(r.source().name(), r.transactionId());
        Long earlier = firstLine.putIfAbsent(key, line.number());
        String item = r.source().id() + " item " + LedgerOptions.id(r.transactionId());
        if (earlier != null) {
          problem = item + " is named twice: line " + earlier + " already resolves it";
        } else if (!openKeys.contains(key)) {
          problem = item + " is not open now (already cleared, resolved, or never unmatched)";
        }
      }
      if (problem != null) {
        problems.add(name + ": line " + line.number() + ": " + problem);
      }
    }
    return problems;
  }

  private static String key(String source, String id) {
    return source + "\u0000" + id;
  }
}
