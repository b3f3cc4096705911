package dev.reconciler.core.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings for tests of one day's matching: settlement window 0, so an unmatched row is missing on
 * its own day, as a single day's ground truth says. Tests of the window itself set their own.
 */
public final class SameDaySettings {
  /** The variable that sets the settlement window. */
  public static final String WINDOW = "RECONCILER_RECONCILIATION_SETTLEMENT_WINDOW_DAYS";

  private SameDaySettings() {}

  /** The built-in defaults with window 0. */
  public static Settings defaults() {
    return load(Map.of());
  }

  /** The built-in defaults with these overrides and window 0 (unless they set it). */
  public static Settings load(Map<String, String> env) {
    return SettingsLoader.load(null, withWindowZero(env));
  }

  /** The overrides plus window 0, unless they set it. */
  public static Map<String, String> withWindowZero(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent(WINDOW, "0");
    return all;
  }
}
