package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.Status;
import dev.reconciler.core.fuzz.HostileStrings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path dir;

  private Path ini(String text) throws IOException {
    Path file = dir.resolve("config.ini");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void defaultsComeFromThePackagedConfigIni() {
    Settings s = SettingsLoader.defaults();
    assertThat(s.reconciliation().amountTolerance()).isEqualByComparingTo("0.01");
    assertThat(s.reconciliation().statuses()).containsEntry("declined", Status.FAILED);
    assertThat(s.paths().database()).isEqualTo(Path.of("data/reconciler.db"));
    assertThat(s.redis().embedded()).isTrue();
    assertThat(s.tasks()).containsKeys("reconcile", "send_alert");
  }

  @Test
  void aFileOverridesOnlyTheKeysItHolds() throws IOException {
    Settings s =
        SettingsLoader.load(
            ini("[reconciliation]\namount_tolerance = 0.005\ntimezone = Europe/Berlin\n"),
            Map.of());
    assertThat(s.reconciliation().amountTolerance()).isEqualByComparingTo(new BigDecimal("0.005"));
    assertThat(s.reconciliation().timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(s.report().maxRowsPerSheet()).isEqualTo(1_048_575);
  }

  @Test
  void theEnvironmentOverridesTheFile() throws IOException {
    Settings s =
        SettingsLoader.load(
            ini("[email]\npassword = from-file\n"),
            Map.of(
                "RECONCILER_EMAIL_PASSWORD",
                "from-env",
                "RECONCILER_PATHS_DATA_DIR",
                "/srv/data",
                "PATH",
                "/bin"));
    assertThat(s.email().password()).isEqualTo("from-env");
    assertThat(s.paths().dataDir()).isEqualTo(Path.of("/srv/data"));
  }

  @Test
  void aYesNoKeyNamesExactlyTheSpellingsItAccepts() {
    assertThatThrownBy(() -> verifyHostname("maybe"))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            "[redis] verify_hostname = 'maybe' is invalid: expected true or false (also yes/no,"
                + " on/off, 1/0; letters in any case)");
    for (String yes : List.of("true", "yes", "on", "1", "TRUE", "Yes", "oN")) {
      assertThat(verifyHostname(yes)).as(yes).isTrue();
    }
    for (String no : List.of("false", "no", "off", "0", "FALSE", "No", "OFF")) {
      assertThat(verifyHostname(no)).as(no).isFalse();
    }
    for (String bad : List.of("y", "n", "t", "f", "enabled", "2", "-1", "tru", "nope")) {
      assertThatThrownBy(() -> verifyHostname(bad)).as(bad).isInstanceOf(ConfigException.class);
    }
  }

  @Test
  void aYesNoKeyReadsAHostileValueAsTheListedSpellingOrRejectsIt() {
    HostileStrings.forEach(
        20261124L,
        3_000,
        List.of("true", "no", "OFF", "1", "On"),
        value -> {
          Boolean expected = listedSpelling(value.strip());
          try {
            assertThat(verifyHostname(value)).isEqualTo(expected);
          } catch (ConfigException e) {
            assertThat(expected).as(e.getMessage()).isNull();
            assertThat(e.getMessage()).contains("[redis] verify_hostname").doesNotContain("\n");
          }
        });
  }

  private static boolean verifyHostname(String value) {
    return SettingsLoader.load(null, Map.of("RECONCILER_REDIS_VERIFY_HOSTNAME", value))
        .redis()
        .verifyHostname();
  }

  /** The spellings the error message lists, ASCII letters in any case; null for anything else. */
  private static Boolean listedSpelling(String value) {
    StringBuilder lower = new StringBuilder();
    for (char c : value.toCharArray()) {
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return switch (lower.toString()) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> null;
    };
  }

  @Test
  void aBadValueNamesFileSectionKeyValueAndWhatWasExpected() throws IOException {
    Path file = ini("[report]\nmax_rows_per_sheet = lots\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("[report] max_rows_per_sheet = 'lots'")
        .hasMessageContaining("expected a whole number from 1 to 1048575");
  }

  @Test
  void anUnknownKeyIsAnErrorNotASilentDefault() throws IOException {
    Path file = ini("[reconciliation]\namount_tolerence = 0.02\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("unknown key [reconciliation] amount_tolerence");
  }

  @Test
  void anUnknownSectionIsAnError() throws IOException {
    Path file = ini("[reconcilation]\nmatch_key = id\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .hasMessageContaining("unknown section [reconcilation]");
  }

  @Test
  void aBadEnvironmentValueNamesTheVariable() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    null, Map.of("RECONCILER_RECONCILIATION_TIMEZONE", "Mars/Olympus")))
        .hasMessageContaining("environment variable RECONCILER_RECONCILIATION_TIMEZONE")
        .hasMessageContaining("[reconciliation] timezone = 'Mars/Olympus'");
  }

  @Test
  void maxRedeliveriesDefaultsToThreeAndIsReadFromTheEnvironmentWithinItsRange() {
    assertThat(SettingsLoader.defaults().worker().maxRedeliveries()).isEqualTo(3);
    assertThat(
            SettingsLoader.load(null, Map.of("RECONCILER_WORKER_MAX_REDELIVERIES", "0"))
                .worker()
                .maxRedeliveries())
        .isZero();
    assertThatThrownBy(
            () -> SettingsLoader.load(null, Map.of("RECONCILER_WORKER_MAX_REDELIVERIES", "1001")))
        .hasMessageContaining("[worker] max_redeliveries = '1001'")
        .hasMessageContaining("a whole number from 0 to 1000");
  }

  @Test
  void anEnvironmentVariableForNoKeyIsAnError() {
    assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("RECONCILER_EMAIL_PASSWROD", "x")))
        .hasMessageContaining("RECONCILER_EMAIL_PASSWROD");
  }

  @Test
  void aMissingConfigFileIsAnError() {
    assertThatThrownBy(() -> SettingsLoader.load(dir.resolve("nope.ini"), Map.of()))
        .hasMessageContaining("nope.ini: config file not found");
  }

  @Test
  void aFileThatIsNotUtf8SaysSoWithoutShowingItsBytes() throws IOException {
    Path latin1 = dir.resolve("latin1.ini");
    Files.write(latin1, "[email]\npassword = s\u00e9cret\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> SettingsLoader.load(latin1, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(latin1 + ": cannot read: not UTF-8 text (save it as UTF-8)");
  }

  @Test
  void rejectsAnUnknownSheetAndAStatusListedTwice() throws IOException {
    assertThatThrownBy(
            () -> SettingsLoader.load(ini("[report]\nsheets = rejected, summery\n"), Map.of()))
        .hasMessageContaining("[report] sheets = 'summery'");
    assertThatThrownBy(
            () -> SettingsLoader.load(ini("[reconciliation]\npending_statuses = paid\n"), Map.of()))
        .hasMessageContaining("[reconciliation] pending_statuses = 'paid'");
  }

  @Test
  void secretsAreMaskedWhenSettingsArePrinted() throws IOException {
    Settings s =
        SettingsLoader.load(
            ini("[email]\npassword = hunter2\n[redis]\nurl = redis://u:pw@h:6379\n"), Map.of());
    assertThat(s.toString()).doesNotContain("hunter2").doesNotContain(":pw@").contains("****");
  }

  @Test
  void aValueHoldingSemicolonsAndHashesIsReadExactly() throws IOException {
    Settings s =
        SettingsLoader.load(
            ini("[email]\npassword = a ;b #c\nsubject_prefix = [Ops] #1 ; urgent\n"), Map.of());
    assertThat(s.email().password()).isEqualTo("a ;b #c");
    assertThat(s.email().subjectPrefix()).isEqualTo("[Ops] #1 ; urgent");
  }

  @Test
  void aLineIsACommentOnlyWhenSemicolonOrHashIsItsFirstNonBlankCharacter() throws IOException {
    Settings s =
        SettingsLoader.load(
            ini("  ; [nonsense]\n[email]\n\t# password = commented\n  ;user = also\nuser = ops\n"),
            Map.of());
    assertThat(s.email().password()).isEmpty();
    assertThat(s.email().user()).isEqualTo("ops");
  }

  @Test
  void quotesBackslashesAndDollarBracesAreKeptAsWritten() throws IOException {
    Settings s =
        SettingsLoader.load(
            ini(
                "[email]\nsubject_prefix = \"quoted\" tail\npassword = ends with \\\n"
                    + "user = ${env:HOME}\nfrom = 'a@b.example\n"),
            Map.of());
    assertThat(s.email().subjectPrefix()).isEqualTo("\"quoted\" tail");
    assertThat(s.email().password()).isEqualTo("ends with \\");
    assertThat(s.email().user()).isEqualTo("${env:HOME}");
    assertThat(s.email().from()).isEqualTo("'a@b.example");
  }

  @Test
  void aKeySetTwiceInOneFileIsAnErrorNotASilentChoice() throws IOException {
    Path file = ini("[email]\nuser = a\n[email]\nuser = b\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("line 4: [email] user is set twice (also on line 2)");
  }

  @Test
  void aLineThatIsNoSectionKeyOrCommentNamesFileAndLineButNotItsText() throws IOException {
    Path file = ini("[email]\nhunter2\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath() + ": line 2: expected [section], key = value")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> SettingsLoader.load(ini("[redis] ; the broker\n"), Map.of()))
        .hasMessageContaining("line 1: expected a section header");
  }

  @Test
  void anUnknownSectionWithoutKeysIsStillAnError() throws IOException {
    Path file = ini("[redsi]\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .hasMessageContaining(file.toAbsolutePath() + ": unknown section [redsi]");
  }

  @Test
  void anUnparseableRedisUrlIsRejectedAtLoadNamingTheVariableWithoutThePassword() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    null, Map.of("RECONCILER_REDIS_URL", "redis://:pa ss@127.0.0.1:6390/0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("environment variable RECONCILER_REDIS_URL: [redis] url = ")
        .hasMessageContaining("redis://:****@127.0.0.1:6390/0")
        .hasMessageContaining("percent-encoded")
        .hasMessageNotContaining("pa ss")
        .hasMessageNotContaining("ss@");
  }

  @Test
  void anUnparseableRedisUrlInAFileNamesTheFileWithoutThePassword() throws IOException {
    Path file = ini("[redis]\nurl = redis://app:s3/cr@t@redis.internal:6379/0\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath() + ": [redis] url = ")
        .hasMessageContaining("redis://app:****@redis.internal:6379/0")
        .hasMessageNotContaining("s3")
        .hasMessageNotContaining("cr@t");
  }

  @Test
  void aRedisUrlOfAnotherSchemeOrWithoutHostIsRejectedAtLoad() {
    for (String url :
        new String[] {"http://h:6379", "redis://", "redis://h:70000", "redis://h/x", "h:6379"}) {
      assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("RECONCILER_REDIS_URL", url)))
          .as(url)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("[redis] url");
    }
  }

  @Test
  void aPercentEncodedRedisPasswordLoadsAndIsMaskedWhenPrinted() {
    Settings s =
        SettingsLoader.load(
            null,
            Map.of("RECONCILER_REDIS_URL", "rediss://app:p%40s%2Fs%3A%25@redis.internal:6380/1"));
    assertThat(s.redis().url()).isEqualTo("rediss://app:p%40s%2Fs%3A%25@redis.internal:6380/1");
    assertThat(s.toString()).contains("app:****@redis.internal:6380/1").doesNotContain("p%40s");
  }

  @Test
  void launcherVariablesAreNotConfigOverrides() {
    Settings s =
        SettingsLoader.load(
            null,
            Map.of(
                "RECONCILER_CDS_DIR", "/var/cache/reconciler",
                "RECONCILER_OPTS", "-Xmx2g",
                "RECONCILER_HEAP", "60%",
                "RECONCILER_JAVA", "/usr/bin/java",
                "RECONCILER_CONFIG", "/etc/reconciler/config.ini"));
    assertThat(s.redis().embedded()).isTrue();
  }

  @Test
  void anAmountToleranceBeyondWhatAnAmountCanHoldIsRejectedAtLoad() {
    for (String tolerance : new String[] {"1e309", "1e999999999", "922337203685477.5808"}) {
      assertThatThrownBy(
              () ->
                  SettingsLoader.load(
                      null, Map.of("RECONCILER_RECONCILIATION_AMOUNT_TOLERANCE", tolerance)))
          .as(tolerance)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("[reconciliation] amount_tolerance = '" + tolerance + "'")
          .hasMessageContaining("from 0 to 922337203685477.5807");
    }
    assertThat(
            SettingsLoader.load(
                    null,
                    Map.of("RECONCILER_RECONCILIATION_AMOUNT_TOLERANCE", "922337203685477.5807"))
                .reconciliation()
                .amountTolerance())
        .isEqualByComparingTo("922337203685477.5807");
  }

  @Test
  void aControlCharacterInAValueIsRejectedWithoutShowingTheValue() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    null, Map.of("RECONCILER_EMAIL_PASSWORD", "hunter2\r\nBcc: x@evil.example")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("environment variable RECONCILER_EMAIL_PASSWORD: [email] password")
        .hasMessageContaining("U+000D")
        .hasMessageNotContaining("hunter2");
  }
}
