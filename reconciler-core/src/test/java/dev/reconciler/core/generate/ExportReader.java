package dev.reconciler.core.generate;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.RowType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain reading of the three generated export formats with FastCSV, by column name, into signed
 * rows ({@code ProcessorRow}'s conventions). Independent of the writers: it knows the formats, not
 * the plans. Checks along the way what a parser would trust (units, directions, zone names).
 */
final class ExportReader {
  /** One row, amounts signed from the account's side; payoutKey groups a payout's rows. */
  record Row(
      RowType type,
      String rawType,
      String transactionId,
      String ownId,
      BigDecimal gross,
      BigDecimal fee,
      BigDecimal net,
      String currency,
      Instant at,
      String payoutKey,
      String account,
      long line) {}

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter PAYPAL =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss Z");
  private static final DateTimeFormatter SHORT_ZONE =
      DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

  private ExportReader() {}

  static List<Row> read(ImportFormat format, Path file, ZoneId zone) throws IOException {
    return switch (format) {
      case STRIPE -> stripe(file);
      case ADYEN -> adyen(file, zone);
      case PAYPAL -> paypal(file);
      case CSV -> throw new IllegalArgumentException();
    };
  }

  static List<String> header(Path file) throws IOException {
    try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
      return csv.iterator().next().getFields();
    }
  }

  private static List<Row> stripe(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file)) {
      for (NamedCsvRecord r : csv) {
        fieldsMatchHeader(r);
        String category = r.getField("reporting_category");
        RowType type =
            switch (category) {
              case "charge" -> RowType.PAYMENT;
              case "refund" -> RowType.REFUND;
              case "dispute" -> RowType.CHARGEBACK;
              case "dispute_reversal" -> RowType.CHARGEBACK_REVERSAL;
              case "payout" -> RowType.PAYOUT;
              default -> throw new AssertionError("category " + category);
            };
        String currency = r.getField("currency");
        if (!currency.equals(currency.toLowerCase(Locale.ROOT))) {
          throw new AssertionError("Stripe currencies are lower case: " + currency);
        }
        rows.add(
            new Row(
                type,
                category,
                blankToNull(r.getField("payment_metadata[transaction_id]")),
                r.getField("source_id"),
                new BigDecimal(r.getField("gross")),
                new BigDecimal(r.getField("fee")),
                new BigDecimal(r.getField("net")),
                currency.toUpperCase(Locale.ROOT),
                LocalDateTime.parse(r.getField("created_utc"), LOCAL).toInstant(ZoneOffset.UTC),
                r.getField("automatic_payout_id"),
                null,
                r.getStartingLineNumber()));
      }
    }
    return rows;
  }

  private static List<Row> adyen(Path file, ZoneId zone) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file)) {
      for (NamedCsvRecord r : csv) {
        fieldsMatchHeader(r);
        String raw = r.getField("Type");
        RowType type =
            switch (raw) {
              case "Settled" -> RowType.PAYMENT;
              case "Refunded" -> RowType.REFUND;
              case "Chargeback", "SecondChargeback" -> RowType.CHARGEBACK;
              case "ChargebackReversed" -> RowType.CHARGEBACK_REVERSAL;
              case "Fee" -> RowType.FEE;
              case "MerchantPayout" -> RowType.PAYOUT;
              default -> throw new AssertionError("type " + raw);
            };
        BigDecimal net = pair(r, "Net Debit (NC)", "Net Credit (NC)");
        boolean hasGross =
            !r.getField("Gross Debit (GC)").isEmpty() || !r.getField("Gross Credit (GC)").isEmpty();
        BigDecimal gross = hasGross ? pair(r, "Gross Debit (GC)", "Gross Credit (GC)") : net;
        BigDecimal fee = BigDecimal.ZERO;
        for (String column :
            List.of("Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)")) {
          fee = fee.add(unsigned(r.getField(column)));
        }
        rows.add(
            new Row(
                type,
                raw,
                blankToNull(r.getField("Merchant Reference")),
                r.getField("Modification Reference"),
                gross,
                fee,
                net,
                r.getField("Net Currency"),
                adyenInstant(r.getField("Creation Date"), r.getField("TimeZone"), zone),
                r.getField("Batch Number"),
                r.getField("Merchant Account"),
                r.getStartingLineNumber()));
      }
    }
    return rows;
  }

  private static void fieldsMatchHeader(NamedCsvRecord r) {
    if (r.getFieldCount() != r.getHeader().size()) {
      throw new AssertionError(
          "line "
              + r.getStartingLineNumber()
              + " has "
              + r.getFieldCount()
              + " fields, the header "
              + r.getHeader().size());
    }
  }

  /** Exactly one of the two unsigned cells is filled: credit is +, debit is -. */
  private static BigDecimal pair(NamedCsvRecord r, String debit, String credit) {
    String d = r.getField(debit);
    String c = r.getField(credit);
    if (d.isEmpty() == c.isEmpty()) {
      throw new AssertionError("line " + r.getStartingLineNumber() + ": " + debit + " / " + credit);
    }
    return d.isEmpty() ? unsigned(c) : unsigned(d).negate();
  }

  private static BigDecimal unsigned(String text) {
    if (text.isEmpty()) {
      return BigDecimal.ZERO;
    }
    BigDecimal value = new BigDecimal(text);
    if (value.signum() < 0 || text.startsWith("+")) {
      throw new AssertionError("Adyen amounts are unsigned: " + text);
    }
    return value;
  }

  /**
   * Local time in the account zone; the abbreviation must name the offset in force (DST overlap).
   */
  private static Instant adyenInstant(String local, String abbreviation, ZoneId zone) {
    LocalDateTime time = LocalDateTime.parse(local, LOCAL);
    for (ZoneOffset offset : zone.getRules().getValidOffsets(time)) {
      Instant at = time.toInstant(offset);
      if (SHORT_ZONE.format(at.atZone(zone)).equals(abbreviation)) {
        return at;
      }
    }
    throw new AssertionError(
        abbreviation + " does not name the offset of " + local + " in " + zone);
  }

  private static List<Row> paypal(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> columns = new HashMap<>();
    String account = null;
    String sectionStart = null;
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .detectBomHeader(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .ofCsvRecord(file)) {
      for (CsvRecord r : csv) {
        switch (r.getField(0)) {
          case "SH" -> {
            sectionStart = r.getField(1);
            account = r.getField(3);
          }
          case "CH" -> {
            columns.clear();
            for (int i = 1; i < r.getFieldCount(); i++) {
              columns.put(r.getField(i), i);
            }
          }
          case "SB" -> rows.add(paypalRow(r, columns, account, sectionStart));
          default -> {
            // Headers and footers: checked by the tests that read them.
          }
        }
      }
    }
    return rows;
  }

  private static Row paypalRow(
      CsvRecord r, Map<String, Integer> columns, String account, String sectionStart) {
    String code = r.getField(columns.get("Transaction Event Code"));
    RowType type =
        switch (code) {
          case "T0006" -> RowType.PAYMENT;
          case "T1107" -> RowType.REFUND;
          case "T1201" -> RowType.CHARGEBACK;
          case "T1202" -> RowType.CHARGEBACK_REVERSAL;
          case "T0400" -> RowType.PAYOUT;
          default -> throw new AssertionError("code " + code);
        };
    String currency = r.getField(columns.get("Gross Transaction Currency"));
    int decimals = currency.equals("JPY") ? 0 : 2;
    BigDecimal gross =
        minor(r.getField(columns.get("Gross Transaction Amount")), decimals)
            .multiply(direction(r.getField(columns.get("Transaction Debit or Credit"))));
    // A fee debited is a fee assessed (+), a fee credited is one given back (-).
    BigDecimal fee =
        minor(r.getField(columns.get("Fee Amount")), decimals)
            .multiply(direction(r.getField(columns.get("Fee Debit or Credit"))).negate());
    return new Row(
        type,
        code,
        blankToNull(r.getField(columns.get("Invoice ID"))),
        r.getField(columns.get("Transaction ID")),
        gross,
        fee,
        gross.subtract(fee),
        currency,
        OffsetDateTime.parse(r.getField(columns.get("Transaction Completion Date")), PAYPAL)
            .toInstant(),
        "section:" + account + ":" + sectionStart + ":" + currency,
        account,
        r.getStartingLineNumber());
  }

  private static BigDecimal minor(String digits, int decimals) {
    if (!digits.matches("\\d+")) {
      throw new AssertionError("PayPal amounts are unsigned hundredths: " + digits);
    }
    // Hundredths in every currency, JPY too (100 yen is 10000), at the currency's decimals.
    return new BigDecimal(digits).movePointLeft(2).setScale(decimals, RoundingMode.UNNECESSARY);
  }

  private static BigDecimal direction(String crdr) {
    return switch (crdr) {
      case "CR" -> BigDecimal.ONE;
      case "DR" -> BigDecimal.ONE.negate();
      default -> throw new AssertionError("CR or DR: " + crdr);
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
