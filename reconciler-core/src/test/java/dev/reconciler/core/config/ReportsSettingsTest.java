package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsSettingsTest {
  @TempDir Path dir;

  @Test
  void workbooksStayInFilesForNinetyDaysByDefault() {
    Settings.Reports reports = SettingsLoader.defaults().reports();
    assertThat(reports.store()).isEqualTo(Settings.ReportStore.FILES);
    assertThat(reports.keepDays()).isZero();
  }

  @Test
  void databaseAndKeepDaysAreReadInAnyCase() {
    Settings.Reports reports =
        SettingsLoader.load(
                null,
                Map.of("RECONCILER_REPORT_STORE", "Database", "RECONCILER_REPORT_KEEP_DAYS", "30"))
            .reports();
    assertThat(reports.store()).isEqualTo(Settings.ReportStore.DATABASE);
    assertThat(reports.keepDays()).isEqualTo(30);
  }

  @Test
  void anUnknownStoreIsRefusedNamingFileSectionKeyAndChoices() throws IOException {
    Path file = dir.resolve("config.ini");
    Files.writeString(file, "[report]\nstore = s3\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageEndingWith("[report] store = 's3' is invalid: expected one of files, database");
  }

  @Test
  void aNegativeOrNonNumericKeepDaysIsRefused() {
    for (String bad : new String[] {"-1", "ninety", "36501"}) {
      assertThatThrownBy(
              () -> SettingsLoader.load(null, Map.of("RECONCILER_REPORT_KEEP_DAYS", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("RECONCILER_REPORT_KEEP_DAYS")
          .hasMessageContaining("[report] keep_days = '" + bad + "' is invalid");
    }
  }

  @Test
  void theLedgersKeepDaysIsReadAndAnOutOfRangeOneIsRefusedNamingFileSectionAndKey()
      throws IOException {
    assertThat(SettingsLoader.defaults().reconciliation().ledgerKeepDays()).isZero();
    Path file = dir.resolve("config.ini");
    Files.writeString(file, "[reconciliation]\nledger_keep_days = 400\n");
    assertThat(SettingsLoader.load(file, Map.of()).reconciliation().ledgerKeepDays())
        .isEqualTo(400);
    for (String bad : new String[] {"-1", "a year", "36501"}) {
      Files.writeString(file, "[reconciliation]\nledger_keep_days = " + bad + "\n");
      assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(file.toAbsolutePath().normalize().toString())
          .hasMessageContaining("[reconciliation] ledger_keep_days = '" + bad + "' is invalid");
    }
  }
}
