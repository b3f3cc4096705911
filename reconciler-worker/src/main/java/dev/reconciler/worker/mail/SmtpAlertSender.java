package dev.reconciler.worker.mail;

import com.sanctionco.jmail.JMail;
import dev.reconciler.core.alert.Alert;
import dev.reconciler.core.config.Settings;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.mailer.MailerBuilder;
import org.simplejavamail.mailer.internal.MailerRegularBuilderImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends alerts through the configured SMTP server, synchronously, so a failure throws. */
final class SmtpAlertSender implements AlertSender {
  /** Connect, read and write timeout: well inside the send_alert task's time limit. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(SmtpAlertSender.class);

  private final Settings.Email settings;
  private final Mailer mailer;

  SmtpAlertSender(Settings.Email settings) {
    this(settings, DEFAULT_TIMEOUT);
  }

  SmtpAlertSender(Settings.Email settings, Duration timeout) {
    if (settings.user().isBlank() && !settings.password().isBlank()) {
      // Simple Java Mail refuses this too, but with no hint of which setting is wrong.
      throw new IllegalArgumentException(
          "[email] password is set but [email] user is empty: set user, or clear password");
    }
    this.settings = settings;
    MailerRegularBuilderImpl builder =
        MailerBuilder.withSMTPServer(
                settings.host(),
                settings.port(),
                blankToNull(settings.user()),
                blankToNull(settings.password()))
            .withTransportStrategy(strategy(settings.tls()));
    if (settings.tls() == Settings.Tls.NONE) {
      // Plain SMTP in Simple Java Mail upgrades to STARTTLS whenever the server offers it, trusting
      // any certificate. "none" means none: a relay offering STARTTLS with a certificate this JVM
      // cannot check would otherwise fail every alert.
      builder.withProperty("mail.smtp.starttls.enable", "false");
    }
    this.mailer =
        builder
            .withSessionTimeout(Math.toIntExact(timeout.toMillis()))
            // The default (strict) validator wants a top-level domain, which refuses the shipped
            // reconciler@localhost and intranet names; this one still refuses header injection.
            .withEmailValidator(JMail.validator())
            .buildMailer();
  }

  /** The mail session's setting of a JavaMail property (tests check what the transport does). */
  String sessionProperty(String name) {
    return mailer.getSession().getProperty(name);
  }

  @Override
  public void send(Alert alert) throws Exception {
    try {
      // Not async: the task must see the failure to retry it. join() also surfaces the
      // failure should a future version report it through the returned future.
      mailer.sendMail(AlertEmails.toEmail(alert), false).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    LOG.info(
        "Sent {} alert {} to {} via {}",
        alert.kind().id(),
        AlertEmails.messageId(alert),
        alert.to(),
        describe());
  }

  @Override
  public String describe() {
    return "smtp " + settings.host() + ":" + settings.port() + " (" + settings.tls() + ")";
  }

  @Override
  public void close() {
    try {
      mailer.close();
    } catch (Exception e) {
      LOG.warn("Closing the SMTP mailer failed", e);
    }
  }

  static TransportStrategy strategy(Settings.Tls tls) {
    return switch (tls) {
      case NONE -> TransportStrategy.SMTP;
      case STARTTLS -> TransportStrategy.SMTP_TLS;
      case SMTPS -> TransportStrategy.SMTPS;
    };
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
