package dev.reconciler.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.imports.ProcessorTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads what the settlement rules need from an imported processor table (one with row_type) and the
 * sales table: a day's non-payment rows, the rows linked to given transactions, sales by id, the
 * payment rows whose fee may be wrong, and payouts with their members' nets. Amounts come as the
 * stored text; the rules decide on exact decimals. Day bounds are date texts that enclose the day
 * with a margin ({@code processed_at} is ISO-8601 text); the rules cut the day by instant.
 */
public final class SettlementReader implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Separates the nets of one payout in its group_concat: no decimal contains it. */
  public static final byte NET_SEPARATOR = 29;

  private final Path db;
  private final Connection connection;
  private final String table;
  private final String salesTable;
  private final String key;

  public SettlementReader(Path db, Settings.Database database, String matchKey) {
    this.db = db;
    this.connection = Sqlite.openReadOnly(db, database.busyTimeoutMs());
    this.table = database.processorTable();
    this.salesTable = database.salesTable();
    this.key = matchKey;
  }

  /** One stored processor row, its values as stored text (null when NULL). */
  public record Stored(
      long line,
      String rowType,
      String rawType,
      String transactionId,
      String gross,
      String fee,
      String net,
      String currency,
      String processedAt,
      String payoutId,
      String account,
      String processorRef,
      String originalRef) {}

  /** A sale's values as stored; {@code id} as the matcher compares ids (trimmed, upper case). */
  public record Sale(String id, String amount, String currency, String status) {}

  /**
   * One payout (payout id, account and currency) as the table holds it.
   *
   * @param payoutRows rows of type payout (0: its amount is not in the file)
   * @param payoutNets the payout rows' nets, {@link #NET_SEPARATOR} between them
   * @param paidAt the payout row's processed_at (the latest when several)
   * @param lastAt the latest processed_at of all its rows
   * @param memberNets the other rows' nets as UTF-8, {@link #NET_SEPARATOR} between them ("" for a
   *     NULL net)
   */
  public record Payout(
      String payoutId,
      String account,
      String currency,
      long payoutRows,
      String payoutNets,
      String paidAt,
      String lastAt,
      long members,
      byte[] memberNets) {}

  /** True when the table has a row_type column: one an import wrote. */
  public boolean hasRowTypes() {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT count(*) FROM pragma_table_info(?) WHERE lower(name) = 'row_type'")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        return rs.getInt(1) > 0;
      }
    } catch (SQLException e) {
      throw new StoreException("reading the columns of " + table, e);
    }
  }

  /** Rows other than payments whose processed_at text lies in [from, to). */
  public void nonPayments(String from, String to, Consumer<Stored> sink) {
    query(
        "row_type IS NOT NULL AND row_type <> 'payment' AND processed_at >= ? AND processed_at < ?",
        sink,
        from,
        to);
  }

  /**
   * Rows of the given types, any date, that belong to one of {@code ids} (compared trimmed and
   * upper case) or whose original_ref or processor_ref is one of {@code refs}.
   */
  public void linked(
      Collection<String> types,
      Collection<String> ids,
      Collection<String> refs,
      Consumer<Stored> sink) {
    String in = " IN (SELECT value FROM json_each(?))";
    query(
        "row_type"
            + in
            + " AND (upper(trim("
            + key
            + "))"
            + in
            + " OR original_ref"
            + in
            + " OR processor_ref"
            + in
            + ")",
        sink,
        json(types),
        json(ids),
        json(refs),
        json(refs));
  }

  /** The first sale (by rowid) of each id, any date; ids compared trimmed and upper case. */
  public Map<String, Sale> sales(Collection<String> ids) {
    Map<String, Sale> sales = new LinkedHashMap<>();
    String sql =
        "SELECT upper(trim("
            + key
            + ")), amount, currency, status FROM "
            + salesTable
            + " WHERE upper(trim("
            + key
            + ")) IN (SELECT value FROM json_each(?)) ORDER BY rowid";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(1, json(ids));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          sales.putIfAbsent(id, new Sale(id, rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading sales from " + salesTable + " in " + db, e);
    }
    return sales;
  }

  /**
   * Payment rows of [from, to) whose fee may be wrong: a conservative REAL prefilter in one pass,
   * so that only the few suspects reach the exact check. A row passes when gross - fee - net is not
   * zero within 5e-6 (an exact difference of at most 4 decimals is at least 1e-4, while the REAL
   * error below 1e9 is under 1e-6), when a value has 5 or more decimals or is not a plain decimal,
   * when the gross is 1e9 or more, or when its currency is on the rate card and the fee differs
   * from the REAL price by more than the tolerance less 1e-6, or the price lies within 1e-6 of a
   * rounding tie (where REAL rounding may go the other way).
   */
  public void feeSuspects(String from, String to, Settings.Fees fees, Consumer<Stored> sink) {
    String amount = "CAST(amount AS REAL)";
    String fee = "CAST(ifnull(fee, 0) AS REAL)";
    StringBuilder suspect =
        new StringBuilder("(net IS NOT NULL AND abs(")
            .append(amount)
            .append(" - ")
            .append(fee)
            .append(" - CAST(net AS REAL)) > 0.000005)")
            .append(" OR abs(")
            .append(amount)
            .append(") >= 1e9");
    for (String column : new String[] {"amount", "fee", "net"}) {
      suspect
          .append(" OR ")
          .append(column)
          .append(" GLOB '*[^0-9.-]*' OR ")
          .append(column)
          .append(" = '' OR ")
          .append(column)
          .append(" GLOB '*.[0-9][0-9][0-9][0-9][0-9]*'");
    }
    if (!fees.rateCard().isEmpty()) {
      suspect.append(" OR CASE currency");
      // Currency codes and numbers come validated from config ([A-Z]{3}, plain decimals), so
      // they are written into the statement as literals.
      fees.rateCard()
          .forEach(
              (currency, rate) -> {
                int digits = Money.fractionDigits(currency);
                String price =
                    "("
                        + amount
                        + " * "
                        + rate.percent().toPlainString()
                        + " / 100 + "
                        + rate.fixed().toPlainString()
                        + ")";
                String units = "(abs" + price + " * 1e" + digits + ")";
                suspect
                    .append(" WHEN '")
                    .append(currency)
                    .append("' THEN fee IS NOT NULL AND (abs(")
                    .append(fee)
                    .append(" - round(")
                    .append(price)
                    .append(", ")
                    .append(digits)
                    .append(")) > ")
                    .append(fees.tolerance().toPlainString())
                    .append(" - 0.000001 OR abs(")
                    .append(units)
                    .append(" - CAST(")
                    .append(units)
                    .append(" AS INTEGER) - 0.5) < 0.000001)");
              });
      suspect.append(" ELSE 0 END");
    }
    query(
        ProcessorTable.PAYMENTS
            + " AND processed_at >= ? AND processed_at < ? AND ("
            + suspect
            + ")",
        sink,
        from,
        to);
  }

  /**
   * Every payout (payout id, account, currency) that has a row whose processed_at text lies in
   * [from, to), with all its rows of any date: the rule decides which day each belongs to.
   */
  public void payouts(String from, String to, Consumer<Payout> sink) {
    String sql =
        "SELECT payout_id, account, currency, sum(row_type = 'payout'),"
            + " group_concat(CASE WHEN row_type = 'payout' THEN ifnull(net, '') END, char(29)),"
            + " max(CASE WHEN row_type = 'payout' THEN processed_at END), max(processed_at),"
            + " sum(row_type IS NOT 'payout'),"
            + " group_concat(CASE WHEN row_type IS NOT 'payout' THEN ifnull(net, '') END, char(29))"
            + " FROM "
            + table
            + " WHERE payout_id IN (SELECT payout_id FROM "
            + table
            + " WHERE payout_id IS NOT NULL AND processed_at >= ? AND processed_at < ?)"
            + " GROUP BY payout_id, account, currency ORDER BY payout_id, account, currency";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(1, from);
      st.setString(2, to);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          byte[] nets = rs.getBytes(9);
          sink.accept(
              new Payout(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getLong(8),
                  nets == null ? new byte[0] : nets));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading payouts from " + table + " in " + db, e);
    }
  }

  private void query(String where, Consumer<Stored> sink, String... parameters) {
    String sql =
        "SELECT rowid, row_type, raw_type, "
            + key
            + ", amount, fee, net, currency, processed_at, payout_id, account, processor_ref,"
            + " original_ref FROM "
            + table
            + " WHERE "
            + where
            + " ORDER BY rowid";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        st.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          sink.accept(
              new Stored(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getString(11),
                  rs.getString(12),
                  rs.getString(13)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading " + table + " in " + db, e);
    }
  }

  private static String json(Collection<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always serialisable", e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing " + db, e);
    }
  }
}
