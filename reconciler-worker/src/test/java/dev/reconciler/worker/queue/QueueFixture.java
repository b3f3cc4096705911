package dev.reconciler.worker.queue;

import dev.reconciler.worker.task.TaskEnvelope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * What the queue's script tests share, registered as a static extension: a {@link QueueRedis}, one
 * queue on it, a worker of the "reconcile" queue, and the pops and reads around a script's step.
 * Its jobs and failure records are public so that the CLI's tests use the same bytes.
 */
public final class QueueFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  /** A worker serving the "reconcile" queue, named as a worker process names its workers. */
  static final String WORKER = "host:1-1:reconcile";

  /** The clock of the queue and of the tasks made here. */
  static final Clock CLOCK = Clock.systemUTC();

  private final QueueRedis redis = new QueueRedis();
  private TaskQueue queue;

  @Override
  public void beforeAll(ExtensionContext context) {
    redis.beforeAll(context);
    // A TaskQueue keeps nothing of what Redis holds, so one serves every test of the class.
    queue = redis.queue(CLOCK);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    redis.afterAll(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    redis.beforeEach(context);
  }

  /** A task named ping, without arguments, made now. */
  static TaskEnvelope aPing() {
    return TaskEnvelope.create("ping", List.of(), CLOCK.millis());
  }

  /** A job Lua reads (it has a task id) with a note holding these bytes. */
  public static byte[] aJobWithNote(String taskId, byte... note) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\""
                + taskId
                + "\",\"attempt\":0},\"note\":\"")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(note);
    out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** Jobs whose notes are not UTF-8, as anyone with access to Redis may push them. */
  public static Stream<byte[]> notUtf8Jobs() {
    return Stream.of(
        aJobWithNote("ff", (byte) 0xff),
        // a euro sign (E2 82 AC) cut after its second byte
        aJobWithNote("cut", (byte) 0xe2, (byte) 0x82),
        // an overlong '/' (C0 AF), which a lax decoder reads as '/'
        aJobWithNote("overlong", (byte) 0xc0, (byte) 0xaf));
  }

  /** The task id of a job made by {@link #aJobWithNote}. */
  public static String taskIdOf(byte[] job) {
    String text = new String(job, StandardCharsets.US_ASCII);
    int at = text.indexOf("\"task_id\":\"") + 11;
    return text.substring(at, text.indexOf('"', at));
  }

  /** A failure record of this job, with the fields Jesque writes. */
  public static byte[] aFailureRecordOf(byte[] job) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("{\"worker\":\"w\",\"queue\":\"reconcile\",\"payload\":"));
    out.writeBytes(job);
    out.writeBytes(
        ascii(
            ",\"exception\":\"E\",\"error\":\"boom\",\"backtrace\":[],"
                + "\"failed_at\":\"2026-11-24T06:00:00.000+0000\",\"retried_at\":null}"));
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The note's bytes as a failure record's payload text shows them: \xHH each, JSON-escaped. */
  static String shownInPayload(byte[] job) {
    StringBuilder shown = new StringBuilder();
    for (byte b : job) {
      if (b < 0) {
        shown.append(String.format("\\\\x%02X", b & 0xff));
      }
    }
    return shown.toString();
  }

  TaskQueue queue() {
    return queue;
  }

  <T> T with(Function<Jedis, T> call) {
    return redis.connector().with(call);
  }

  /** The worker's pop of the "reconcile" queue; null when it is empty. */
  Delivery pop(String worker) {
    return with(j -> queue.pop(j, worker, List.of("reconcile")));
  }

  /** The task enqueued on "reconcile" and popped by {@link #WORKER}. */
  Delivery popped(TaskEnvelope task) {
    queue.enqueue("reconcile", task);
    return pop(WORKER);
  }

  /**
   * Reaps the worker as a reaper finds a dead one: registered, without a heartbeat. Returns the
   * jobs it moved back.
   */
  int reapDead(String worker) {
    with(j -> j.sadd("resque:workers", worker));
    return with(j -> queue.reap(j, worker));
  }

  /** Pushes a job onto the "reconcile" queue as any Resque client may, unchecked. */
  void push(String payload) {
    push(payload.getBytes(StandardCharsets.UTF_8));
  }

  /** Pushes a job onto the "reconcile" queue byte for byte: Redis takes any bytes. */
  void push(byte[] payload) {
    with(j -> j.rpush("resque:queue:reconcile".getBytes(StandardCharsets.UTF_8), payload));
  }

  List<String> list(String key) {
    return with(j -> j.lrange(key, 0, -1));
  }

  /** The list at {@code key} byte for byte, where {@link #list} reads text. */
  List<byte[]> stored(String key) {
    return with(j -> j.lrange(key.getBytes(StandardCharsets.UTF_8), 0, -1));
  }

  String get(String key) {
    return with(j -> j.get(key));
  }

  boolean exists(String key) {
    return with(j -> j.exists(key));
  }
}
