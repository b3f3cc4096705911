package dev.reconciler.core.store;

import dev.reconciler.core.domain.Source;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What one read selects from a side's table: the wanted fields the side has, in field order, each
 * as the SQL that reads it; every other field is left null.
 */
final class SelectedColumns {
  private final InputField[] fields;
  private final String[] expressions;
  private final int[] absent;

  /** The {@code wanted} fields a side's table has. */
  SelectedColumns(InputSchema schema, Source side, Set<InputField> wanted) {
    this(wantedColumns(schema.columns(side), wanted));
  }

  /** The columns holding the fields that are keys of {@code columns}. */
  SelectedColumns(Map<InputField, String> columns) {
    List<InputField> present = new ArrayList<>();
    List<Integer> missing = new ArrayList<>();
    for (InputField field : InputField.values()) {
      if (columns.containsKey(field)) {
        present.add(field);
      } else {
        missing.add(field.ordinal());
      }
    }
    fields = present.toArray(InputField[]::new);
    expressions = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      String column = columns.get(fields[i]);
      expressions[i] = fields[i].isMoney() ? RealAmounts.select(column) : column;
    }
    absent = missing.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Map<InputField, String> wantedColumns(
      Map<InputField, String> columns, Set<InputField> wanted) {
    Map<InputField, String> selected = new EnumMap<>(InputField.class);
    columns.forEach(
        (field, column) -> {
          if (wanted.contains(field)) {
            selected.put(field, column);
          }
        });
    return selected;
  }

  /** Number of columns selected. */
  int size() {
    return fields.length;
  }

  /** The field the i-th selected column holds. */
  InputField field(int i) {
    return fields[i];
  }

  /** The {@link InputField#ordinal()} of each selected column, in order. */
  int[] ordinals() {
    int[] ordinals = new int[fields.length];
    for (int i = 0; i < fields.length; i++) {
      ordinals[i] = fields[i].ordinal();
    }
    return ordinals;
  }

  /** The {@link InputField#ordinal()} of each field the read leaves null. */
  int[] absentOrdinals() {
    return absent.clone();
  }

  /** The selected columns joined by {@code separator}, each wrapped as {@code wrap} says. */
  String join(String separator, UnaryOperator<String> wrap) {
    List<String> parts = new ArrayList<>();
    for (String expression : expressions) {
      parts.add(wrap.apply(expression));
    }
    return String.join(separator, parts);
  }
}
