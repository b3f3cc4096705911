package dev.reconciler.core.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.fuzz.HostileStrings;
import dev.reconciler.core.store.RawRow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hostile rows through the cleaner: a cleaned row or one reason, never an exception. */
class CleanerFuzzTest {
  private final Cleaner cleaner = new Cleaner(SettingsLoader.defaults().reconciliation());

  /** What a database can hold: UTF-8, where a lone surrogate has no encoding. */
  private static String stored(String s) {
    return new String(s.getBytes(UTF_8), UTF_8);
  }

  /**
   * The id rule as the README states it: blanks trimmed, a-z upper-cased, nothing else (an id left
   * holding a control character is rejected).
   */
  private static String expectedId(String raw) {
    StringBuilder id = new StringBuilder(ContractText.strip(raw));
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= 'a' && c <= 'z') {
        id.setCharAt(i, (char) (c - 'a' + 'A'));
      }
    }
    return id.toString();
  }

  @Test
  void normalisesEveryIdByTheDocumentedRuleAlone() {
    List<String> valid =
        List.of("txn-1", " TXN-2 ", "txn-ß-match", "txn-ı-dotless", "\u00a0id\u3000", "İd-ǆ-ﬁ");
    HostileStrings.forEach(
        14L,
        100_000,
        valid,
        hostile -> {
          String raw = stored(hostile);
          CleanRow row = cleaner.clean(sale(raw, "1", "USD", "paid", "2026-11-24"));
          String expected = expectedId(raw);
          if (expected.isEmpty()) {
            assertThat(row.rejection()).isEqualTo("missing transaction id");
          } else if (expected.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            assertThat(row.rejection()).startsWith("transaction id holds a control character '");
          } else if (expected.getBytes(StandardCharsets.UTF_8).length > Cleaner.LONGEST_ID_BYTES) {
            assertThat(row.rejection()).startsWith("transaction id longer than 1000 bytes '");
          } else {
            assertThat(row.rejection()).isNull();
            assertThat(row.id()).isEqualTo(expected);
          }
        });
  }

  @Test
  void givesEveryHostileRowCleanValuesOrOneReason() {
    List<String> valid =
        List.of("TXN-1", "1,234.50", "USD", "paid", "2026-11-24T10:00:00Z", " eur ", "(4.20)");
    List<String> inputs = HostileStrings.generate(8L, 20_000, valid);
    SplittableRandom random = new SplittableRandom(8L);
    HostileStrings.forEach(
        8L,
        20_000,
        valid,
        first -> {
          String[] v = new String[8];
          v[0] = first;
          for (int i = 1; i < v.length; i++) {
            v[i] = random.nextInt(3) == 0 ? valid.get(i % valid.size()) : pick(inputs, random);
          }
          RawRow row =
              new RawRow(Source.PROCESSOR, 1, v[0], v[1], v[2], v[3], v[4], v[5], null, v[7]);
          CleanRow clean = cleaner.clean(row);
          if (clean.rejection() == null) {
            assertThat(clean.id()).isNotEmpty();
            assertThat(clean.currency()).isNotNull();
            assertThat(clean.status()).isNotNull();
            assertThat(cleaner.toTxn(row).transactionId()).isEqualTo(clean.id());
          } else {
            // One line ('.' matches no line terminator), quoting at most 60 characters (a control
            // character shows as six).
            String quoted = "'.{0,360}(…' \\(\\d+ characters\\)|')";
            assertThat(clean.rejection())
                .matches(
                    "missing transaction id|blank amount"
                        + "|transaction id holds a control character "
                        + quoted
                        + "|(unparseable (timestamp|amount|fee)|unknown (currency|status)) "
                        + quoted
                        + "|(amount|fee) out of range "
                        + quoted
                        + " \\(largest 99,999,999,999,999.9999\\)");
          }
        });
  }

  private static String pick(List<String> inputs, SplittableRandom random) {
    String s = inputs.get(random.nextInt(inputs.size()));
    return random.nextInt(10) == 0 ? null : s;
  }

  private static RawRow sale(String id, String amount, String currency, String status, String at) {
    return new RawRow(Source.SALES, 7, id, amount, currency, status, at, "ORD-1", "CUST-1", null);
  }
}
