package dev.reconciler.core.store;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Transaction ids whose part (the bucket of their last two characters, normalised) is easy to get
 * wrong: blanks of every kind around them, lower and mixed case, one character, none, NULL, digits,
 * non-ASCII letters and invisible characters. Both databases' part rules are tested on them.
 */
final class OddIds {
  private OddIds() {}

  /** As text (NULL included), in the order given. */
  static final List<String> TEXT =
      Collections.unmodifiableList(
          Arrays.asList(
              "TXN-20261124-00000042",
              "txn-0001",
              " TXN-7\t",
              "Txn-7",
              "A",
              "",
              null,
              "123",
              "45.5",
              "ab",
              "AB",
              "aB",
              "A ",
              " a",
              "  b  ",
              "\u00c41",
              "1\u00c4",
              "X\u00a0",
              "\u3000Z9",
              "Z9\u3000",
              "ZZ",
              "-_",
              "\u00e9",
              "9",
              "99",
              "0\u200b",
              "A9\ufeff",
              "Q7\n",
              "ref_\u0001",
              "\u00e9\u00e8",
              " \u00e9 "));
}
