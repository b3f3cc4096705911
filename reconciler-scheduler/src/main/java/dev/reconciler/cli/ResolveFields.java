package dev.reconciler.cli;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.ledger.Resolution;
import dev.reconciler.core.load.Cleaner;
import dev.reconciler.core.load.Utf8;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The fields of a resolution as typed, on the command line or in a resolutions file: each read the
 * same way in both, and refused with a reason naming {@code what} (an option or a column).
 */
final class ResolveFields {
  private ResolveFields() {}

  static Source source(String text, String what) {
    String typed = text == null ? null : Utf8.strip(text).toLowerCase(Locale.ROOT);
    for (Source s : Source.values()) {
      if (s.id().equals(typed)) {
        return s;
      }
    }
    throw new UserError(what + " " + shown(text) + " is not one of: sales, processor");
  }

  /** The normalised id, as the ledger keeps it. */
  static String transactionId(String text, String what) {
    String id = Cleaner.transactionId(text);
    if (id.isEmpty()) {
      throw new UserError(what + " is blank: give the item's transaction id");
    }
    return id;
  }

  static Resolution.Outcome as(String text, String what) {
    Resolution.Outcome outcome =
        text == null ? null : Resolution.Outcome.byId(Utf8.strip(text).toLowerCase(Locale.ROOT));
    if (outcome == null) {
      throw new UserError(
          what
              + " "
              + shown(text)
              + " is not one of: "
              + Arrays.stream(Resolution.Outcome.values())
                  .map(Resolution.Outcome::id)
                  .collect(Collectors.joining(", ")));
    }
    return outcome;
  }

  static String note(String text, String what) {
    String note = text == null ? "" : Utf8.strip(text);
    if (note.isEmpty()) {
      throw new UserError(what + " is blank: say why the item is closed");
    }
    return note;
  }

  /** Who resolved: the given name, else the OS user. */
  static String by(String text) {
    String by = text == null ? "" : Utf8.strip(text);
    return by.isEmpty() ? System.getProperty("user.name") : by;
  }

  private static String shown(String text) {
    return text == null ? "(none)" : "'" + SafeText.line(text, 60) + "'";
  }
}
