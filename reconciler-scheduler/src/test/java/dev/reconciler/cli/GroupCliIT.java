package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.queue.EmbeddedRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups and chords from the command line, with a real Redis and no worker: 'enqueue group' and
 * 'enqueue chord' send them, 'status' and 'inspect' show them as one unit, 'revoke' ends one, and
 * what cannot be sent is refused with one line.
 */
class GroupCliIT {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @TempDir Path dir;
  private EmbeddedRedis redis;

  @BeforeEach
  void start() {
    redis = EmbeddedRedis.start();
  }

  @AfterEach
  void stop() {
    redis.stop();
  }

  private CliRunner.Run cli(String... args) throws Exception {
    Path ini = dir.resolve("config.ini");
    Files.writeString(
        ini,
        "[redis]\nurl = "
            + redis.url()
            + "\n[paths]\nlog_dir = "
            + dir.resolve("logs")
            + "\ndata_dir = "
            + dir
            + "\n");
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--config";
    all[args.length + 1] = ini.toString();
    return CliRunner.run(all);
  }

  @Test
  void aChordSentFromTheCommandLineIsShownAsOneUnitByStatusAndInspect() throws Exception {
    CliRunner.Run sent = cli("enqueue", "chord", "--callback", "ping", "ping", "ping", "ping");
    assertThat(sent.code()).isZero();
    String id = sent.out().strip();
    assertThat(id).matches(UUID);

    CliRunner.Run status = cli("status", id);
    assertThat(status.code()).isZero();
    assertThat(status.out())
        .contains("group_id     " + id)
        .contains("kind         chord")
        .contains("state        PENDING")
        .contains("done         0 of 3")
        .contains("  " + id + ".0  PENDING")
        .contains("  " + id + ".2  PENDING")
        .contains("callback " + id + ".callback  -");

    CliRunner.Run member = cli("status", id + ".1");
    assertThat(member.out())
        .contains("state        PENDING")
        .contains("group        " + id + ": chord PENDING: 0 of 3 done, callback not queued");

    assertThat(cli("inspect").out())
        .contains("Groups and chords (newest first):")
        .contains("  " + id + "  chord PENDING: 0 of 3 done, callback not queued");
  }

  @Test
  void aGroupSentAgainUnderItsIdAddsNothing() throws Exception {
    CliRunner.Run first = cli("enqueue", "group", "--id", "nightly-1", "ping", "ping");
    CliRunner.Run again = cli("enqueue", "group", "--id", "nightly-1", "ping", "ping");

    assertThat(first.out().strip()).isEqualTo("nightly-1");
    assertThat(again.code()).isZero();
    assertThat(again.out().strip()).isEqualTo("nightly-1");
    assertThat(again.err()).contains("group nightly-1 was sent before; nothing was added");
    assertThat(cli("inspect").out()).contains("reconcile            2 waiting");
    assertThat(cli("status", "nightly-1").out()).contains("kind         group");
  }

  @Test
  void revokingAChordRemovesItsWaitingTasks() throws Exception {
    String id = cli("enqueue", "chord", "--callback", "ping", "ping", "ping").out().strip();

    CliRunner.Run revoked = cli("revoke", id);

    assertThat(revoked.code()).isZero();
    assertThat(revoked.out())
        .contains(
            "revoked group "
                + id
                + ": a chord's callback will not run; its unfinished tasks revoked"
                + " (2 waiting, 0 running)");
    assertThat(cli("status", id).out())
        .contains("state        REVOKED")
        .contains("  " + id + ".0  REVOKED")
        .contains("  " + id + ".1  REVOKED");
    assertThat(cli("inspect").out()).contains("reconcile            0 waiting");
    assertThat(cli("revoke", id).err()).contains("has finished (REVOKED)");
  }

  @Test
  void whatCannotBeSentAsAGroupIsRefusedWithOneLine() throws Exception {
    assertRefused(cli("enqueue", "chord", "ping", "ping"), "'enqueue chord' needs --callback TASK");
    assertRefused(
        cli("enqueue", "group", "--callback", "ping", "ping"),
        "--callback is for 'enqueue chord'; a group has none");
    assertRefused(cli("enqueue", "group"), "'enqueue group' needs the tasks to send");
    assertRefused(
        cli("enqueue", "group", "ping", "reconcile"),
        "'reconcile' cannot be sent in a group from the command line");
    assertRefused(
        cli("enqueue", "ping", "ping"), "more tasks, --callback and --id are for 'enqueue group'");
    assertRefused(
        cli("enqueue", "group", "--countdown", "5", "ping"),
        "'enqueue group' takes only tasks, --callback and --id");
    assertRefused(cli("enqueue", "group", "--id", "a:b", "ping"), "is not a group id");
    assertThat(cli("inspect").out()).doesNotContain("waiting");
  }

  private static void assertRefused(CliRunner.Run r, String message) {
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }
}
