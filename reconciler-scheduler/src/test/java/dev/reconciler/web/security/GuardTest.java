package dev.reconciler.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardTest {
  private static Guard guard(Map<String, String> env) {
    Settings.Web web = SettingsLoader.load(null, env).web();
    return new Guard(web, new Sessions(Duration.ofHours(1), Clock.systemUTC()), new Users(web));
  }

  @Test
  void aHostHeaderMustNameThisHostNotAnotherSitesName() {
    Guard g = guard(Map.of());
    assertThat(g.namesThisHost("127.0.0.1:8088")).isTrue();
    assertThat(g.namesThisHost("localhost:8088")).isTrue();
    assertThat(g.namesThisHost("LOCALHOST")).isTrue();
    assertThat(g.namesThisHost("[::1]:8088")).isTrue();
    assertThat(g.namesThisHost("127.1.2.3")).isTrue();
    assertThat(g.namesThisHost("evil.example:8088")).isFalse();
    assertThat(g.namesThisHost("127.0.0.1.evil.example")).isFalse();
    assertThat(g.namesThisHost("localhost.evil.example:8088")).isFalse();
    assertThat(g.namesThisHost("2130706433")).isFalse();
    assertThat(g.namesThisHost("10.0.0.1:8088")).isFalse();
    assertThat(g.namesThisHost("")).isFalse();
    assertThat(g.namesThisHost(null)).isFalse();
  }

  @Test
  void theBoundNameCountsAsThisHost() {
    Guard g = guard(Map.of("RECONCILER_WEB_BIND", "console.internal:9000"));
    assertThat(g.namesThisHost("console.internal:9000")).isTrue();
    assertThat(g.namesThisHost("other.internal:9000")).isFalse();
  }

  @Test
  void aLoginReturnsOnlyToALocalPath() {
    assertThat(Guard.safeNext("/failed")).isEqualTo("/failed");
    assertThat(Guard.safeNext("/tasks/abc-1")).isEqualTo("/tasks/abc-1");
    assertThat(Guard.safeNext("//evil.example")).isEqualTo("/");
    assertThat(Guard.safeNext("/../x")).isEqualTo("/");
    assertThat(Guard.safeNext("https://evil.example")).isEqualTo("/");
    assertThat(Guard.safeNext("/a?b=c")).isEqualTo("/");
    assertThat(Guard.safeNext(null)).isEqualTo("/");
  }
}
