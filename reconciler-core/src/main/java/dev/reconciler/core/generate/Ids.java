package dev.reconciler.core.generate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Business-looking identifiers, built by hand because this runs twice per row. */
final class Ids {
  private final String txnPrefix;
  private final String orderPrefix;
  private final String rejectedPrefix;

  Ids(LocalDate businessDate) {
    String day = businessDate.format(DateTimeFormatter.BASIC_ISO_DATE);
    this.txnPrefix = "TXN-" + day + "-";
    this.orderPrefix = "ORD-" + day + "-";
    this.rejectedPrefix = "REJ-" + day + "-";
  }

  /** TXN-20261124-00000001 for index 0: the normalised id the reconciler reports. */
  String transaction(int index) {
    return padded(txnPrefix, index + 1L, 8);
  }

  String order(int index) {
    return padded(orderPrefix, index + 1L, 8);
  }

  /** Ids of rejected rows: a series of their own, so they exist nowhere else. */
  String rejected(int index) {
    return padded(rejectedPrefix, index + 1L, 8);
  }

  static String customer(int customer) {
    return padded("CUST-", customer + 1L, 6);
  }

  /** Looks like a card processor's charge id: ch_ and 16 hex digits. */
  static String processorRef(long ref) {
    return stripe("ch_", ref);
  }

  /** A Stripe object id: its prefix (ch_, re_, du_, txn_, po_, pi_) and 16 hex digits. */
  static String stripe(String prefix, long ref) {
    String hex = Long.toHexString(ref);
    return prefix + "0".repeat(16 - hex.length()) + hex;
  }

  /** An Adyen PSP reference: 16 digits. */
  static String psp(long ref) {
    char[] digits = new char[16];
    long value = Math.floorMod(ref, 10_000_000_000_000_000L);
    for (int i = digits.length - 1; i >= 0; i--, value /= 10) {
      digits[i] = (char) ('0' + value % 10);
    }
    return new String(digits);
  }

  private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

  /** A PayPal transaction id: 17 upper-case letters and digits, all drawn from ref. */
  static String paypal(long ref) {
    char[] id = new char[17];
    long value = ref;
    for (int i = 0; i < id.length; i++) {
      if (i == 12) {
        value = Planner.mix(ref);
      }
      id[i] = ALNUM[(int) Long.remainderUnsigned(value, 36)];
      value = Long.divideUnsigned(value, 36);
    }
    return new String(id);
  }

  private static String padded(String prefix, long number, int width) {
    String digits = Long.toString(number);
    StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, digits.length()));
    sb.append(prefix);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }
}
