package dev.reconciler.core.imports;

import dev.reconciler.core.config.Settings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The one place that says which {@link ExportParser} reads each {@link ImportFormat}. */
public final class ExportParsers {
  /** Parsers tests put in place of a format's own (see {@link #replaceForTests}). */
  private static final Map<ImportFormat, Function<Settings, ExportParser>> REPLACED =
      new ConcurrentHashMap<>();

  private ExportParsers() {}

  /** The parser for {@code format}, configured from {@code settings} (its [import.*] section). */
  public static ExportParser forFormat(ImportFormat format, Settings settings) {
    Function<Settings, ExportParser> replaced = REPLACED.get(format);
    if (replaced != null) {
      return replaced.apply(settings);
    }
    Settings.Reconciliation rules = settings.reconciliation();
    return switch (format) {
      case STRIPE ->
          new StripeParser(settings.imports().transactionIdColumn(format), rules.currencies());
      case CSV -> new CsvParser(settings.imports().csv(), rules.currencies(), rules.timezone());
      case ADYEN ->
          new AdyenParser(settings.imports().transactionIdColumn(format), rules.currencies());
      case PAYPAL ->
          new PaypalParser(settings.imports().transactionIdColumn(format), rules.currencies());
    };
  }

  /**
   * Makes {@link #forFormat} return {@code parser}'s parsers for {@code format} until the returned
   * handle is closed: lets tests of the store, CLI and queue run on a format of their own.
   */
  public static Replacement replaceForTests(
      ImportFormat format, Function<Settings, ExportParser> parser) {
    REPLACED.put(format, parser);
    return () -> REPLACED.remove(format, parser);
  }

  /** Undoes a {@link #replaceForTests}. */
  public interface Replacement extends AutoCloseable {
    @Override
    void close();
  }
}
