package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdyenParserTest {
  @TempDir Path dir;

  private static final ZoneId UTC = ZoneId.of("UTC");

  private final AdyenParser parser = new AdyenParser("Merchant Reference", Set.of(), UTC, false);

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

  private Parsed parse(AdyenReport report) {
    return parse(report.lines(), "\n", false);
  }

  private Parsed parse(List<String> lines, String eol, boolean bom) {
    Path file = write("settlement_detail_report_batch_42.csv", lines, eol, bom);
    return parse(parser, file);
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  /**
   * One batch with every kind of row, amounts from Adyen's documented examples where it has one.
   */
  private static AdyenReport everyType() {
    return new AdyenReport()
        .row(
            AdyenReport.settled(
                "PSP1",
                "TXN-1",
                "5.00",
                "4.88",
                "Markup (NC)=0.04",
                "Scheme Fees (NC)=0.01",
                "Interchange (NC)=0.07"))
        .row(
            "Type=Refunded",
            "Psp Reference=PSP1",
            "Merchant Reference=TXN-1",
            "Modification Reference=REF1",
            "Gross Currency=USD",
            "Gross Debit (GC)=2.00",
            "Net Currency=USD",
            "Net Debit (NC)=2.10",
            "Commission (NC)=0.10")
        .row(
            "Type=Chargeback",
            "Psp Reference=PSP2",
            "Merchant Reference=TXN-2",
            "Modification Reference=CB2",
            "Gross Currency=USD",
            "Gross Debit (GC)=349.99",
            "Net Currency=USD",
            "Net Debit (NC)=357.49",
            "Commission (NC)=7.5")
        .row(
            "Type=ChargebackReversed",
            "Psp Reference=PSP2",
            "Merchant Reference=TXN-2",
            "Modification Reference=CBR2",
            "Gross Currency=USD",
            "Gross Credit (GC)=349.99",
            "Net Currency=USD",
            "Net Credit (NC)=357.49")
        .row(
            "Type=SecondChargeback",
            "Psp Reference=PSP2",
            "Merchant Reference=TXN-2",
            "Modification Reference=SCB2",
            "Gross Currency=USD",
            "Gross Debit (GC)=349.99",
            "Net Currency=USD",
            "Net Debit (NC)=349.99")
        .row(
            "Type=RefundedReversed",
            "Psp Reference=PSP1",
            "Merchant Reference=TXN-1",
            "Modification Reference=RR1",
            "Gross Currency=USD",
            "Gross Credit (GC)=2.00",
            "Net Currency=USD",
            "Net Credit (NC)=2.00")
        .row(
            "Type=Fee",
            "Modification Reference=Transaction Fees November  27 2026",
            "Net Currency=USD",
            "Net Debit (NC)=0.09")
        .row(
            "Type=MiscCosts", "Modification Reference=Misc", "Net Currency=USD", "Net Debit (NC)=1")
        .row(
            "Type=Balancetransfer",
            "Modification Reference=Balancetransfer",
            "Net Currency=USD",
            "Net Credit (NC)=454331.99",
            "Modification Merchant Reference=Balancetransfer from batch 41")
        .row(
            "Type=MerchantPayout",
            "Modification Reference=TX635094301XT batch 42, ShopUS",
            "Net Currency=USD",
            "Net Debit (NC)=454325.10");
  }

  @Test
  void mapsEveryTypeWithTheSignsOfProcessorRow() {
    Parsed out = parse(everyType());
    assertThat(out.rejects).isEmpty();
    assertThat(out.rows)
        .extracting(
            r ->
                r.rawType() + " " + r.type().id() + " " + r.gross() + "/" + r.fee() + "/" + r.net())
        .containsExactly(
            "Settled payment 5.00/0.12/4.88",
            "Refunded refund -2.00/0.10/-2.10",
            "Chargeback chargeback -349.99/7.50/-357.49",
            "ChargebackReversed chargeback_reversal 349.99/-7.50/357.49",
            "SecondChargeback chargeback -349.99/0.00/-349.99",
            "RefundedReversed other 2.00/0.00/2.00",
            "Fee fee -0.09/0.00/-0.09",
            "MiscCosts fee -1.00/0.00/-1.00",
            "Balancetransfer other 454331.99/0.00/454331.99",
            "MerchantPayout payout -454325.10/0.00/-454325.10");
    for (ProcessorRow r : out.rows) {
      assertThat(r.gross().subtract(r.fee())).as(r.rawType()).isEqualByComparingTo(r.net());
      assertThat(r.currency()).isEqualTo("USD");
      assertThat(r.status()).isEqualTo("settled");
      assertThat(r.payoutId()).isEqualTo("42");
      assertThat(r.account()).isEqualTo("ShopUS");
      assertThat(r.sourceFile()).isEqualTo("settlement_detail_report_batch_42.csv");
    }
    assertThat(out.rows)
        .extracting(ProcessorRow::sourceLine)
        .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
  }

  @Test
  void importsEveryTypeAdyenDocumentsWithoutAPaymentAsFeeOrOther() {
    List<String> types =
        List.of(
            "PaymentCost",
            "InvoiceDeduction",
            "DepositCorrection",
            "MatchedStatement",
            "ManualCorrected",
            "BankInstructionReturned",
            "EpaPaid",
            "PaidOut",
            "PaidOutReversed");
    AdyenReport report = new AdyenReport();
    types.forEach(
        t ->
            report.row(
                "Type=" + t,
                "Modification Reference=" + t,
                "Net Currency=EUR",
                "Net Debit (NC)=3.5"));
    Parsed out = parse(report);
    assertThat(out.rejects).isEmpty();
    assertThat(out.rows)
        .extracting(
            r ->
                r.rawType() + " " + r.type().id() + " " + r.gross() + "/" + r.fee() + "/" + r.net())
        .containsExactly(
            "PaymentCost fee -3.50/0.00/-3.50",
            "InvoiceDeduction fee -3.50/0.00/-3.50",
            "DepositCorrection other -3.50/0.00/-3.50",
            "MatchedStatement other -3.50/0.00/-3.50",
            "ManualCorrected other -3.50/0.00/-3.50",
            "BankInstructionReturned other -3.50/0.00/-3.50",
            "EpaPaid other -3.50/0.00/-3.50",
            "PaidOut other -3.50/0.00/-3.50",
            "PaidOutReversed other -3.50/0.00/-3.50");
  }

  @Test
  void aRowWithAnOverLongReferenceIsRejectedNamingTheColumn() {
    Parsed out =
        parse(
            new AdyenReport()
                .row(AdyenReport.settled("P".repeat(1_001), "TXN-1", "5.00", "4.88"))
                .row(AdyenReport.settled("PSP2", "TXN-2", "5.00", "4.88")));

    assertThat(out.rejects)
        .containsExactly(
            "2: Psp Reference is 1,001 characters long, more than 1,000: not imported");
    assertThat(out.rows).extracting(ProcessorRow::transactionId).containsExactly("TXN-2");
  }

  @Test
  void linksEachRowToOurIdAndToTheOriginalPayment() {
    Parsed out = parse(everyType());
    ProcessorRow settled = out.rows.get(0);
    assertThat(settled.transactionId()).isEqualTo("TXN-1");
    assertThat(settled.originalRef()).isEqualTo("PSP1");
    // A payment is known by its PSP reference, not by its capture's modification reference.
    assertThat(settled.processorRef()).isEqualTo("PSP1");
    ProcessorRow refund = out.rows.get(1);
    assertThat(refund.transactionId()).isEqualTo("TXN-1");
    assertThat(refund.originalRef()).isEqualTo("PSP1");
    assertThat(refund.processorRef()).isEqualTo("REF1");
    ProcessorRow payout = out.rows.get(9);
    assertThat(payout.transactionId()).isNull();
    assertThat(payout.originalRef()).isNull();
    assertThat(payout.processorRef()).isEqualTo("TX635094301XT batch 42, ShopUS");
  }

  @Test
  void rowKeysAreDistinctWithinABatchAndStableAcrossFiles() {
    AdyenReport report =
        everyType()
            .row(
                "Type=Fee",
                "Creation Date=2026-11-28 02:21:49",
                "Modification Reference=Transaction Fees November  27 2026",
                "Net Currency=USD",
                "Net Debit (NC)=0.09");
    List<String> keys = parse(report).rows.stream().map(ProcessorRow::rowKey).toList();
    assertThat(keys).doesNotHaveDuplicates().hasSize(11);
    List<String> again =
        parse(report.lines(), "\r\n", true).rows.stream().map(ProcessorRow::rowKey).toList();
    assertThat(again).isEqualTo(keys);
    assertThat(keys.get(0)).isEqualTo("ShopUS|42|Settled|PSP1|MPSP1|2026-11-27 10:15:30");
  }

  @Test
  void aSeparatorInsideAReferenceCannotMakeTwoRowsShareAKey() {
    assertThat(AdyenParser.key("a|b", "c")).isNotEqualTo(AdyenParser.key("a", "b|c"));
    assertThat(AdyenParser.key("a\\", "|b")).isNotEqualTo(AdyenParser.key("a\\|", "b"));
  }

  @Test
  void byteOrderMarkAndLineEndsChangeNothing() {
    List<String> lines = everyType().lines();
    Parsed plain = parse(lines, "\n", false);
    Parsed excel = parse(lines, "\r\n", true);
    assertThat(excel.rows).hasSize(10).isEqualTo(plain.rows);
    assertThat(excel.rejects).isEmpty();
  }

  @Test
  void findsColumnsByNameInAnotherOrderAndAmongOthers() {
    List<String> reordered = new ArrayList<>(AdyenReport.COLUMNS);
    Collections.reverse(reordered);
    reordered.add(3, "DCC Markup (NC)");
    reordered.add("Booking Date");
    AdyenReport report = new AdyenReport(reordered);
    AdyenReport usual = new AdyenReport();
    String[] row =
        AdyenReport.settled(
            "PSP9",
            "TXN-9",
            "31.45",
            "31.15",
            "Markup (NC)=0.16",
            "Scheme Fees (NC)=0.05",
            "Interchange (NC)=0.09");
    ProcessorRow r = only(parse(report.row(row)));
    assertThat(r).isEqualTo(only(parse(usual.row(row))));
    assertThat(r.gross()).isEqualTo(d("31.45"));
    assertThat(r.fee()).isEqualTo(d("0.30"));
  }

  /** The header of OCA's real batch 380 file: Batch Number moved, three columns added. */
  private static final String BATCH_380_HEADER =
      "Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,"
          + "Creation Date,TimeZone,Type,Modification Reference,Gross Currency,Gross Debit (GC),"
          + "Gross Credit (GC),Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),"
          + "Commission (NC),Markup (NC),Scheme Fees (NC),Interchange (NC),Payment Method Variant,"
          + "Batch Number,Reserved4,Reserved5,Reserved6,Reserved7,Reserved8,Reserved9,Reserved10,"
          + "Modification Merchant Reference,Booking Date,Booking Date TimeZone";

  @Test
  void aRealLayoutBatchNetsToItsMerchantPayout() {
    String tail = ",,,,,,,,";
    List<String> lines =
        List.of(
            BATCH_380_HEADER,
            "CompanyNL,SHOP,1829,CM1,mc,2021-01-05 00:21:32,CET,Settled,7429,USD,,31.45,1,USD,,"
                + "31.15,,0.16,0.05,0.09,mcstandardcredit,380"
                + tail
                + "<auto>,2021-01-06 23:50:00,CET",
            "CompanyNL,SHOP,1316,CM3,directEbanking,2021-01-05 00:43:27,CET,Settled,1316,USD,,96.9,"
                + "1,USD,,95.93,0.97,,,,directEbanking,380"
                + tail
                + "CM3,2021-01-06 23:50:00,CET",
            "CompanyNL,SHOP,4646,CM0,visa,2021-01-05 10:17:31,CET,Refunded,4346,USD,19.95,,1,USD,"
                + "19.95,,,,,,visastandardcredit,380"
                + tail
                + "CM0,2021-01-06 23:50:00,CET",
            "CompanyNL,SHOP,,,,2021-01-07 00:46:38,CET,Fee,Transaction Fees January   05 2021,,,,,"
                + "USD,0.5,,,,,,,380"
                + tail
                + ",2021-01-07 00:46:38,CET",
            "CompanyNL,SHOP,,,,2021-01-07 00:46:38,CET,MerchantPayout,\"TX635094301XT batch 380, "
                + "SHOP\",,,,,USD,106.63,,,,,,,380"
                + tail
                + ",2021-01-07 00:46:38,CET");
    Parsed out = parse(lines, "\n", false);
    assertThat(out.rejects).isEmpty();
    assertThat(out.rows).hasSize(5).allMatch(r -> r.payoutId().equals("380"));
    BigDecimal members =
        out.rows.stream()
            .filter(r -> r.type() != RowType.PAYOUT)
            .map(ProcessorRow::net)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    ProcessorRow payout = out.rows.get(4);
    assertThat(payout.type()).isEqualTo(RowType.PAYOUT);
    assertThat(members).isEqualByComparingTo(payout.net().negate()).isEqualByComparingTo("106.63");
    assertThat(out.rows.get(1).fee()).isEqualTo(d("0.97"));
    assertThat(out.rows.get(1).transactionId()).isEqualTo("CM3");
  }

  @Test
  void aMissingColumnRefusesTheFileNamingIt() {
    List<String> columns = new ArrayList<>(AdyenReport.COLUMNS);
    columns.remove("Net Currency");
    columns.remove("Batch Number");
    assertThatThrownBy(
            () -> parse(new AdyenReport(columns).row(AdyenReport.settled("P", "T", "1", "1"))))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("'Net Currency'")
        .hasMessageContaining("'Batch Number'");
  }

  @Test
  void readsOurIdFromTheConfiguredColumn() {
    AdyenParser byOrderRef = new AdyenParser("Merchant Order Reference", Set.of(), UTC, false);
    List<String> columns = new ArrayList<>(AdyenReport.COLUMNS);
    columns.add("Merchant Order Reference");
    AdyenReport report =
        new AdyenReport(columns)
            .row(plus(AdyenReport.settled("P1", "T1", "10", "10"), "Merchant Order Reference=O-7"));
    Path file = write("ordered.csv", report.lines(), "\n", false);
    assertThat(only(parse(byOrderRef, file)).transactionId()).isEqualTo("O-7");
    Path plain = write("plain.csv", new AdyenReport().lines(), "\n", false);
    assertThatThrownBy(() -> parse(byOrderRef, plain))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("'Merchant Order Reference'");
  }

  private static String[] plus(String[] cells, String... more) {
    String[] out = Arrays.copyOf(cells, cells.length + more.length);
    System.arraycopy(more, 0, out, cells.length, more.length);
    return out;
  }

  @Test
  void readsCreationDateInTheZoneItsAbbreviationNamesAcrossTheDstChange() {
    // Europe switched to summer time on 2026-03-29 at 01:00 UTC: 02:00 CET became 03:00 CEST.
    assertThat(
            readIn(
                "UTC",
                at("2026-03-29 01:30:00", "CET"),
                at("2026-03-29 03:30:00", "CEST"),
                at("2026-07-01 12:00:00", "BST"),
                at("2026-07-01 12:00:00", "PDT"),
                at("2026-01-15 12:00:00", "AEDT")))
        .containsExactly(
            Instant.parse("2026-03-29T00:30:00Z"),
            Instant.parse("2026-03-29T01:30:00Z"),
            Instant.parse("2026-07-01T11:00:00Z"),
            Instant.parse("2026-07-01T19:00:00Z"),
            Instant.parse("2026-01-15T01:00:00Z"));
  }

  @Test
  void anUnknownOrAmbiguousZoneIsRejectedWithItsLine() {
    Parsed out =
        parseIn("UTC", at("2026-03-29 01:30:00", "IST"), at("2026-03-29 01:30:00", "Mars"));
    assertThat(out.rows).isEmpty();
    assertThat(out.rejects)
        .containsExactly(
            "2: ambiguous time zone 'IST' (India +05:30, Ireland +01:00, Israel +02:00), not"
                + " [import.adyen] timezone UTC's at that time: set [import.adyen] timezone to the"
                + " Adyen account's zone",
            "3: unknown time zone 'Mars' (not [import.adyen] timezone UTC's either)");
  }

  /**
   * One settled row per (Creation Date, TimeZone) pair, parsed by a parser of account {@code zone}.
   */
  private Parsed parseIn(String zone, String[]... createdAndAbbreviation) {
    return parseIn(zone, true, createdAndAbbreviation);
  }

  /**
   * {@link #parseIn(String, String[]...)}, with {@code zone} [import.adyen] timezone when {@code
   * set}, else [reconciliation] timezone standing for it.
   */
  private Parsed parseIn(String zone, boolean set, String[]... createdAndAbbreviation) {
    AdyenReport report = new AdyenReport();
    for (int i = 0; i < createdAndAbbreviation.length; i++) {
      report.row(
          withTime(
              AdyenReport.settled("P" + i, "T" + i, "1", "1"),
              createdAndAbbreviation[i][0],
              createdAndAbbreviation[i][1]));
    }
    return parse(
        new AdyenParser("Merchant Reference", Set.of(), ZoneId.of(zone), set),
        write("settlement_detail_report_batch_7.csv", report.lines(), "\n", false));
  }

  /** The instant each row's Creation Date reads as: {@link #parseIn}, none rejected. */
  private List<Instant> readIn(String zone, String[]... createdAndAbbreviation) {
    Parsed out = parseIn(zone, createdAndAbbreviation);
    assertThat(out.rejects).isEmpty();
    return out.rows.stream().map(ProcessorRow::occurredAt).toList();
  }

  private static String[] at(String created, String abbreviation) {
    return new String[] {created, abbreviation};
  }

  @Test
  void anAbbreviationOfTheAccountsZoneIsReadAtThatZonesOffset() {
    // Without the account's zone these were every row rejected (IST, CST) or 16 hours off (PST).
    assertThat(readIn("Asia/Kolkata", at("2026-03-29 01:30:00", "IST")))
        .containsExactly(Instant.parse("2026-03-28T20:00:00Z"));
    assertThat(readIn("Europe/Dublin", at("2026-07-01 12:00:00", "IST")))
        .containsExactly(Instant.parse("2026-07-01T11:00:00Z"));
    assertThat(readIn("Asia/Jerusalem", at("2026-01-15 12:00:00", "IST")))
        .containsExactly(Instant.parse("2026-01-15T10:00:00Z"));
    assertThat(readIn("America/Chicago", at("2026-01-15 12:00:00", "CST")))
        .containsExactly(Instant.parse("2026-01-15T18:00:00Z"));
    assertThat(readIn("Asia/Shanghai", at("2026-01-15 12:00:00", "CST")))
        .containsExactly(Instant.parse("2026-01-15T04:00:00Z"));
    assertThat(readIn("Asia/Manila", at("2026-01-15 12:00:00", "PST")))
        .containsExactly(Instant.parse("2026-01-15T04:00:00Z"));
  }

  @Test
  void aZoneWrittenAsItsOffsetIsReadAtThatOffset() {
    // Java names a zone without an abbreviation by its offset (Etc/GMT-3 is "GMT+03:00"): such a
    // spelling says its offset outright, whatever the account's zone.
    assertThat(
            readIn(
                "UTC",
                at("2026-01-15 12:00:00", "GMT+03:00"),
                at("2026-01-15 12:00:00", "UTC-5"),
                at("2026-01-15 12:00:00", "+0530"),
                at("2026-01-15 12:00:00", "GMT-09:30")))
        .containsExactly(
            Instant.parse("2026-01-15T09:00:00Z"),
            Instant.parse("2026-01-15T17:00:00Z"),
            Instant.parse("2026-01-15T06:30:00Z"),
            Instant.parse("2026-01-15T21:30:00Z"));
    assertThat(
            parseIn(
                    "UTC",
                    at("2026-01-15 12:00:00", "GMT+15:00"),
                    at("2026-01-15 12:00:00", "+05:75"),
                    at("2026-01-15 12:00:00", "GMT+"))
                .rejects)
        .hasSize(3)
        .allSatisfy(reason -> assertThat(reason).contains("unknown time zone"));
  }

  @Test
  void anAbbreviationTheAccountsZoneDoesNotGoByIsReadByTheTable() {
    assertThat(
            readIn(
                "Asia/Kolkata",
                at("2026-01-15 12:00:00", "CET"),
                at("2026-01-15 12:00:00", "PST"),
                at("2026-07-01 12:00:00", "UTC")))
        .containsExactly(
            Instant.parse("2026-01-15T11:00:00Z"),
            Instant.parse("2026-01-15T20:00:00Z"),
            Instant.parse("2026-07-01T12:00:00Z"));
  }

  @Test
  void onTheNightClocksGoBackTheAbbreviationSaysWhichOneThirtyItWas() {
    // 2026-11-01 in Chicago: 01:00-02:00 happens twice, first CDT (-05), then CST (-06).
    assertThat(
            readIn(
                "America/Chicago",
                at("2026-11-01 01:30:00", "CDT"),
                at("2026-11-01 01:30:00", "CST"),
                at("2026-03-08 03:30:00", "CDT")))
        .containsExactly(
            Instant.parse("2026-11-01T06:30:00Z"),
            Instant.parse("2026-11-01T07:30:00Z"),
            Instant.parse("2026-03-08T08:30:00Z"));
  }

  @Test
  void aReconciliationZoneThatReadsAnAbbreviationOtherwiseThanTheTableIsNotTrustedUnlessSet() {
    // Without [import.adyen] timezone, [reconciliation] timezone stands for the account's zone,
    // but the account may be elsewhere: a Manila team's Adyen account in California writes PST.
    Parsed out = parseIn("Asia/Manila", false, at("2026-01-15 12:00:00", "PST"));
    assertThat(out.rows).isEmpty();
    assertThat(out.rejects)
        .containsExactly(
            "2: time zone 'PST' is -08:00 where it is most used but +08:00 in [reconciliation]"
                + " timezone Asia/Manila, which stands for the Adyen account's zone while"
                + " [import.adyen] timezone is not set: set that key to the account's zone");
    // Where the two agree, or the table has no reading, the reconciliation zone's is taken.
    assertThat(parseIn("Asia/Kolkata", false, at("2026-01-15 12:00:00", "IST")).rows)
        .extracting(ProcessorRow::occurredAt)
        .containsExactly(Instant.parse("2026-01-15T06:30:00Z"));
    assertThat(parseIn("America/Los_Angeles", false, at("2026-01-15 12:00:00", "PST")).rows)
        .extracting(ProcessorRow::occurredAt)
        .containsExactly(Instant.parse("2026-01-15T20:00:00Z"));
  }

  @Test
  void anAmbiguousAbbreviationTheAccountsZoneDoesNotUseThenIsRejectedNamingTheZone() {
    // Chicago is CDT in July: a CST row then is not the account's, and the table cannot tell
    // which CST it is.
    Parsed out = parseIn("America/Chicago", at("2026-07-01 12:00:00", "CST"));
    assertThat(out.rows).isEmpty();
    assertThat(out.rejects)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("2: ambiguous time zone 'CST' (US Central -06:00, China +08:00, Cuba -05:00)")
        .contains("not [import.adyen] timezone America/Chicago's at that time");
  }

  /**
   * A report of several merchant accounts: each account [import.adyen] account_timezones names is
   * read in its own zone (CST is -06 in Chicago, +08 in Shanghai), the others in timezone; without
   * the key the Shanghai account's CST is read as Chicago's, 14 hours off.
   */
  @Test
  void eachMerchantAccountNamedInAccountTimezonesIsReadInItsOwnZone() {
    AdyenReport report =
        new AdyenReport()
            .row(accountRow("P1", "ShopUS", "CST"))
            .row(accountRow("P2", "ShopCN", "CST"))
            .row(accountRow("P3", "ShopDE", "CET"));
    Path file = write("settlement_detail_report_batch_8.csv", report.lines(), "\n", false);
    ZoneId chicago = ZoneId.of("America/Chicago");

    Parsed out =
        parse(
            new AdyenParser(
                "Merchant Reference",
                Set.of(),
                chicago,
                true,
                Map.of("ShopCN", ZoneId.of("Asia/Shanghai"))),
            file);
    Parsed without = parse(new AdyenParser("Merchant Reference", Set.of(), chicago, true), file);

    assertThat(out.rejects).isEmpty();
    assertThat(out.rows)
        .extracting(ProcessorRow::occurredAt)
        .containsExactly(
            Instant.parse("2026-01-15T18:00:00Z"),
            Instant.parse("2026-01-15T04:00:00Z"),
            Instant.parse("2026-01-15T11:00:00Z"));
    assertThat(without.rows.get(1).occurredAt()).isEqualTo(Instant.parse("2026-01-15T18:00:00Z"));
    // The accounts read in timezone although the key names another are told of, once each.
    assertThat(out.notes)
        .containsExactly(
            "merchant accounts not named in [import.adyen] account_timezones, their rows read in"
                + " America/Chicago ([import.adyen] timezone): ShopDE (1 row), ShopUS (1 row);"
                + " name each with its zone there if its reports are written in another");
    assertThat(without.notes).as("no account named: nothing to tell").isEmpty();
  }

  /**
   * An account named in account_timezones otherwise than the report writes it (names match exactly)
   * is read in timezone, hours off: the note says so and which name it may have meant; past ten
   * accounts it counts the rest.
   */
  @Test
  void anAccountNamedOtherwiseInAccountTimezonesIsToldOfWithTheNameItMayHaveMeant() {
    AdyenReport report = new AdyenReport().row(accountRow("P1", "ShopCN", "CST"));
    for (int i = 0; i < AdyenParser.UNNAMED_LISTED + 2; i++) {
      report.row(accountRow("Q" + i, "Shop" + (char) ('A' + i), "CET"));
    }
    Parsed out =
        parse(
            new AdyenParser(
                "Merchant Reference",
                Set.of(),
                ZoneId.of("Europe/Berlin"),
                false,
                Map.of("shopcn", ZoneId.of("Asia/Shanghai"))),
            write("settlement_detail_report_batch_10.csv", report.lines(), "\n", false));

    assertThat(out.notes)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("read in Europe/Berlin ([reconciliation] timezone)")
        .contains("ShopCN (1 row, named there as shopcn?)")
        .contains("ShopA (1 row)")
        .contains(", 3 rows of other accounts;");
  }

  /** A rejected abbreviation of a named account names that account's setting, not timezone. */
  @Test
  void aRejectedAbbreviationOfANamedAccountNamesItsSetting() {
    Parsed out =
        parse(
            new AdyenParser(
                "Merchant Reference",
                Set.of(),
                ZoneId.of("UTC"),
                true,
                Map.of("ShopCN", ZoneId.of("Asia/Shanghai"))),
            write(
                "settlement_detail_report_batch_9.csv",
                new AdyenReport().row(accountRow("P1", "ShopCN", "IST")).lines(),
                "\n",
                false));

    assertThat(out.rejects)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("2: ambiguous time zone 'IST'")
        .contains("not [import.adyen] account_timezones ShopCN: Asia/Shanghai's at that time");
  }

  private static String[] accountRow(String psp, String account, String zone) {
    return plus(
        withTime(AdyenReport.settled(psp, "T" + psp, "1", "1"), "2026-01-15 12:00:00", zone),
        "Merchant Account=" + account);
  }

  private static String[] withTime(String[] cells, String created, String zone) {
    return plus(cells, "Creation Date=" + created, "TimeZone=" + zone);
  }

  @Test
  void badCellsAreRejectedWithLineAndReason() {
    Parsed out =
        parse(
            new AdyenReport()
                .row(AdyenReport.settled("P1", "T1", "12,3x", "1"))
                .row("Type=Fee", "Net Currency=ZZZ", "Net Debit (NC)=1")
                .row("Type=Refundeded", "Net Currency=USD", "Net Debit (NC)=1")
                .row("Type=Fee", "Net Currency=USD", "Net Debit (NC)=1", "Net Credit (NC)=1")
                .row("Type=Fee", "Net Currency=USD")
                .row("Type=Fee", "Net Currency=USD", "Net Debit (NC)=-1")
                .row(AdyenReport.settled("P7", "", "1", "1"))
                .row(
                    withTime(
                        AdyenReport.settled("P8", "T8", "1", "1"), "2026-02-30 10:00:00", "CET"))
                .row(
                    "Type=Settled",
                    "Merchant Reference=T9",
                    "Net Currency=USD",
                    "Net Credit (NC)=1")
                .line("ShopUS,too,few,fields"));
    assertThat(out.rows).isEmpty();
    // A Settled row's own Merchant Reference, as written, goes with its rejection.
    assertThat(out.rawIds).first().isEqualTo("2: T1");
    assertThat(out.rejects)
        .containsExactly(
            "2: unparseable Gross Credit (GC) '12,3x' (expected a decimal such as -12.34)",
            "3: unknown currency 'ZZZ'",
            "4: unknown row type 'Refundeded'",
            "5: both 'Net Debit (NC)' and 'Net Credit (NC)' hold an amount",
            "6: missing amount: neither 'Net Debit (NC)' nor 'Net Credit (NC)' has one",
            "7: Net Debit (NC) '-1' has a sign (expected unsigned)",
            "8: missing transaction id ('Merchant Reference')",
            "9: unparseable Creation Date '2026-02-30 10:00:00'",
            "10: missing Gross Currency",
            "11: the row has 4 fields where the header (line 1) has 30");
    // Each with its creation time in its zone (CET) where that reads, for its day's report.
    String at = "2026-11-27T09:15:30Z";
    assertThat(out.times)
        .containsExactly(
            "2: " + at,
            "3: " + at,
            "4: " + at,
            "5: " + at,
            "6: " + at,
            "7: " + at,
            "8: " + at,
            "9: null",
            "10: " + at,
            "11: null");
  }

  @Test
  void aQuoteNeverClosedIsRejectedNamingEveryLineItTook() {
    Parsed out =
        parse(
            new AdyenReport()
                .row(AdyenReport.settled("P1", "T1", "1", "1"))
                .line("CompanyNL,ShopUS,\"open quote")
                .row(AdyenReport.settled("P3", "T3", "1", "1"))
                .row(AdyenReport.settled("P4", "T4", "1", "1")));
    assertThat(out.rows).extracting(ProcessorRow::processorRef).containsExactly("P1");
    assertThat(out.rejects)
        .containsExactly(
            "3: unclosed quote? cell runs from line 3 to line 5: the row has 3 fields where the"
                + " header (line 1) has 30");
  }

  @Test
  void aFeeBeyondWhatTheLoaderReadsBackIsRejected() {
    String max = "99999999999999.9999";
    Parsed out =
        parse(
            new AdyenReport()
                .row(
                    "Type=Refunded",
                    "Psp Reference=P1",
                    "Merchant Reference=T1",
                    "Gross Currency=USD",
                    "Gross Debit (GC)=" + max,
                    "Net Currency=USD",
                    "Net Credit (NC)=" + max)
                .row(
                    AdyenReport.settled(
                        "P2", "T2", "1", "1", "Commission (NC)=" + max, "Markup (NC)=" + max)));
    assertThat(out.rows).isEmpty();
    assertThat(out.rejects)
        .extracting(r -> r.substring(0, r.indexOf(" '")))
        .containsExactly("2: fee out of range", "3: fee out of range");
  }

  @Test
  void aConvertedRowIsRejectedRatherThanMixingTwoCurrencies() {
    Parsed out =
        parse(
            new AdyenReport()
                .row(
                    "Type=Settled",
                    "Psp Reference=P1",
                    "Merchant Reference=T1",
                    "Gross Currency=EUR",
                    "Gross Credit (GC)=100.00",
                    "Exchange Rate=1.08",
                    "Net Currency=USD",
                    "Net Credit (NC)=106.50",
                    "Commission (NC)=1.50"));
    assertThat(out.rows).isEmpty();
    assertThat(out.rejects)
        .singleElement()
        .asString()
        .startsWith("2: gross currency EUR differs from net currency USD");
  }

  @Test
  void anAmountKeepsTheCurrencysMinorUnits() {
    Parsed out =
        parse(
            new AdyenReport()
                .row(
                    "Type=Settled",
                    "Psp Reference=P1",
                    "Merchant Reference=T1",
                    "Gross Currency=JPY",
                    "Gross Credit (GC)=1500",
                    "Net Currency=JPY",
                    "Net Credit (NC)=1455",
                    "Commission (NC)=45"));
    ProcessorRow r = only(out);
    assertThat(r.gross().toPlainString()).isEqualTo("1500");
    assertThat(r.fee().toPlainString()).isEqualTo("45");
    assertThat(r.currency()).isEqualTo("JPY");
  }

  @Test
  void blankLinesAndQuotedCommasKeepPhysicalLineNumbers() {
    List<String> lines = new ArrayList<>(List.of("", ""));
    lines.addAll(everyType().lines());
    lines.add(4, "");
    Parsed out = parse(lines, "\r\n", false);
    assertThat(out.rejects).isEmpty();
    assertThat(out.rows.get(0).sourceLine()).isEqualTo(4);
    assertThat(out.rows.get(1).sourceLine()).isEqualTo(6);
    assertThat(out.rows.get(9).processorRef()).isEqualTo("TX635094301XT batch 42, ShopUS");
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThatThrownBy(() -> parse(List.of(), "\n", true))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void hostileCellsGiveARowOrARejectionAndNothingElse() {
    ExportFuzz.cells(parser, everyType().lines(), 10_000);
  }

  @Test
  void streamsRowsWithoutHoldingTheFile() {
    AdyenReport report =
        new AdyenReport()
            .row(AdyenReport.settled("PSPX", "TXNX", "10.00", "9.70", "Commission (NC)=0.30"));
    String row = report.lines().get(1);
    ExportFuzz.streams(
        parser, report.lines().get(0), n -> row.replace("PSPX", "P" + n).replace("TXNX", "T" + n));
  }
}
