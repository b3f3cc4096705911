package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The failed_at of a failure record, whoever wrote it: Jesque's format, and the time of writing.
 */
final class FailedAt {
  private static final DateTimeFormatter JESQUE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private FailedAt() {}

  /** The record says it failed within the last minute, as Resque tooling reads the field. */
  static void assertJustNow(FailureRecord record) {
    assertThat(record.failedAt()).as("failed_at").isNotNull();
    Instant at = OffsetDateTime.parse(record.failedAt(), JESQUE).toInstant();
    Instant now = Instant.now();
    assertThat(at).isBetween(now.minusSeconds(60), now.plusSeconds(5));
  }
}
