package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.queue.Revocation;
import dev.reconciler.worker.queue.Revocation.Outcome;
import org.junit.jupiter.api.Test;

class RevokeCommandTest {
  @Test
  void saysWhatBecameOfAWaitingTask() {
    assertThat(RevokeCommand.message("t1", new Revocation(Outcome.REMOVED, "1"), false))
        .isEqualTo("revoked t1: removed before it ran");
    assertThat(RevokeCommand.message("t1", new Revocation(Outcome.MARKED, "0"), true))
        .isEqualTo("revoked t1: no job of it was waiting; it will not run");
  }

  @Test
  void namesTheWorkerOfARunningTaskOnOneEscapedLine() {
    Revocation running = new Revocation(Outcome.RUNNING, "host:1-1:q\nFORGED");

    assertThat(RevokeCommand.message("t1", running, true))
        .startsWith("revoked t1: running on host:1-1:q")
        .endsWith(", which stops it now")
        .doesNotContain("\n");
    assertThat(RevokeCommand.message("t1", running, false))
        .endsWith("; it finishes, then is never retried or run again (--terminate stops it)")
        .doesNotContain("\n");
  }
}
