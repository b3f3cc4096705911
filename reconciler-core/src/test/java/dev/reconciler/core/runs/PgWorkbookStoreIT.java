package dev.reconciler.core.runs;

import dev.reconciler.core.store.EmbeddedPg;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workbook store contract in a real PostgreSQL, a database of its own per test. */
class PgWorkbookStoreIT extends WorkbookStoreContract {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();
  private static int databases;

  private String name;

  @Override
  WorkbookStore emptyStore() throws Exception {
    name = "workbooks" + ++databases;
    pg.newDatabase(name);
    return new PgWorkbookStore(pg.settings(name));
  }

  @Override
  Connection connect() throws Exception {
    return DriverManager.getConnection(pg.url(name), "postgres", "");
  }
}
