package dev.reconciler.core.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.fuzz.HostileStrings;
import dev.reconciler.core.store.RawRow;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Hostile text through the amount parser, checked against a slow reference of the documented
 * grammar built on a regular expression and BigDecimal: the parser accepts exactly what the
 * reference accepts, with the same value, and says "out of range" exactly when the reference does.
 */
class AmountParserFuzzTest {
  private static final String NUMBER =
      "(?:[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\\.[0-9]{0,4})?|\\.[0-9]{1,4}";
  private static final String SYMBOL = "[$€£¥]";
  private static final Pattern SIGN_FIRST =
      Pattern.compile("([-+]?)" + SYMBOL + "?(" + NUMBER + ")");
  private static final Pattern SYMBOL_FIRST = Pattern.compile(SYMBOL + "([-+])(" + NUMBER + ")");
  private static final Pattern PARENTHESES =
      Pattern.compile("\\(" + SYMBOL + "?(" + NUMBER + ")\\)");
  private static final BigDecimal LARGEST = new BigDecimal("99999999999999.9999");

  private static final List<String> VALID =
      List.of(
          "12.5",
          "1,234.50",
          " $12.00 ",
          "(4.20)",
          "-$7.10",
          "$-7.10",
          "€5",
          "+2.5",
          ".5",
          "5.",
          "0.0049",
          "($1,234,567.8901)",
          "£-0.0001",
          "99,999,999,999,999.9999",
          "-99999999999999.9999");

  /** The reference: the scaled value, or null when not an amount; "too large" as its own case. */
  private record Expected(Long scaled, boolean tooLarge) {}

  private static Expected reference(String text) {
    String s = ContractText.strip(text);
    String sign;
    String number;
    Matcher m;
    if ((m = SIGN_FIRST.matcher(s)).matches() || (m = SYMBOL_FIRST.matcher(s)).matches()) {
      sign = m.group(1);
      number = m.group(2);
    } else if ((m = PARENTHESES.matcher(s)).matches()) {
      sign = "-";
      number = m.group(1);
    } else {
      return new Expected(null, false);
    }
    // BigDecimal reads neither ".5" nor "5.": a zero in front and behind keeps the value.
    String digits = number.replace(",", "");
    BigDecimal value = new BigDecimal("0" + digits + (digits.contains(".") ? "0" : ""));
    if (sign.equals("-")) {
      value = value.negate();
    }
    if (value.abs().compareTo(LARGEST) > 0) {
      return new Expected(null, true);
    }
    return new Expected(value.movePointRight(4).longValueExact(), false);
  }

  @Test
  void acceptsExactlyTheDocumentedGrammarWithTheReferencesValue() {
    int[] accepted = {0};
    HostileStrings.forEach(
        20261124L,
        200_000,
        VALID,
        text -> {
          Expected expected = reference(text);
          long parsed = AmountParser.parse(text);
          assertThat(parsed)
              .isEqualTo(expected.scaled() == null ? AmountParser.INVALID : expected.scaled());
          assertThat(AmountParser.isOutOfRange(text)).isEqualTo(expected.tooLarge());
          accepted[0] += parsed == AmountParser.INVALID ? 0 : 1;
        });
    // Not a loop that only ever saw rejections.
    assertThat(accepted[0]).isGreaterThan(1_000);
  }

  @Test
  void everyValidExampleIsAccepted() {
    for (String text : VALID) {
      assertThat(AmountParser.parse(text)).as(text).isNotEqualTo(AmountParser.INVALID);
    }
  }

  @Test
  void theCleanerGivesEveryHostileAmountAValueOrAReason() {
    Cleaner cleaner = new Cleaner(SettingsLoader.defaults().reconciliation());
    HostileStrings.forEach(
        7L,
        50_000,
        VALID,
        hostile -> {
          // What a database can hold: UTF-8, where a lone surrogate has no encoding.
          String text = new String(hostile.getBytes(UTF_8), UTF_8);
          RawRow row =
              new RawRow(
                  Source.PROCESSOR, 1, "T", text, "USD", "paid", "2026-11-24", "P", null, text);
          CleanRow clean = cleaner.clean(row);
          Expected expected = reference(text);
          if (expected.scaled() != null) {
            assertThat(clean.rejection()).isNull();
            assertThat(clean.amount()).isEqualTo(expected.scaled());
            assertThat(clean.fee()).isEqualTo(expected.scaled());
          } else {
            assertThat(clean.rejection())
                .startsWith(
                    expected.tooLarge()
                        ? "amount out of range '"
                        : ContractText.strip(text).isEmpty()
                            ? "blank amount"
                            : "unparseable amount '");
          }
        });
  }
}
