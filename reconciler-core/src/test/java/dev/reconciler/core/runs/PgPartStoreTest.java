package dev.reconciler.core.runs;

import dev.reconciler.core.store.EmbeddedPg;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The part store contract in a real PostgreSQL, a database of its own per test. */
class PgPartStoreTest extends PartStoreContract {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();
  private final FreshPg db = new FreshPg(pg);

  @Override
  PartStore emptyStore() throws Exception {
    return new PgPartStore(db.next());
  }
}
