package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StripeParserTest {
  static final String HEADER =
      "automatic_payout_id,balance_transaction_id,created_utc,currency,gross,fee,net,"
          + "reporting_category,source_id,description,charge_id,payment_intent_id,"
          + "connected_account_id,payment_metadata[transaction_id]";

  /** One payout's rows as Stripe writes them; the first description spans two lines. */
  private static final List<String> REPORT =
      List.of(
          HEADER,
          "po_1,txn_1,2026-11-28 10:15:30,usd,100.00,2.90,97.10,charge,ch_1,"
              + "\"Order 7, \"\"gift\"\"\nsecond line\",ch_1,pi_1,,TXN-1",
          "po_1,txn_2,2026-11-28 11:00:00,usd,-20.00,0.00,-20.00,refund,re_1,,ch_1,pi_1,,TXN-1",
          "po_1,txn_3,2026-11-28 12:00:00,usd,-50.00,15.00,-65.00,dispute,du_1,,ch_2,pi_2,,TXN-2",
          "po_1,txn_4,2026-11-28 13:00:00,usd,50.00,-15.00,65.00,dispute_reversal,du_1,,,pi_2,,TXN-2",
          "po_1,txn_5,2026-11-28 14:00:00,usd,-1.50,0.00,-1.50,fee,,Radar,,,,",
          "po_1,txn_6,2026-11-29 00:00:00,usd,-75.60,0.00,-75.60,payout,po_1,,,,,",
          ",txn_7,2026-11-28 23:59:59,jpy,1500,45,1455,charge,ch_3,,ch_3,,acct_9,TXN-3",
          "po_1,txn_8,2026-11-28 15:00:00,usd,0.00,0.00,0.00,transfer,tr_1,,,,acct_9,");

  /** [import.stripe] decimal_separator as shipped. */
  private static final DecimalMark POINT = SettingsLoader.defaults().imports().stripeDecimals();

  @TempDir Path dir;

  private final StripeParser parser =
      new StripeParser(
          "payment_metadata[transaction_id]", Set.of("USD", "EUR", "JPY"), ZoneOffset.UTC, POINT);

  private Parsed parse(List<String> lines) throws IOException {
    return Parsed.parse(parser, Parsed.write(dir, "stripe.csv", lines, false, false));
  }

  private static String summary(ProcessorRow r) {
    return String.join(
        "|",
        r.rowKey(),
        r.type().id(),
        r.rawType(),
        String.valueOf(r.transactionId()),
        r.gross().toPlainString(),
        r.fee().toPlainString(),
        r.net().toPlainString(),
        r.currency(),
        r.occurredAt().toString(),
        String.valueOf(r.payoutId()),
        String.valueOf(r.account()),
        String.valueOf(r.processorRef()),
        String.valueOf(r.originalRef()),
        r.status(),
        r.sourceFile(),
        String.valueOf(r.sourceLine()));
  }

  @Test
  void readsEveryRowTypeWithTheFilesSignsAndItsOwnLine() throws IOException {
    Parsed parsed = parse(REPORT);
    assertThat(parsed.rejects).isEmpty();
    assertThat(parsed.rows)
        .extracting(StripeParserTest::summary)
        .containsExactly(
            "txn_1|payment|charge|TXN-1|100.00|2.90|97.10|USD|2026-11-28T10:15:30Z|po_1|null|ch_1|ch_1|settled|stripe.csv|2",
            "txn_2|refund|refund|TXN-1|-20.00|0.00|-20.00|USD|2026-11-28T11:00:00Z|po_1|null|re_1|ch_1|settled|stripe.csv|4",
            "txn_3|chargeback|dispute|TXN-2|-50.00|15.00|-65.00|USD|2026-11-28T12:00:00Z|po_1|null|du_1|ch_2|settled|stripe.csv|5",
            "txn_4|chargeback_reversal|dispute_reversal|TXN-2|50.00|-15.00|65.00|USD|2026-11-28T13:00:00Z|po_1|null|du_1|pi_2|settled|stripe.csv|6",
            "txn_5|fee|fee|null|-1.50|0.00|-1.50|USD|2026-11-28T14:00:00Z|po_1|null|null|null|settled|stripe.csv|7",
            "txn_6|payout|payout|null|-75.60|0.00|-75.60|USD|2026-11-29T00:00:00Z|po_1|null|po_1|null|settled|stripe.csv|8",
            "txn_7|payment|charge|TXN-3|1500|45|1455|JPY|2026-11-28T23:59:59Z|null|acct_9|ch_3|ch_3|settled|stripe.csv|9",
            "txn_8|other|transfer|null|0.00|0.00|0.00|USD|2026-11-28T15:00:00Z|po_1|acct_9|tr_1|null|settled|stripe.csv|10");
  }

  @ParameterizedTest
  @CsvSource({"true,false", "false,true", "true,true"})
  void aByteOrderMarkAndCrlfChangeNothing(boolean bom, boolean crlf) throws IOException {
    List<String> expected = parse(REPORT).rows.stream().map(StripeParserTest::summary).toList();
    Parsed parsed = Parsed.parse(parser, Parsed.write(dir, "stripe.csv", REPORT, bom, crlf));
    assertThat(parsed.rejects).isEmpty();
    assertThat(parsed.rows.stream().map(StripeParserTest::summary).toList()).isEqualTo(expected);
  }

  @Test
  void columnsAreFoundByNameInAnyOrderAmongOthers() throws IOException {
    Parsed parsed =
        parse(
            List.of(
                "payment_metadata[transaction_id],customer_email,net,fee,gross,currency,"
                    + "reporting_category,created_utc,balance_transaction_id,source_id,"
                    + "payment_metadata[order]",
                "TXN-9,a@b.c,9.41,0.59,10.00,eur,charge,2026-11-28 08:00:00,txn_9,ch_9,O-1"));
    assertThat(parsed.rejects).isEmpty();
    assertThat(parsed.rows)
        .extracting(StripeParserTest::summary)
        .containsExactly(
            "txn_9|payment|charge|TXN-9|10.00|0.59|9.41|EUR|2026-11-28T08:00:00Z|null|null|ch_9|null|settled|stripe.csv|2");
  }

  @Test
  void createdIsReadAsUtcWhenCreatedUtcIsAbsentAndCreatedUtcWinsWhenBoth() throws IOException {
    String row = "txn_1,2026-11-28 10:00:00,usd,1.00,0.00,1.00,charge,ch_1,T";
    Parsed local =
        parse(
            List.of(
                "balance_transaction_id,created,currency,gross,fee,net,reporting_category,"
                    + "source_id,payment_metadata[transaction_id]",
                row));
    assertThat(local.rows.get(0).occurredAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    Parsed both =
        parse(
            List.of(
                "balance_transaction_id,created,currency,gross,fee,net,reporting_category,"
                    + "source_id,payment_metadata[transaction_id],created_utc",
                row + ",2026-11-28 09:00:00"));
    assertThat(both.rows.get(0).occurredAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
  }

  @Test
  void createdIsReadInTheReportsZoneAndCreatedUtcStillAsUtc() throws IOException {
    // A report run in New York without created_utc was read five hours early, so rows of the
    // evening fell on the next business day.
    StripeParser newYork =
        new StripeParser(
            "payment_metadata[transaction_id]", Set.of(), ZoneId.of("America/New_York"), POINT);
    String header =
        "balance_transaction_id,created,currency,gross,fee,net,reporting_category,"
            + "source_id,payment_metadata[transaction_id]";
    Parsed local =
        Parsed.parse(
            newYork,
            Parsed.write(
                dir,
                "ny.csv",
                List.of(
                    header,
                    "txn_1,2026-11-28 22:30:00,usd,1.00,0.00,1.00,charge,ch_1,T",
                    "txn_2,2026-07-01 12:00:00,usd,1.00,0.00,1.00,charge,ch_2,U"),
                false,
                false));
    assertThat(local.rows)
        .extracting(ProcessorRow::occurredAt)
        .containsExactly(
            Instant.parse("2026-11-29T03:30:00Z"), Instant.parse("2026-07-01T16:00:00Z"));
    Parsed both =
        Parsed.parse(
            newYork,
            Parsed.write(
                dir,
                "ny-both.csv",
                List.of(
                    header + ",created_utc",
                    "txn_1,2026-11-28 22:30:00,usd,1.00,0.00,1.00,charge,ch_1,T,2026-11-29 03:30:00"),
                false,
                false));
    assertThat(both.rows.get(0).occurredAt()).isEqualTo(Instant.parse("2026-11-29T03:30:00Z"));
  }

  /** Stripe's files are comma-separated: a file of semicolons is told apart from a bad header. */
  @Test
  void aFileOfSemicolonsIsRefusedAsNotThisFormatSaying() throws IOException {
    List<String> semicolons = REPORT.stream().map(l -> l.replace(',', ';')).toList();
    assertThatThrownBy(() -> parse(semicolons))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageStartingWith(
            "stripe.csv: line 1: missing required columns 'balance_transaction_id'")
        .hasMessageEndingWith(
            " (the header row is one cell holding a semicolon: a file separated by semicolons is"
                + " not in this format)");
  }

  @Test
  void aMissingRequiredColumnRefusesTheFileNamingIt() throws IOException {
    List<String> noNet = new ArrayList<>(REPORT);
    noNet.set(0, HEADER.replace(",net,", ",net_amount,"));
    assertThatThrownBy(() -> parse(noNet))
        .isInstanceOf(ImportFormatException.class)
        .hasMessage("stripe.csv: line 1: missing required column 'net' (not this format?)");
    List<String> noId = new ArrayList<>(REPORT);
    noId.set(0, HEADER.replace(",payment_metadata[transaction_id]", ",payment_metadata[order]"));
    assertThatThrownBy(() -> parse(noId))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("'payment_metadata[transaction_id]'");
  }

  /** The rows of REPORT as a report run with decimal_separator "," writes them: amounts quoted. */
  private static List<String> withDecimalCommas(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.replaceAll("(?<=,)(-?[0-9]+)\\.([0-9]+)(?=,)", "\"$1,$2\""));
    }
    return out;
  }

  /**
   * A report run with decimal_separator "," had every amount rejected, with no setting to read it:
   * with [import.stripe] decimal_separator = , it reads as the point report does; read with the
   * other separator set, either file's amounts are rejected, naming the setting, never misread.
   */
  @Test
  void aReportRunWithDecimalCommasIsReadWithTheSetting() throws IOException {
    List<String> commas = withDecimalCommas(REPORT);
    assertThat(commas.get(1)).contains(",\"100,00\",\"2,90\",\"97,10\",charge,");
    DecimalMark comma =
        SettingsLoader.load(
                null, java.util.Map.of("RECONCILER_IMPORT_STRIPE_DECIMAL_SEPARATOR", ","))
            .imports()
            .stripeDecimals();
    StripeParser commaParser =
        new StripeParser(
            "payment_metadata[transaction_id]", Set.of("USD", "EUR", "JPY"), ZoneOffset.UTC, comma);
    Parsed points = parse(REPORT);
    Path other = java.nio.file.Files.createDirectory(dir.resolve("commas"));
    Parsed read =
        Parsed.parse(commaParser, Parsed.write(other, "stripe.csv", commas, false, false));
    assertThat(read.rejects).isEmpty();
    assertThat(read.rows.stream().map(StripeParserTest::summary).toList())
        .isEqualTo(points.rows.stream().map(StripeParserTest::summary).toList());
    assertThat(read.rows.get(0).gross().toPlainString()).isEqualTo("100.00");

    Parsed misread = parse(commas);
    assertThat(misread.rows).hasSize(1); // the JPY charge: whole yen have no separator
    assertThat(misread.rejects.get(0))
        .isEqualTo(
            "2: unparseable gross '100,00' (expected a decimal such as -12.34; a file whose amounts"
                + " have a decimal ',' needs [import.stripe] decimal_separator = ,)");
    Parsed otherWay =
        Parsed.parse(commaParser, Parsed.write(dir, "points.csv", REPORT, false, false));
    assertThat(otherWay.rejects.get(0))
        .isEqualTo(
            "2: unparseable gross '100.00' (expected a decimal such as -12,34; a file whose amounts"
                + " have a decimal '.' needs [import.stripe] decimal_separator = .)");
    // Grouping is neither separator's: rejected without pointing at the other setting.
    List<String> grouped = new ArrayList<>(commas);
    grouped.set(1, grouped.get(1).replace("\"100,00\"", "\"1.100,00\""));
    assertThat(
            Parsed.parse(commaParser, Parsed.write(dir, "grouped.csv", grouped, false, false))
                .rejects)
        .containsExactly("2: unparseable gross '1.100,00' (expected a decimal such as -12,34)");
  }

  @Test
  void theTransactionIdColumnIsConfigurable() throws IOException {
    List<String> lines = new ArrayList<>(REPORT);
    lines.set(0, HEADER.replace("payment_metadata[transaction_id]", "payment_metadata[order_id]"));
    Parsed parsed =
        Parsed.parse(
            new StripeParser("payment_metadata[order_id]", Set.of(), ZoneOffset.UTC, POINT),
            Parsed.write(dir, "stripe.csv", lines, false, false));
    assertThat(parsed.rejects).isEmpty();
    assertThat(parsed.rows.get(0).transactionId()).isEqualTo("TXN-1");
  }

  @Test
  void badRowsAreRejectedWithTheirLineAndReasonAndTheRestImported() throws IOException {
    Parsed parsed =
        parse(
            List.of(
                HEADER,
                "po_1,txn_1,2026-11-28 10:15:30,usd,1e2,2.90,97.10,charge,ch_1,,ch_1,pi_1,,TXN-1",
                "po_1,txn_2,2026-11-28 10:15:30,xyz,100.00,2.90,97.10,charge,ch_1,,ch_1,pi_1,,TXN-1",
                "po_1,txn_3,2026-11-28 10:15:30,gbp,100.00,2.90,97.10,charge,ch_1,,ch_1,pi_1,,TXN-1",
                "po_1,txn_4,2026-11-28 10:15:30,usd,100.00,2.90,97.10,teleport,ch_1,,ch_1,pi_1,,TXN-1",
                "po_1,txn_5,2026-11-28 10:15:30,usd,100.00,2.90,97.10,charge,ch_1,,ch_1,pi_1,,",
                "po_1,txn_6,2026-11-28 10:15:30,usd,100.00,2.90,97.10,charge,ch_1,,ch_1,pi_1",
                "po_1,txn_7,28/11/2026,usd,100.00,2.90,97.10,charge,ch_1,,ch_1,pi_1,,TXN-1",
                "po_1,,2026-11-28 10:15:30,usd,100.00,2.90,97.10,charge,ch_1,,ch_1,pi_1,,TXN-1",
                "po_1,txn_9,2026-11-28 10:15:30,usd,100.00,2.90,NaN,charge,ch_1,,ch_1,pi_1,,TXN-1",
                "po_1,txn_10,2026-11-28 10:15:30,usd,100.00,,97.10,charge,ch_1,,ch_1,pi_1,,TXN-1"));
    assertThat(parsed.rejects)
        .containsExactly(
            "2: unparseable gross '1e2' (expected a decimal such as -12.34)",
            "3: unknown currency 'xyz'",
            "4: currency 'gbp' is not listed in [reconciliation] currencies",
            "5: unknown row type 'teleport'",
            "6: missing transaction id ('payment_metadata[transaction_id]')",
            "7: the row has 12 fields where the header (line 1) has 14",
            "8: unparseable created time '28/11/2026'",
            "9: missing balance_transaction_id",
            "10: unparseable net 'NaN' (expected a decimal such as -12.34)");
    assertThat(parsed.rows).extracting(ProcessorRow::rowKey).containsExactly("txn_10");
    assertThat(parsed.rows.get(0).fee().toPlainString()).isEqualTo("0.00");
    // Each rejection with its created time, as the imported row's, where that reads.
    String at = parsed.rows.get(0).occurredAt().toString();
    assertThat(parsed.times)
        .containsExactly(
            "2: " + at,
            "3: " + at,
            "4: " + at,
            "5: " + at,
            "6: " + at,
            "7: null",
            "8: null",
            "9: " + at,
            "10: " + at);
  }

  /**
   * A blank a hand-edited file leaves before a quoted cell makes its quotes text: a row whose id
   * would keep them is rejected with its line, not imported under a quoted id.
   */
  @Test
  void aBlankBeforeAQuotedIdRejectsTheRow() throws IOException {
    Parsed parsed =
        parse(
            List.of(
                "balance_transaction_id,created_utc,currency,gross,fee,net,reporting_category,"
                    + "source_id,description,payment_metadata[transaction_id]",
                "txn_1,2026-01-10 09:00:00,usd,10.00,0.59,9.41,charge,ch_1,\"Order\",T1",
                "txn_2,2026-01-10 10:00:00,usd,20.00,0.88,19.12,charge,ch_2,\"ok\", \"T2\""));
    assertThat(parsed.rows).extracting(ProcessorRow::rowKey).containsExactly("txn_1");
    assertThat(parsed.rejects)
        .containsExactly(
            "3: payment_metadata[transaction_id] has a blank before the quote that opens it, so its"
                + " quotes would be read as text: not imported (a quoted cell starts right after its"
                + " comma)");
  }

  /**
   * A description whose quote is never closed takes every line after it into its cell: the record
   * is rejected naming the lines it took, not as one row of the wrong width.
   */
  @Test
  void aQuoteNeverClosedIsRejectedNamingEveryLineItTook() throws IOException {
    Parsed parsed = parse(UNCLOSED_QUOTE);
    assertThat(parsed.rows).extracting(ProcessorRow::rowKey).containsExactly("txn_1");
    assertThat(parsed.rejects)
        .containsExactly(
            "3: unclosed quote? cell runs from line 3 to line 5: the row has 10 fields where the"
                + " header (line 1) has 14");
  }

  /** Rows 2 to 5 of a payout; row 3's description opens a quote that nothing closes. */
  static final List<String> UNCLOSED_QUOTE =
      List.of(
          HEADER,
          "po_1,txn_1,2026-11-28 10:15:30,usd,100.00,2.90,97.10,charge,ch_1,,ch_1,pi_1,,TXN-1",
          "po_1,txn_2,2026-11-28 11:00:00,usd,10.00,0.59,9.41,charge,ch_2,\"fee refund,ch_2,pi_2,,TXN-2",
          "po_1,txn_3,2026-11-28 12:00:00,usd,20.00,0.88,19.12,charge,ch_3,,ch_3,pi_3,,TXN-3",
          "po_1,txn_4,2026-11-28 13:00:00,usd,30.00,1.17,28.83,charge,ch_4,,ch_4,pi_4,,TXN-4");

  @Test
  void aHeaderOnlyFileHasNoRowsAndAnEmptyFileIsRefused() throws IOException {
    Parsed parsed = parse(List.of(HEADER));
    assertThat(parsed.rows).isEmpty();
    assertThat(parsed.rejects).isEmpty();
    assertThatThrownBy(
            () -> Parsed.parse(parser, java.nio.file.Files.writeString(dir.resolve("e.csv"), "")))
        .isInstanceOf(ImportFormatException.class)
        .hasMessage("e.csv: the file is empty: expected a header row");
  }

  @Test
  void hostileCellsAreImportedOrRejectedNeverThrown() {
    ExportFuzz.cells(parser, REPORT, 3000);
  }

  @Test
  void hostileHeaderNamesRefuseTheFileOrAreIgnored() {
    ExportFuzz.header(parser, REPORT, 500);
  }

  @Test
  void theParserStreams() {
    ExportFuzz.streams(
        parser,
        HEADER,
        i ->
            "po_1,txn_"
                + i
                + ",2026-11-28 10:15:30,usd,1.00,0.10,0.90,charge,ch_"
                + i
                + ",,ch_"
                + i
                + ",,,T"
                + i);
  }
}
