package dev.reconciler.core.settle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.imports.RowType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four settlement rules on SQLite; {@link PgSettlementRulesTest} runs them on PostgreSQL. */
class SettlementRulesTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-24");
  private static final String AT = "2026-11-24T10:00:00Z";
  private static final String DAY_BEFORE = "2026-11-23T10:00:00Z";
  private static final String DAY_AFTER = "2026-11-25T10:00:00Z";

  @TempDir Path dir;

  /** A new database named {@code name} whose processor table an import wrote, or not. */
  ImportedDatabase db(String name, boolean imported) throws Exception {
    return new ImportedDatabase(dir.resolve(name + ".db"), imported);
  }

  /** The settings of {@code env}, reaching the database made last. */
  Settings settings(Map<String, String> env) {
    return SettingsLoader.load(null, env);
  }

  private ImportedDatabase db() throws Exception {
    return db("input", true);
  }

  private Settlement check(ImportedDatabase db) {
    return check(db, settings(Map.of()));
  }

  private static Settlement check(ImportedDatabase db, Settings settings) {
    return new SettlementRules(settings).check(db.file(), DAY);
  }

  private Settings rateCard(String card) {
    return settings(Map.of("RECONCILER_FEES_RATE_CARD", card));
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  // --- refunds ---------------------------------------------------------------------------------

  @Test
  void partialRefundOfASaleRecordedAsRefundedIsClean() throws Exception {
    ImportedDatabase db =
        db().sale("T1", "100.00", "USD", "refunded")
            .payment("T1", "ch_1", "100.00", "2.90", "97.10", "USD", DAY_BEFORE)
            .refund("T1", "re_1", "ch_1", "-30.00", "USD", AT);

    assertThat(check(db).refunds()).isEmpty();
  }

  @Test
  void refundOfASaleStillPaidInternallyIsListed() throws Exception {
    ImportedDatabase db =
        db().sale("T2", "100.00", "USD", "completed")
            .refund("T2", "re_2", "ch_2", "-20.00", "USD", AT);

    assertThat(check(db).refunds())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.transactionId()).isEqualTo("T2");
              assertThat(f.reason()).isEqualTo(RefundRule.STILL_PAID);
              assertThat(f.saleStatus()).isEqualTo("completed");
              assertThat(f.saleAmount()).isEqualByComparingTo("100.00");
              assertThat(f.refunded()).isEqualByComparingTo("20.00");
              assertThat(f.currency()).isEqualTo("USD");
              assertThat(f.refundRefs()).isEqualTo("re_2");
              assertThat(f.atStake()).isEqualByComparingTo("20.00");
            });
  }

  @Test
  void refundOfASaleUnknownOnAnyDateIsListed() throws Exception {
    ImportedDatabase db = db().refund("T3", "re_3", "ch_3", "-15.00", "EUR", AT);

    assertThat(check(db).refunds())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.transactionId()).isEqualTo("T3");
              assertThat(f.reason()).isEqualTo(RefundRule.UNKNOWN);
              assertThat(f.saleStatus()).isNull();
              assertThat(f.saleAmount()).isNull();
            });
  }

  @Test
  void refundsOfEveryDateAddingUpToMoreThanTheSaleAreListed() throws Exception {
    ImportedDatabase db =
        db().sale("T4", "50.00", "USD", "refunded")
            .refund("T4", "re_4a", "ch_4", "-30.00", "USD", DAY_BEFORE)
            .refund("T4", "re_4b", "ch_4", "-30.00", "USD", AT);

    assertThat(check(db).refunds())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(RefundRule.EXCEEDS);
              assertThat(f.refunded()).isEqualByComparingTo("60.00");
              assertThat(f.atStake()).isEqualByComparingTo("10.00");
              assertThat(f.refundRefs()).isEqualTo("re_4a, re_4b");
              assertThat(f.firstAt()).isEqualTo(DAY_BEFORE);
              assertThat(f.lastAt()).isEqualTo(AT);
            });
  }

  @Test
  void refundRowsWhoseValuesHoldThePackingSeparatorsAreLinkedAllTheSame() throws Exception {
    // The lookup reads rowids and linking columns packed; a value with a separator makes that
    // unsplittable, and the rows are read whole instead, with the same result.
    ImportedDatabase db =
        db().sale("T6", "50.00", "USD", "refunded")
            .refund("T6", "re\u001f6a", "ch\u001e6", "-30.00", "USD", DAY_BEFORE)
            .refund("T6", "re_6b", "ch\u001e6", "-30.00", "USD", AT);

    assertThat(check(db).refunds())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.transactionId()).isEqualTo("T6");
              assertThat(f.reason()).isEqualTo(RefundRule.EXCEEDS);
              assertThat(f.refunded()).isEqualByComparingTo("60.00");
            });
  }

  @Test
  void fullRefundOfARefundedSaleIsCleanAndOneCentMoreIsNot() throws Exception {
    ImportedDatabase db =
        db().sale("T4", "50.00", "USD", "refunded")
            .sale("T5", "50.00", "USD", "refunded")
            .refund("T4", "re_4", "ch_4", "-50.00", "USD", AT)
            .refund("T5", "re_5", "ch_5", "-50.01", "USD", AT);

    assertThat(check(db).refunds()).extracting(RefundFinding::transactionId).containsExactly("T5");
  }

  @Test
  void idsAreComparedWithTheBlanksTheMatcherDropsDroppedOnBothSides() throws Exception {
    // The matcher strips every Unicode blank (no-break and zero-width spaces, tabs) around an id;
    // a refund rule comparing otherwise called a matched, refunded sale "unknown" or "still paid".
    ImportedDatabase db =
        db().sale("T7\u00a0", "50.00", "USD", "refunded")
            .refund("\tT7\u200b", "re_7", "ch_7", "-50.00", "USD", AT)
            .refund("\u2060T7", "re_7b", "ch_7", "-0.01", "USD", AT)
            .sale("\ufeffT8\t", "50.00", "USD", "refunded")
            .payment("T8", "ch_8", "50.00", "0.00", "50.00", "USD", DAY_BEFORE)
            .refund("T8\u3000", "re_8", "ch_8", "-50.00", "USD", AT);

    // T7's refunds add up to one cent more than the sale: found as such, by its clean id.
    assertThat(check(db).refunds())
        .extracting(f -> f.transactionId() + " " + f.saleStatus())
        .containsExactly("T7 refunded");
  }

  @Test
  void aRefundWithoutOurIdIsTracedToItsPaymentByTheOriginalRef() throws Exception {
    ImportedDatabase db =
        db().sale("t6", "80.00", "USD", "paid")
            .payment("T6", "ch_6", "80.00", "2.62", "77.38", "USD", DAY_BEFORE)
            .refund(null, "re_6", "ch_6", "-80.00", "USD", AT);

    assertThat(check(db).refunds())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.transactionId()).isEqualTo("T6");
              assertThat(f.reason()).isEqualTo(RefundRule.STILL_PAID);
            });
  }

  @Test
  void aRefundOfAnotherDayIsNotThisDaysFinding() throws Exception {
    ImportedDatabase db =
        db().sale("T7", "10.00", "USD", "paid")
            .refund("T7", "re_7", "ch_7", "-5.00", "USD", DAY_AFTER);

    assertThat(check(db).refunds()).isEmpty();
  }

  @Test
  void aRowBelongsToTheDayItsInstantLiesInWhateverItsOffset() throws Exception {
    ImportedDatabase db =
        db().refund("T8", "re_8a", "ch_8", "-1.00", "USD", AT)
            .set("processed_at", "2026-11-25T01:00:00+02:00")
            .refund("T9", "re_9", "ch_9", "-1.00", "USD", AT)
            .set("processed_at", "2026-11-24 23:30:00-05:00");

    assertThat(check(db).refunds()).extracting(RefundFinding::transactionId).containsExactly("T8");
  }

  // --- chargebacks -----------------------------------------------------------------------------

  private static ImportedDatabase dispute(
      ImportedDatabase db,
      RowType type,
      String raw,
      String id,
      String gross,
      String fee,
      String net,
      String at)
      throws Exception {
    return db.row(type, raw, id, gross, fee, net, "USD", at, null, "du_" + id + raw, "ch_" + id);
  }

  @Test
  void aChargebackWithoutReversalIsOpen() throws Exception {
    ImportedDatabase db =
        dispute(db(), RowType.CHARGEBACK, "dispute", "C1", "-50.00", "15.00", "-65.00", AT);

    assertThat(check(db).chargebacks())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.transactionId()).isEqualTo("C1");
              assertThat(f.status()).isEqualTo(ChargebackRule.OPEN);
              assertThat(f.disputed()).isEqualByComparingTo("50.00");
              assertThat(f.fee()).isEqualByComparingTo("15.00");
              assertThat(f.reversed()).isEqualByComparingTo("0");
              assertThat(f.net()).isEqualByComparingTo("-65.00");
              assertThat(f.atStake()).isEqualByComparingTo("65.00");
            });
  }

  @Test
  void aReversalOnTheDayOfAnEarlierChargebackIsWon() throws Exception {
    ImportedDatabase db = db();
    dispute(db, RowType.CHARGEBACK, "dispute", "C2", "-50.00", "15.00", "-65.00", DAY_BEFORE);
    dispute(
        db, RowType.CHARGEBACK_REVERSAL, "dispute_reversal", "C2", "50.00", "-15.00", "65.00", AT);

    assertThat(check(db).chargebacks())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(ChargebackRule.WON);
              assertThat(f.disputed()).isEqualByComparingTo("50.00");
              assertThat(f.reversed()).isEqualByComparingTo("50.00");
              assertThat(f.fee()).isEqualByComparingTo("0");
              assertThat(f.atStake()).isEqualByComparingTo("0");
              assertThat(f.firstAt()).isEqualTo(DAY_BEFORE);
            });
  }

  @Test
  void anAdyenSecondChargebackAfterAReversalIsLost() throws Exception {
    ImportedDatabase db = db();
    dispute(db, RowType.CHARGEBACK, "Chargeback", "C3", "-349.99", "7.50", "-357.49", DAY_BEFORE);
    dispute(
        db,
        RowType.CHARGEBACK_REVERSAL,
        "ChargebackReversed",
        "C3",
        "349.99",
        "0",
        "349.99",
        DAY_BEFORE);
    dispute(db, RowType.CHARGEBACK, "SecondChargeback", "C3", "-349.99", "0", "-349.99", AT);

    assertThat(check(db).chargebacks())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(ChargebackRule.LOST);
              assertThat(f.disputed()).isEqualByComparingTo("699.98");
              assertThat(f.net()).isEqualByComparingTo("-357.49");
            });
  }

  @Test
  void aChargebackOfAnotherDayIsNotListed() throws Exception {
    ImportedDatabase db =
        dispute(db(), RowType.CHARGEBACK, "dispute", "C4", "-50.00", "15.00", "-65.00", DAY_BEFORE);

    assertThat(check(db).chargebacks()).isEmpty();
  }

  // --- fees ------------------------------------------------------------------------------------

  @Test
  void aPaymentWhoseGrossLessFeeIsNotItsNetIsListedEvenWithoutRateCard() throws Exception {
    ImportedDatabase db =
        db().payment("F1", "ch_f1", "100.00", "2.90", "97.00", "USD", AT)
            .payment("F2", "ch_f2", "100.00", "2.90", "97.10", "USD", AT);

    assertThat(check(db).fees())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.transactionId()).isEqualTo("F1");
              assertThat(f.reason()).isEqualTo("gross - fee is not net");
              assertThat(f.netDifference()).isEqualByComparingTo("-0.10");
              assertThat(f.expectedFee()).isNull();
              assertThat(f.feeDifference()).isNull();
              assertThat(f.atStake()).isEqualByComparingTo("0.10");
            });
  }

  @Test
  void aTenThousandthOffIsANetMismatch() throws Exception {
    ImportedDatabase db = db().payment("F1", "ch_f1", "100.00", "2.9", "97.1001", "USD", AT);

    assertThat(check(db).fees()).extracting(FeeFinding::netDifference).containsExactly(d("0.0001"));
  }

  @Test
  void anEmptyRateCardChecksNoRate() throws Exception {
    ImportedDatabase db = db().payment("F1", "ch_f1", "100.00", "9.00", "91.00", "USD", AT);

    assertThat(check(db).fees()).isEmpty();
  }

  @Test
  void aFeeOffTheRateCardBeyondTheToleranceIsListedAndWithinItIsNot() throws Exception {
    ImportedDatabase db =
        db().payment("F1", "ch_f1", "100.00", "3.50", "96.50", "USD", AT)
            .payment("F2", "ch_f2", "100.00", "3.21", "96.79", "USD", AT)
            .payment("F3", "ch_f3", "100.00", "3.19", "96.81", "USD", AT)
            .payment("F4", "ch_f4", "100.00", "3.20", "96.80", "USD", AT);

    assertThat(check(db, rateCard("USD:2.9%+0.30")).fees())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.transactionId()).isEqualTo("F1");
              assertThat(f.reason()).isEqualTo("fee is not the rate card's");
              assertThat(f.expectedFee()).isEqualByComparingTo("3.20");
              assertThat(f.feeDifference()).isEqualByComparingTo("0.30");
              assertThat(f.netDifference()).isNull();
            });
  }

  @Test
  void aFeeOffItsNetAndTheRateCardGivesBothReasons() throws Exception {
    ImportedDatabase db = db().payment("F1", "ch_f1", "100.00", "3.50", "97.10", "USD", AT);

    assertThat(check(db, rateCard("USD:2.9%+0.30")).fees())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason())
                  .isEqualTo("gross - fee is not net; fee is not the rate card's");
              assertThat(f.netDifference()).isEqualByComparingTo("0.60");
              assertThat(f.feeDifference()).isEqualByComparingTo("0.30");
              assertThat(f.atStake()).isEqualByComparingTo("0.60");
            });
  }

  @Test
  void yenFeesAreRoundedHalfUpToWholeYen() throws Exception {
    // 2% of 1,225 is 24.5: half-up gives 25, so 25 is the price and 24 is one yen off.
    ImportedDatabase db =
        db().payment("J1", "p1", "1225", "25", "1200", "JPY", AT)
            .payment("J2", "p2", "1225", "24", "1201", "JPY", AT)
            .payment("J3", "p3", "1234", "25", "1209", "JPY", AT);

    assertThat(check(db, rateCard("JPY:2%")).fees())
        .extracting(FeeFinding::transactionId, FeeFinding::expectedFee, FeeFinding::feeDifference)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("J2", d("25"), d("-1")));
  }

  @Test
  void onlyPaymentRowsArePriced() throws Exception {
    ImportedDatabase db =
        db().refund("R1", "re_1", "ch_1", "-20.00", "USD", AT)
            .row(
                RowType.FEE,
                "fee",
                null,
                "-5.00",
                "0.00",
                "-5.00",
                "USD",
                AT,
                "po_1",
                "fee_1",
                null)
            .row(
                RowType.PAYOUT,
                "payout",
                null,
                "-5.00",
                "0.00",
                "-5.00",
                "USD",
                AT,
                "po_1",
                "po_1",
                null);

    assertThat(check(db, rateCard("USD:2.9%+0.30")).fees()).isEmpty();
  }

  @Test
  void aPaymentOfAnotherDayIsNotChecked() throws Exception {
    ImportedDatabase db = db().payment("F1", "ch_f1", "100.00", "2.90", "97.00", "USD", DAY_AFTER);

    assertThat(check(db).fees()).isEmpty();
  }

  // --- payouts ---------------------------------------------------------------------------------

  private static ImportedDatabase member(
      ImportedDatabase db, String payout, String id, String net, String at) throws Exception {
    return db.row(
        RowType.PAYMENT, "charge", id, net, "0.00", net, "USD", at, payout, "ch_" + id, "ch_" + id);
  }

  private static ImportedDatabase payout(ImportedDatabase db, String payout, String net, String at)
      throws Exception {
    return db.row(
        RowType.PAYOUT, "payout", null, net, "0.00", net, "USD", at, payout, payout, null);
  }

  @Test
  void aPayoutThatAddsUpIsClean() throws Exception {
    ImportedDatabase db = db();
    member(db, "po_1", "P1", "97.10", DAY_BEFORE);
    member(db, "po_1", "P2", "48.40", AT);
    db.row(
        RowType.REFUND,
        "refund",
        "P1",
        "-20.00",
        "0.00",
        "-20.00",
        "USD",
        AT,
        "po_1",
        "re_p1",
        "ch_P1");
    payout(db, "po_1", "-125.50", AT);

    assertThat(check(db).payouts()).isEmpty();
  }

  @Test
  void aPayoutThatDoesNotAddUpIsListedWithExpectedReportedAndDifference() throws Exception {
    ImportedDatabase db = db();
    member(db, "po_2", "P1", "97.10", DAY_BEFORE);
    db.row(RowType.FEE, "Fee", null, "-0.10", "0.00", "-0.10", "USD", AT, "po_2", null, null);
    payout(db, "po_2", "-90.00", AT);

    assertThat(check(db).payouts())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.payoutId()).isEqualTo("po_2");
              assertThat(f.account()).isEqualTo("acct-1");
              assertThat(f.currency()).isEqualTo("USD");
              assertThat(f.expected()).isEqualByComparingTo("97.00");
              assertThat(f.reported()).isEqualByComparingTo("90.00");
              assertThat(f.difference()).isEqualByComparingTo("-7.00");
              assertThat(f.note()).isEqualTo(PayoutRule.MISMATCH);
              assertThat(f.rows()).isEqualTo(2);
              assertThat(f.at()).isEqualTo(AT);
              assertThat(f.atStake()).isEqualByComparingTo("7.00");
            });
  }

  @Test
  void aPayoutWhoseOwnRowIsAbsentIsAmountNotInFileOnTheDayOfItsLatestRow() throws Exception {
    ImportedDatabase db = db();
    member(db, "po_3", "P1", "10.00", DAY_BEFORE);
    member(db, "po_3", "P2", "5.00", AT);
    member(db, "po_4", "P3", "7.00", AT);
    member(db, "po_4", "P4", "1.00", DAY_AFTER);

    assertThat(check(db).payouts())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.payoutId()).isEqualTo("po_3");
              assertThat(f.note()).isEqualTo(PayoutRule.NOT_IN_FILE);
              assertThat(f.expected()).isEqualByComparingTo("15.00");
              assertThat(f.reported()).isNull();
              assertThat(f.difference()).isNull();
              assertThat(f.atStake()).isEqualByComparingTo("15.00");
            });
  }

  @Test
  void anotherFormatsPayoutOfTheSameIdAccountAndCurrencyDoesNotSettleThisOne() throws Exception {
    // One table holds several processors' rows; an Adyen batch number and a generic CSV payout id
    // can be equal, and a row of one processor must never close or skew another's payout.
    ImportedDatabase db = db();
    member(db, "121", "P1", "10.00", AT);
    payout(db, "121", "-10.00", AT).set("source_format", "csv");

    // Each processor's payout on its own: this one's row is not in the table, the other's has no
    // members.
    assertThat(check(db).payouts())
        .extracting(f -> f.payoutId() + " " + f.note() + " " + f.expected() + " " + f.rows())
        .containsExactlyInAnyOrder(
            "121 " + PayoutRule.NOT_IN_FILE + " 10.00 1", "121 " + PayoutRule.MISMATCH + " 0.00 0");
  }

  @Test
  void aPayoutBelongsToTheDayOfItsOwnRow() throws Exception {
    ImportedDatabase db = db();
    member(db, "po_5", "P1", "10.00", AT);
    payout(db, "po_5", "-9.00", DAY_AFTER);

    assertThat(check(db).payouts()).isEmpty();
    assertThat(new SettlementRules(settings(Map.of())).check(db.file(), DAY.plusDays(1)).payouts())
        .extracting(PayoutFinding::payoutId)
        .containsExactly("po_5");
  }

  @Test
  void aPayoutOfManyRowsIsSummedExactly() throws Exception {
    ImportedDatabase db = db();
    db.exec("BEGIN");
    for (int i = 0; i < 300; i++) {
      member(db, "po_6", "P" + i, "0.1", AT);
    }
    member(db, "po_6", "odd", "0.00001", AT);
    db.exec("COMMIT");
    payout(db, "po_6", "-30.00", AT);

    assertThat(check(db).payouts())
        .singleElement()
        .satisfies(f -> assertThat(f.difference()).isEqualByComparingTo("-0.00001"));
  }

  @Test
  void aNetThatIsNoNumberIsNamedNeverSummedAsOne() throws Exception {
    ImportedDatabase db = db();
    member(db, "po_7", "P1", "5.00", AT).set("net", "5\u001d5");
    member(db, "po_7", "P2", "1.00", AT).set("net", "abc");
    payout(db, "po_7", "-10.00", AT);

    assertThat(check(db).payouts())
        .singleElement()
        .satisfies(f -> assertThat(f.note()).isEqualTo("mismatch; 2 net(s) not a number"));
  }

  // --- tables of payments only -----------------------------------------------------------------

  @Test
  void aTableWithoutRowTypesHasNothingToFind() throws Exception {
    ImportedDatabase db = db("plain", false);
    db.exec(
        "INSERT INTO processor_transactions (transaction_id, amount, currency, status,"
            + " processed_at, processor_ref, fee) VALUES ('T1', '-20.00', 'USD', 'settled', '"
            + AT
            + "', 'x', '1.00')");

    assertThat(check(db)).isEqualTo(Settlement.none());
  }

  @Test
  void aTableWithRowTypesButNotTheOtherImportColumnsIsAUserErrorNamingTheColumn() throws Exception {
    ImportedDatabase db = db("half", false);
    db.exec("ALTER TABLE processor_transactions ADD COLUMN row_type text");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> check(db))
        .isInstanceOf(dev.reconciler.core.domain.UserError.class)
        .hasMessageContaining("has row_type but no column 'raw_type'")
        .hasMessageContaining(db.shown());
  }
}
