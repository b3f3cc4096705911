package dev.reconciler.core.imports;

import dev.reconciler.core.load.TimestampParser;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The generic format: one header row, then one row per money movement, its columns named by
 * [import.csv] ({@link CsvMapping}). Amounts are decimals signed from the account's side, as {@link
 * ProcessorRow} keeps them; net, when the file has no net column, is gross - fee.
 */
public final class CsvParser implements ExportParser {
  private final CsvMapping mapping;
  private final Set<String> currencies;
  private final ZoneId zone;

  /** What a rejected time should have looked like, and the key that says so. */
  private final String expectedTime;

  /**
   * @param currencies [reconciliation] currencies (upper case; empty: any ISO-4217 code)
   * @param zone [import.csv] timezone (by default [reconciliation] timezone): how a time without an
   *     offset is read
   */
  public CsvParser(CsvMapping mapping, Set<String> currencies, ZoneId zone) {
    this.mapping = mapping;
    this.currencies = Set.copyOf(currencies);
    this.zone = zone;
    this.expectedTime =
        mapping.timestampFormat().isEmpty()
            ? "expected ISO-8601 such as 2026-11-28T10:15:30Z; [import.csv] timestamp_format reads"
                + " another pattern"
            : "expected "
                + mapping.timestampFormat()
                + (mapping.timestampLocale().equals(Locale.ROOT)
                    ? ", as [import.csv] timestamp_format says"
                    : " in "
                        + mapping.timestampLocale().toLanguageTag()
                        + ", as [import.csv] timestamp_format and timestamp_locale say");
  }

  @Override
  public void parse(Reader in, String sourceFile, RowSink sink) {
    ExportCsv.parse(
        in, sourceFile, mapping.delimiter(), sink, header -> new FileRows(header, sourceFile));
  }

  /**
   * The gross signed from the account's side, as the rules read it. A signed file's refund or
   * chargeback written positive, or payment negative, is refused rather than read as money the
   * other way: a processor that writes every amount positive needs [import.csv] amounts = unsigned,
   * and its refunds would otherwise count as sales. (Fees and payouts go either way: a fee credit,
   * a payout returned.)
   */
  private BigDecimal signedGross(BigDecimal gross, RowType type) {
    int way = way(type);
    if (mapping.amounts() == CsvMapping.Amounts.UNSIGNED && way != 0) {
      if (gross.signum() < 0) {
        throw new RowRejected(
            "negative gross " + gross.toPlainString() + " where [import.csv] amounts = unsigned");
      }
      return byType(gross, type);
    }
    if (gross.signum() * way < 0 && type != RowType.FEE && type != RowType.PAYOUT) {
      throw new RowRejected(
          "a "
              + type.id()
              + " moves money "
              + (way > 0 ? "in" : "out")
              + ", so its gross "
              + gross.toPlainString()
              + " should be "
              + (way > 0 ? "positive" : "negative")
              + " (amounts are signed from the account's side; set [import.csv] amounts = unsigned"
              + " for a file that writes every amount positive)");
    }
    return gross;
  }

  /**
   * A net from the file, turned as its gross was. Its own sign is not checked: a small payment's
   * fixed fee can exceed it, and its net then goes out.
   */
  private BigDecimal byType(BigDecimal amount, RowType type) {
    return mapping.amounts() == CsvMapping.Amounts.UNSIGNED && way(type) < 0
        ? amount.negate()
        : amount;
  }

  /** Which way a row of {@code type} moves money: 1 into the account, -1 out, 0 either. */
  private static int way(RowType type) {
    return switch (type) {
      case PAYMENT, CHARGEBACK_REVERSAL -> 1;
      case REFUND, CHARGEBACK, FEE, PAYOUT -> -1;
      case OTHER -> 0;
    };
  }

  /** One file's column indexes and per-file state. */
  private final class FileRows implements ExportCsv.RecordParser {
    private final Header header;
    private final String file;
    private final Currencies currencyCodes = new Currencies(currencies);
    private final ToLongFunction<String> times =
        mapping.timestampFormat().isEmpty()
            ? new TimestampParser(zone)
            : new PatternTimestamps(mapping.timestampFormat(), zone, mapping.timestampLocale());
    private final DecimalMark decimals = mapping.decimals();
    private final int key;
    private final int transactionId;
    private final int type;
    private final int gross;
    private final int fee;
    private final int net;
    private final int currency;
    private final int timestamp;
    private final int payout;
    private final int account;
    private final int reference;
    private final int originalReference;

    FileRows(Header header, String file) {
      this.header = header;
      this.file = file;
      Header.Columns c = header.columns();
      key = c.required(mapping.rowKeyColumn());
      transactionId = c.required(mapping.transactionIdColumn());
      type = c.required(mapping.typeColumn());
      gross = c.required(mapping.grossColumn());
      currency = c.required(mapping.currencyColumn());
      timestamp = c.required(mapping.timestampColumn());
      fee = c.optional(mapping.feeColumn());
      net = c.optional(mapping.netColumn());
      payout = c.optional(mapping.payoutIdColumn());
      account = c.optional(mapping.accountColumn());
      reference = c.optional(mapping.referenceColumn());
      originalReference = c.optional(mapping.originalReferenceColumn());
      c.check();
    }

    /** Our transaction id's cell as written, for a rejection. */
    @Override
    public String rawId(ExportRecord r) {
      return header.alignedCell(r, transactionId);
    }

    /** A rejected row's time, for its day. */
    @Override
    public Instant at(ExportRecord r) {
      return header.readable(r, timestamp) ? time(r) : null;
    }

    private Instant time(ExportRecord r) {
      return Cells.instant(Cells.text(r, timestamp), times, "timestamp", expectedTime);
    }

    @Override
    public ProcessorRow parse(ExportRecord r) {
      header.checkRow(r);
      String rawType = Cells.required(r, type, "row type");
      RowType rowType = mapping.typeValues().get(rawType.toLowerCase(Locale.ROOT));
      if (rowType == null) {
        throw new RowRejected("unknown row type " + Cells.quoted(rawType));
      }
      String id = Cells.transactionId(r, transactionId, rowType, mapping.transactionIdColumn());
      String code = currencyCodes.code(Cells.text(r, currency));
      BigDecimal grossAmount =
          signedGross(Cells.amount(Cells.text(r, gross), "gross", code, decimals), rowType);
      BigDecimal feeAmount = Cells.amountOrZero(Cells.text(r, fee), "fee", code, decimals);
      // Each of gross and fee may be at the limit the loader reads back, their difference not.
      BigDecimal netAmount =
          net >= 0
              ? byType(Cells.amount(Cells.text(r, net), "net", code, decimals), rowType)
              : Cells.difference(grossAmount, feeAmount, "net (gross - fee)", code);
      return new ProcessorRow(
          Cells.unrounded(
              Cells.required(r, key, "row id (" + Cells.quoted(mapping.rowKeyColumn()) + ")"),
              mapping.rowKeyColumn()),
          rowType,
          rawType,
          id,
          grossAmount,
          feeAmount,
          netAmount,
          code,
          time(r),
          Cells.orNull(r, payout),
          Cells.orNull(r, account),
          Cells.orNull(r, reference),
          Cells.orNull(r, originalReference),
          ProcessorRow.SETTLED,
          file,
          r.getStartingLineNumber());
    }
  }
}
