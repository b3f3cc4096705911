package dev.reconciler.core.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the lines of a PayPal settlement report (STL, v9): records as PayPal writes them, text
 * always in double quotes with quotes inside doubled, amounts and dates bare.
 */
final class PaypalReport {
  /** The CH column names of v9, with the gross direction spelled as {@code direction}. */
  static List<String> columns(String direction) {
    List<String> columns = new ArrayList<>(DocumentedColumns.PAYPAL);
    columns.set(columns.indexOf(ONE_SPACE), direction);
    return List.copyOf(columns);
  }

  /** {@code columns} with {@code a} and {@code b} in each other's place. */
  static List<String> swapped(List<String> columns, String a, String b) {
    List<String> out = new ArrayList<>(columns);
    Collections.swap(out, out.indexOf(a), out.indexOf(b));
    return List.copyOf(out);
  }

  static final String ONE_SPACE = "Transaction Debit or Credit";
  static final String TWO_SPACES = "Transaction  Debit or Credit";

  private static final Set<String> BARE =
      Set.of(
          "Transaction Initiation Date",
          "Transaction Completion Date",
          "Gross Transaction Amount",
          "Fee Amount",
          "Credit Transactional Fee",
          "Credit Promotional Fee");

  private final List<String> lines = new ArrayList<>();
  private List<String> columns = columns(ONE_SPACE);

  static String quoted(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  PaypalReport rh(String account) {
    return line("\"RH\",2026/11/28 03:31:02 -0800,\"A\"," + quoted(account) + ",009,");
  }

  PaypalReport fh() {
    return line("\"FH\",01");
  }

  PaypalReport sh(String account, String start, String end) {
    return line("\"SH\"," + start + "," + end + "," + quoted(account) + ",\"\"");
  }

  PaypalReport ch(List<String> names) {
    this.columns = names;
    List<String> out = new ArrayList<>(List.of(quoted("CH")));
    names.forEach(n -> out.add(quoted(n)));
    return line(String.join(",", out));
  }

  /** An SB row: "Column=value" cells over empty ones, quoted as PayPal quotes them. */
  PaypalReport sb(String... cells) {
    List<String> values = values(columns, cells);
    List<String> out = new ArrayList<>(List.of(quoted("SB")));
    for (int i = 0; i < columns.size(); i++) {
      out.add(BARE.contains(columns.get(i)) ? values.get(i) : quoted(values.get(i)));
    }
    return line(String.join(",", out));
  }

  /**
   * The values of an SB row under {@code columns}, in their order: "Column=value" cells
   * ("Direction" for the gross direction column, whichever its spelling) over empty ones.
   */
  static List<String> values(List<String> columns, String... cells) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String cell : cells) {
      int eq = cell.indexOf('=');
      String column = cell.substring(0, eq);
      values.put(column.equals("Direction") ? columns.get(7) : column, cell.substring(eq + 1));
    }
    List<String> out = new ArrayList<>();
    for (String column : columns) {
      out.add(values.getOrDefault(column, ""));
    }
    return out;
  }

  /** The footers of a section in one currency: totals PayPal writes, which the parser skips. */
  PaypalReport sectionEnd(String currency, int rows) {
    line(
        "\"SF\","
            + quoted(currency)
            + ",0,0,0,0,\"CR\",0,\"CR\",0,\"CR\",0,\"CR\",0,\"CR\",0,\"CR\",0,"
            + rows);
    return line("\"SC\"," + rows);
  }

  PaypalReport reportEnd(String currency, int rows) {
    line(
        "\"RF\","
            + quoted(currency)
            + ",0,0,0,0,\"CR\",0,\"CR\",0,\"CR\",0,\"CR\",0,\"CR\",0,\"CR\",0,"
            + rows);
    line("\"RC\"," + rows);
    return line("\"FF\",1");
  }

  PaypalReport line(String line) {
    lines.add(line);
    return this;
  }

  List<String> lines() {
    return lines;
  }
}
