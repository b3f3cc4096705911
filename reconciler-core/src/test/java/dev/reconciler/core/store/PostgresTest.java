package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.reconciler.core.config.Settings;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTest {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /**
   * A URL the driver cannot parse (a password with a '%' not followed by two hex digits): the
   * driver's error quotes the whole URL, so it reaches the message and its causes masked, as every
   * message shows it, and the password nowhere.
   */
  @Test
  void aUrlTheDriverCannotParseIsShownMaskedWithItsPasswordNowhere() throws SQLException {
    pg.newDatabase("unparsable");
    String url = pg.url("unparsable") + "?password=50%off";
    Settings.Database database =
        new Settings.Database("sales", "processor_transactions", 10_000, url, "postgres", "");

    Throwable failure = catchThrowable(() -> PgSchema.migrate(database));

    assertThat(failure)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("Unable to parse URL " + database.shownUrl());
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain("50%off");
      assertThat(t.getSuppressed()).isEmpty();
    }
  }
}
