package dev.reconciler.core.store;

import dev.reconciler.core.domain.Source;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on a SQLite file in the input contract; a processor table holding typed rows gets
 * the columns an import adds.
 */
class SqliteInputSourceContractTest extends InputSourceContract {
  static final InputSchema SCHEMA =
      new InputSchema("sales", "processor_transactions", "transaction_id");

  @TempDir Path dir;

  @Override
  protected InputSource sourceOf(List<Row> sales, List<Row> processor) throws Exception {
    Path db = dir.resolve("contract.db");
    boolean typed = processor.stream().anyMatch(row -> row.rowType() != null);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      InputTables.create(st, typed);
      insert(c, SCHEMA, Source.SALES, sales, false, null, null);
      insert(c, SCHEMA, Source.PROCESSOR, processor, typed, null, null);
      indexed(st);
    }
    return new SqliteInputSource(db, SCHEMA, 1000);
  }

  /** What the tables get once filled: nothing here. */
  protected void indexed(Statement st) throws Exception {}
}
