package dev.reconciler.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CsrfTest {
  private final Sessions sessions = new Sessions(Duration.ofHours(1), Clock.systemUTC());

  @Test
  void acceptsOnlyTheSessionsOwnToken() {
    Session s = sessions.anonymous();
    Session other = sessions.anonymous();
    assertThat(Csrf.accepts(s, s.csrfToken())).isTrue();
    assertThat(Csrf.accepts(s, other.csrfToken())).isFalse();
    assertThat(Csrf.accepts(s, s.csrfToken() + "x")).isFalse();
    assertThat(Csrf.accepts(s, s.csrfToken().substring(1))).isFalse();
  }

  @Test
  void refusesAMissingTokenOrSession() {
    Session s = sessions.anonymous();
    assertThat(Csrf.accepts(s, null)).isFalse();
    assertThat(Csrf.accepts(s, "")).isFalse();
    assertThat(Csrf.accepts(null, s.csrfToken())).isFalse();
  }

  @Test
  void tokensAreLongAndDifferPerSession() {
    assertThat(sessions.anonymous().csrfToken())
        .hasSizeGreaterThanOrEqualTo(43)
        .isNotEqualTo(sessions.anonymous().csrfToken());
  }
}
