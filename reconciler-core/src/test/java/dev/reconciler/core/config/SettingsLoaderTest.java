package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.Status;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
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
}
