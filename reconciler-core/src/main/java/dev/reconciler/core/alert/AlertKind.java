package dev.reconciler.core.alert;

/** What an alert is about; its id appears in task arguments, file names and Message-IDs. */
public enum AlertKind {
  DISCREPANCIES("discrepancies"),
  FAILURE("failure");

  private final String id;

  AlertKind(String id) {
    this.id = id;
  }

  /** Stable identifier. */
  public String id() {
    return id;
  }

  /** Every id, comma-separated, in declaration order (for error messages). */
  public static String ids() {
    StringBuilder out = new StringBuilder();
    for (AlertKind k : values()) {
      out.append(out.length() == 0 ? "" : ", ").append(k.id);
    }
    return out.toString();
  }

  /** The kind with this id, or null. */
  public static AlertKind byId(String id) {
    for (AlertKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    return null;
  }
}
