package dev.reconciler.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.simplejavamail.api.mailer.config.TransportStrategy;

class AlertSendersTest {

  @Test
  void writesToTheOutboxWhenNoSmtpHostIsSet() {
    Settings settings = SettingsLoader.load(null, Map.of("RECONCILER_PATHS_OUTBOX_DIR", "out"));

    try (AlertSender sender = AlertSenders.from(settings)) {
      assertThat(sender).isInstanceOf(OutboxAlertSender.class);
      assertThat(sender.describe()).startsWith("outbox ").endsWith("out");
    }
  }

  @Test
  void sendsThroughSmtpWhenAHostIsSetWithoutConnectingYet() {
    Settings settings =
        SettingsLoader.load(
            null,
            Map.of(
                "RECONCILER_EMAIL_HOST", "mail.invalid",
                "RECONCILER_EMAIL_USER", "reconciler",
                "RECONCILER_EMAIL_PASSWORD", "s3cret"));

    try (AlertSender sender = AlertSenders.from(settings)) {
      assertThat(sender).isInstanceOf(SmtpAlertSender.class);
      assertThat(sender.describe())
          .isEqualTo("smtp mail.invalid:587 (STARTTLS)")
          .doesNotContain("s3cret");
    }
  }

  @Test
  void refusesAPasswordWithoutAUserNamingBothSettings() {
    Settings settings =
        SettingsLoader.load(
            null,
            Map.of("RECONCILER_EMAIL_HOST", "mail.invalid", "RECONCILER_EMAIL_PASSWORD", "s3cret"));

    assertThatThrownBy(() -> AlertSenders.from(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "[email] password is set but [email] user is empty: set user, or clear password");
  }

  @Test
  void tlsNoneNeverUpgradesWhileStarttlsRequiresIt() {
    Map<String, String> sessions = new java.util.HashMap<>();
    for (String tls : new String[] {"none", "starttls"}) {
      Settings settings =
          SettingsLoader.load(
              null, Map.of("RECONCILER_EMAIL_HOST", "mail.invalid", "RECONCILER_EMAIL_TLS", tls));
      try (SmtpAlertSender sender = (SmtpAlertSender) AlertSenders.from(settings)) {
        sessions.put(
            tls,
            sender.sessionProperty("mail.smtp.starttls.enable")
                + "/"
                + sender.sessionProperty("mail.smtp.starttls.required"));
      }
    }
    assertThat(sessions.get("none")).startsWith("false/");
    assertThat(sessions.get("starttls")).isEqualTo("true/true");
  }

  @Test
  void mapsEachTlsSettingToItsTransport() {
    assertThat(SmtpAlertSender.strategy(Settings.Tls.NONE)).isEqualTo(TransportStrategy.SMTP);
    assertThat(SmtpAlertSender.strategy(Settings.Tls.STARTTLS))
        .isEqualTo(TransportStrategy.SMTP_TLS);
    assertThat(SmtpAlertSender.strategy(Settings.Tls.SMTPS)).isEqualTo(TransportStrategy.SMTPS);
  }
}
