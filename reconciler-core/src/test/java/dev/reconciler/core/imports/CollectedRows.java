package dev.reconciler.core.imports;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what a parser sent it, for tests to check row by row. */
final class CollectedRows implements ExportParser.RowSink {
  /** One rejected row as the parser reported it. */
  record Rejected(long line, String reason) {}

  final List<ProcessorRow> rows = new ArrayList<>();
  final List<Rejected> rejected = new ArrayList<>();

  @Override
  public void row(ProcessorRow row) {
    rows.add(row);
  }

  @Override
  public void reject(long line, String reason) {
    rejected.add(new Rejected(line, reason));
  }

  ProcessorRow only() {
    if (rows.size() != 1 || !rejected.isEmpty()) {
      throw new AssertionError("expected one row, got " + rows + " and rejected " + rejected);
    }
    return rows.get(0);
  }

  Rejected onlyRejected() {
    if (rejected.size() != 1 || !rows.isEmpty()) {
      throw new AssertionError("expected one rejection, got " + rows + " and rejected " + rejected);
    }
    return rejected.get(0);
  }
}
