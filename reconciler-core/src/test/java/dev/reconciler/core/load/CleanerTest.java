package dev.reconciler.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.fuzz.HostileStrings;
import dev.reconciler.core.store.RawRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CleanerTest {
  private final Cleaner cleaner = new Cleaner(SettingsLoader.defaults().reconciliation());

  private static RawRow sale(String id, String amount, String currency, String status, String at) {
    return new RawRow(Source.SALES, 7, id, amount, currency, status, at, "ORD-1", "CUST-1", null);
  }

  private static RawRow good() {
    return sale("TXN-1", "12.50", "USD", "completed", "2026-11-24T10:00:00Z");
  }

  @Test
  void acceptsACleanRow() {
    CleanRow row = cleaner.clean(good());
    assertThat(row.rejection()).isNull();
    assertThat(row.id()).isEqualTo("TXN-1");
    assertThat(row.amount()).isEqualTo(125_000);
    assertThat(row.status()).isEqualTo(Status.PAID);
  }

  @Test
  void rejectsAnIdHoldingAControlCharacterAndQuotesItEscaped() {
    for (String id : new String[] {"TXN\u00001", "TXN\n1", "TXN\t1", "TXN\u001f1", "TXN\u007f1"}) {
      assertThat(cleaner.clean(sale(id, "1", "USD", "paid", "2026-11-24")).rejection())
          .as(id)
          .startsWith("transaction id holds a control character 'TXN\\u00")
          .endsWith("1'");
    }
    // Blanks around the id are trimmed, as before; a control character there is one of them.
    assertThat(cleaner.clean(sale("\tTXN-1\n", "1", "USD", "paid", "2026-11-24")).id())
        .isEqualTo("TXN-1");
  }

  @Test
  void trimsAndUpperCasesPaddedLowerCaseIds() {
    assertThat(cleaner.clean(sale("  txn-1 ", "1", "USD", "paid", "2026-11-24")).id())
        .isEqualTo("TXN-1");
  }

  @Test
  void upperCasesOnlyAsciiLettersAndTrimsUnicodeBlanksAroundIds() {
    assertThat(
            cleaner.clean(sale("\u3000 übergabe-1\u00a0", "1", "USD", "paid", "2026-11-24")).id())
        .isEqualTo("üBERGABE-1");
    assertThat(
            cleaner
                .clean(sale("\ufeff\u200b txn-2\u202f\u2007", "1", "USD", "paid", "2026-11-24"))
                .id())
        .isEqualTo("TXN-2");
    assertThat(cleaner.clean(sale("a\u00a0b", "1", "USD", "paid", "2026-11-24")).id())
        .as("blanks inside an id are part of it")
        .isEqualTo("A\u00a0B");
    assertThat(cleaner.clean(sale("\u2003", "1", "USD", "paid", "2026-11-24")).rejection())
        .isEqualTo("missing transaction id");
    assertThat(cleaner.clean(sale("T", "\u2003", "USD", "paid", "2026-11-24")).rejection())
        .isEqualTo("blank amount");
    assertThat(cleaner.clean(sale("T", "€ 1", "USD", "paid", "\u2003 2026-11-24 ")).rejection())
        .isEqualTo("unparseable amount '€ 1'");
    assertThat(cleaner.clean(sale("T", "€1", "usd ", "paid", "\u2003 2026-11-24 ")).amount())
        .isEqualTo(10_000);
  }

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource({
    "txn-ß-match, TXN-ß-MATCH",
    "txn-ı-dotless, TXN-ı-DOTLESS",
    "TXN-İ-DOTTED, TXN-İ-DOTTED",
    "ﬁle-1, ﬁLE-1",
    "txn-ǆ-1, TXN-ǆ-1",
  })
  void neverMapsANonAsciiLetterOntoAnotherIdsLetters(String raw, String expected) {
    CleanRow row = cleaner.clean(sale(raw, "1", "USD", "paid", "2026-11-24"));
    assertThat(row.id()).isEqualTo(expected);
  }

  @Test
  void aTypedIdIsNormalisedAsARowsIdIs() {
    for (String raw :
        new String[] {
          "  txn-1 ",
          "TXN-1",
          "\u3000 übergabe-1\u00a0",
          "\ufeff\u200b txn-2\u202f\u2007",
          "a\u00a0b",
          "\u2060txn-3\u0085",
          "txn-ß-match",
          "txn-ı-dotless",
          "ﬁle-1",
          "txn-ǆ-1"
        }) {
      assertThat(Cleaner.transactionId(raw))
          .as("id %s", HostileStrings.escape(raw))
          .isEqualTo(cleaner.clean(sale(raw, "1", "USD", "paid", "2026-11-24")).id());
    }
    assertThat(Cleaner.transactionId("\u00a0\u2003")).isEmpty();
  }

  @Test
  void rejectsAnIdMadeOnlyOfNoBreakAndOtherUnicodeSpaces() {
    for (String blank :
        new String[] {
          "\u00a0",
          "\u00a0\u00a0",
          "\u2007",
          "\u202f",
          "\u3000",
          "\u200b",
          "\ufeff",
          "\u00a0 \t\u2028",
          "\u0085",
          "\u2060",
          "\u2060\u0085 \u2060"
        }) {
      assertThat(cleaner.clean(sale(blank, "1", "USD", "paid", "2026-11-24")).rejection())
          .as("id %s", HostileStrings.escape(blank))
          .isEqualTo("missing transaction id");
    }
  }

  @Test
  void trimsNextLineAndWordJoinerAroundIdsAndOtherFields() {
    CleanRow row =
        cleaner.clean(
            sale("\u2060txn-3\u0085", "\u00851.50\u2060", "\u2060usd", "paid\u0085", "2026-11-24"));
    assertThat(row.rejection()).isNull();
    assertThat(row.id()).isEqualTo("TXN-3");
    assertThat(row.amount()).isEqualTo(15_000);
    assertThat(cleaner.clean(sale("T", "\u2060\u0085", "USD", "paid", "2026-11-24")).rejection())
        .isEqualTo("blank amount");
  }

  @Test
  void parsesAmountsSentAsFormattedText() {
    assertThat(cleaner.clean(sale("T", " $1,234.50 ", "USD", "paid", "2026-11-24")).amount())
        .isEqualTo(12_345_000);
  }

  @Test
  void normalisesCurrencyCase() {
    assertThat(cleaner.clean(sale("T", "1", " eur ", "paid", "2026-11-24")).currency())
        .isEqualTo("EUR");
  }

  @Test
  void comparesStatusesAndCurrenciesByTheirAsciiLettersOnly() {
    // Unicode case mappings would make the long s an S and the Kelvin sign a k.
    assertThat(cleaner.currency("u\u017fd")).isNull();
    assertThat(cleaner.status("chargebac\u212a")).isNull();
    assertThat(cleaner.currency("\u00a0usd\u3000")).isEqualTo("USD");
    assertThat(cleaner.status("\ufeffPAID\u00a0")).isEqualTo(Status.PAID);
  }

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource({
    "completed, PAID",
    "' Completed ', PAID",
    "SETTLED, PAID",
    "declined, FAILED",
    "Failed, FAILED",
    "pending, PENDING",
    "canceled, CANCELLED",
    "refunded, REFUNDED",
    "chargeback, REFUNDED"
  })
  void mapsStatusesToTheSmallVocabulary(String raw, Status expected) {
    assertThat(cleaner.status(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{5}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL|1|USD|paid|2026-11-24|missing transaction id",
        "'   '|1|USD|paid|2026-11-24|missing transaction id",
        "T|NULL|USD|paid|2026-11-24|blank amount",
        "T|'  '|USD|paid|2026-11-24|blank amount",
        "T|abc|USD|paid|2026-11-24|unparseable amount 'abc'",
        "T|12.3.4|USD|paid|2026-11-24|unparseable amount '12.3.4'",
        "T|(-5)|USD|paid|2026-11-24|unparseable amount '(-5)'",
        "T|+-5|USD|paid|2026-11-24|unparseable amount '+-5'",
        "T|100000000000000|USD|paid|2026-11-24|amount out of range '100000000000000' (largest 99,999,999,999,999.9999)",
        "T|1|QQQ|paid|2026-11-24|unknown currency 'QQQ'",
        "T|1|thb|paid|2026-11-24|currency 'thb' is not listed in [reconciliation] currencies",
        "T|1|NULL|paid|2026-11-24|unknown currency 'null'",
        "T|1|USD|weird|2026-11-24|unknown status 'weird'",
        "T|1|USD|paid|soon|unparseable timestamp 'soon'",
      })
  void rejectsUnusableRowsWithAReason(
      String id, String amount, String currency, String status, String at, String reason) {
    assertThat(cleaner.clean(sale(id, amount, currency, status, at)).rejection()).isEqualTo(reason);
  }

  @Test
  void rejectsAnUnparseableProcessorFee() {
    RawRow row =
        new RawRow(
            Source.PROCESSOR, 3, "T", "1", "USD", "settled", "2026-11-24", "PR-1", null, "x");
    assertThat(cleaner.clean(row).rejection()).isEqualTo("unparseable fee 'x'");
  }

  @Test
  void quotesRejectedTextOnOneLineAndCutsItShort() {
    assertThat(cleaner.clean(sale("T", "1\r\nBcc: x", "USD", "paid", "2026-11-24")).rejection())
        .isEqualTo("unparseable amount '1\\u000d\\u000aBcc: x'");
    String huge = "9".repeat(5_000) + "x";
    assertThat(cleaner.clean(sale("T", "1", "USD", huge, "2026-11-24")).rejection())
        .isEqualTo("unknown status '" + "9".repeat(60) + "…' (5001 characters)");
  }

  @Test
  void quotesRejectedTextWithItsInvisibleFormatCharactersEscaped() {
    // A right-to-left override would show the rest of the reason reversed.
    assertThat(cleaner.clean(sale("T", "1", "USD", "pa\u202eid", "2026-11-24")).rejection())
        .isEqualTo("unknown status 'pa\\u202eid'");
  }

  @Test
  void rejectsAProcessorFeeTooLargeToHoldWithAReason() {
    RawRow row =
        new RawRow(
            Source.PROCESSOR,
            3,
            "T",
            "1",
            "USD",
            "settled",
            "2026-11-24",
            "PR-1",
            null,
            "-9223372036854775808");
    assertThat(cleaner.clean(row).rejection())
        .isEqualTo("fee out of range '-9223372036854775808' (largest 99,999,999,999,999.9999)");
  }

  @Test
  void keepsTheTimestampOfARejectedRowSoItCanBePlacedOnItsDay() {
    CleanRow row = cleaner.clean(sale("T", "abc", "USD", "paid", "2026-11-24T00:00:00Z"));
    assertThat(row.epochMillis())
        .isEqualTo(java.time.Instant.parse("2026-11-24T00:00:00Z").toEpochMilli());
  }

  @Test
  void displaysACleanedRowWithExactDecimals() {
    var txn = cleaner.toTxn(sale(" txn-9 ", "1,000.0001", "usd", " Paid ", "2026-11-24"));
    assertThat(txn.transactionId()).isEqualTo("TXN-9");
    assertThat(txn.amount()).isEqualByComparingTo("1000.0001");
    assertThat(txn.currency()).isEqualTo("USD");
    assertThat(txn.status()).isEqualTo("Paid");
  }
}
