package dev.reconciler.web;

/** How the pages write durations and ages. */
final class Format {
  private Format() {}

  /** 0.4 s, 12 s, 3 min 5 s, 2 h 10 min, 3 d 4 h. */
  static String seconds(double s) {
    if (s < 10) {
      return String.format("%.1f s", s);
    }
    long n = Math.round(s);
    if (n < 60) {
      return n + " s";
    }
    if (n < 3600) {
      return n / 60 + " min " + n % 60 + " s";
    }
    if (n < 86_400) {
      return n / 3600 + " h " + n % 3600 / 60 + " min";
    }
    return n / 86_400 + " d " + n % 86_400 / 3600 + " h";
  }
}
