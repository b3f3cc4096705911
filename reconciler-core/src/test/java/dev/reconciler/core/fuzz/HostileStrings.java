package dev.reconciler.core.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded fuzzing loop for parsers: random and adversarial strings, plus mutations of valid
 * examples. The seed is fixed so a failure reproduces; the failing input is named in the error.
 */
public final class HostileStrings {
  /** Pieces that have broken parsers before: signs, separators, blanks, controls, odd letters. */
  private static final String[] PIECES = {
    "0",
    "1",
    "5",
    "9",
    "-",
    "+",
    "(",
    ")",
    ".",
    ",",
    " ",
    "'",
    "\"",
    "$",
    "€",
    "£",
    "¥",
    "e",
    "E",
    "x",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\u0000",
    "\u00a0",
    "\u2007",
    "\u202f",
    "\u3000",
    "\u200b",
    "\ufeff",
    "\u0085",
    "\u2060",
    "ß",
    "ı",
    "İ",
    "ﬁ",
    "Ω",
    "😀",
    "\ud800",
    "\udfff",
    "١",
    "٫",
    "T",
    "Z",
    ":",
    "/",
    "\\",
    "%",
    "@",
    ";",
    "#",
    "=",
    "[",
    "]",
    "{",
    "}",
    "null",
    "NaN",
    "Infinity",
    "2026-11-22",
    "T23:30:00",
    "-11:00",
    "+14:00",
    "99999999999999999999",
    "1e309",
    "0x1F"
  };

  private HostileStrings() {}

  /**
   * Feeds {@code count} strings to {@code check}: every valid example, then random ones built from
   * adversarial pieces and mutations of the examples. Any throwable from {@code check} is rethrown
   * as an AssertionError naming the input (escaped) and the seed.
   */
  public static void forEach(long seed, int count, List<String> valid, Consumer<String> check) {
    for (String input : generate(seed, count, valid)) {
      try {
        check.accept(input);
      } catch (Throwable t) {
        throw new AssertionError("input " + escape(input) + " (seed " + seed + "): " + t, t);
      }
    }
  }

  /** The inputs {@link #forEach} feeds, for tests that want them as a list. */
  public static List<String> generate(long seed, int count, List<String> valid) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(valid);
    out.add("");
    out.add(" ".repeat(40));
    out.add("9".repeat(5000));
    while (out.size() < count) {
      out.add(
          valid.isEmpty() || random.nextBoolean()
              ? fromPieces(random)
              : mutate(valid.get(random.nextInt(valid.size())), random));
    }
    return out;
  }

  private static String fromPieces(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    int n = 1 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      s.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return s.toString();
  }

  private static String mutate(String example, SplittableRandom random) {
    StringBuilder s = new StringBuilder(example);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
      String piece = PIECES[random.nextInt(PIECES.length)];
      switch (random.nextInt(3)) {
        case 0 -> s.insert(at, piece);
        case 1 -> {
          if (at < s.length()) {
            s.deleteCharAt(at);
          }
        }
        default -> s.replace(at, Math.min(s.length(), at + 1), piece);
      }
    }
    return s.toString();
  }

  /** Java-escaped text, so controls and odd blanks show in a failure message. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .limit(200)
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append((char) c);
              } else {
                out.append(String.format("\\u%04x", c));
              }
            });
    return out.append(s.length() > 200 ? "\"…" : "\"").toString();
  }
}
