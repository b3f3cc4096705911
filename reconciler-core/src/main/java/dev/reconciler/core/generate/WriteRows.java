package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.InputRowWriter;
import java.io.IOException;
import java.util.Locale;

/** Renders the rows of a {@link Plan} as upstream would send them and appends them. */
final class WriteRows {
  private final InputRowWriter out;
  private final Ids ids;
  private final Timestamps clock;
  private final FeeCard card;

  /** With an export, its rate card prices the processor rows; else the default card. */
  WriteRows(InputRowWriter out, Ids ids, Timestamps clock, ExportSpec export) {
    this.out = out;
    this.ids = ids;
    this.clock = clock;
    this.card = export == null ? FeeCard.defaults() : export.rateCard();
  }

  /** The plan's row on one side; {@code second} is the later row of a repeated id. */
  void row(Source side, Plan p, boolean second) throws IOException {
    String id = ids.transaction(p.index);
    if (mess(p, side, Plan.Mess.ID)) {
      id = messyId(id, p.dirt.style());
    }
    if (side == Source.SALES) {
      long minor = second ? p.extra.minor() : p.saleMinor;
      sale(
          p,
          id,
          amount(p, side, p.saleCurrency, minor),
          p.saleCurrency.name(),
          status(p, side, p.saleStatus));
    } else {
      long minor = second ? p.extra.minor() : p.processorMinor;
      processor(
          p,
          id,
          amount(p, side, p.processorCurrency, minor),
          p.processorCurrency.name(),
          fee(p, minor),
          status(p, side, p.processorStatus));
    }
  }

  /** The plan's standalone defective row; returns its rowid. */
  long rejected(Plan p) throws IOException {
    Plan.Reject reject = p.reject;
    boolean sales = reject.side() == Source.SALES;
    CurrencyMix currency = sales ? p.saleCurrency : p.processorCurrency;
    long minor = sales ? p.saleMinor : p.processorMinor;
    String id = ids.rejected(p.index);
    Object amount = currency.toDouble(minor);
    String currencyCode = currency.name();
    String status = sales ? p.saleStatus : p.processorStatus;
    int style = reject.style();
    switch (reject.defect()) {
      case MISSING_ID -> id = style == 0 ? null : "  ";
      case BLANK_AMOUNT -> amount = style == 0 ? null : "  ";
      case UNPARSEABLE_AMOUNT -> amount = style == 0 ? "abc" : "12.3.4";
      case UNKNOWN_CURRENCY -> currencyCode = "XXX";
      case UNKNOWN_STATUS -> status = "weird";
    }
    return sales
        ? sale(p, id, amount, currencyCode, status)
        : processor(p, id, amount, currencyCode, fee(p, minor), status);
  }

  private long sale(Plan p, String id, Object amount, String currency, String status)
      throws IOException {
    return out.sale(
        id,
        ids.order(p.index),
        Ids.customer(p.customer),
        amount,
        currency,
        status,
        clock.format(p.createdMs, true));
  }

  /** Processor timestamps carry no millis: another upstream, another habit. */
  private long processor(
      Plan p, String id, Object amount, String currency, Object fee, String status)
      throws IOException {
    return out.processorTransaction(
        Ids.processorRef(p.processorRef),
        id,
        amount,
        currency,
        fee,
        status,
        clock.format(p.processedMs, false));
  }

  private static boolean mess(Plan p, Source side, Plan.Mess mess) {
    return p.dirtyOn(mess, side);
  }

  private static Object amount(Plan p, Source side, CurrencyMix currency, long minor) {
    if (mess(p, side, Plan.Mess.AMOUNT_TEXT)) {
      return Amounts.messy(minor, currency, p.dirt.style());
    }
    return currency.toDouble(minor);
  }

  /** The rate card's fee; failed charges cost nothing. */
  private Object fee(Plan p, long minor) {
    if (p.processorFailed) {
      return 0.0;
    }
    return p.processorCurrency.toDouble(card.fee(p.processorCurrency, minor));
  }

  private static String status(Plan p, Source side, String status) {
    if (!mess(p, side, Plan.Mess.STATUS)) {
      return status;
    }
    String title = Character.toUpperCase(status.charAt(0)) + status.substring(1);
    return switch (p.dirt.style()) {
      case 0 -> status.toUpperCase(Locale.ROOT);
      case 1 -> " " + title + " ";
      case 2 -> title;
      default -> status + "  ";
    };
  }

  private static String messyId(String id, int style) {
    return switch (style) {
      case 0 -> id.toLowerCase(Locale.ROOT);
      case 1 -> " " + id + " ";
      case 2 -> " " + id.toLowerCase(Locale.ROOT) + "  ";
      default -> id + "   ";
    };
  }
}
