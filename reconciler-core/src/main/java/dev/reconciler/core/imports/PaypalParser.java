package dev.reconciler.core.imports;

import dev.reconciler.core.load.TimestampParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PayPal's Settlement Report (STL, {@code STL-yyyymmdd.NN.009.CSV}): a multi-record file whose
 * first field names the record. RH (report header) and SH (section header) give the account, CH
 * names the columns of the SB rows after it (found by name, either spelling of "Transaction Debit
 * or Credit"), and each SB is one row; the footers (SF, SC, RF, RC, FF) hold totals only and are
 * skipped. The structure is checked only where a wrong guess would import wrong values: a file that
 * does not start like an STL, or an SB before any CH, is refused; the rows of an RH, SH or CH
 * record that cannot be read are rejected with it, as their account or columns are unknown.
 *
 * <p>Amounts are unsigned whole hundredths of the unit in every currency (JPY too: PayPal writes
 * 100 yen as 10000) with CR/DR beside them: gross is + for CR, the fee + when PayPal took it (DR)
 * and - when it gave it back (CR), net = gross - fee. Times are the Transaction Initiation Date
 * with its own offset. A streaming parser meets a section's withdrawal (T0400, or another T04nn
 * such as T0401 AutoSweep) only after the rows it pays out. So, given the file, it first reads it
 * once for the withdrawals alone, and gives each row its section's payout id (the withdrawal's
 * Transaction ID) at once; rows without one, and the withdrawal rows themselves, carry a
 * provisional payout id ({@link ProcessorTable#PROVISIONAL_PAYOUT_PREFIX} account:section
 * start:currency) that the store replaces, across files too. Resolving every row in the store
 * instead rewrote a million rows.
 */
public final class PaypalParser implements ExportParser {
  static final String DIRECTION = "Transaction Debit or Credit";

  /** The spelling of older reports, as Magento's and Wikimedia's STL parsers read it. */
  static final String DIRECTION_TWO_SPACES = "Transaction  Debit or Credit";

  /**
   * Sections (SH records) one file may hold. A real report has one per account, a handful; but the
   * look-ahead keeps the payout ids of every section until the file is read, and 400,000 hostile
   * sections ran an import out of a 40 MiB heap (and near the limit of a 96 MiB one, GC took it to
   * over four minutes).
   */
  static final int MAX_SECTIONS = 10_000;

  /**
   * Payouts (a section's withdrawals in one currency) one file may hold. A real report pays out a
   * handful of sections in the few currencies each holds; but the look-ahead keeps the id of each
   * until the file is read, and {@link #MAX_SECTIONS} sections in every currency Java knows make
   * millions, where the sections' bound was measured with one payout each.
   */
  static final int MAX_PAYOUTS = 10_000;

  /**
   * The records every SB row after them depends on (RH and SH for its account, CH for its columns),
   * each to what such a row cannot know while the latest record of that kind is not read.
   */
  private static final Map<String, String> HEADINGS =
      Map.of(
          "RH", "the account of its rows is unknown",
          "SH", "the account of its rows is unknown",
          "CH", "the columns of its rows are unknown");

  private final String transactionIdColumn;
  private final Set<String> currencies;

  /**
   * @param transactionIdColumn [import.paypal] transaction_id_column
   * @param currencies [reconciliation] currencies (upper case; empty: any ISO-4217 code)
   */
  public PaypalParser(String transactionIdColumn, Set<String> currencies) {
    this.transactionIdColumn = transactionIdColumn;
    this.currencies = Set.copyOf(currencies);
  }

  /** Rows keep provisional payout ids: a stream cannot look ahead to its sections' payouts. */
  @Override
  public void parse(Reader in, String sourceFile, RowSink sink) {
    parse(in, sourceFile, sink, Map.of(), false);
  }

  @Override
  public void parse(Opener file, String sourceFile, RowSink sink) throws IOException {
    Map<String, String> payouts = new HashMap<>();
    try (Reader ahead = file.open()) {
      parse(ahead, sourceFile, IGNORED, payouts, true);
    } catch (ImportFormatException e) {
      // The parse proper meets the same record and refuses the file with this message.
    }
    try (Reader in = file.open()) {
      parse(in, sourceFile, sink, payouts, false);
    }
  }

  private static final RowSink IGNORED =
      new RowSink() {
        @Override
        public void row(ProcessorRow row) {}

        @Override
        public void reject(long line, String reason) {}
      };

  /**
   * @param payouts provisional payout id to the section's payout id: read when parsing rows, filled
   *     when {@code lookAhead}, which reads only the withdrawals and hands {@code sink} nothing
   */
  private void parse(
      Reader in, String sourceFile, RowSink sink, Map<String, String> payouts, boolean lookAhead) {
    try (ExportCsv csv = ExportCsv.open(in, sourceFile)) {
      Report report = new Report(sourceFile, csv.file(), payouts, lookAhead);
      csv.forEachRow(report, sink);
      if (!report.started) {
        throw new ImportFormatException(
            csv.file() + ": the file is empty: expected a PayPal settlement report (STL)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The provisional payout id of the rows of one account section and currency. */
  private static String provisional(String account, String sectionStart, String currency) {
    return ProcessorTable.PROVISIONAL_PAYOUT_PREFIX
        + (account == null ? "" : account)
        + ":"
        + sectionStart
        + ":"
        + currency;
  }

  /** What the records read so far say about the ones to come: account, section, columns. */
  private final class Report implements ExportCsv.RecordParser {
    private final String file;

    /** The file's name as messages show it: on one line, whatever it holds. */
    private final String shown;

    private final Currencies currencyCodes = new Currencies(currencies);
    private final TimestampParser offsetTimes = new TimestampParser(ZoneOffset.UTC);
    private final Map<String, String> payouts;
    private final boolean lookAhead;
    private boolean started;
    private int sections;
    private String reportAccount = "";
    private String sectionAccount;
    private String sectionStart = "";
    private Columns columns;

    /** Whether an SH came yet: rows before the first belong to the report's account. */
    private boolean inSection;

    /**
     * The latest record of each kind of {@link #HEADINGS}, as a reason names it, while it is not
     * read (rejected); the kind is absent once it is.
     */
    private final Map<String, String> unread = new HashMap<>();

    /** The currencies the latest SH's section paid out in so far: new ones count as payouts. */
    private final Set<String> sectionPayouts = new HashSet<>();

    /** Payouts so far, never fewer than the look-ahead's map holds: a repeated SH counts again. */
    private int payoutCount;

    Report(String file, String shown, Map<String, String> payouts, boolean lookAhead) {
      this.file = file;
      this.shown = shown;
      this.payouts = payouts;
      this.lookAhead = lookAhead;
    }

    /** The row of an SB record; null for the others, which at most change what comes next. */
    @Override
    public ProcessorRow parse(ExportRecord r) {
      boolean typeQuoteAfterBlank = Cells.quoteAfterBlank(r, 0);
      String kind = typeQuoteAfterBlank ? unquoted(Cells.text(r, 0)) : Cells.text(r, 0);
      if (!started) {
        checkStart(r, kind);
        started = true;
      }
      if (HEADINGS.containsKey(kind)) {
        unreadUntilRead(r, kind);
      }
      // Read strictly, the type keeps its quotes: rejected as an unknown type, such an RH, SH or CH
      // left its rows to the one before, as one over several lines did.
      if (typeQuoteAfterBlank) {
        throw new RowRejected(
            "the record type "
                + Cells.quoted(kind)
                + " has a blank before the quote that opens it: not imported");
      }
      // An SB's text cells may hold line breaks; no other record has text that could, so one over
      // several lines took the records after it in (their SB rows would go unseen with it).
      if (!kind.equals("SB") && r.getEndingLineNumber() > r.getStartingLineNumber()) {
        throw RowRejected.unclosedQuote(r, Cells.quoted(kind) + " records are one line");
      }
      switch (kind) {
        case "RH" -> reportAccount = carried(r, kind, 3, "account");
        case "SH" -> {
          sectionStart = carried(r, kind, 1, "start");
          sectionAccount = carried(r, kind, 3, "account");
        }
        case "CH" -> columns = new Columns(Header.of(r, file));
        case "SB" -> {
          return row(r);
        }
        case "FH", "SF", "SC", "RF", "RC", "FF" -> {
          // Totals and counts: the rules check the rows themselves.
        }
        default -> throw new RowRejected("unknown record type " + Cells.quoted(kind));
      }
      // Reached only by a record that was read: rejected, it threw above.
      unread.remove(kind);
      return null;
    }

    /** An SB record's transaction id cell as written, by the latest CH's columns. */
    @Override
    public String rawId(ExportRecord r) {
      return columns != null && Cells.text(r, 0).equals("SB")
          ? columns.header.alignedCell(r, columns.transactionId)
          : null;
    }

    /**
     * An SB record's initiation time, by the latest CH's columns, for its day; none after a CH that
     * could not be read, whose columns may put another date where the latest had this one.
     */
    @Override
    public Instant at(ExportRecord r) {
      return columns != null
              && !unread.containsKey("CH")
              && Cells.text(r, 0).equals("SB")
              && columns.header.readable(r, columns.initiated)
          ? columns.initiated(r)
          : null;
    }

    /**
     * Takes an RH, SH or CH record as unread until it is read: the rows it heads carry its account
     * (and section start) or are read by its columns, so when it is rejected, {@link #row} rejects
     * them too. Rejected alone, it left them to the record before: under its account, whose payout
     * they swelled or hid, or read by its columns, in another order a wrong amount.
     */
    private void unreadUntilRead(ExportRecord r, String kind) {
      unread.put(kind, "the " + kind + " record on line " + r.getStartingLineNumber());
      if (kind.equals("SH")) {
        countSection(r);
        inSection = true;
        sectionPayouts.clear();
      }
    }

    /** Rejects a row whose latest {@code kind} record (of {@link #HEADINGS}) was not read. */
    private void rejectWhenUnread(String kind) {
      String heading = unread.get(kind);
      if (heading != null) {
        throw new RowRejected(
            heading + " could not be read, so " + HEADINGS.get(kind) + ": not imported");
      }
    }

    private void countSection(ExportRecord r) {
      if (++sections > MAX_SECTIONS) {
        throw pastBound(r, "a section (SH record)", MAX_SECTIONS);
      }
    }

    /**
     * {@code row}, counted when it is a payout in a currency its section has not paid out in yet.
     * The parse proper counts too, though it fills no map: the look-ahead's refusals are dropped
     * for the parse proper to meet at the same record.
     */
    private ProcessorRow counted(ExportRecord r, ProcessorRow row) {
      if (row.type() == RowType.PAYOUT
          && sectionPayouts.add(row.currency())
          && ++payoutCount > MAX_PAYOUTS) {
        throw pastBound(r, "a payout (a section's withdrawal in a currency)", MAX_PAYOUTS);
      }
      return row;
    }

    private ImportFormatException pastBound(ExportRecord r, String what, int bound) {
      return new ImportFormatException(
          String.format(
              Locale.ROOT,
              "%s: line %d: %s past the %,d one file may hold (not a PayPal settlement report?)",
              shown,
              r.getStartingLineNumber(),
              what,
              bound));
    }

    /**
     * A cell of an RH or SH record, which every row after it carries (its account, its payout id):
     * one too long to read, or whose quotes would be text, rejects the record and so the rows it
     * heads, as a bad cell of an SB rejects its row; refusing the file lost every other section.
     */
    private String carried(ExportRecord r, String kind, int index, String what) {
      String unreadable = Cells.tooLong(r, index, what);
      if (unreadable == null && Cells.quoteAfterBlank(r, index)) {
        unreadable = what + " has a blank before the quote that opens it";
      }
      if (unreadable != null) {
        throw new RowRejected("the " + kind + " record's " + unreadable + ": not imported");
      }
      return Cells.text(r, index);
    }

    private void checkStart(ExportRecord r, String kind) {
      if (!kind.equals("RH") && !kind.equals("FH") && !kind.equals("SH") && !kind.equals("CH")) {
        throw new ImportFormatException(
            shown
                + ": line "
                + r.getStartingLineNumber()
                + ": starts with "
                + Cells.quoted(kind)
                + ", not a PayPal settlement report record (RH, FH, SH or CH) (not this format?)");
      }
    }

    private ProcessorRow row(ExportRecord r) {
      // A row after a CH that could not be read is not before any CH: rejected, not refused.
      rejectWhenUnread("CH");
      if (columns == null) {
        throw new ImportFormatException(
            shown
                + ": line "
                + r.getStartingLineNumber()
                + ": an SB row before any CH record naming the columns (not this format?)");
      }
      rejectWhenUnread(inSection ? "SH" : "RH");
      String named = inSection ? sectionAccount : reportAccount;
      String account = named.isEmpty() ? null : named;
      if (!lookAhead) {
        return counted(r, columns.row(r, account, sectionStart));
      }
      // Only the withdrawals, parsed in full, so that one the parse proper rejects pays nothing.
      if (PaypalEventCodes.isWithdrawal(Cells.text(r, columns.eventCode))) {
        ProcessorRow row = counted(r, columns.row(r, account, sectionStart));
        if (row.type() == RowType.PAYOUT) {
          // The first, as the store resolves a section with two to its first by rowid.
          payouts.putIfAbsent(row.payoutId(), row.processorRef());
        }
      }
      return null;
    }

    /** The SB columns one CH record names. */
    private final class Columns {
      private final Header header;
      private final int id;
      private final int transactionId;
      private final int reference;
      private final int referenceType;
      private final int eventCode;
      private final int initiated;
      private final int direction;
      private final int gross;
      private final int grossCurrency;
      private final int feeDirection;
      private final int fee;
      private final int feeCurrency;

      Columns(Header header) {
        this.header = header;
        Header.Columns c = header.columns();
        id = c.required("Transaction ID");
        transactionId = c.required(transactionIdColumn);
        reference = c.required("PayPal Reference ID");
        referenceType = c.required("PayPal Reference ID Type");
        eventCode = c.required("Transaction Event Code");
        initiated = c.required("Transaction Initiation Date");
        direction = c.required(DIRECTION, DIRECTION_TWO_SPACES);
        gross = c.required("Gross Transaction Amount");
        grossCurrency = c.required("Gross Transaction Currency");
        feeDirection = c.required("Fee Debit or Credit");
        fee = c.required("Fee Amount");
        feeCurrency = c.required("Fee Currency");
        c.check();
      }

      ProcessorRow row(ExportRecord r, String account, String start) {
        header.checkRow(r);
        String rowId = Cells.required(r, id, "Transaction ID");
        String code = Cells.required(r, eventCode, "Transaction Event Code");
        if (!PaypalEventCodes.isWellFormed(code)) {
          throw new RowRejected(
              "malformed event code " + Cells.quoted(code) + " (expected T and four digits)");
        }
        boolean credit = isCredit(Cells.text(r, direction), "Transaction Debit or Credit");
        RowType type = PaypalEventCodes.type(code, credit);
        String ourId = Cells.unrounded(Cells.orNull(r, transactionId), transactionIdColumn);
        String original =
            "TXN".equals(Cells.text(r, referenceType)) ? Cells.orNull(r, reference) : null;
        if (ourId == null
            && type.needsTransactionId()
            && (type == RowType.PAYMENT || original == null)) {
          throw new RowRejected(
              "missing transaction id (" + Cells.quoted(transactionIdColumn) + ")");
        }
        String currency =
            currencyCodes.code(Cells.required(r, grossCurrency, "Gross Transaction Currency"));
        BigDecimal amount =
            Cells.hundredths(Cells.text(r, gross), "Gross Transaction Amount", currency);
        BigDecimal grossAmount = credit ? amount : amount.negate();
        BigDecimal feeAmount = fee(r, currency);
        String payout = provisional(account, start, currency);
        if (type != RowType.PAYOUT) {
          // The withdrawal keeps the provisional id: the store resolves it, and with it the rows
          // of earlier files that this section's payout pays out.
          payout = payouts.getOrDefault(payout, payout);
        }
        return new ProcessorRow(
            rowId,
            type,
            code,
            ourId,
            grossAmount,
            feeAmount,
            Cells.difference(grossAmount, feeAmount, "net", currency),
            currency,
            initiated(r),
            payout,
            account,
            rowId,
            original,
            ProcessorRow.SETTLED,
            file,
            r.getStartingLineNumber());
      }

      /** The fee as ProcessorRow signs it: + when PayPal took it (DR), - when it gave it back. */
      private BigDecimal fee(ExportRecord r, String currency) {
        String text = Cells.text(r, fee);
        BigDecimal amount =
            text.isEmpty()
                ? Cells.atCurrencyScale(BigDecimal.ZERO, currency)
                : Cells.hundredths(text, "Fee Amount", currency);
        if (amount.signum() == 0) {
          return amount;
        }
        String feeCode = currencyCodes.code(Cells.required(r, feeCurrency, "Fee Currency"));
        if (!feeCode.equals(currency)) {
          throw new RowRejected(
              "fee currency "
                  + feeCode
                  + " differs from gross currency "
                  + currency
                  + ": one row holds one currency");
        }
        return isCredit(Cells.text(r, feeDirection), "Fee Debit or Credit")
            ? amount.negate()
            : amount;
      }

      private Instant initiated(ExportRecord r) {
        String text = Cells.required(r, initiated, "Transaction Initiation Date");
        String iso = isoOf(text);
        long millis = iso == null ? TimestampParser.INVALID : offsetTimes.parse(iso);
        if (millis == TimestampParser.INVALID) {
          throw new RowRejected(
              "unparseable Transaction Initiation Date "
                  + Cells.quoted(text)
                  + " (expected yyyy/mm/dd hh:mm:ss +hhmm)");
        }
        return Instant.ofEpochMilli(millis);
      }
    }
  }

  /** {@code text} without the quotes around it, as a cell read strictly keeps them. */
  private static String unquoted(String text) {
    return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
        ? text.substring(1, text.length() - 1)
        : text;
  }

  private static boolean isCredit(String text, String what) {
    return switch (text) {
      case "CR" -> true;
      case "DR" -> false;
      default ->
          throw new RowRejected(
              text.isEmpty()
                  ? "missing " + what
                  : what + " " + Cells.quoted(text) + " is neither CR nor DR");
    };
  }

  /**
   * PayPal's {@code yyyy/mm/dd hh:mm:ss ±hhmm} as ISO-8601 ({@code yyyy-mm-ddThh:mm:ss±hhmm}) for
   * the shared timestamp parser, which then checks every digit; null when the shape differs.
   */
  static String isoOf(String text) {
    if (text.length() != 25
        || text.charAt(4) != '/'
        || text.charAt(7) != '/'
        || text.charAt(10) != ' '
        || text.charAt(19) != ' '
        || (text.charAt(20) != '+' && text.charAt(20) != '-')) {
      return null;
    }
    return text.substring(0, 4)
        + '-'
        + text.substring(5, 7)
        + '-'
        + text.substring(8, 10)
        + 'T'
        + text.substring(11, 19)
        + text.substring(20);
  }
}
