package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
  @Test
  void matchesItsOwnPasswordOnly() {
    PasswordHash h = PasswordHash.of("correct horse".toCharArray(), 1_000);
    assertThat(h.matches("correct horse".toCharArray())).isTrue();
    assertThat(h.matches("correct horsf".toCharArray())).isFalse();
    assertThat(h.matches(new char[0])).isFalse();
  }

  @Test
  void itsTextReadsBackAsTheSameHash() {
    PasswordHash h = PasswordHash.of("pw-12345".toCharArray(), 2_000);
    PasswordHash back = PasswordHash.parse(h.text());
    assertThat(back).isEqualTo(h);
    assertThat(back.iterations()).isEqualTo(2_000);
    assertThat(back.matches("pw-12345".toCharArray())).isTrue();
    assertThat(h.text()).startsWith("pbkdf2-sha256:2000:");
  }

  @Test
  void twoHashesOfOnePasswordDifferBySalt() {
    assertThat(PasswordHash.of("same".toCharArray(), 1_000).text())
        .isNotEqualTo(PasswordHash.of("same".toCharArray(), 1_000).text());
  }

  @Test
  void aKnownVectorOfPbkdf2HmacSha256() {
    // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1 (first 32 bytes); the
    // parser refuses so few iterations, so the record is built directly.
    byte[] salt = "salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] expected =
        java.util.HexFormat.of()
            .parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    assertThat(new PasswordHash(1, salt, expected).matches("passwd".toCharArray())).isTrue();
  }

  @Test
  void refusesWhatIsNotAHash() {
    String salt = "c2FsdHNhbHRzYWx0";
    String hash = "A".repeat(43);
    assertThatThrownBy(() -> PasswordHash.parse("plain"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.parse("md5:1000:" + salt + ":" + hash))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:10:" + salt + ":" + hash))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:1000:" + salt + ":AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:1000:!!:" + hash))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PasswordHash.parse("pbkdf2-sha256:1000:" + salt + ":" + hash).iterations())
        .isEqualTo(1000);
  }
}
