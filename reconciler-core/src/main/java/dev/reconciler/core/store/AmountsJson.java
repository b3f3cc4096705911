package dev.reconciler.core.store;

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
    try {
      return new TreeMap<>(JSON.readValue(json, TYPE));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt amounts column: " + json, e);
    }
  }
}
