package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.runs.PartStore;
import dev.reconciler.core.runs.SqlitePartStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DayPartsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

  @TempDir Path dir;

  @Test
  void aMergedRunsDeletionAlsoDeletesThePartsOfRunsNeverMergedOnceTheyAreTwoWeeksOld()
      throws Exception {
    Path db = dir.resolve("runs.db");
    DriverManager.getConnection("jdbc:sqlite:" + db).close();
    PartStore store = new SqlitePartStore(db, 5_000);
    byte[] bytes = "part".getBytes(StandardCharsets.UTF_8);
    Instant kept = NOW.minus(DayParts.UNMERGED_KEPT);
    store.put("failed-chord", new Shard(0, 2), bytes, kept.minusSeconds(1));
    store.put("retry-pending", new Shard(0, 2), bytes, kept.plusSeconds(60));
    store.put("merged", new Shard(0, 1), bytes, NOW);

    new DayParts(store, Clock.fixed(NOW, ZoneOffset.UTC)).delete("merged");

    assertThat(store.parts("merged", 1)).isEmpty();
    assertThat(store.parts("failed-chord", 2)).isEmpty();
    assertThat(store.parts("retry-pending", 2)).containsOnlyKeys(0);
  }
}
