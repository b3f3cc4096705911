package dev.reconciler.core.runs;

import dev.reconciler.core.store.EmbeddedPg;
import java.sql.Connection;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workbook store contract in a real PostgreSQL, a database of its own per test. */
class PgWorkbookStoreIT extends WorkbookStoreContract {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();
  private final FreshPg db = new FreshPg(pg);

  @Override
  WorkbookStore emptyStore() throws Exception {
    return new PgWorkbookStore(db.next());
  }

  @Override
  Connection connect() throws Exception {
    return db.connect();
  }
}
