package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scripts' failed_at reads as Java's for any time: leap days, year ends, centuries. */
class JesqueTimeIT {
  private static final DateTimeFormatter JAVA =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  @RegisterExtension static final QueueRedis REDIS = new QueueRedis();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00.000Z",
        "1999-12-31T23:59:59.999Z",
        "2000-02-29T12:34:56.789Z",
        "2024-02-29T23:59:59.001Z",
        "2026-03-01T00:00:00.500Z",
        "2038-01-19T03:14:08.000Z",
        "2100-02-28T08:00:00.120Z",
        "2100-03-01T00:00:00.000Z"
      })
  void aScriptWritesATimeAsJesqueDoes(String time) {
    Instant at = Instant.parse(time);
    List<String> args =
        List.of(
            "resque",
            "reconciler",
            String.valueOf(at.getEpochSecond()),
            String.valueOf(at.getNano() / 1_000 + 999));

    Object written = REDIS.connector().with(j -> Scripts.eval(j, "jesque_time", args));

    assertThat(written).isEqualTo(JAVA.format(at));
  }
}
