package dev.reconciler.worker.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.reconciler.core.domain.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.greghaines.jesque.Job;
import net.greghaines.jesque.json.ObjectMapperFactory;

/**
 * A task as it travels through Redis: a Jesque/Resque job whose class is the task name, whose args
 * are the task's arguments, and whose vars carry the task id and attempt number.
 */
public record TaskEnvelope(
    String taskId, String name, List<Object> args, int attempt, long enqueuedAtMs) {

  /** A new task with a fresh UUID task id. */
  public static TaskEnvelope create(String name, List<Object> args, long nowMs) {
    return new TaskEnvelope(UUID.randomUUID().toString(), name, args, 0, nowMs);
  }

  /** The same task, next attempt. */
  public TaskEnvelope nextAttempt() {
    return new TaskEnvelope(taskId, name, args, attempt + 1, enqueuedAtMs);
  }

  /** The same task from its first attempt (an operator's retry of a failed task). */
  public TaskEnvelope firstAttempt() {
    return new TaskEnvelope(taskId, name, args, 0, enqueuedAtMs);
  }

  /** Resque-compatible JSON. */
  public String toPayload() {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("task_id", taskId);
    vars.put("attempt", attempt);
    vars.put("enqueued_at", enqueuedAtMs);
    try {
      return ObjectMapperFactory.get().writeValueAsString(new Job(name, args.toArray(), vars));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("task arguments must be JSON values: " + args, e);
    }
  }

  /** Parses a payload; a {@link BadPayload} says why it is not one of ours. */
  public static TaskEnvelope fromPayload(String payload) {
    Job job;
    try {
      job = ObjectMapperFactory.get().readValue(payload, Job.class);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new BadPayload(
          "payload is not valid job JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (job == null || job.getClassName() == null || job.getClassName().isBlank()) {
      throw new BadPayload("payload names no task (missing \"class\")");
    }
    Map<String, Object> vars = job.getVars() == null ? Map.of() : job.getVars();
    Object id = vars.get("task_id");
    if (!(id instanceof String taskId) || taskId.isBlank()) {
      throw new BadPayload("payload has no vars.task_id");
    }
    Object attempt = vars.getOrDefault("attempt", 0);
    Object enqueued = vars.getOrDefault("enqueued_at", 0L);
    if (!(attempt instanceof Number a) || !(enqueued instanceof Number e)) {
      throw new BadPayload("payload vars.attempt and vars.enqueued_at must be numbers");
    }
    List<Object> args =
        job.getArgs() == null ? List.of() : new ArrayList<>(Arrays.asList(job.getArgs()));
    return new TaskEnvelope(taskId, job.getClassName(), args, a.intValue(), e.longValue());
  }

  /** A payload that cannot be run: never retried, always lands in the failed set. */
  public static final class BadPayload extends UserError {
    private static final long serialVersionUID = 1L;

    public BadPayload(String message) {
      super(message);
    }
  }
}
