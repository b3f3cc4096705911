package dev.reconciler.core.task;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads positional task arguments with errors that name the task, position and expectation. */
final class Args {
  private final String task;
  private final List<Object> values;

  Args(String task, List<Object> values, int min, int max) {
    this.task = task;
    this.values = values == null ? List.of() : values;
    if (this.values.size() < min || this.values.size() > max) {
      throw new BadArguments(
          task
              + " takes "
              + min
              + " to "
              + max
              + " arguments, got "
              + this.values.size()
              + ": "
              + this.values);
    }
  }

  String string(int i, String name) {
    Object v = optional(i);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new BadArguments(
          task + " argument " + i + " (" + name + ") must be a non-empty string, got " + v);
    }
    return s;
  }

  String optionalString(int i, String name) {
    Object v = optional(i);
    if (v != null && !(v instanceof String)) {
      throw new BadArguments(
          task + " argument " + i + " (" + name + ") must be a string or null, got " + v);
    }
    return (String) v;
  }

  LocalDate date(int i, String name) {
    String s = string(i, name);
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new BadArguments(
          task + " argument " + i + " (" + name + ") must be a yyyy-MM-dd date, got '" + s + "'");
    }
  }

  private Object optional(int i) {
    return i < values.size() ? values.get(i) : null;
  }
}
