package dev.reconciler.core.settle;

import dev.reconciler.core.store.SettlementReader.Stored;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a transaction's refund or dispute rows add up to, read exactly. */
final class Rows {
  BigDecimal gross = BigDecimal.ZERO;
  BigDecimal fee = BigDecimal.ZERO;
  BigDecimal net = BigDecimal.ZERO;
  final String currency;
  final String refs;
  final String firstAt;
  final String lastAt;

  /** What could not be read, as reasons for the sheet. */
  final List<String> problems = new ArrayList<>();

  Rows(List<Stored> rows) {
    Set<String> currencies = new LinkedHashSet<>();
    Set<String> refs = new LinkedHashSet<>();
    String first = null;
    String last = null;
    for (Stored r : rows) {
      gross = gross.add(amount(r.gross(), "gross", r));
      fee = fee.add(amount(r.fee(), "fee", r));
      net = net.add(amount(r.net(), "net", r));
      if (r.currency() != null) {
        currencies.add(r.currency());
      }
      if (r.processorRef() != null) {
        refs.add(r.processorRef());
      }
      String at = r.processedAt();
      if (at != null) {
        first = first == null || at.compareTo(first) < 0 ? at : first;
        last = last == null || at.compareTo(last) > 0 ? at : last;
      }
    }
    if (currencies.size() > 1) {
      problems.add("rows in several currencies " + String.join(", ", currencies));
    }
    this.currency = currencies.isEmpty() ? null : currencies.iterator().next();
    this.refs = String.join(", ", refs);
    this.firstAt = first;
    this.lastAt = last;
  }

  /** Gross, fee and net of one row: a missing fee is none; text that is no number is named. */
  private BigDecimal amount(String text, String column, Stored r) {
    BigDecimal value = Decimals.parse(text);
    if (value == null && (text != null || !column.equals("fee"))) {
      problems.add(column + " of line " + r.line() + " is not a number");
      return BigDecimal.ZERO;
    }
    return Decimals.orZero(value);
  }

  /** True when one of the rows has this raw type (the file's own spelling), in any case. */
  static boolean anyRawType(List<Stored> rows, String rawType) {
    return rows.stream().anyMatch(r -> rawType.equalsIgnoreCase(r.rawType()));
  }
}
