package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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

  /**
   * When the heap is gone, the driver's native code cannot make the Java string of its "Out of
   * memory" either, and passes null to the Java method that throws its errors: the exception that
   * method then throws is the one a run must still read as out of memory.
   */
  @Test
  void theDriversOutOfMemoryWhoseMessageCouldNotBeMadeCountsToo() throws Exception {
    Method throwex =
        Class.forName("org.sqlite.core.NativeDB").getDeclaredMethod("throwex", String.class);
    throwex.setAccessible(true);
    Throwable thrown = null;
    try {
      throwex.invoke(null, (String) null);
    } catch (InvocationTargetException e) {
      thrown = e.getCause();
    }

    assertThat(thrown).isExactlyInstanceOf(SQLException.class).hasMessage(null);
    assertThat(Sqlite.outOfMemory(thrown)).isTrue();
    // The same bare exception from anywhere else is not a sign of a full heap.
    assertThat(Sqlite.outOfMemory(new SQLException((String) null))).isFalse();
    assertThat(Sqlite.outOfMemory(new SQLException("The database has been closed"))).isFalse();
  }
}
