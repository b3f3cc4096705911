package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.it.Backend;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.queue.EmbeddedRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dates run in order from the command line: 'reconcile --from --to' here and now (on SQLite and on
 * PostgreSQL), 'enqueue reconcile --from --to' as one chain that status and inspect show, and
 * ranges refused (neither reads a database).
 */
class ChainCliIT {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private EmbeddedRedis redis;

  /** The config's [database] section: none for SQLite, set by a case on both backends. */
  private String store = "";

  @AfterEach
  void stop() {
    if (redis != null) {
      redis.stop();
    }
  }

  private String config() throws Exception {
    Path ini = dir.resolve("config.ini");
    Files.writeString(
        ini,
        (redis == null ? "" : "[redis]\nurl = " + redis.url() + "\n")
            + "[paths]\nlog_dir = "
            + dir.resolve("logs")
            + "\ndata_dir = "
            + dir
            + "\ndatabase = "
            + dir.resolve("in.db")
            + "\nreport_dir = "
            + dir.resolve("reports")
            + "\n"
            + store);
    return ini.toString();
  }

  private CliRunner.Run cli(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--config";
    all[args.length + 1] = config();
    return CliRunner.run(all);
  }

  private Settings settings() throws Exception {
    return SettingsLoader.load(Path.of(config()), Map.of());
  }

  private List<RunRecord> runs() throws Exception {
    return RunStores.open(settings(), dir.resolve("in.db")).recent(100).stream()
        .sorted(Comparator.comparing(RunRecord::startedAt))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void reconcileFromToRunsEveryDateInOrderAndSaysSo(Backend backend) throws Exception {
    store = backend.ini(pg);
    assertThat(cli("generate", "--date", "2026-11-24", "-n", "300").code()).isZero();

    CliRunner.Run r = cli("reconcile", "--from", "2026-11-23", "--to", "2026-11-25");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .containsSubsequence(
            "Reconciliation of 2026-11-23",
            "Reconciliation of 2026-11-24",
            "Reconciliation of 2026-11-25",
            "Ran 3 dates in order: 2026-11-23, 2026-11-24, 2026-11-25");
    assertThat(runs())
        .extracting(RunRecord::businessDate)
        .containsExactly(
            LocalDate.parse("2026-11-23"),
            LocalDate.parse("2026-11-24"),
            LocalDate.parse("2026-11-25"));
    backend.assertKeptEverything(dir.resolve("in.db"));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aRerunOfAnEarlyDateRerunsTheLaterDatesItMadeStaleInOrder(Backend backend) throws Exception {
    store = backend.ini(pg);
    assertThat(cli("generate", "--date", "2026-11-24", "-n", "300").code()).isZero();
    assertThat(cli("reconcile", "--from", "2026-11-23", "--to", "2026-11-25").code()).isZero();

    CliRunner.Run r = cli("reconcile", "--date", "2026-11-23");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .containsSubsequence(
            "Reconciliation of 2026-11-23",
            "Reconciliation of 2026-11-24",
            "Reconciliation of 2026-11-25",
            "Ran 3 dates in order: 2026-11-23, 2026-11-24, 2026-11-25");
    assertThat(runs()).hasSize(6);
    assertThat(RunOrder.staleDates(settings(), dir.resolve("in.db"), Clock.systemUTC())).isEmpty();

    // A rerun of the last date makes nothing stale: it runs alone.
    CliRunner.Run last = cli("reconcile", "--date", "2026-11-25");
    assertThat(last.out()).contains("Reconciliation of 2026-11-25").doesNotContain("Ran ");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aFailedRerunNamesTheDatesLeftStale(Backend backend) throws Exception {
    store = backend.ini(pg);
    assertThat(cli("generate", "--date", "2026-11-24", "-n", "300").code()).isZero();
    assertThat(cli("reconcile", "--from", "2026-11-23", "--to", "2026-11-25").code()).isZero();
    Files.delete(dir.resolve("reports/reconciliation_2026-11-24.xlsx"));
    Files.createDirectories(dir.resolve("reports/reconciliation_2026-11-24.xlsx/in-the-way"));

    CliRunner.Run r = cli("reconcile", "--date", "2026-11-23");

    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err())
        .contains(
            "the run of 2026-11-24 failed; ran before it: 2026-11-23; "
                + "stale until rerun in order: 2026-11-24, 2026-11-25");

    // A later date while they wait: the operator's to order, so exit 2 naming the first of them.
    CliRunner.Run later = cli("reconcile", "--date", "2026-11-26");
    assertThat(later.code()).as(later.err()).isEqualTo(Main.USER_ERROR);
    assertThat(later.err())
        .contains(
            "reconciler: error: the ledger's run of 2026-11-24 and later dates before 2026-11-26"
                + " is stale (an earlier date was rerun since): run 2026-11-24 again before"
                + " 2026-11-26 (reconcile --date 2026-11-24 reruns every stale date in order)")
        .doesNotContain("Exception");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aFailedDateStopsTheRunInOrderAndNamesWhatIsLeft(Backend backend) throws Exception {
    store = backend.ini(pg);
    assertThat(cli("generate", "--date", "2026-11-24", "-n", "300").code()).isZero();
    Files.createDirectories(dir.resolve("reports/reconciliation_2026-11-24.xlsx/in-the-way"));

    CliRunner.Run r = cli("reconcile", "--from", "2026-11-23", "--to", "2026-11-26");

    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err())
        .contains(
            "the run of 2026-11-24 failed; ran before it: 2026-11-23; not run: 2026-11-25 to 2026-11-26")
        .contains("reconciler: failed: ");
    assertThat(runs())
        .extracting(RunRecord::businessDate, RunRecord::status)
        .containsExactly(
            tuple(LocalDate.parse("2026-11-23"), "SUCCESS"),
            tuple(LocalDate.parse("2026-11-24"), "FAILURE"));
  }

  @Test
  void badRangesAreOneLineUserErrorsForReconcileAndEnqueue() throws Exception {
    String[][] bad = {
      {"--from", "2026-11-25", "--to", "2026-11-24"},
      {"--from", "2025-01-01", "--to", "2026-01-02"},
      {"--from", "2026-11-24"},
      {"--to", "2026-11-24"},
      {"--date", "2026-11-24", "--from", "2026-11-24", "--to", "2026-11-25"},
      {"--from", "yesterday", "--to", "2026-11-24"},
    };
    String[] says = {
      "--from 2026-11-25 is after --to 2026-11-24",
      "is 367 dates; at most 366 at a time",
      "--from and --to go together",
      "--from and --to go together",
      "--date and --from/--to cannot be combined",
      "--from 'yesterday' is not a date",
    };
    for (String command : List.of("reconcile", "enqueue")) {
      for (int i = 0; i < bad.length; i++) {
        String[] args =
            command.equals("reconcile")
                ? concat(new String[] {"reconcile"}, bad[i])
                : concat(new String[] {"enqueue", "reconcile"}, bad[i]);
        CliRunner.Run r = cli(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("reconciler: error: ").contains(says[i]);
      }
    }
  }

  @Test
  void enqueueFromToIsOneChainThatStatusAndInspectShowAsOneUnit() throws Exception {
    redis = EmbeddedRedis.start();

    CliRunner.Run sent = cli("enqueue", "reconcile", "--from", "2026-11-20", "--to", "2026-11-24");

    assertThat(sent.code()).as(sent.err()).isZero();
    String id = sent.out().strip();
    assertThat(id).matches(UUID);
    CliRunner.Run status = cli("status", id);
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("state        PENDING")
        .contains(
            "chain        "
                + id
                + ": 2026-11-20 to 2026-11-24  RUNNING: 0 done, 1 queued or running, 4 to come")
        .contains("  2026-11-20  PENDING  " + id)
        .contains("  2026-11-21 to 2026-11-24  to come");
    assertThat(cli("inspect").out())
        .contains("Chains (newest first):")
        .contains("  " + id + "  2026-11-20 to 2026-11-24  RUNNING");
    assertThat(cli("enqueue", "reconcile", "--date", "2026-11-24").out().strip())
        .matches(UUID)
        .isNotEqualTo(id);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
