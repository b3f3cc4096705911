package dev.reconciler.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.fuzz.HostileStrings;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void escapesLineBreaksControlsAndInvisibleFormatCharacters() {
    assertThat(SafeText.line("run-y\r\nBcc: evil@example.com"))
        .isEqualTo("run-y\\r\\nBcc: evil@example.com");
    assertThat(SafeText.line("\u001b[2Jtab\there\u0000")).isEqualTo("\\u001b[2Jtab\\there\\u0000");
    assertThat(SafeText.line("a\u202eb\u200bc\u2028d")).isEqualTo("a\\u202eb\\u200bc\\u2028d");
  }

  @Test
  void keepsOrdinaryTextAsItIs() {
    String text = "Zürich ¥1,500 😀 C:\\reports\\x.xlsx";
    assertThat(SafeText.line(text)).isSameAs(text);
    assertThat(SafeText.line(null)).isEqualTo("null");
  }

  @Test
  void cutsLongTextAndSaysHowLongItWas() {
    assertThat(SafeText.line("x".repeat(50), 10)).isEqualTo("xxxxxxxxxx…(50 characters)");
    assertThat(SafeText.line("\n".repeat(3), 2)).isEqualTo("\\n\\n…(3 characters)");
  }

  @Test
  void neverCutsASurrogatePairInHalf() {
    assertThat(SafeText.line("ab😀cd", 3)).isEqualTo("ab…(6 characters)");
  }

  @Test
  void noHostileStringKeepsAControlCharacter() {
    HostileStrings.forEach(
        8,
        5_000,
        List.of("run-2026-11-24-abc", "t\r\nx"),
        s ->
            assertThat(SafeText.line(s, 100))
                .doesNotContainPattern("[\\p{Cntrl}\\p{Cf}\u2028\u2029]"));
  }
}
