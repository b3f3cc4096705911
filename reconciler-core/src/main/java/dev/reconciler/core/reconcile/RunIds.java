package dev.reconciler.core.reconcile;

import dev.reconciler.core.domain.SafeText;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run ids: readable (they carry the business date) and unique per run. A run id travels in task
 * arguments and ends up in Message-IDs, file names and log lines, so only ids of the exact shape
 * made here are accepted back: {@code run-<yyyy-MM-dd>-<task id>}, a task id being 1 to {@value
 * #TASK_ID_MAX_CHARS} ASCII letters, digits, '.', '_' or '-' (a UUID, or the 8 hex digits of a run
 * that is not a queued task): the shape the queue accepts for vars.task_id. Every character of it
 * is safe as it is in a Message-ID, a file name and a Redis key part, so no two run ids are made
 * the same there (':' is left out for that: it separates Redis key parts and no file name may carry
 * it).
 */
public final class RunIds {
  /** Longest task id accepted. */
  public static final int TASK_ID_MAX_CHARS = 128;

  /** What a run id starts with, the task id following: {@code run-yyyy-MM-dd-}. */
  private static final Pattern PREFIX = Pattern.compile("run-([0-9]{4}-[0-9]{2}-[0-9]{2})-");

  private static final int PREFIX_CHARS = "run-yyyy-MM-dd-".length();

  private RunIds() {}

  /** A fresh run id, for a run that is not a queued task (the CLI's reconcile). */
  public static String newRunId(LocalDate businessDate) {
    return "run-" + businessDate + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * The run id of a queued task: the same for every delivery and retry of that task.
   *
   * @throws IllegalArgumentException when the task id is not one ({@link #isTaskId})
   */
  public static String forTask(LocalDate businessDate, String taskId) {
    if (!isTaskId(taskId)) {
      throw new IllegalArgumentException(
          "not a task id: '" + SafeText.line(taskId, TASK_ID_MAX_CHARS + 1) + "'");
    }
    return "run-" + businessDate + "-" + taskId;
  }

  /**
   * True for a task id of the accepted shape. The queue checks task names by the same rule, and its
   * Lua prelude repeats it for payloads Java has not read yet (a test compares the two).
   */
  public static boolean isTaskId(String text) {
    if (text == null || text.isEmpty() || text.length() > TASK_ID_MAX_CHARS) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!isTaskIdChar(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True for a character a task id, and so a run id, may hold. */
  public static boolean isTaskIdChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-';
  }

  /**
   * The business date text a run id carries ({@code yyyy-MM-dd}, not checked to be a real date), or
   * null when the text is not a run id of the accepted shape.
   */
  public static String dateOf(String runId) {
    if (runId == null || runId.length() <= PREFIX_CHARS) {
      return null;
    }
    Matcher m = PREFIX.matcher(runId).region(0, PREFIX_CHARS);
    return m.matches() && isTaskId(runId.substring(PREFIX_CHARS)) ? m.group(1) : null;
  }

  /**
   * The task id a run id of {@link #forTask}'s shape holds, or null when it has another shape (see
   * {@link #dateOf}).
   */
  public static String taskIdOf(String runId) {
    return dateOf(runId) == null ? null : runId.substring(PREFIX_CHARS);
  }
}
