package dev.reconciler.worker.queue;

import java.time.Duration;
import redis.clients.jedis.params.SetParams;

/**
 * The Redis marks that let one alert (run id, kind) go out at most once, ever: a claim that lapses
 * after a while (so a sender that died does not block the retry), then a permanent "sent" mark.
 */
public final class AlertClaims {
  private static final String SENT = "sent";
  private static final String SENDING = "sending";

  /** What a claim found. */
  public enum Claim {
    /** This caller may send. */
    CLAIMED,
    /** The alert went out before: send nothing. */
    ALREADY_SENT,
    /** Another sender holds the claim now. */
    HELD_ELSEWHERE
  }

  private final RedisConnector redis;

  public AlertClaims(RedisConnector redis) {
    this.redis = redis;
  }

  /** The Redis key that makes sending the alert idempotent. */
  public static String key(String runId, String kind) {
    return TaskQueue.OWN + ":alert:" + runId + ":" + kind;
  }

  /** Claims the alert for {@code hold}, unless it was sent already or another sender holds it. */
  public Claim claim(String runId, String kind, Duration hold) {
    String key = key(runId, kind);
    return redis.with(
        j -> {
          if (SENT.equals(j.get(key))) {
            return Claim.ALREADY_SENT;
          }
          return "OK".equals(j.set(key, SENDING, SetParams.setParams().nx().px(hold.toMillis())))
              ? Claim.CLAIMED
              : Claim.HELD_ELSEWHERE;
        });
  }

  /**
   * How long the claim another sender holds has left (its hold lapses then, if that sender died),
   * or zero when there is none any more.
   */
  public Duration heldFor(String runId, String kind) {
    long ms = redis.with(j -> j.pttl(key(runId, kind)));
    return Duration.ofMillis(Math.max(0, ms));
  }

  /** Gives a claim up after a failed send, so that a retry may send. */
  public void release(String runId, String kind) {
    redis.with(j -> j.del(key(runId, kind)));
  }

  /** Marks the alert sent, for good: no later claim succeeds. */
  public void markSent(String runId, String kind) {
    redis.with(j -> j.set(key(runId, kind), SENT));
  }
}
