package dev.reconciler.core.task;

import dev.reconciler.core.domain.RootedPaths;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.reconcile.RunIds;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads positional task arguments, which come from Redis and are untrusted: every value is checked
 * against a strict shape before use, and errors name the task, position and expectation, quoting
 * the value on one line (see {@link SafeText#line}).
 */
final class Args {
  /** Business dates a task may name; anything else is a typo or an attack, not a business day. */
  static final LocalDate FIRST_DATE = LocalDate.of(2000, 1, 1);

  static final LocalDate LAST_DATE = LocalDate.of(2199, 12, 31);

  /** Longest path accepted (Linux's PATH_MAX). */
  static final int PATH_MAX_CHARS = 4096;

  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  /** How much of an untrusted value an error message quotes. */
  private static final int QUOTE_MAX_CHARS = 200;

  private final String task;
  private final List<Object> values;

  Args(String task, List<Object> values, int min, int max) {
    this.task = task;
    this.values = values == null ? List.of() : values;
    if (this.values.size() < min || this.values.size() > max) {
      throw new BadArguments(
          task + " takes " + min + " to " + max + " arguments, got " + this.values.size());
    }
  }

  String string(int i, String name) {
    Object v = optional(i);
    if (!(v instanceof String s) || s.isBlank()) {
      throw bad(i, name, "a non-empty string", v);
    }
    return s;
  }

  String optionalString(int i, String name) {
    Object v = optional(i);
    if (v != null && !(v instanceof String)) {
      throw bad(i, name, "a string or null", v);
    }
    return (String) v;
  }

  /** A business date: exactly yyyy-MM-dd (ASCII digits), a real date, in a sane range. */
  LocalDate date(int i, String name) {
    String s = string(i, name);
    String expected = "a yyyy-MM-dd date from " + FIRST_DATE + " to " + LAST_DATE;
    if (!DATE.matcher(s).matches()) {
      throw bad(i, name, expected, s);
    }
    LocalDate date;
    try {
      date = LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw bad(i, name, expected, s);
    }
    if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
      throw bad(i, name, expected, s);
    }
    return date;
  }

  /** Null, or a business date as {@link #date} reads it. */
  LocalDate optionalDate(int i, String name) {
    return optional(i) == null ? null : date(i, name);
  }

  /** A run id of exactly the shape {@link RunIds} makes, for this business date. */
  String runId(int i, String name, LocalDate businessDate) {
    String s = string(i, name);
    String date = RunIds.dateOf(s);
    if (date == null) {
      throw bad(i, name, "a run id such as run-2026-11-24-<task id>", s);
    }
    if (!date.equals(businessDate.toString())) {
      throw bad(i, name, "a run id of business date " + businessDate, s);
    }
    return s;
  }

  /** Null, or a task id of the shape {@link RunIds#isTaskId} accepts. */
  String optionalTaskId(int i, String name) {
    String s = optionalString(i, name);
    if (s != null && !RunIds.isTaskId(s)) {
      throw bad(i, name, "null or a task id (letters, digits, '.', '_', '-')", s);
    }
    return s;
  }

  /** A whole number from {@code min} to {@code max}. */
  int integer(int i, String name, int min, int max) {
    Object v = optional(i);
    if (!(v instanceof Long || v instanceof Integer)
        || ((Number) v).longValue() < min
        || ((Number) v).longValue() > max) {
      throw bad(i, name, "a whole number from " + min + " to " + max, v);
    }
    return ((Number) v).intValue();
  }

  /** The values from {@code from} (inclusive) to {@code to} (exclusive), missing ones as null. */
  List<Object> slice(int from, int to) {
    List<Object> slice = new java.util.ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      slice.add(optional(i));
    }
    return slice;
  }

  /** As {@link #optionalPath}, but the path must be there. */
  String path(int i, String name) {
    string(i, name);
    return optionalPath(i, name);
  }

  /**
   * Null, or a file system path without control characters or '..' segments; whether it lies where
   * a task may work is for the caller to check against the configured roots.
   */
  String optionalPath(int i, String name) {
    String s = optionalString(i, name);
    if (s == null) {
      return null;
    }
    String expected = "null or a path without '..' or control characters";
    if (s.isBlank()
        || s.length() > PATH_MAX_CHARS
        || !SafeText.line(s).equals(s)
        || RootedPaths.hasParentSegment(s)) {
      throw bad(i, name, expected, s);
    }
    try {
      Path.of(s);
    } catch (InvalidPathException e) {
      throw bad(i, name, expected, s);
    }
    return s;
  }

  private BadArguments bad(int i, String name, String expected, Object got) {
    String shown = got instanceof String s ? quote(s) : describe(got);
    return new BadArguments(
        task + " argument " + i + " (" + name + ") must be " + expected + ", got " + shown);
  }

  /** A non-string value by its JSON type only: its content may be large or hostile. */
  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return SafeText.line(String.valueOf(v), QUOTE_MAX_CHARS);
    }
    return v instanceof List<?> ? "a list" : v instanceof Map<?, ?> ? "an object" : "a value";
  }

  /** An untrusted value as an error message shows it: quoted, on one line, bounded. */
  static String quote(String value) {
    return "'" + SafeText.line(value, QUOTE_MAX_CHARS) + "'";
  }

  private Object optional(int i) {
    return i < values.size() ? values.get(i) : null;
  }
}
