package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a run counts as SQLite running out of memory, as sqlite-jdbc reports it. */
class SqliteOutOfMemoryTest {
  @Test
  void nomemAndTheDriversOwnOutOfMemoryCountOthersDoNot() {
    assertThat(Sqlite.outOfMemory(new SQLException("[SQLITE_NOMEM] Out of memory", null, 7)))
        .isTrue();
    assertThat(Sqlite.outOfMemory(new SQLException("Out of memory"))).isTrue();
    assertThat(Sqlite.outOfMemory(new SQLException("[SQLITE_BUSY] database is locked", null, 5)))
        .isFalse();
    assertThat(Sqlite.outOfMemory(new IllegalStateException("Out of memory"))).isFalse();
  }
}
