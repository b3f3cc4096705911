package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.fuzz.HostileStrings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisUrlTest {
  private static final String PASSWORD = "S3cr3t-pw";

  @Test
  void readsSchemeUserPasswordHostPortAndDatabase() {
    RedisUrl url = RedisUrl.parse("rediss://app:pw@redis.internal:6380/2");
    assertThat(url).isEqualTo(new RedisUrl(true, "app", "pw", "redis.internal", 6380, 2));
    assertThat(RedisUrl.parse("redis://127.0.0.1"))
        .isEqualTo(new RedisUrl(false, null, null, "127.0.0.1", 6379, 0));
    assertThat(RedisUrl.parse("redis://:pw@[::1]:7000/").address()).isEqualTo("[::1]:7000");
  }

  @Test
  void percentEncodedUserAndPasswordAreDecodedAndAPlusStaysAPlus() {
    RedisUrl url = RedisUrl.parse("redis://us%3Aer:p%40s%2Fs%3A%25+%20%C3%9F@h:6379/0");
    assertThat(url.user()).isEqualTo("us:er");
    assertThat(url.password()).isEqualTo("p@s/s:%+ ß");
    assertThat(RedisUrl.parse("redis://:a:b;c@h").password()).isEqualTo("a:b;c");
  }

  @Test
  void rejectsWhatItCannotReadWithMessagesThatNeverHoldThePassword() {
    Map<String, String> rejected =
        Map.of(
            "redis://:S3cr3t pw@h:6379", "well-formed",
            "redis://:S3cr3t/pw@h:6379", "host",
            "redis://:S3cr3t@pw@h:6379", "host",
            "redis://:S3cr3t%zzpw@h:6379", "well-formed",
            "redis://:S3cr3t%FFpw@h:6379", "UTF-8",
            "redis://S3cr3tpw@h:6379", "ambiguous",
            "http://:S3cr3tpw@h:6379", "scheme",
            "redis://:S3cr3tpw@h:0", "port",
            "redis://:S3cr3tpw@h:6379/one", "database",
            "redis://:S3cr3tpw@h:6379/0?ssl=true", "query");
    rejected.forEach(
        (text, reason) ->
            assertThatThrownBy(() -> RedisUrl.parse(text))
                .as(text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason)
                .hasMessageNotContaining("S3cr3t"));
  }

  @Test
  void displayAndAddressNeverShowThePassword() {
    RedisUrl url = RedisUrl.parse("redis://app:p%40ss@h:6379/3");
    assertThat(url.display()).isEqualTo("redis://app:****@h:6379/3");
    assertThat(url.toString()).isEqualTo(url.display());
    assertThat(url.address()).isEqualTo("h:6379");
  }

  @Test
  void maskingHidesPasswordsHoldingSlashAtColonOrPercentEvenInUrlsThatDoNotParse() {
    for (String password : List.of("pa/ss", "pa@ss", "pa:ss", "pa%ss", "p/a@s:s%", "pa ss")) {
      for (String url :
          List.of(
              "redis://:" + password + "@127.0.0.1:6390/0",
              "redis://app:" + password + "@127.0.0.1:6390/0",
              "rediss://app:" + password + "@redis.internal",
              "app:" + password + "@127.0.0.1:6390",
              "redis://app:" + password + "127.0.0.1:6390/0")) {
        assertThat(Masking.url(url)).as(url).doesNotContain(password).contains("****");
      }
    }
    assertThat(Masking.url("redis://app:p/a@ss@h:6379/0")).isEqualTo("redis://app:****@h:6379/0");
    assertThat(Masking.url("redis://appS3cr3t@h:63@9/0")).isEqualTo("redis://****@9/0");
    assertThat(Masking.url("redis://h:6379/0")).isEqualTo("redis://h:6379/0");
    assertThat(Masking.url("embedded")).isEqualTo("embedded");
  }

  @Test
  void hostileUrlsParseOrAreRejectedWithoutLeakingThePassword() {
    String valid = "redis://app:" + PASSWORD + "@127.0.0.1:6379/0";
    HostileStrings.forEach(
        8,
        20_000,
        List.of(valid, "rediss://:" + PASSWORD + "@redis.internal:6380"),
        text -> {
          try {
            RedisUrl url = RedisUrl.parse(text);
            assertThat(url.display()).doesNotContain(PASSWORD);
            assertThat(url.port()).isBetween(1, 65_535);
          } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("@");
          }
          // A mutation may have removed both the ':' and the '@' that made it a password.
          if (text.contains(":" + PASSWORD) || text.contains(PASSWORD + "@")) {
            assertThat(Masking.url(text)).doesNotContain(PASSWORD);
          }
        });
  }

  @Test
  void hostnameVerificationForRedissIsOnUnlessTurnedOff() {
    assertThat(SettingsLoader.defaults().redis().verifyHostname()).isTrue();
    assertThat(
            SettingsLoader.load(null, Map.of("RECONCILER_REDIS_VERIFY_HOSTNAME", "false"))
                .redis()
                .verifyHostname())
        .isFalse();
  }
}
