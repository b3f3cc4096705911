package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [database] url, user, password and pool_size: where the input tables are, the secret kept out,
 * and how many sessions a process keeps.
 */
class DatabaseUrlSettingsTest {
  @TempDir Path dir;

  private Path ini(String text) throws IOException {
    Path file = dir.resolve("config.ini");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void byDefaultTheInputIsTheSqliteFileOfPathsDatabase() {
    Settings s = SettingsLoader.defaults();
    assertThat(s.database().postgres()).isFalse();
    assertThat(s.database().postgresUrl()).isNull();
  }

  @Test
  void aSqliteUrlNamesTheInputDatabase() throws IOException {
    Settings s =
        SettingsLoader.load(
            ini("[paths]\ndatabase = other.db\n[database]\nurl = jdbc:sqlite:data/in.db\n"),
            Map.of());
    assertThat(s.database().postgres()).isFalse();
    assertThat(s.paths().database()).isEqualTo(Path.of("data/in.db"));
  }

  @Test
  void thePostgresUrlUserAndPasswordComeFromTheEnvironmentAndThePasswordIsNeverPrinted()
      throws IOException {
    Settings s =
        SettingsLoader.load(
            ini("[database]\nurl = jdbc:sqlite:x.db\nuser = file-user\n"),
            Map.of(
                "RECONCILER_DATABASE_URL",
                "jdbc:postgresql://db.example:5432/sales?sslmode=require&password=inurl",
                "RECONCILER_DATABASE_USER",
                "recon",
                "RECONCILER_DATABASE_PASSWORD",
                "hunter2"));
    assertThat(s.database().postgres()).isTrue();
    assertThat(s.database().postgresUrl())
        .isEqualTo("jdbc:postgresql://db.example:5432/sales?sslmode=require&password=inurl");
    assertThat(s.database().user()).isEqualTo("recon");
    assertThat(s.database().password()).isEqualTo("hunter2");
    assertThat(s.toString())
        .doesNotContain("hunter2")
        .doesNotContain("inurl")
        .contains("jdbc:postgresql://db.example:5432/sales?sslmode=require&password=****");
  }

  @Test
  void userInformationInAPostgresUrlIsMaskedToo() {
    assertThat(Masking.jdbcUrl("jdbc:postgresql://u:p@ss@h:5432/db"))
        .isEqualTo("jdbc:postgresql://****@h:5432/db");
  }

  @Test
  void anUnknownUrlNamesFileSectionKeyAndWhatIsAcceptedWithoutItsSecrets() throws IOException {
    Path file = ini("[database]\nurl = jdbc:mysql://u:secret@h/db\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("[database] url = 'jdbc:mysql://****@h/db' is invalid")
        .hasMessageContaining("jdbc:postgresql://HOST[:PORT]/DATABASE")
        .hasMessageNotContaining("secret");
  }

  @Test
  void aPostgresUrlWithoutAHostIsRefused() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    null, Map.of("RECONCILER_DATABASE_URL", "jdbc:postgresql:///db")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[database] url");
  }

  @Test
  void thePoolSizeIs32UnlessTheFileOrTheEnvironmentSaysOtherwise() throws IOException {
    assertThat(SettingsLoader.defaults().database().poolSize())
        .isEqualTo(Settings.Database.DEFAULT_POOL_SIZE)
        .isEqualTo(32);
    Path file = ini("[database]\npool_size = 8\n");
    assertThat(SettingsLoader.load(file, Map.of()).database().poolSize()).isEqualTo(8);
    assertThat(
            SettingsLoader.load(file, Map.of("RECONCILER_DATABASE_POOL_SIZE", "4"))
                .database()
                .poolSize())
        .isEqualTo(4);
  }

  @Test
  void aPoolTooSmallForOneRunNamesFileSectionKeyAndTheRange() throws IOException {
    Path file = ini("[database]\npool_size = 3\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("[database] pool_size = '3'")
        .hasMessageContaining("from 4 to 10000");
  }

  /**
   * PostgreSQL cuts names to 63 bytes, so two names an import derives from a long processor table
   * would name one table; SQLite keeps any length.
   */
  @Test
  void aProcessorTableTooLongForPostgresNamesFileSectionKeyAndTheLimit() throws IOException {
    String longest = "p".repeat(Settings.Database.POSTGRES_PROCESSOR_TABLE_MAX);
    String url = "url = jdbc:postgresql://127.0.0.1:5432/db\n";
    Path fits = ini("[database]\n" + url + "processor_table = " + longest + "\n");
    assertThat(SettingsLoader.load(fits, Map.of()).database().processorTable()).isEqualTo(longest);

    Path file = ini("[database]\n" + url + "processor_table = " + longest + "q\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("[database] processor_table = '" + longest + "q'")
        .hasMessageContaining("at most 43 characters with PostgreSQL");
    assertThat(
            SettingsLoader.load(file, Map.of("RECONCILER_DATABASE_URL", "jdbc:sqlite:data/in.db"))
                .database()
                .processorTable())
        .isEqualTo(longest + "q");
  }
}
