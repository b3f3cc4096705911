package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSettingsTest {
  /** A cheap hash: the format is what is tested here, not the cost. */
  private static final String HASH = PasswordHash.of("secret-pw".toCharArray(), 1_000).text();

  @TempDir Path dir;

  private Path ini(String text) throws IOException {
    return Files.writeString(dir.resolve("config.ini"), text);
  }

  @Test
  void theDefaultsListenOnLoopbackWithNoUsersNoTlsAndOpenMetrics() {
    Settings.Web web = SettingsLoader.defaults().web();
    assertThat(web.host()).isEqualTo("127.0.0.1");
    assertThat(web.port()).isEqualTo(8088);
    assertThat(web.users()).isEmpty();
    assertThat(web.tlsKeystore()).isNull();
    assertThat(web.metricsAuth()).isFalse();
    assertThat(web.session()).isEqualTo(Duration.ofHours(8));
    assertThat(web.refreshSeconds()).isEqualTo(5);
  }

  @Test
  void readsUsersWithRolesAndHashesAndAnIpv6Bind() throws IOException {
    Settings.Web web =
        SettingsLoader.load(
                ini(
                    "[web]\nbind = [::1]:0\nusers = ana:operator:"
                        + HASH
                        + ", bo:VIEWER:"
                        + HASH
                        + "\nmetrics_auth = yes\n"),
                Map.of())
            .web();
    assertThat(web.host()).isEqualTo("::1");
    assertThat(web.port()).isZero();
    assertThat(web.users()).extracting(Settings.WebUser::name).containsExactly("ana", "bo");
    assertThat(web.user("ana").role()).isEqualTo(Settings.WebRole.OPERATOR);
    assertThat(web.user("bo").role()).isEqualTo(Settings.WebRole.VIEWER);
    assertThat(web.user("ana").hash().matches("secret-pw".toCharArray())).isTrue();
    assertThat(web.metricsAuth()).isTrue();
  }

  @Test
  void theEnvironmentSetsUsersAndTheKeystorePasswordWhichIsNeverShown() {
    Settings.Web web =
        SettingsLoader.load(
                null,
                Map.of(
                    "RECONCILER_WEB_USERS", "ana:operator:" + HASH,
                    "RECONCILER_WEB_TLS_KEYSTORE", "/etc/reconciler/web.p12",
                    "RECONCILER_WEB_TLS_KEYSTORE_PASSWORD", "hunter2-keystore"))
            .web();
    assertThat(web.users()).hasSize(1);
    assertThat(web.tlsKeystore()).isEqualTo(Path.of("/etc/reconciler/web.p12"));
    assertThat(web.toString()).doesNotContain("hunter2-keystore").doesNotContain(HASH);
  }

  @Test
  void aBadBindIsNamedWithFileSectionKeyAndTheForm() throws IOException {
    Path file = ini("[web]\nbind = localhost\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[web] bind = 'localhost' is invalid")
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> SettingsLoader.load(ini("[web]\nbind = 127.0.0.1:70000\n"), Map.of()))
        .hasMessageContaining("[web] bind = '127.0.0.1:70000' is invalid");
  }

  @Test
  void aBadRoleIsNamedWithoutTheHash() throws IOException {
    Path file = ini("[web]\nusers = ana:admin:" + HASH + "\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().normalize().toString())
        .hasMessageContaining("[web] users = 'ana:admin' is invalid")
        .hasMessageContaining("viewer or operator")
        .hasMessageNotContaining(HASH);
  }

  @Test
  void aHashThatIsNotOneIsRefusedAndNotEchoed() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    null, Map.of("RECONCILER_WEB_USERS", "ana:viewer:plaintext-pw")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("environment variable RECONCILER_WEB_USERS")
        .hasMessageContaining("[web] users = 'ana:viewer:***' is invalid")
        .hasMessageContaining("pbkdf2-sha256:ITERATIONS:SALT:HASH")
        .hasMessageNotContaining("plaintext-pw");
  }

  @Test
  void aUserNamedTwiceOrWithoutARoleIsRefused() {
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    null,
                    Map.of("RECONCILER_WEB_USERS", "ana:viewer:" + HASH + ",ana:operator:" + HASH)))
        .hasMessageContaining("each user name once");
    assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("RECONCILER_WEB_USERS", "ana")))
        .hasMessageContaining("[web] users = 'ana' is invalid")
        .hasMessageContaining("name:role:hash");
  }

  @Test
  void sessionMinutesAreBounded() {
    assertThatThrownBy(
            () -> SettingsLoader.load(null, Map.of("RECONCILER_WEB_SESSION_MINUTES", "0")))
        .hasMessageContaining("[web] session_minutes = '0' is invalid: expected a whole number");
  }

  @Test
  void theRefreshIsSetOrTurnedOffAndBounded() {
    assertThat(
            SettingsLoader.load(null, Map.of("RECONCILER_WEB_REFRESH_SECONDS", "30"))
                .web()
                .refreshSeconds())
        .isEqualTo(30);
    assertThat(
            SettingsLoader.load(null, Map.of("RECONCILER_WEB_REFRESH_SECONDS", "0"))
                .web()
                .refreshSeconds())
        .isZero();
    assertThatThrownBy(
            () -> SettingsLoader.load(null, Map.of("RECONCILER_WEB_REFRESH_SECONDS", "-1")))
        .hasMessageContaining(
            "[web] refresh_seconds = '-1' is invalid: expected a whole number from 0 to 3600");
  }
}
