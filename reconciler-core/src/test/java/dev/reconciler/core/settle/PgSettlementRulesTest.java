package dev.reconciler.core.settle;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.store.EmbeddedPg;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every case of {@link SettlementRulesTest} on a real PostgreSQL, a database of its own per case:
 * the rules read it through PgSettlementReader and must find what they find in SQLite.
 */
class PgSettlementRulesTest extends SettlementRulesTest {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /** Numbered across test classes, as the server of a later class may reuse a port. */
  private static final AtomicInteger MADE = new AtomicInteger();

  private String url;

  @Override
  ImportedDatabase db(String name, boolean imported) throws Exception {
    url = pg.newDatabase(name + MADE.incrementAndGet());
    return ImportedDatabase.postgres(url, dir.resolve(name + ".db"), imported);
  }

  @Override
  Settings settings(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("RECONCILER_DATABASE_URL", url);
    all.put("RECONCILER_DATABASE_USER", "postgres");
    return SettingsLoader.load(null, all);
  }
}
