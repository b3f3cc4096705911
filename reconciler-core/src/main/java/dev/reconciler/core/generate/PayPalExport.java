package dev.reconciler.core.generate;

import dev.reconciler.core.imports.DocumentedColumns;
import dev.reconciler.core.imports.ProcessorTable;
import dev.reconciler.core.imports.RowType;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * PayPal's Settlement Report (STL, version 009): RH, FH, then per account a section (SH, CH, SB
 * rows, SF per currency, SC), then RF per currency, RC and FF. Text fields quoted, numbers and
 * dates bare, amounts unsigned in hundredths (JPY too) with CR/DR, dates with the business zone's
 * offset, UTF-8 with a BOM and CRLF line ends. Each section and currency is paid out by one T0400
 * withdrawal.
 */
final class PayPalExport implements ExportWriter {
  static final String[] COLUMNS = DocumentedColumns.PAYPAL.toArray(String[]::new);

  private static final String[] ACCOUNTS = {"MERCHANT7QX2LPA9", "MERCHANT3KD8ZTW4"};
  private static final int CURRENCIES = CurrencyMix.values().length;

  private final Writer out;
  private final CsvLine line;
  private final Timestamps clock;
  private final PayoutLayout layout;
  private final String[] payoutIds;
  private final String sectionStart;
  private final String sectionEnd;

  /**
   * Per currency: gross CR, gross DR, fee CR, fee DR, net, rows; for the section and the report.
   */
  private final long[][] section = new long[CURRENCIES][6];

  private final long[][] report = new long[CURRENCIES][6];
  private long sectionRows;
  private long reportRows;

  PayPalExport(Writer out, Timestamps clock, PayoutLayout layout, long seed) throws IOException {
    this.out = out;
    this.line = new CsvLine(out, "\r\n");
    this.clock = clock;
    this.layout = layout;
    this.payoutIds = new String[layout.count()];
    for (int i = 0; i < payoutIds.length; i++) {
      payoutIds[i] = Ids.paypal(Planner.fileId(seed, 0x5440, i));
    }
    this.sectionStart = date(0);
    this.sectionEnd = date(clock.dayMillis() - 1000);
    out.write('\uFEFF');
    line.quoted("RH").bare(sectionEnd).quoted("A").quoted(ACCOUNTS[0]).bare("009");
    line.trailingComma().end();
    line.quoted("FH").bare("01").end();
  }

  @Override
  public boolean sectioned() {
    return true;
  }

  @Override
  public void beginSection(int account) throws IOException {
    line.quoted("SH").bare(sectionStart).bare(sectionEnd).quoted(ACCOUNTS[account]).quoted("");
    line.end();
    line.quoted("CH");
    for (String name : COLUMNS) {
      line.quoted(name);
    }
    line.end();
  }

  @Override
  public void row(ExportRow r) throws IOException {
    boolean withdrawal = r.type == RowType.PAYOUT;
    boolean linked = r.type != RowType.PAYMENT && !withdrawal;
    String currency = r.currency.name();
    String when = date(r.msOfDay);
    line.quoted("SB")
        .quoted(withdrawal ? payoutIds[r.payout] : Ids.paypal(r.ref))
        .quoted(r.transactionId)
        .quoted(linked ? Ids.paypal(r.paymentRef) : null)
        .quoted(linked ? "TXN" : null)
        .quoted(eventCode(r.type))
        .bare(when)
        .bare(when)
        .quoted(r.gross >= 0 ? "CR" : "DR")
        .number(hundredths(Math.abs(r.gross), r.currency))
        .quoted(currency)
        .quoted(r.fee > 0 ? "DR" : "CR")
        .number(hundredths(Math.abs(r.fee), r.currency))
        .quoted(currency)
        .quoted(null)
        .quoted(null)
        .quoted(null)
        .quoted(null)
        .quoted(withdrawal ? "BR" + Ids.psp(r.payout) : null)
        .bare(null)
        .bare(null)
        .quoted(null)
        .end();
    add(section[r.currency.ordinal()], r);
    add(report[r.currency.ordinal()], r);
    sectionRows++;
    reportRows++;
  }

  private static void add(long[] totals, ExportRow r) {
    totals[r.gross >= 0 ? 0 : 1] += hundredths(Math.abs(r.gross), r.currency);
    totals[r.fee > 0 ? 3 : 2] += hundredths(Math.abs(r.fee), r.currency);
    totals[4] += hundredths(r.net, r.currency);
    totals[5]++;
  }

  /** PayPal writes every currency in hundredths of its unit: 100 yen as 10000, as $100.00. */
  private static long hundredths(long minor, CurrencyMix currency) {
    return currency.decimals == 0 ? minor * 100 : minor;
  }

  @Override
  public void endSection(int account) throws IOException {
    footers("SF", section);
    line.quoted("SC").number(sectionRows).end();
    sectionRows = 0;
    for (long[] totals : section) {
      Arrays.fill(totals, 0);
    }
  }

  @Override
  public void finish() throws IOException {
    footers("RF", report);
    line.quoted("RC").number(reportRows).end();
    line.quoted("FF").number(line.lines() + 1).end();
  }

  /**
   * Per currency with rows: totals, then balances (beginning 0, ending the net), then the count.
   */
  private void footers(String record, long[][] totals) throws IOException {
    for (CurrencyMix c : CurrencyMix.values()) {
      long[] t = totals[c.ordinal()];
      if (t[5] == 0) {
        continue;
      }
      line.quoted(record).quoted(c.name()).number(t[0]).number(t[1]).number(t[2]).number(t[3]);
      long ending = t[4];
      for (long balance : new long[] {0, ending, 0, ending, 0, 0}) {
        line.quoted(balance >= 0 ? "CR" : "DR").number(Math.abs(balance));
      }
      line.number(t[5]).end();
    }
  }

  private static String eventCode(RowType type) {
    return switch (type) {
      case PAYMENT -> "T0006";
      case REFUND -> "T1107";
      case CHARGEBACK -> "T1201";
      case CHARGEBACK_REVERSAL -> "T1202";
      case PAYOUT -> "T0400";
      case FEE -> "T0106";
      case OTHER -> "T9900";
    };
  }

  private String date(int msOfDay) {
    return clock.local(msOfDay, '/') + " " + clock.compactOffset(msOfDay);
  }

  /** The T0400 withdrawal's Transaction ID. */
  @Override
  public String payoutId(int payout) {
    return payoutIds[payout];
  }

  /** With no withdrawal the import keeps its provisional section id, spelled from the SH line. */
  @Override
  public String absentPayoutId(int payout) {
    return ProcessorTable.PROVISIONAL_PAYOUT_PREFIX
        + ACCOUNTS[layout.accountOf(payout)]
        + ":"
        + sectionStart
        + ":"
        + layout.currencyOf(payout).name();
  }

  @Override
  public String accountName(int account) {
    return ACCOUNTS[account];
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
