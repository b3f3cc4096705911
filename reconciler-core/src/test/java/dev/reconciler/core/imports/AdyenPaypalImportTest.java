package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adyen and PayPal files through the real import (default config, a real SQLite file): what the
 * store keeps of the parsers' rows, PayPal's provisional payout ids resolved, re-import idempotent.
 */
class AdyenPaypalImportTest {
  /** The zone the summaries' days are told in. */
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static final String AT = "2026/11/27 10:15:30 -0800";

  @TempDir Path dir;
  private Path db;
  private final Settings settings = SettingsLoader.load(null, Map.of());

  @BeforeEach
  void setUp() throws Exception {
    db = dir.resolve("in.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sales(transaction_id TEXT, amount)");
    }
  }

  private ImportSummary importFile(ImportFormat format, String name, List<String> lines)
      throws Exception {
    Path file = Parsed.write(dir, name, lines, true, true);
    return new ProcessorImporter(settings).importFile(format, file, db);
  }

  /**
   * With account_timezones set, an account of the file it does not name is told of in the import's
   * summary (its rows were read in timezone); without the key, nothing is.
   */
  @Test
  void anAccountNotNamedInAccountTimezonesIsToldOfInTheSummary() throws Exception {
    List<String> lines =
        new AdyenReport()
            .row(AdyenReport.settled("PSP1", "TXN-1", "100.00", "97.10", "Commission (NC)=2.90"))
            .lines();
    Settings named =
        SettingsLoader.load(
            null, Map.of("RECONCILER_IMPORT_ADYEN_ACCOUNT_TIMEZONES", "ShopCN:Asia/Shanghai"));

    ImportSummary s =
        new ProcessorImporter(named)
            .importFile(
                ImportFormat.ADYEN,
                Parsed.write(dir, "settlement_detail_report_batch_43.csv", lines, true, true),
                db);

    assertThat(s.addedTotal()).isOne();
    assertThat(s.lines(UTC))
        .filteredOn(l -> l.startsWith("note: "))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("note: merchant accounts not named in [import.adyen] account_timezones")
        .contains("ShopUS (1 row)");
    assertThat(
            importFile(ImportFormat.ADYEN, "settlement_detail_report_batch_44.csv", lines).notes())
        .isEmpty();
  }

  @Test
  void anAdyenBatchIsStoredWithItsBatchAsPayoutAndAddsNothingTwice() throws Exception {
    List<String> lines =
        new AdyenReport()
            .row(AdyenReport.settled("PSP1", "TXN-1", "100.00", "97.10", "Commission (NC)=2.90"))
            .row(
                "Type=Refunded",
                "Psp Reference=PSP1",
                "Merchant Reference=TXN-1",
                "Modification Reference=REF1",
                "Gross Currency=USD",
                "Gross Debit (GC)=20",
                "Net Currency=USD",
                "Net Debit (NC)=20")
            .row(
                "Type=MerchantPayout",
                "Modification Reference=TX1 batch 42, ShopUS",
                "Net Currency=USD",
                "Net Debit (NC)=77.10")
            .lines();

    ImportSummary first =
        importFile(ImportFormat.ADYEN, "settlement_detail_report_batch_42.csv", lines);
    ImportSummary again =
        importFile(ImportFormat.ADYEN, "settlement_detail_report_batch_42.csv", lines);

    assertThat(first.addedTotal()).isEqualTo(3);
    assertThat(again.addedTotal()).isZero();
    assertThat(again.alreadyPresentTotal()).isEqualTo(3);
    assertThat(
            query(
                "SELECT row_type, transaction_id, amount, fee, net, currency, processed_at,"
                    + " payout_id, account, original_ref, source_format FROM processor_transactions"
                    + " ORDER BY rowid"))
        .containsExactly(
            "payment|TXN-1|100.00|2.90|97.10|USD|2026-11-27T09:15:30Z|42|ShopUS|PSP1|adyen",
            "refund|TXN-1|-20.00|0.00|-20.00|USD|2026-11-27T09:15:30Z|42|ShopUS|PSP1|adyen",
            "payout|null|-77.10|0.00|-77.10|USD|2026-11-27T09:15:30Z|42|ShopUS|null|adyen");
  }

  /** The batch of an Adyen report, its 16-digit references as given (Adyen's) or as Excel saves. */
  private static List<String> batchWithReferences(String psp, String refund) {
    return new AdyenReport()
        .row(AdyenReport.settled(psp, "TXN-1", "100.00", "97.10", "Commission (NC)=2.90"))
        .row(
            "Type=Refunded",
            "Psp Reference=" + psp,
            "Merchant Reference=TXN-1",
            "Modification Reference=" + refund,
            "Gross Currency=USD",
            "Gross Debit (GC)=20",
            "Net Currency=USD",
            "Net Debit (NC)=20")
        .row("Type=MerchantPayout", "Net Currency=USD", "Net Debit (NC)=77.10")
        .lines();
  }

  @Test
  void anAdyenReportSavedByExcelIsRejectedRowByRowInsteadOfImportedTwice() throws Exception {
    // Excel shows a 16-digit number as 4.89243E+15 and saves it so: the digits are gone, the row
    // keys differ from the download's, and the re-import of the saved file added every payment and
    // refund a second time (and two payments of one second would share one key).
    ImportSummary download =
        importFile(
            ImportFormat.ADYEN,
            "settlement_detail_report_batch_42.csv",
            batchWithReferences("4892428021607319", "5107571978392680"));
    ImportSummary saved =
        importFile(
            ImportFormat.ADYEN,
            "settlement_detail_report_batch_42.csv",
            batchWithReferences("4.89243E+15", "5.10757E+15"));

    assertThat(download.addedTotal()).isEqualTo(3);
    assertThat(download.rejected()).isEmpty();
    assertThat(saved.addedTotal()).isZero();
    assertThat(saved.alreadyPresentTotal()).isEqualTo(1);
    assertThat(saved.rejected()).extracting(ImportSummary.Rejection::line).containsExactly(2L, 3L);
    assertThat(saved.rejected())
        .allSatisfy(
            r ->
                assertThat(r.reason())
                    .startsWith("Psp Reference '4.89243E+15' is a number a spreadsheet rounded"));
    assertThat(query("SELECT count(*) FROM processor_transactions")).containsExactly("3");
  }

  @Test
  void paypalRowsTakeTheirSectionsWithdrawalAsPayoutOnceStored() throws Exception {
    List<String> lines =
        withdrawalW1(paymentAndItsRefund(merchantSection(PaypalReport.TWO_SPACES)))
            .sectionEnd("USD", 3)
            .reportEnd("USD", 3)
            .lines();

    ImportSummary first = importFile(ImportFormat.PAYPAL, "STL-20261127.01.009.CSV", lines);
    ImportSummary again = importFile(ImportFormat.PAYPAL, "STL-20261127.01.009.CSV", lines);

    assertThat(first.addedTotal()).isEqualTo(3);
    assertThat(first.rejected()).isEmpty();
    assertThat(again.addedTotal()).isZero();
    assertThat(
            query(
                "SELECT row_key, row_type, transaction_id, amount, fee, net, processed_at,"
                    + " payout_id, account, original_ref FROM processor_transactions ORDER BY rowid"))
        .containsExactly(
            "P1|payment|TXN-1|100.00|3.20|96.80|2026-11-27T18:15:30Z|W1|MERCHANT1|null",
            "R1|refund|null|-20.00|0.00|-20.00|2026-11-27T18:15:30Z|W1|MERCHANT1|P1",
            "W1|payout|null|-76.80|0.00|-76.80|2026-11-28T07:00:00Z|W1|MERCHANT1|null");
  }

  /**
   * An account set to sweep its balance to the bank is paid out by T0401 (AutoSweep), not T0400:
   * any debit of the T04nn group, "bank withdrawal from PayPal account", is the section's payout.
   * Read as "other", every such section was listed as a payout whose amount is not in the file.
   */
  @Test
  void anAutoSweepWithdrawalIsTheSectionsPayoutToo() throws Exception {
    List<String> lines =
        paymentAndItsRefund(merchantSection(PaypalReport.ONE_SPACE))
            .sb(
                "Transaction ID=S1",
                "Transaction Event Code=T0401",
                "Transaction Initiation Date=2026/11/27 23:00:00 -0800",
                "Direction=DR",
                "Gross Transaction Amount=7680",
                "Gross Transaction Currency=USD")
            .sb(
                "Transaction ID=S0",
                "Transaction Event Code=T0403",
                "Transaction Initiation Date=2026/11/27 23:30:00 -0800",
                "Direction=CR",
                "Gross Transaction Amount=500",
                "Gross Transaction Currency=USD")
            .sectionEnd("USD", 4)
            .reportEnd("USD", 4)
            .lines();

    ImportSummary imported = importFile(ImportFormat.PAYPAL, "STL-20261127.01.009.CSV", lines);

    assertThat(imported.rejected()).isEmpty();
    assertThat(
            query(
                "SELECT row_key, row_type, raw_type, net, payout_id FROM processor_transactions"
                    + " ORDER BY rowid"))
        .containsExactly(
            "P1|payment|T0006|96.80|S1",
            "R1|refund|T1107|-20.00|S1",
            "S1|payout|T0401|-76.80|S1",
            "S0|other|T0403|5.00|S1");
  }

  /**
   * A section with two withdrawals (an AutoSweep and a manual one the same day) is one payout: both
   * withdrawals, and the rows they pay out, carry the first's id, so the Payouts rule weighs the
   * two together against the section's rows instead of finding two payouts that do not add up.
   */
  @Test
  void twoWithdrawalsOfOneSectionAreOnePayoutUnderTheFirstsId() throws Exception {
    List<String> lines =
        paymentAndItsRefund(merchantSection(PaypalReport.ONE_SPACE))
            .sb(
                "Transaction ID=S1",
                "Transaction Event Code=T0401",
                "Transaction Initiation Date=2026/11/27 23:00:00 -0800",
                "Direction=DR",
                "Gross Transaction Amount=5000",
                "Gross Transaction Currency=USD")
            .sb(
                "Transaction ID=S2",
                "Transaction Event Code=T0400",
                "Transaction Initiation Date=2026/11/27 23:30:00 -0800",
                "Direction=DR",
                "Gross Transaction Amount=2680",
                "Gross Transaction Currency=USD")
            .sectionEnd("USD", 4)
            .reportEnd("USD", 4)
            .lines();

    importFile(ImportFormat.PAYPAL, "STL-20261127.01.009.CSV", lines);

    assertThat(
            query(
                "SELECT row_key, row_type, net, payout_id FROM processor_transactions"
                    + " ORDER BY rowid"))
        .containsExactly(
            "P1|payment|96.80|S1",
            "R1|refund|-20.00|S1",
            "S1|payout|-50.00|S1",
            "S2|payout|-26.80|S1");
  }

  /**
   * A report split over two files, imported in the other order: the one with the section's
   * withdrawal first. Its rows in the later file still take the withdrawal as their payout.
   */
  @Test
  void paypalRowsOfALaterFileTakeTheWithdrawalAnEarlierFileBrought() throws Exception {
    List<String> withdrawal =
        withdrawalW1(merchantSection(PaypalReport.TWO_SPACES))
            .sectionEnd("USD", 1)
            .reportEnd("USD", 1)
            .lines();
    List<String> paidOut =
        paymentAndItsRefund(merchantSection(PaypalReport.TWO_SPACES))
            .sectionEnd("USD", 2)
            .reportEnd("USD", 2)
            .lines();

    importFile(ImportFormat.PAYPAL, "STL-20261127.02.009.CSV", withdrawal);
    importFile(ImportFormat.PAYPAL, "STL-20261127.01.009.CSV", paidOut);

    assertThat(query("SELECT row_key, payout_id FROM processor_transactions ORDER BY rowid"))
        .containsExactly("W1|W1", "P1|W1", "R1|W1");
  }

  /**
   * A second section whose header is rejected (over two lines): its sale and withdrawal were stored
   * under MERCHANT1's payout W1, which then held two withdrawals for one sale more than its rows,
   * and the Payouts check listed a mismatch for a payout that adds up. Now both are rejected,
   * counted, naming the header's line, and W1 holds its own rows only.
   */
  @Test
  void paypalRowsOfASectionWhoseHeaderIsRejectedAreRejectedNotFiledUnderTheOneBefore()
      throws Exception {
    List<String> lines =
        withdrawalW1(paymentAndItsRefund(merchantSection(PaypalReport.ONE_SPACE)))
            .sectionEnd("USD", 3)
            .line(
                "\"SH\",2026/11/27 00:00:00 -0800,2026/11/27 23:59:59 -0800,\"MERCHANT2\",\"a"
                    + " note\non two lines\"")
            .ch(PaypalReport.columns(PaypalReport.ONE_SPACE))
            .sb(
                "Transaction ID=P2",
                "Invoice ID=TXN-2",
                "Transaction Event Code=T0006",
                "Transaction Initiation Date=" + AT,
                "Direction=CR",
                "Gross Transaction Amount=5000",
                "Gross Transaction Currency=USD")
            .sb(
                "Transaction ID=W2",
                "Transaction Event Code=T0400",
                "Transaction Initiation Date=2026/11/27 23:00:00 -0800",
                "Direction=DR",
                "Gross Transaction Amount=5000",
                "Gross Transaction Currency=USD")
            .sectionEnd("USD", 2)
            .reportEnd("USD", 5)
            .lines();

    ImportSummary imported = importFile(ImportFormat.PAYPAL, "STL-20261127.01.009.CSV", lines);

    String unread =
        "the SH record on line 10 could not be read, so the account of its rows is unknown: not"
            + " imported";
    assertThat(imported.rejected())
        .containsExactly(
            new ImportSummary.Rejection(
                10,
                11,
                "unclosed quote? cell runs from line 10 to line 11: 'SH' records are one line"),
            // The row's own transaction id, as written, for the accountant to find its sale by,
            // and its own time (the columns were read): it goes on its day's report.
            new ImportSummary.Rejection(
                13, 13, unread, "TXN-2", java.time.Instant.parse("2026-11-27T18:15:30Z")),
            new ImportSummary.Rejection(
                14, 14, unread, null, java.time.Instant.parse("2026-11-28T07:00:00Z")));
    assertThat(imported.rejectedTotal()).isEqualTo(4);
    assertThat(
            query(
                "SELECT row_key, row_type, net, payout_id, account FROM processor_transactions"
                    + " ORDER BY rowid"))
        .containsExactly(
            "P1|payment|96.80|W1|MERCHANT1",
            "R1|refund|-20.00|W1|MERCHANT1",
            "W1|payout|-76.80|W1|MERCHANT1");
  }

  /**
   * A second section whose CH is rejected (over two lines) and swaps gross and fee: read by the
   * first section's columns, P2 was stored as a payment of 1.50 with a fee of 50.00. Now its rows
   * are rejected, counted, naming the CH's line, and the third section, whose CH swaps them too but
   * is read, is stored as written.
   */
  @Test
  void paypalRowsUnderAColumnHeaderThatIsRejectedAreRejectedNotReadByTheOneBefore()
      throws Exception {
    List<String> swapped =
        PaypalReport.swapped(
            PaypalReport.columns(PaypalReport.ONE_SPACE), "Gross Transaction Amount", "Fee Amount");
    List<String> overTwoLines = new ArrayList<>(swapped);
    overTwoLines.set(overTwoLines.indexOf("Custom Field"), "Custom\nField");
    List<String> lines =
        saleAndWithdrawal(
                saleAndWithdrawal(
                        withdrawalW1(paymentAndItsRefund(merchantSection(PaypalReport.ONE_SPACE)))
                            .sectionEnd("USD", 3)
                            .sh(
                                "MERCHANT2",
                                "2026/11/27 00:00:00 -0800",
                                "2026/11/27 23:59:59 -0800")
                            .ch(overTwoLines),
                        "2")
                    .sectionEnd("USD", 2)
                    .sh("MERCHANT3", "2026/11/27 00:00:00 -0800", "2026/11/27 23:59:59 -0800")
                    .ch(swapped),
                "3")
            .sectionEnd("USD", 2)
            .reportEnd("USD", 7)
            .lines();

    ImportSummary imported = importFile(ImportFormat.PAYPAL, "STL-20261127.01.009.CSV", lines);

    assertThat(
            query(
                "SELECT row_key, row_type, amount, fee, net, payout_id, account"
                    + " FROM processor_transactions ORDER BY rowid"))
        .containsExactly(
            "P1|payment|100.00|3.20|96.80|W1|MERCHANT1",
            "R1|refund|-20.00|0.00|-20.00|W1|MERCHANT1",
            "W1|payout|-76.80|0.00|-76.80|W1|MERCHANT1",
            "P3|payment|50.00|1.50|48.50|W3|MERCHANT3",
            "W3|payout|-48.50|0.00|-48.50|W3|MERCHANT3");

    String unread =
        "the CH record on line 11 could not be read, so the columns of its rows are unknown: not"
            + " imported";
    assertThat(imported.rejected())
        .containsExactly(
            new ImportSummary.Rejection(
                11,
                12,
                "unclosed quote? cell runs from line 11 to line 12: 'CH' records are one line"),
            // The row's own transaction id, as written, for the accountant to find its sale by.
            new ImportSummary.Rejection(13, 13, unread, "TXN-2"),
            new ImportSummary.Rejection(14, unread));
    // No time: the columns it was written by are unknown, and another date may sit where the
    // earlier CH had this one (each then goes on every day the file reaches).
    assertThat(imported.rejected()).extracting(ImportSummary.Rejection::at).containsOnlyNulls();
    assertThat(imported.rejectedTotal()).isEqualTo(4);
  }

  /** A payment P{n} of 50.00 USD (fee 1.50, our id TXN-{n}) and the section's withdrawal W{n}. */
  private static PaypalReport saleAndWithdrawal(PaypalReport section, String n) {
    return section
        .sb(
            "Transaction ID=P" + n,
            "Invoice ID=TXN-" + n,
            "Transaction Event Code=T0006",
            "Transaction Initiation Date=" + AT,
            "Direction=CR",
            "Gross Transaction Amount=5000",
            "Gross Transaction Currency=USD",
            "Fee Debit or Credit=DR",
            "Fee Amount=150",
            "Fee Currency=USD")
        .sb(
            "Transaction ID=W" + n,
            "Transaction Event Code=T0400",
            "Transaction Initiation Date=2026/11/27 23:00:00 -0800",
            "Direction=DR",
            "Gross Transaction Amount=4850",
            "Gross Transaction Currency=USD");
  }

  @Test
  void paypalAmountsAreHundredthsOfTheUnitInYenToo() throws Exception {
    // PayPal's spec: "100,00 yen and $100.00 USD are both represented as 10000". Read as whole
    // yen, every JPY payment, fee and withdrawal was stored a hundred times too large.
    List<String> lines =
        merchantSection(PaypalReport.ONE_SPACE)
            .sb(
                "Transaction ID=P1",
                "Invoice ID=TXN-1",
                "Transaction Event Code=T0006",
                "Transaction Initiation Date=" + AT,
                "Direction=CR",
                "Gross Transaction Amount=210000",
                "Gross Transaction Currency=JPY",
                "Fee Debit or Credit=DR",
                "Fee Amount=6100",
                "Fee Currency=JPY")
            .sb(
                "Transaction ID=W1",
                "Transaction Event Code=T0400",
                "Transaction Initiation Date=2026/11/27 23:00:00 -0800",
                "Direction=DR",
                "Gross Transaction Amount=203900",
                "Gross Transaction Currency=JPY")
            .sectionEnd("JPY", 2)
            .reportEnd("JPY", 2)
            .lines();

    ImportSummary imported = importFile(ImportFormat.PAYPAL, "STL-20261127.01.009.CSV", lines);

    assertThat(imported.rejected()).isEmpty();
    assertThat(
            query(
                "SELECT row_key, amount, fee, net, currency FROM processor_transactions"
                    + " ORDER BY rowid"))
        .containsExactly("P1|2100|61|2039|JPY", "W1|-2039|0|-2039|JPY");
  }

  /** A payment P1 of 100.00 USD (fee 3.20, our id TXN-1) and its refund R1 of 20.00. */
  private static PaypalReport paymentAndItsRefund(PaypalReport section) {
    return section
        .sb(
            "Transaction ID=P1",
            "Invoice ID=TXN-1",
            "Transaction Event Code=T0006",
            "Transaction Initiation Date=" + AT,
            "Direction=CR",
            "Gross Transaction Amount=10000",
            "Gross Transaction Currency=USD",
            "Fee Debit or Credit=DR",
            "Fee Amount=320",
            "Fee Currency=USD")
        .sb(
            "Transaction ID=R1",
            "PayPal Reference ID=P1",
            "PayPal Reference ID Type=TXN",
            "Transaction Event Code=T1107",
            "Transaction Initiation Date=" + AT,
            "Direction=DR",
            "Gross Transaction Amount=2000",
            "Gross Transaction Currency=USD");
  }

  /** The section's T0400 withdrawal W1 of 76.80 USD. */
  private static PaypalReport withdrawalW1(PaypalReport section) {
    return section.sb(
        "Transaction ID=W1",
        "Transaction Event Code=T0400",
        "Transaction Initiation Date=2026/11/27 23:00:00 -0800",
        "Direction=DR",
        "Gross Transaction Amount=7680",
        "Gross Transaction Currency=USD");
  }

  /** An STL up to its one section's CH, of account MERCHANT1, spelling the direction so. */
  private static PaypalReport merchantSection(String direction) {
    return new PaypalReport()
        .rh("MERCHANT1")
        .fh()
        .sh("MERCHANT1", "2026/11/27 00:00:00 -0800", "2026/11/27 23:59:59 -0800")
        .ch(PaypalReport.columns(direction));
  }

  private List<String> query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return ProcessorImportContract.rows(c, sql);
    }
  }
}
