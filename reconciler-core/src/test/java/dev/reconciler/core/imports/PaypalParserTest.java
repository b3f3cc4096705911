package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.fuzz.HostileStrings;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaypalParserTest {
  @TempDir Path dir;

  private static final String START = "2026/11/27 00:00:00 -0800";
  private static final String END = "2026/11/27 23:59:59 -0800";
  private static final String AT = "2026/11/27 10:15:30 -0800";

  private final PaypalParser parser = new PaypalParser("Invoice ID", Set.of());

  private static ProcessorRow only(Parsed parsed) {
    assertThat(parsed.rejects).isEmpty();
    assertThat(parsed.rows).hasSize(1);
    return parsed.rows.get(0);
  }

  private Path write(String name, List<String> lines, String eol, boolean bom) {
    try {
      return Parsed.write(dir, name, lines, bom, eol.equals("\r\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Parsed parse(ExportParser parser, Path file) {
    try {
      return Parsed.parse(parser, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Parsed parse(PaypalReport report) {
    return parse(report.lines(), "\r\n", true);
  }

  private Parsed parse(List<String> lines, String eol, boolean bom) {
    Path file = write("STL-20261127.01.009.CSV", lines, eol, bom);
    return parse(parser, file);
  }

  private static PaypalReport head(String account) {
    return new PaypalReport().rh(account).fh().sh(account, START, END);
  }

  /** One section in USD with every kind of row the rules need. */
  private static PaypalReport everyType() {
    return head("MERCHANT1")
        .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
        .sb(sale("P1", "TXN-1", "10000", "320"))
        .sb(
            "Transaction ID=R1",
            "Invoice ID=TXN-1",
            "PayPal Reference ID=P1",
            "PayPal Reference ID Type=TXN",
            "Transaction Event Code=T1107",
            "Transaction Initiation Date=" + AT,
            "Direction=DR",
            "Gross Transaction Amount=2000",
            "Gross Transaction Currency=USD",
            "Fee Debit or Credit=CR",
            "Fee Amount=30",
            "Fee Currency=USD")
        .sb(
            "Transaction ID=V1",
            "PayPal Reference ID=P1",
            "PayPal Reference ID Type=TXN",
            "Transaction Event Code=T1106",
            "Transaction Initiation Date=" + AT,
            "Direction=DR",
            "Gross Transaction Amount=500",
            "Gross Transaction Currency=USD")
        .sb(
            "Transaction ID=C1",
            "Invoice ID=TXN-2",
            "PayPal Reference ID=P2",
            "PayPal Reference ID Type=TXN",
            "Transaction Event Code=T1201",
            "Transaction Initiation Date=" + AT,
            "Direction=DR",
            "Gross Transaction Amount=5000",
            "Gross Transaction Currency=USD",
            "Fee Debit or Credit=DR",
            "Fee Amount=2000",
            "Fee Currency=USD")
        .sb(
            "Transaction ID=C2",
            "Invoice ID=TXN-2",
            "PayPal Reference ID=P2",
            "PayPal Reference ID Type=TXN",
            "Transaction Event Code=T1202",
            "Transaction Initiation Date=" + AT,
            "Direction=CR",
            "Gross Transaction Amount=5000",
            "Gross Transaction Currency=USD",
            "Fee Debit or Credit=CR",
            "Fee Amount=2000",
            "Fee Currency=USD")
        .sb(
            "Transaction ID=F1",
            "PayPal Reference ID=C1",
            "PayPal Reference ID Type=TXN",
            "Transaction Event Code=T0106",
            "Transaction Initiation Date=" + AT,
            "Direction=DR",
            "Gross Transaction Amount=2000",
            "Gross Transaction Currency=USD")
        .sb(
            "Transaction ID=O1",
            "PayPal Reference ID=I-9",
            "PayPal Reference ID Type=ODR",
            "Transaction Event Code=T0700",
            "Transaction Initiation Date=" + AT,
            "Direction=CR",
            "Gross Transaction Amount=100",
            "Gross Transaction Currency=USD")
        .sb(
            "Transaction ID=W1",
            "Transaction Event Code=T0400",
            "Transaction Initiation Date=2026/11/27 23:00:00 -0800",
            "Direction=DR",
            "Gross Transaction Amount=4360",
            "Gross Transaction Currency=USD",
            "Bank Reference ID=BANK-1")
        .sectionEnd("USD", 8)
        .reportEnd("USD", 8);
  }

  private static String[] sale(String id, String invoice, String gross, String fee) {
    return new String[] {
      "Transaction ID=" + id,
      "Invoice ID=" + invoice,
      "Transaction Event Code=T0006",
      "Transaction Initiation Date=" + AT,
      "Transaction Completion Date=" + AT,
      "Direction=CR",
      "Gross Transaction Amount=" + gross,
      "Gross Transaction Currency=USD",
      "Fee Debit or Credit=DR",
      "Fee Amount=" + fee,
      "Fee Currency=USD",
      "Custom Field=order 7, \"gift\""
    };
  }

  @Test
  void mapsEveryEventCodeWithTheSignsOfProcessorRow() {
    Parsed out = parse(everyType());
    assertThat(out.rejects).isEmpty();
    assertThat(out.rows)
        .extracting(
            r ->
                r.rawType() + " " + r.type().id() + " " + r.gross() + "/" + r.fee() + "/" + r.net())
        .containsExactly(
            "T0006 payment 100.00/3.20/96.80",
            "T1107 refund -20.00/-0.30/-19.70",
            "T1106 refund -5.00/0.00/-5.00",
            "T1201 chargeback -50.00/20.00/-70.00",
            "T1202 chargeback_reversal 50.00/-20.00/70.00",
            "T0106 fee -20.00/0.00/-20.00",
            "T0700 other 1.00/0.00/1.00",
            "T0400 payout -43.60/0.00/-43.60");
    for (ProcessorRow r : out.rows) {
      assertThat(r.gross().subtract(r.fee())).isEqualByComparingTo(r.net());
      assertThat(r.rowKey()).isEqualTo(r.processorRef());
      assertThat(r.account()).isEqualTo("MERCHANT1");
      assertThat(r.currency()).isEqualTo("USD");
      assertThat(r.status()).isEqualTo("settled");
      assertThat(r.payoutId()).isEqualTo("section:MERCHANT1:" + START + ":USD");
    }
    assertThat(out.rows)
        .extracting(ProcessorRow::sourceLine)
        .containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
  }

  @Test
  void moneySentAndAWithdrawalComingBackAreOtherNotPaymentOrPayout() {
    Parsed out =
        parse(
            head("M")
                .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
                .sb(replace(sale("S1", "", "700", "0"), "Direction=DR"))
                .sb(
                    "Transaction ID=W2",
                    "Transaction Event Code=T0400",
                    "Transaction Initiation Date=" + AT,
                    "Direction=CR",
                    "Gross Transaction Amount=4360",
                    "Gross Transaction Currency=USD"));
    assertThat(out.rejects).isEmpty();
    assertThat(out.rows)
        .extracting(r -> r.rawType() + " " + r.type().id() + " " + r.gross())
        .containsExactly("T0006 other -7.00", "T0400 other 43.60");
  }

  @Test
  void linksRefundsToThePaymentThroughTheReferenceOnlyWhenItIsATransaction() {
    List<ProcessorRow> rows = parse(everyType()).rows;
    assertThat(rows.get(0).transactionId()).isEqualTo("TXN-1");
    assertThat(rows.get(0).originalRef()).isNull();
    assertThat(rows.get(1).transactionId()).isEqualTo("TXN-1");
    assertThat(rows.get(1).originalRef()).isEqualTo("P1");
    // No Invoice ID on the reversal: the rules find its sale through the reference.
    assertThat(rows.get(2).transactionId()).isNull();
    assertThat(rows.get(2).originalRef()).isEqualTo("P1");
    assertThat(rows.get(6).originalRef()).isNull();
    assertThat(rows.get(7).processorRef()).isEqualTo("W1");
  }

  @Test
  void readsTheOlderTwoSpaceSpellingAlike() {
    PaypalReport older =
        head("MERCHANT1")
            .ch(PaypalReport.columns(PaypalReport.TWO_SPACES))
            .sb(sale("P1", "TXN-1", "10000", "320"));
    PaypalReport newer =
        head("MERCHANT1")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("P1", "TXN-1", "10000", "320"));
    assertThat(only(parse(older))).isEqualTo(only(parse(newer)));
  }

  @Test
  void byteOrderMarkAndLineEndsChangeNothing() {
    List<String> lines = everyType().lines();
    Parsed lf = parse(lines, "\n", false);
    Parsed crlf = parse(lines, "\r\n", true);
    assertThat(lf.rows).hasSize(8).isEqualTo(crlf.rows);
  }

  @Test
  void amountsAreHundredthsOfTheUnitInEveryCurrency() {
    Parsed out =
        parse(
            head("M")
                .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
                .sb(sale("P1", "T1", "1234", "0"))
                .sb(
                    "Transaction ID=P2",
                    "Invoice ID=T2",
                    "Transaction Event Code=T0006",
                    "Transaction Initiation Date=" + AT,
                    "Direction=CR",
                    "Gross Transaction Amount=150000",
                    "Gross Transaction Currency=JPY",
                    "Fee Debit or Credit=DR",
                    "Fee Amount=5400",
                    "Fee Currency=JPY"));
    assertThat(out.rejects).isEmpty();
    assertThat(out.rows.get(0).gross().toPlainString()).isEqualTo("12.34");
    assertThat(out.rows.get(0).fee().toPlainString()).isEqualTo("0.00");
    assertThat(out.rows.get(1).gross().toPlainString()).isEqualTo("1500");
    assertThat(out.rows.get(1).fee().toPlainString()).isEqualTo("54");
    assertThat(out.rows.get(1).net().toPlainString()).isEqualTo("1446");
  }

  @Test
  void readsEachTimeAtItsOwnOffset() {
    Parsed out =
        parse(
            head("M")
                .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
                .sb(at(sale("P1", "T1", "100", "0"), "2026/03/07 23:30:00 -0800"))
                .sb(at(sale("P2", "T2", "100", "0"), "2026/03/08 03:30:00 -0700"))
                .sb(at(sale("P3", "T3", "100", "0"), "2026/11/28 09:00:00 +0100")));
    assertThat(out.rows)
        .extracting(ProcessorRow::occurredAt)
        .containsExactly(
            Instant.parse("2026-03-08T07:30:00Z"),
            Instant.parse("2026-03-08T10:30:00Z"),
            Instant.parse("2026-11-28T08:00:00Z"));
  }

  private static String[] at(String[] cells, String time) {
    String[] out = cells.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i].startsWith("Transaction Initiation Date=")) {
        out[i] = "Transaction Initiation Date=" + time;
      }
    }
    return out;
  }

  @Test
  void givesEachAccountSectionAndCurrencyItsOwnProvisionalPayout() {
    String start2 = "2026/11/28 00:00:00 -0800";
    PaypalReport report =
        head("ACC-A")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("A1", "T1", "100", "0"))
            .sb(
                "Transaction ID=A2",
                "Invoice ID=T2",
                "Transaction Event Code=T0006",
                "Transaction Initiation Date=" + AT,
                "Direction=CR",
                "Gross Transaction Amount=100",
                "Gross Transaction Currency=EUR")
            .sectionEnd("USD", 1)
            .sectionEnd("EUR", 1)
            .sh("ACC-B", start2, END)
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("B1", "T3", "100", "0"))
            .sectionEnd("USD", 1)
            .reportEnd("USD", 3);
    Parsed out = parse(report);
    assertThat(out.rejects).isEmpty();
    assertThat(out.rows)
        .extracting(r -> r.account() + " " + r.payoutId())
        .containsExactly(
            "ACC-A section:ACC-A:" + START + ":USD",
            "ACC-A section:ACC-A:" + START + ":EUR",
            "ACC-B section:ACC-B:" + start2 + ":USD");
  }

  /**
   * Given the file, the parser looks ahead for each section's withdrawal: the rows it pays out
   * carry its Transaction ID at once (no rewrite of every row in the store), while the withdrawal
   * itself, a section without one and a currency whose withdrawal is rejected keep the provisional
   * id, for the store to resolve as before.
   */
  @Test
  void withTheFileTheRowsOfASectionGetItsWithdrawalsIdAtOnce() throws IOException {
    String section = "section:ACC-A:" + START + ":";
    PaypalReport report =
        head("ACC-A")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("A1", "T1", "100", "0"))
            .sb(
                "Transaction ID=E1",
                "Invoice ID=T2",
                "Transaction Event Code=T0006",
                "Transaction Initiation Date=" + AT,
                "Direction=CR",
                "Gross Transaction Amount=100",
                "Gross Transaction Currency=EUR")
            .sb(
                "Transaction ID=G1",
                "Invoice ID=T3",
                "Transaction Event Code=T0006",
                "Transaction Initiation Date=" + AT,
                "Direction=CR",
                "Gross Transaction Amount=100",
                "Gross Transaction Currency=GBP")
            .sb(withdrawal("W1", "USD", AT))
            .sb(withdrawal("W2", "USD", AT))
            // Rejected (no date): pays nothing out, and the GBP rows stay provisional.
            .sb(withdrawal("W3", "GBP", ""))
            .sectionEnd("USD", 3)
            .reportEnd("USD", 3);
    Path file = write("STL-20261127.01.009.CSV", report.lines(), "\r\n", true);
    Parsed out = new Parsed();
    parser.parse(() -> Files.newBufferedReader(file, StandardCharsets.UTF_8), "stl.csv", out);

    assertThat(out.rejects).hasSize(1);
    assertThat(out.rows)
        .extracting(r -> r.rowKey() + " " + r.payoutId())
        .containsExactly(
            "A1 W1",
            "E1 " + section + "EUR",
            "G1 " + section + "GBP",
            "W1 " + section + "USD",
            "W2 " + section + "USD");
    // Read as a stream it cannot look ahead: every row provisional, as the store expects too.
    assertThat(parse(report).rows)
        .extracting(ProcessorRow::payoutId)
        .allMatch(id -> id.startsWith(ProcessorTable.PROVISIONAL_PAYOUT_PREFIX));
  }

  private static String[] withdrawal(String id, String currency, String at) {
    return new String[] {
      "Transaction ID=" + id,
      "Transaction Event Code=T0400",
      "Transaction Initiation Date=" + at,
      "Direction=DR",
      "Gross Transaction Amount=100",
      "Gross Transaction Currency=" + currency
    };
  }

  @Test
  void keepsQuotedTextWithQuotesAndCommasWhole() {
    ProcessorRow r =
        only(
            parse(
                head("M")
                    .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
                    .sb(sale("P1", "INV \"7\", second", "100", "0"))));
    assertThat(r.transactionId()).isEqualTo("INV \"7\", second");
  }

  @Test
  void readsOurIdFromTheConfiguredColumn() {
    PaypalParser byCustom = new PaypalParser("Custom Field", Set.of());
    Path file =
        write(
            "custom.csv",
            head("M")
                .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
                .sb(sale("P1", "INV-1", "100", "0"))
                .lines(),
            "\n",
            false);
    assertThat(only(parse(byCustom, file)).transactionId()).isEqualTo("order 7, \"gift\"");
  }

  @Test
  void aRowWithAnOverLongIdIsRejectedNamingTheColumn() {
    Parsed out =
        parse(
            head("M")
                .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
                .sb(sale("P".repeat(1_001), "TXN-1", "100", "0"))
                .sb(sale("P2", "TXN-2", "100", "0")));

    assertThat(out.rejects)
        .containsExactly(
            "5: Transaction ID is 1,001 characters long, more than 1,000: not imported");
    assertThat(out.rows).extracting(ProcessorRow::rowKey).containsExactly("P2");
  }

  /**
   * A section's account goes into each of its rows: an over-long one rejects its header and its
   * rows, as a bad cell of a row rejects the row. Refusing the file lost the other sections too.
   */
  @Test
  void anOverLongSectionAccountRejectsItsSectionAndKeepsTheNext() {
    Parsed out =
        parse(
            sectionThenAnother(
                "\"SH\"," + START + "," + END + ",\"" + "A".repeat(1_001) + "\",\"\""));

    assertThat(out.rejects)
        .containsExactly(
            "3: the SH record's account is 1,001 characters long, more than 1,000: not imported",
            "5: the SH record on line 3 could not be read, so the account of its rows is unknown:"
                + " not imported");
    assertThat(out.rows).extracting(r -> r.rowKey() + " " + r.account()).containsExactly("P2 B");
  }

  /**
   * A blank before the quote of a section's account would file its rows under the account with its
   * quotes: rejected with its rows, as an over-long one is.
   */
  @Test
  void aSectionAccountWithABlankBeforeItsQuoteRejectsItsSectionAndKeepsTheNext() {
    Parsed out = parse(sectionThenAnother("\"SH\"," + START + "," + END + ", \"A2\",\"\""));

    assertThat(out.rejects)
        .containsExactly(
            "3: the SH record's account has a blank before the quote that opens it: not imported",
            "5: the SH record on line 3 could not be read, so the account of its rows is unknown:"
                + " not imported");
    assertThat(out.rows).extracting(r -> r.rowKey() + " " + r.account()).containsExactly("P2 B");
  }

  /** A report whose first section starts with {@code sh} and holds P1; a second, of B, holds P2. */
  private static PaypalReport sectionThenAnother(String sh) {
    return new PaypalReport()
        .rh("M")
        .fh()
        .line(sh)
        .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
        .sb(sale("P1", "TXN-1", "100", "0"))
        .sh("B", START, END)
        .sb(sale("P2", "TXN-2", "100", "0"));
  }

  /**
   * The look-ahead keeps each section's payout ids until the file is read: a file of more sections
   * than any real report is refused at the first one past the bound (the import's transaction then
   * keeps none of its rows), and one at the bound is read.
   */
  @Test
  void aFileOfMoreSectionsThanTheBoundIsRefused() throws IOException {
    PaypalReport report = new PaypalReport().rh("M").fh();
    for (int i = 0; i < 10_000; i++) {
      report.sh("ACC-" + i, START, END);
      if (i == 0) {
        report.ch(PaypalReport.columns(PaypalReport.ONE_SPACE));
      }
      report.sb(
          "Transaction ID=W" + i,
          "Transaction Event Code=T0400",
          "Transaction Initiation Date=" + AT,
          "Direction=DR",
          "Gross Transaction Amount=100",
          "Gross Transaction Currency=USD");
    }
    Path atBound = write("at-bound.csv", report.lines(), "\n", false);
    report.sh("ACC-X", START, END);
    Path over = write("over.csv", report.lines(), "\n", false);
    Parsed read = new Parsed();
    Parsed refused = new Parsed();

    parser.parse(() -> Files.newBufferedReader(atBound, StandardCharsets.UTF_8), "a.csv", read);

    assertThat(read.rejects).isEmpty();
    assertThat(read.rows).hasSize(10_000);
    assertThatThrownBy(
            () ->
                parser.parse(
                    () -> Files.newBufferedReader(over, StandardCharsets.UTF_8), "o.csv", refused))
        .isInstanceOf(ImportFormatException.class)
        .hasMessage(
            "o.csv: line 20004: a section (SH record) past the 10,000 one file may hold (not a"
                + " PayPal settlement report?)");
  }

  /**
   * The look-ahead keeps each payout's id (a section's withdrawal in one currency) until the file
   * is read: sections in many currencies each could hold millions, so a file of more payouts than
   * the bound is refused at the first past it, whether read with the look-ahead or as a stream, and
   * one at the bound is read. A second withdrawal in a section's currency is the same payout.
   */
  @Test
  void aFileOfMorePayoutsThanTheBoundIsRefused() throws IOException {
    List<String> currencies =
        Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getDefaultFractionDigits() == 2)
            .map(Currency::getCurrencyCode)
            .sorted()
            .limit(101)
            .toList();
    PaypalReport report = new PaypalReport().rh("M").fh();
    for (int s = 0; s < 100; s++) {
      report.sh("ACC-" + s, START, END);
      if (s == 0) {
        report
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(withdrawal("D0", currencies.get(0), AT));
      }
      for (int c = 0; c < 100; c++) {
        report.sb(withdrawal("W" + s + "-" + c, currencies.get(c), AT));
      }
    }
    Path atBound = write("at-bound.csv", report.lines(), "\n", false);
    report.sb(withdrawal("X", currencies.get(100), AT));
    Path over = write("over.csv", report.lines(), "\n", false);
    Parsed read = new Parsed();
    Parsed refused = new Parsed();

    parser.parse(() -> Files.newBufferedReader(atBound, StandardCharsets.UTF_8), "a.csv", read);

    assertThat(read.rejects).isEmpty();
    assertThat(read.rows).hasSize(10_001);
    String message =
        "line "
            + report.lines().size()
            + ": a payout (a section's withdrawal in a currency) past the 10,000 one file may hold"
            + " (not a PayPal settlement report?)";
    assertThatThrownBy(
            () ->
                parser.parse(
                    () -> Files.newBufferedReader(over, StandardCharsets.UTF_8), "o.csv", refused))
        .isInstanceOf(ImportFormatException.class)
        .hasMessage("o.csv: " + message);
    assertThatThrownBy(() -> parse(parser, over))
        .isInstanceOf(ImportFormatException.class)
        .hasMessage("over.csv: " + message);
  }

  @Test
  void anSbBeforeAnyChRefusesTheFile() {
    assertThatThrownBy(() -> parse(head("M").sb(sale("P1", "T1", "100", "0"))))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("line 4: an SB row before any CH record");
  }

  @Test
  void aChWithoutARequiredColumnRefusesTheFileNamingIt() {
    List<String> columns =
        PaypalReport.columns(PaypalReport.ONE_SPACE).stream()
            .filter(c -> !c.equals("Fee Amount") && !c.equals(PaypalReport.ONE_SPACE))
            .toList();
    assertThatThrownBy(() -> parse(head("M").ch(columns)))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("'Fee Amount'")
        .hasMessageContaining("'Transaction Debit or Credit or Transaction  Debit or Credit'");
  }

  @Test
  void anotherFormatOrAnEmptyFileIsRefused() {
    AdyenReport adyen = new AdyenReport().row(AdyenReport.settled("P", "T", "1", "1"));
    assertThatThrownBy(() -> parse(adyen.lines(), "\n", false))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("line 1: starts with 'Company Account'");
    assertThatThrownBy(() -> parse(List.of(), "\n", true))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void aRefusalShowsTheFileNameOnOneLine() {
    Parsed out = new Parsed();
    assertThatThrownBy(
            () -> parser.parse(new StringReader("\"SB\",\"x\"\n"), "evil\nname.csv", out))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageStartingWith("evil\\nname.csv: line 1: starts with 'SB'");
  }

  @Test
  void anEmptyReportHasNoRows() {
    Parsed out =
        parse(head("M").ch(PaypalReport.columns(PaypalReport.ONE_SPACE)).reportEnd("USD", 0));
    assertThat(out.rows).isEmpty();
    assertThat(out.rejects).isEmpty();
  }

  @Test
  void badRowsAreRejectedWithLineAndReason() {
    Parsed out =
        parse(
            head("M")
                .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
                .sb(replace(sale("P1", "T1", "100", "0"), "Transaction Event Code=X0006"))
                .sb(replace(sale("P2", "T2", "12.34", "0"), "Gross Transaction Amount=12.34"))
                .sb(replace(sale("P3", "T3", "100", "0"), "Gross Transaction Currency=ZZZ"))
                .sb(replace(sale("P4", "T4", "100", "0"), "Direction=XX"))
                .sb(replace(sale("P5", "T5", "100", "5"), "Fee Currency=EUR"))
                .sb(
                    replace(
                        sale("P6", "T6", "100", "0"),
                        "Transaction Initiation Date=2026-11-27 10:15:30"))
                .sb(replace(sale("P7", "T7", "100", "5"), "Fee Debit or Credit="))
                .sb(sale("P8", "", "100", "0"))
                .line("\"SB\",\"P9\",\"short\"")
                .line("\"XX\",\"what\""));
    assertThat(out.rows).isEmpty();
    assertThat(out.rejects)
        .containsExactly(
            "5: malformed event code 'X0006' (expected T and four digits)",
            "6: unparseable Gross Transaction Amount '12.34' (expected whole hundredths such as 1234 for 12.34)",
            "7: unknown currency 'ZZZ'",
            "8: Transaction Debit or Credit 'XX' is neither CR nor DR",
            "9: fee currency EUR differs from gross currency USD: one row holds one currency",
            "10: unparseable Transaction Initiation Date '2026-11-27 10:15:30' (expected yyyy/mm/dd hh:mm:ss +hhmm)",
            "11: missing Fee Debit or Credit",
            "12: missing transaction id ('Invoice ID')",
            "13: the row has 3 fields where the header (line 4) has 22",
            "14: unknown record type 'XX'");
    // Each SB row with its initiation time where that reads, for its day's report.
    String at = "2026-11-27T18:15:30Z";
    assertThat(out.times)
        .containsExactly(
            "5: " + at,
            "6: " + at,
            "7: " + at,
            "8: " + at,
            "9: " + at,
            "10: null",
            "11: " + at,
            "12: " + at,
            "13: null",
            "14: null");
  }

  /**
   * PayPal quotes every text cell, so a quote never closed meets the next cell's opening quote on
   * the next line and the file cannot be split into records: refused whole, nothing imported, in
   * the look-ahead for withdrawals and in the parse proper alike.
   */
  @Test
  void aQuoteNeverClosedRefusesTheFileNamingTheLineItStartsOn() throws IOException {
    List<String> lines = new ArrayList<>(everyType().lines());
    String gift = PaypalReport.quoted("order 7, \"gift\"");
    lines.set(4, lines.get(4).replace(gift, gift.substring(0, gift.length() - 1)));
    Path file = write("STL-20261127.01.009.CSV", lines, "\n", false);
    Parsed out = new Parsed();

    assertThatThrownBy(
            () ->
                parser.parse(
                    () -> Files.newBufferedReader(file, StandardCharsets.UTF_8), "stl.csv", out))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageStartingWith(
            "stl.csv: not readable as CSV after line 4: Exception when reading record that started"
                + " in line 5: Unexpected character after closing quote")
        .hasMessageEndingWith(
            " (a quoted cell must close its quote right before the next comma or line end)");
    assertThat(out.rows).isEmpty();
    assertThat(out.rejects).isEmpty();
  }

  /**
   * In a file whose later cells are not quoted (edited by hand), a quote a section header never
   * closes runs to the end: the SH record is rejected naming every line it took, where before the
   * SB rows in it were skipped with the header, neither imported nor rejected.
   */
  @Test
  void aRecordOtherThanSbOverSeveralLinesIsRejectedNamingTheLinesItTook() throws IOException {
    List<String> lines = new ArrayList<>(head("M").lines());
    lines.set(2, lines.get(2).substring(0, lines.get(2).lastIndexOf(",")).replace("\"M\"", "\"M"));
    new PaypalReport()
        .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
        .sb(withdrawal("W1", "USD", AT))
        .sectionEnd("USD", 1)
        .lines()
        .forEach(l -> lines.add(l.replace("\"", "")));
    Path file = write("STL-20261127.01.009.CSV", lines, "\n", false);
    Parsed out = new Parsed();

    parser.parse(() -> Files.newBufferedReader(file, StandardCharsets.UTF_8), "stl.csv", out);

    assertThat(out.rows).isEmpty();
    assertThat(out.rejects)
        .containsExactly(
            "3: unclosed quote? cell runs from line 3 to line 7: 'SH' records are one line");
  }

  /**
   * A section header rejected alone (here over two lines, a quoted cell holding a line break) left
   * its rows under the section before: ACC-B's sale took ACC-A's payout and ACC-B's withdrawal
   * counted as a second one of ACC-A. Which account they belong to is unknown, so each is rejected
   * naming the header, up to the next section, which is read as usual.
   */
  @Test
  void theRowsOfASectionWhoseHeaderIsRejectedAreRejectedNamingIt() throws IOException {
    String start2 = "2026/11/28 00:00:00 -0800";
    String start3 = "2026/11/29 00:00:00 -0800";
    PaypalReport report =
        head("ACC-A")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("A1", "T1", "100", "0"))
            .sb(withdrawal("WA", "USD", AT))
            .sectionEnd("USD", 2)
            .line("\"SH\"," + start2 + "," + END + ",\"ACC-B\",\"a note\non two lines\"")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("B1", "T2", "100", "0"))
            .sb(withdrawal("WB", "USD", AT))
            .sectionEnd("USD", 2)
            .sh("ACC-C", start3, END)
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("C1", "T3", "100", "0"))
            .sectionEnd("USD", 1)
            .reportEnd("USD", 5);
    Path file = write("STL-20261127.01.009.CSV", report.lines(), "\n", false);
    Parsed out = new Parsed();

    parser.parse(() -> Files.newBufferedReader(file, StandardCharsets.UTF_8), "stl.csv", out);

    String unread =
        "the SH record on line 9 could not be read, so the account of its rows is unknown";
    assertThat(out.rejects)
        .containsExactly(
            "9: unclosed quote? cell runs from line 9 to line 10: 'SH' records are one line",
            "12: " + unread + ": not imported",
            "13: " + unread + ": not imported");
    assertThat(out.rows)
        .extracting(r -> r.rowKey() + " " + r.account() + " " + r.payoutId())
        .containsExactly(
            "A1 ACC-A WA",
            "WA ACC-A section:ACC-A:" + START + ":USD",
            "C1 ACC-C section:ACC-C:" + start3 + ":USD");
  }

  /** Rows before any SH carry the report's account: when its RH is rejected, they are too. */
  @Test
  void theRowsBeforeAnySectionOfAReportWhoseHeaderIsRejectedAreRejected() {
    PaypalReport report =
        new PaypalReport()
            .line("\"RH\",2026/11/28 03:31:02 -0800,\"A\",\"M\",009,\"a note\non two lines\"")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("P1", "T1", "100", "0"));

    Parsed out = parse(report);

    assertThat(out.rows).isEmpty();
    assertThat(out.rejects)
        .containsExactly(
            "1: unclosed quote? cell runs from line 1 to line 2: 'RH' records are one line",
            "4: the RH record on line 1 could not be read, so the account of its rows is unknown:"
                + " not imported");
  }

  /**
   * A CH rejected alone (here over two lines) left the columns of the CH before in force: with two
   * columns of one width swapped, B1's gross was read as its fee and the other way round, imported
   * without a word, and WB, read so too, became the payout of the rows after the next CH. Which
   * column is which is unknown, so each row is rejected naming the CH, up to the next readable one.
   */
  @Test
  void theRowsOfAColumnHeaderThatIsRejectedAreRejectedNamingIt() throws IOException {
    String start2 = "2026/11/28 00:00:00 -0800";
    List<String> swapped =
        PaypalReport.swapped(
            PaypalReport.columns(PaypalReport.ONE_SPACE), "Gross Transaction Amount", "Fee Amount");
    List<String> overTwoLines = new ArrayList<>(swapped);
    overTwoLines.set(overTwoLines.indexOf("Custom Field"), "Custom\nField");
    PaypalReport report =
        head("ACC-A")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("A1", "T1", "10000", "320"))
            .sb(withdrawal("WA", "USD", AT))
            .sectionEnd("USD", 2)
            .sh("ACC-B", start2, END)
            .ch(overTwoLines)
            .sb(sale("B1", "T2", "10000", "320"))
            .sb(
                plus(
                    withdrawal("WB", "USD", AT),
                    "Fee Debit or Credit=DR",
                    "Fee Amount=0",
                    "Fee Currency=USD"))
            .ch(swapped)
            .sb(sale("B2", "T3", "5000", "150"))
            .sectionEnd("USD", 3)
            .reportEnd("USD", 5);
    Path file = write("STL-20261127.01.009.CSV", report.lines(), "\n", false);
    Parsed out = new Parsed();

    parser.parse(() -> Files.newBufferedReader(file, StandardCharsets.UTF_8), "stl.csv", out);

    assertThat(out.rows)
        .extracting(r -> r.rowKey() + " " + r.gross() + " " + r.fee() + " " + r.payoutId())
        .containsExactly(
            "A1 100.00 3.20 WA",
            "WA -1.00 0.00 section:ACC-A:" + START + ":USD",
            "B2 50.00 1.50 section:ACC-B:" + start2 + ":USD");

    String unread =
        "the CH record on line 10 could not be read, so the columns of its rows are unknown";
    assertThat(out.rejects)
        .containsExactly(
            "10: unclosed quote? cell runs from line 10 to line 11: 'CH' records are one line",
            "12: " + unread + ": not imported",
            "13: " + unread + ": not imported");
  }

  /**
   * A CH whose type has a blank before its quote was rejected as an unknown type, its quotes kept,
   * and left its rows to the CH before, as one over two lines did: rejected with them instead.
   */
  @Test
  void theRowsOfAColumnHeaderWhoseTypeHasABlankBeforeItsQuoteAreRejected() {
    List<String> swapped =
        PaypalReport.swapped(
            PaypalReport.columns(PaypalReport.ONE_SPACE), "Gross Transaction Amount", "Fee Amount");
    PaypalReport report =
        head("M")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("P1", "T1", "10000", "320"))
            .ch(swapped);
    List<String> lines = new ArrayList<>(report.lines());
    lines.set(5, " " + lines.get(5));
    lines.addAll(report.sb(sale("P2", "T2", "10000", "320")).lines().subList(6, 7));

    Parsed out = parse(lines, "\r\n", true);

    assertThat(out.rows)
        .extracting(r -> r.rowKey() + " " + r.gross() + " " + r.fee())
        .containsExactly("P1 100.00 3.20");
    assertThat(out.rejects)
        .containsExactly(
            "6: the record type 'CH' has a blank before the quote that opens it: not imported",
            "7: the CH record on line 6 could not be read, so the columns of its rows are unknown:"
                + " not imported");
  }

  /** A later CH that lacks a column refuses the file, as the first does: it is not an STL's. */
  @Test
  void aLaterChWithoutARequiredColumnRefusesTheFile() {
    List<String> columns =
        PaypalReport.columns(PaypalReport.ONE_SPACE).stream()
            .filter(c -> !c.equals("Fee Amount"))
            .toList();
    PaypalReport report =
        head("M")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("P1", "T1", "100", "0"))
            .ch(columns)
            .sb(sale("P2", "T2", "100", "0"));

    assertThatThrownBy(() -> parse(report))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("line 6: missing required column 'Fee Amount'");
  }

  @Test
  void aNetBeyondWhatTheLoaderReadsBackIsRejected() {
    String max = "999999999999999999";
    Parsed out =
        parse(
            head("M")
                .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
                .sb(
                    "Transaction ID=F9",
                    "Transaction Event Code=T0106",
                    "Transaction Initiation Date=" + AT,
                    "Direction=DR",
                    "Gross Transaction Amount=9999999999999999",
                    "Gross Transaction Currency=USD",
                    "Fee Debit or Credit=DR",
                    "Fee Amount=9999999999999999",
                    "Fee Currency=USD")
                .sb(replace(sale("P1", "T1", "100", "0"), "Gross Transaction Amount=" + max)));
    assertThat(out.rows).isEmpty();
    assertThat(out.rejects)
        .extracting(r -> r.substring(0, r.indexOf(" '")))
        .containsExactly("5: net out of range", "6: Gross Transaction Amount out of range");
  }

  private static String[] plus(String[] cells, String... more) {
    String[] out = Arrays.copyOf(cells, cells.length + more.length);
    System.arraycopy(more, 0, out, cells.length, more.length);
    return out;
  }

  private static String[] replace(String[] cells, String cell) {
    String column = cell.substring(0, cell.indexOf('=') + 1);
    String[] out = cells.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i].startsWith(column)) {
        out[i] = cell;
      }
    }
    return out;
  }

  @Test
  void hostileCellsOfAnSbRowGiveARowOrARejectionAndNothingElse() {
    List<String> columns = PaypalReport.columns(PaypalReport.ONE_SPACE);
    String before = String.join("\n", head("M").ch(columns).lines()) + "\n";
    List<String> valid =
        PaypalReport.values(
            columns,
            plus(
                sale("P1", "T1", "100", "5"),
                "PayPal Reference ID=P0",
                "PayPal Reference ID Type=TXN"));
    int[] step = {0};
    int[] imported = {0};
    HostileStrings.forEach(
        20261130L,
        10_000,
        valid,
        hostile -> {
          List<String> cells = new ArrayList<>(valid);
          cells.set(step[0]++ % cells.size(), hostile);
          String sb =
              "\"SB\"," + String.join(",", cells.stream().map(PaypalReport::quoted).toList());
          Parsed out = new Parsed();
          parser.parse(new StringReader(before + sb + "\n"), "fuzz.csv", out);
          assertThat(out.rows.size() + out.rejects.size()).isEqualTo(1);
          out.rejects.forEach(reason -> assertThat(reason).startsWith("5: "));
          for (ProcessorRow r : out.rows) {
            imported[0]++;
            assertThat(r.sourceLine()).isEqualTo(5);
            assertThat(r.rowKey()).isNotBlank();
            assertThat(r.currency()).matches("[A-Z]{3}");
            assertThat(r.gross().subtract(r.fee())).isEqualByComparingTo(r.net());
            assertThat(r.occurredAt()).isNotNull();
            assertThat(r.transactionId() != null || r.originalRef() != null).isTrue();
          }
        });
    assertThat(imported[0]).isGreaterThan(300);
  }

  @Test
  void streamsRowsWithoutHoldingTheFile() {
    PaypalReport report =
        head("M")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(sale("PX", "TXNX", "100", "5"));
    List<String> lines = report.lines();
    String row = lines.get(lines.size() - 1);
    ExportFuzz.streams(
        parser,
        String.join("\n", lines.subList(0, lines.size() - 1)),
        n -> row.replace("PX", "P" + n).replace("TXNX", "T" + n));
  }
}
