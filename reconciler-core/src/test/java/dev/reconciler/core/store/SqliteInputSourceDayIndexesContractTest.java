package dev.reconciler.core.store;

import dev.reconciler.core.domain.Source;
import java.sql.Statement;

/**
 * The contract again with the day indexes an import makes ({@link DaySpan}): the reads then page
 * through the day's ranges only, and must return exactly what they return without them.
 */
class SqliteInputSourceDayIndexesContractTest extends SqliteInputSourceContractTest {
  @Override
  protected void indexed(Statement st) throws Exception {
    for (Source side : Source.values()) {
      for (String sql : DaySpan.indexSql(SCHEMA.table(side), InputSchema.timestampColumn(side))) {
        st.execute(sql);
      }
    }
  }
}
