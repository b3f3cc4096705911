package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day too large for the process's heap: one line that says so and how to give it more, exit 2,
 * the run recorded as failed, instead of an OutOfMemoryError's stack trace (and, under a worker,
 * retries that run out of memory the same way: a UserError is not retried).
 */
class BigDayCliIT {
  @TempDir Path dir;

  @Test
  void aDayThatDoesNotFitTheHeapFailsWithOneLineNamingTheRemedyAndIsRecorded() throws Exception {
    ProcessCli cli = new ProcessCli(dir);
    Path ini = Files.writeString(dir.resolve("config.ini"), "[logging]\nfile =\n");
    Path db = dir.resolve("big.db");
    String[] day = {"--config", ini.toString(), "--db", db.toString(), "--date", "2026-11-24"};
    ProcessCli.Result generated =
        cli.asThisUser(concat(new String[] {"generate", "--transactions", "300000"}, day));
    assertThat(generated.code()).as(generated.err()).isZero();
    Path out = Files.createDirectory(dir.resolve("out"));

    ProcessCli.Result r =
        cli.asThisUserWithHeap(
            "48m", concat(new String[] {"reconcile", "--out", out.toString()}, day));

    assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err())
        .startsWith("reconciler: error: not enough memory to reconcile 2026-11-24")
        .contains("at most 48 MB of heap")
        .contains("-Xmx")
        .doesNotContain("Exception")
        .doesNotContain("OutOfMemoryError");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs =
            c.createStatement().executeQuery("SELECT status, error FROM reconciliation_runs")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("FAILURE");
      assertThat(rs.getString(2)).contains("not enough memory");
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
