package dev.reconciler.core.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the lines of an Adyen settlement details report: the documented 30 columns (or any other
 * header), rows given as "Column=value" pairs, every other cell empty, as Adyen leaves them.
 */
final class AdyenReport {
  static final List<String> COLUMNS = DocumentedColumns.ADYEN;

  private final List<String> columns;
  private final List<String> lines = new ArrayList<>();

  AdyenReport() {
    this(COLUMNS);
  }

  AdyenReport(List<String> columns) {
    this.columns = columns;
    lines.add(String.join(",", columns));
  }

  /** A row: the common cells of one merchant account and batch, then {@code cells} over them. */
  AdyenReport row(String... cells) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("Company Account", "CompanyNL");
    values.put("Merchant Account", "ShopUS");
    values.put("TimeZone", "CET");
    values.put("Creation Date", "2026-11-27 10:15:30");
    values.put("Batch Number", "42");
    for (String cell : cells) {
      int eq = cell.indexOf('=');
      values.put(cell.substring(0, eq), cell.substring(eq + 1));
    }
    List<String> out = new ArrayList<>();
    for (String column : columns) {
      out.add(Parsed.field(values.getOrDefault(column, "")));
    }
    lines.add(String.join(",", out));
    return this;
  }

  /** A raw line, as it stands in the file. */
  AdyenReport line(String line) {
    lines.add(line);
    return this;
  }

  List<String> lines() {
    return lines;
  }

  /** A USD Settled row of a card payment, fees split Interchange++ style. */
  static String[] settled(String psp, String ref, String gross, String net, String... fees) {
    List<String> cells =
        new ArrayList<>(
            List.of(
                "Type=Settled",
                "Psp Reference=" + psp,
                "Merchant Reference=" + ref,
                "Modification Reference=M" + psp,
                "Payment Method=visa",
                "Gross Currency=USD",
                "Gross Credit (GC)=" + gross,
                "Exchange Rate=1",
                "Net Currency=USD",
                "Net Credit (NC)=" + net));
    cells.addAll(List.of(fees));
    return cells.toArray(String[]::new);
  }
}
