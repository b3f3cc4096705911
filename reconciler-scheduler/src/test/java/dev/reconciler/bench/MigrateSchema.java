package dev.reconciler.bench;

import dev.reconciler.core.runs.SqliteSchema;
import java.nio.file.Path;

/**
 * For bench/ledger.sh: brings DB's own tables to this checkout's layout, as the first run after an
 * upgrade does once, so that every timed run starts from a file already at it. Usage: MigrateSchema
 * DB.
 */
public final class MigrateSchema {
  private MigrateSchema() {}

  public static void main(String[] args) {
    SqliteSchema.migrate(Path.of(args[0]), 5_000);
  }
}
