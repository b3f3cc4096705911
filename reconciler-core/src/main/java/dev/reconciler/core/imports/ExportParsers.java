package dev.reconciler.core.imports;

import dev.reconciler.core.config.Settings;

/** The one place that says which {@link ExportParser} reads each {@link ImportFormat}. */
public final class ExportParsers {
  private ExportParsers() {}

  /** The parser for {@code format}, configured from {@code settings} (its [import.*] section). */
  public static ExportParser forFormat(ImportFormat format, Settings settings) {
    Settings.Reconciliation rules = settings.reconciliation();
    return switch (format) {
      case STRIPE ->
          new StripeParser(
              settings.imports().transactionIdColumn(format),
              rules.currencies(),
              settings.imports().stripeTimezone(),
              settings.imports().stripeDecimals());
      case CSV ->
          new CsvParser(
              settings.imports().csv(), rules.currencies(), settings.imports().csvTimezone());
      case ADYEN ->
          new AdyenParser(
              settings.imports().transactionIdColumn(format),
              rules.currencies(),
              settings.imports().adyenTimezone(),
              settings.imports().adyenTimezoneSet(),
              settings.imports().adyenAccountTimezones());
      case PAYPAL ->
          new PaypalParser(settings.imports().transactionIdColumn(format), rules.currencies());
    };
  }
}
