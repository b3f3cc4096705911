package dev.reconciler.core.load;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.store.RawRow;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cleaning rules, in one place for both the bulk load and the report's detail rows: ids trimmed
 * and upper-cased, amounts parsed exactly, statuses and currencies normalised, and a reason for
 * every row that cannot be used. Not thread-safe (it caches normalised statuses).
 */
public final class Cleaner {
  private final Map<String, Status> statusVocabulary;
  private final Set<String> currencies;
  private final TimestampParser timestamps;
  private final Map<String, Status> statusCache = new HashMap<>();
  private final Map<String, String> currencyCache = new HashMap<>();

  public Cleaner(Settings.Reconciliation settings) {
    this.statusVocabulary = settings.statuses();
    this.currencies = settings.currencies();
    this.timestamps = new TimestampParser(settings.timezone());
  }

  /** The zone-aware timestamp parser this cleaner uses. */
  public TimestampParser timestamps() {
    return timestamps;
  }

  /** Trimmed, upper-case id; empty when blank or null. */
  public static String normaliseId(String raw) {
    if (raw == null) {
      return "";
    }
    String s = raw.strip();
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLowerCase(s.charAt(i))) {
        return s.toUpperCase(Locale.ROOT);
      }
    }
    return s;
  }

  /** Normalised status, or null when not in the vocabulary. */
  public Status status(String raw) {
    if (raw == null) {
      return null;
    }
    return statusCache.computeIfAbsent(
        raw, r -> statusVocabulary.get(r.strip().toLowerCase(Locale.ROOT)));
  }

  /** Upper-case accepted currency code (a shared instance), or null. */
  public String currency(String raw) {
    if (raw == null) {
      return null;
    }
    return currencyCache.computeIfAbsent(
        raw,
        r -> {
          String code = r.strip().toUpperCase(Locale.ROOT);
          boolean known = currencies.isEmpty() ? isIsoCode(code) : currencies.contains(code);
          return known ? code.intern() : null;
        });
  }

  private static boolean isIsoCode(String code) {
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Cleans one row; the result carries either the cleaned values or the first reason to reject. */
  public CleanRow clean(RawRow row) {
    // The timestamp comes first: even a rejected row must be placed on its business day.
    long at = timestamps.parse(row.timestamp());
    if (at == TimestampParser.INVALID) {
      return CleanRow.rejected("unparseable timestamp '" + row.timestamp() + "'", at);
    }
    String id = normaliseId(row.id());
    if (id.isEmpty()) {
      return CleanRow.rejected("missing transaction id", at);
    }
    if (row.amount() == null || row.amount().isBlank()) {
      return CleanRow.rejected("blank amount", at);
    }
    long amount = AmountParser.parse(row.amount());
    if (amount == AmountParser.INVALID) {
      return CleanRow.rejected("unparseable amount '" + row.amount() + "'", at);
    }
    String currency = currency(row.currency());
    if (currency == null) {
      return CleanRow.rejected("unknown currency '" + row.currency() + "'", at);
    }
    Status status = status(row.status());
    if (status == null) {
      return CleanRow.rejected("unknown status '" + row.status() + "'", at);
    }
    long fee =
        row.fee() == null || row.fee().isBlank() ? CleanRow.NO_FEE : AmountParser.parse(row.fee());
    if (fee == AmountParser.INVALID) {
      return CleanRow.rejected("unparseable fee '" + row.fee() + "'", at);
    }
    return new CleanRow(id, amount, currency, status, at, fee, null);
  }

  /** The cleaned row for display; only for rows that {@link #clean} accepts. */
  public Txn toTxn(RawRow row) {
    CleanRow c = clean(row);
    if (c.rejection() != null) {
      throw new IllegalArgumentException("row " + row.line() + " is rejected: " + c.rejection());
    }
    return new Txn(
        row.source(),
        row.line(),
        c.id(),
        Money.toDecimal(c.amount()),
        c.currency(),
        strip(row.status()),
        strip(row.timestamp()),
        strip(row.reference()),
        strip(row.customerId()),
        c.fee() == CleanRow.NO_FEE ? null : Money.toDecimal(c.fee()));
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }
}
