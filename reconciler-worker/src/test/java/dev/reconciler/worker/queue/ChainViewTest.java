package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainViewTest {
  private static final LocalDate D = LocalDate.of(2026, 11, 24);

  private static ChainView.Link link(int day, String state) {
    return new ChainView.Link(D.plusDays(day), "t" + day, state);
  }

  @Test
  void aChainWithLinksToComeIsRunning() {
    ChainView chain =
        new ChainView("c", D.plusDays(3), List.of(link(0, "SUCCESS"), link(1, "STARTED")));

    assertThat(chain.state()).isEqualTo("RUNNING");
    assertThat(chain.notQueued()).containsExactly(D.plusDays(2), D.plusDays(3));
    assertThat(chain.summary())
        .isEqualTo(
            D + " to " + D.plusDays(3) + "  RUNNING: 1 done, 1 queued or running, 2 to come");
  }

  @Test
  void aChainPastItsRangeWithEveryLinkDoneIsDoneStaleDatesIncluded() {
    ChainView chain =
        new ChainView("c", D, List.of(link(0, "SUCCESS"), link(2, "SUCCESS"), link(5, "SUCCESS")));

    assertThat(chain.state()).isEqualTo("DONE");
    assertThat(chain.notQueued()).isEmpty();
    assertThat(chain.summary()).endsWith("DONE: 3 done, 0 queued or running, 0 to come");
  }

  @Test
  void aFailedLinkStopsTheChainAndTheRestIsNotRun() {
    ChainView chain =
        new ChainView("c", D.plusDays(4), List.of(link(0, "SUCCESS"), link(1, "FAILURE")));

    assertThat(chain.state()).isEqualTo("FAILED");
    assertThat(chain.failed().date()).isEqualTo(D.plusDays(1));
    assertThat(chain.summary())
        .endsWith("FAILED: 1 done, failed at " + D.plusDays(1) + ", 3 not run");
  }

  @Test
  void aRevokedLinkStopsTheChainAndTheRestIsNotRun() {
    ChainView chain =
        new ChainView("c", D.plusDays(4), List.of(link(0, "SUCCESS"), link(1, "REVOKED")));

    assertThat(chain.state()).isEqualTo("REVOKED");
    assertThat(chain.stoppedAt().date()).isEqualTo(D.plusDays(1));
    assertThat(chain.failed()).isNull();
    assertThat(chain.summary())
        .endsWith("REVOKED: 1 done, revoked at " + D.plusDays(1) + ", 3 not run");
  }

  @Test
  void aChainWhoseFirstLinkExpiredShowsAnUnknownEnd() {
    ChainView chain = new ChainView("c", null, List.of(link(0, null)));

    assertThat(chain.state()).isEqualTo("RUNNING");
    assertThat(chain.summary()).startsWith(D + " to ?");
  }
}
