package dev.reconciler.worker.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * Resque's worker entries plus our heartbeats: a worker is alive while its heartbeat key exists;
 * the reaper recovers the jobs of any registered worker without one.
 */
public final class WorkerRegistry {
  private final RedisConnector redis;
  private final String ns;
  private final Duration ttl;
  private final Clock clock;

  public WorkerRegistry(RedisConnector redis, String namespace, Duration ttl, Clock clock) {
    this.redis = redis;
    this.ns = namespace;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * Heartbeat first, then the Resque entry: a reaper never sees a registered worker without one.
   */
  public void register(String worker) {
    redis.with(
        j -> {
          j.set(heartbeatKey(worker), now(), SetParams.setParams().px(ttl.toMillis()));
          j.sadd(ns + ":workers", worker);
          j.set(ns + ":worker:" + worker + ":started", now());
          return null;
        });
  }

  /**
   * Refreshes the heartbeats; returns the workers whose heartbeat had already expired (they may
   * have been reaped: their jobs can be running elsewhere).
   */
  public List<String> beat(List<String> workers) {
    return redis.with(
        j -> {
          List<String> lost = new ArrayList<>();
          for (String worker : workers) {
            if (j.set(heartbeatKey(worker), now(), SetParams.setParams().xx().px(ttl.toMillis()))
                == null) {
              lost.add(worker);
            }
          }
          return lost;
        });
  }

  /** Registered workers whose heartbeat is gone. */
  public List<String> dead(QueueConnection connection) {
    Jedis j = connection.jedis();
    Set<String> workers = j.smembers(ns + ":workers");
    List<String> dead = new ArrayList<>();
    for (String worker : workers) {
      if (!j.exists(heartbeatKey(worker))) {
        dead.add(worker);
      }
    }
    return dead;
  }

  /** Identifies the Redis server process: it changes when Redis restarts. */
  public String serverRunId() {
    return redis.with(
        j ->
            j.info("server")
                .lines()
                .filter(l -> l.startsWith("run_id:"))
                .map(l -> l.substring(7).strip())
                .findFirst()
                .orElse(""));
  }

  private static String heartbeatKey(String worker) {
    return TaskQueue.OWN + ":heartbeat:" + worker;
  }

  private String now() {
    return Instant.ofEpochMilli(clock.millis()).toString();
  }
}
