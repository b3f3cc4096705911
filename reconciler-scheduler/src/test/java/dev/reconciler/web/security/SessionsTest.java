package dev.reconciler.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings.WebRole;
import dev.reconciler.testhelper.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T12:00:00Z"));
  private final Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);

  @Test
  void aLoginGetsANewIdAndTokenSoAPlantedIdIsWorthNothing() {
    Session before = sessions.anonymous();
    Session after = sessions.login(before, "ana", WebRole.OPERATOR);
    assertThat(after.id()).isNotEqualTo(before.id());
    assertThat(after.csrfToken()).isNotEqualTo(before.csrfToken());
    assertThat(sessions.find(before.id())).isNull();
    assertThat(sessions.find(after.id()).user()).isEqualTo("ana");
  }

  @Test
  void rolesAreOrdered() {
    Session viewer = sessions.login(null, "bo", WebRole.VIEWER);
    Session operator = sessions.login(null, "ana", WebRole.OPERATOR);
    assertThat(viewer.may(WebRole.VIEWER)).isTrue();
    assertThat(viewer.may(WebRole.OPERATOR)).isFalse();
    assertThat(operator.may(WebRole.OPERATOR)).isTrue();
    assertThat(sessions.anonymous().may(WebRole.VIEWER)).isFalse();
  }

  @Test
  void anIdleSessionExpiresAndAUsedOneDoesNot() {
    Session idle = sessions.login(null, "ana", WebRole.OPERATOR);
    Session used = sessions.login(null, "bo", WebRole.VIEWER);
    clock.advance(Duration.ofMinutes(20));
    assertThat(sessions.find(used.id())).isNotNull();
    clock.advance(Duration.ofMinutes(20));
    assertThat(sessions.find(idle.id())).isNull();
    assertThat(sessions.find(used.id())).isNotNull();
  }

  @Test
  void logoutEndsTheSession() {
    Session s = sessions.login(null, "ana", WebRole.OPERATOR);
    sessions.logout(s);
    assertThat(sessions.find(s.id())).isNull();
    assertThat(sessions.find(null)).isNull();
  }
}
