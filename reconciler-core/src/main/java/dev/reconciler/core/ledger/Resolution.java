package dev.reconciler.core.ledger;

import dev.reconciler.core.domain.Source;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Finance's decision that an open item needs no other half: who closed it, when, why and for how
 * much.
 *
 * @param openedOn the business date that opened the item
 * @param amount the item's amount, in {@code currency}
 */
public record Resolution(
    Source source,
    String transactionId,
    Outcome as,
    String note,
    String by,
    Instant at,
    LocalDate openedOn,
    BigDecimal amount,
    String currency) {

  /** How an item was closed. */
  public enum Outcome {
    /** The money is accounted for elsewhere (a refund by bank transfer, a manual payment). */
    EXPLAINED("explained"),
    /** The amount is given up. */
    WRITTEN_OFF("written_off");

    private final String id;

    Outcome(String id) {
      this.id = id;
    }

    /** As typed on the command line and stored. */
    public String id() {
      return id;
    }

    /** The outcome with this id, or null. */
    public static Outcome byId(String id) {
      for (Outcome o : values()) {
        if (o.id.equals(id)) {
          return o;
        }
      }
      return null;
    }
  }
}
