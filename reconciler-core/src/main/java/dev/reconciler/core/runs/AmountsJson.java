package dev.reconciler.core.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** The amounts column of reconciliation_runs: kind → currency → amount, as exact JSON decimals. */
final class AmountsJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, TreeMap<String, BigDecimal>>> TYPE =
      new TypeReference<>() {};

  private AmountsJson() {}

  static String write(Map<String, Map<String, BigDecimal>> amounts) {
    // A run's first record has no amounts yet, and is written on the main thread before the day is
    // read: Jackson's first use there cost ~60 ms of start-up (profile), the settlement's reads pay
    // it on another thread anyway.
    if (amounts.isEmpty()) {
      return "{}";
    }
    try {
      return JSON.writeValueAsString(new TreeMap<>(amounts));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("amounts are always serialisable", e);
    }
  }

  static Map<String, Map<String, BigDecimal>> read(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    TreeMap<String, TreeMap<String, BigDecimal>> amounts;
    try {
      amounts = JSON.readValue(json, TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("corrupt amounts column", e);
    }
    if (amounts == null) {
      throw new IllegalArgumentException("corrupt amounts column: null");
    }
    amounts.forEach(
        (kind, byCurrency) -> {
          if (byCurrency == null || byCurrency.values().stream().anyMatch(a -> !sane(a))) {
            throw new IllegalArgumentException("corrupt amounts of " + kind);
          }
        });
    return new TreeMap<>(amounts);
  }

  /**
   * Present and of a size money can have: the column is also written by whoever else can write the
   * database, and an amount like 1e999999999 would become a billion digits when shown.
   */
  private static boolean sane(BigDecimal amount) {
    return amount != null && Math.abs(amount.scale()) <= 20 && amount.precision() <= 60;
  }
}
