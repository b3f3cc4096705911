package dev.reconciler.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.fuzz.HostileStrings;
import dev.reconciler.core.imports.ImportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportArgsTest {
  @TempDir Path dir;

  private static List<Object> args(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  private Settings.Paths paths(String allowedRoots) {
    return SettingsLoader.load(
            null,
            Map.of(
                "RECONCILER_PATHS_DATA_DIR", dir.resolve("data").toString(),
                "RECONCILER_PATHS_DATABASE", dir.resolve("db/in.db").toString(),
                "RECONCILER_PATHS_ALLOWED_ROOTS", allowedRoots))
        .paths();
  }

  @Test
  void readsFormatFileAndDatabase() {
    ImportArgs a = ImportArgs.from(args("stripe", "/data/payouts.csv", "/data/in.db"));

    assertThat(a)
        .isEqualTo(new ImportArgs(ImportFormat.STRIPE, "/data/payouts.csv", "/data/in.db"));
    assertThat(ImportArgs.from(a.toList())).isEqualTo(a);
    assertThat(ImportArgs.from(args("csv", "/data/x.csv")).database()).isNull();
  }

  @Test
  void refusesAnUnknownFormatAMissingFileAndParentSegments() {
    assertThatThrownBy(() -> ImportArgs.from(args("excel", "/data/x.csv")))
        .isInstanceOf(BadArguments.class)
        .hasMessage(
            "import argument 0 (format) must be one of [stripe, adyen, paypal, csv], got 'excel'");
    assertThatThrownBy(() -> ImportArgs.from(args("csv", null)))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("(file)");
    assertThatThrownBy(() -> ImportArgs.from(args("csv", "/data/../etc/passwd")))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("(file)");
    assertThatThrownBy(() -> ImportArgs.from(args("csv")))
        .isInstanceOf(BadArguments.class)
        .hasMessage("import takes 2 to 3 arguments, got 1");
  }

  @Test
  void theFileMustLieUnderDataDirOrAnAllowedRoot() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    ImportArgs underData = new ImportArgs(ImportFormat.CSV, dir + "/data/x.csv", null);
    ImportArgs inInbox = new ImportArgs(ImportFormat.CSV, inbox + "/x.csv", null);

    assertThat(underData.fileIn(paths(""))).isEqualTo(dir.resolve("data/x.csv"));
    assertThat(inInbox.fileIn(paths(inbox.toString()))).isEqualTo(inbox.resolve("x.csv"));
    assertThatThrownBy(() -> inInbox.fileIn(paths("")))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("import file '" + inbox + "/x.csv' is not allowed")
        .hasMessageContaining("a task may name only a path under [paths] data_dir");
  }

  @Test
  void hostileStringsInEveryPositionGiveAValueOrBadArguments() {
    List<Object> base = args("csv", "/data/x.csv", "/data/in.db");
    for (int position = 0; position < base.size(); position++) {
      int at = position;
      HostileStrings.forEach(
          9_100L + at,
          2_000,
          List.of(String.valueOf(base.get(at))),
          s -> {
            List<Object> candidate = new ArrayList<>(base);
            candidate.set(at, s);
            ImportArgs a;
            try {
              a = ImportArgs.from(candidate);
            } catch (BadArguments expected) {
              assertThat(expected.getMessage()).doesNotContain("\r", "\n");
              return;
            }
            assertThat(a.format()).isNotNull();
            for (String path : Arrays.asList(a.file(), a.database())) {
              assertThat(path).doesNotContainPattern("\\p{Cntrl}");
            }
          });
    }
  }
}
