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
    assertThat(reports.keepDays()).isEqualTo(90);
  }

  @Test
  void databaseAndKeepForeverAreReadInAnyCase() {
    Settings.Reports reports =
        SettingsLoader.load(
                null,
                Map.of("RECONCILER_REPORTS_STORE", "Database", "RECONCILER_REPORTS_KEEP_DAYS", "0"))
            .reports();
    assertThat(reports.store()).isEqualTo(Settings.ReportStore.DATABASE);
    assertThat(reports.keepDays()).isZero();
  }

  @Test
  void anUnknownStoreIsRefusedNamingFileSectionKeyAndChoices() throws IOException {
    Path file = dir.resolve("config.ini");
    Files.writeString(file, "[reports]\nstore = s3\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageEndingWith("[reports] store = 's3' is invalid: expected one of files, database");
  }

  @Test
  void aNegativeOrNonNumericKeepDaysIsRefused() {
    for (String bad : new String[] {"-1", "ninety", "36501"}) {
      assertThatThrownBy(
              () -> SettingsLoader.load(null, Map.of("RECONCILER_REPORTS_KEEP_DAYS", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("RECONCILER_REPORTS_KEEP_DAYS")
          .hasMessageContaining("[reports] keep_days = '" + bad + "' is invalid");
    }
  }
}
