package dev.reconciler.core.imports;

import java.util.Locale;

/** The export formats {@code reconciler import --format} reads. */
public enum ImportFormat {
  STRIPE,
  ADYEN,
  PAYPAL,
  CSV;

  /** The name on the command line and in config sections ([import.stripe], ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format with this id, or null. */
  public static ImportFormat byId(String id) {
    for (ImportFormat f : values()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    return null;
  }
}
