package dev.reconciler.core.alert;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A composed alert, ready to send. {@code messageId} is deterministic ({@code
 * <runId.kind@reconciler>}) so mail systems collapse a duplicate send after a retry. {@code
 * attachment} may be null.
 */
public record Alert(
    String runId,
    AlertKind kind,
    List<String> to,
    String from,
    String subject,
    String text,
    String html,
    String messageId,
    Path attachment) {

  /** Copies the recipients; every field but the attachment is required. */
  public Alert {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(kind, "kind");
    to = List.copyOf(to);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(messageId, "messageId");
  }

  /** The Message-ID every send of this run's alert of this kind carries. */
  public static String messageId(String runId, AlertKind kind) {
    return "<" + runId + "." + kind.id() + "@reconciler>";
  }
}
