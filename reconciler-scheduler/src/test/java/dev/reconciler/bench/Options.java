package dev.reconciler.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's key=value options over its defaults; an unknown key is an error. */
final class Options {
  private Options() {}

  static Map<String, String> parse(Map<String, String> defaults, String[] args) {
    Map<String, String> opts = new LinkedHashMap<>(defaults);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1 || !opts.containsKey(arg.substring(0, eq))) {
        throw new IllegalArgumentException(
            "unknown option '" + arg + "' (expected key=value, keys " + opts.keySet() + ")");
      }
      opts.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return opts;
  }
}
