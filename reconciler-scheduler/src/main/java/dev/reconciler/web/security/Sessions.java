package dev.reconciler.web.security;

import dev.reconciler.core.config.Settings.WebRole;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in memory, by an unguessable id in an HttpOnly, SameSite=Strict cookie. A restart logs
 * everyone out, which a console used by a few operators can afford. Bounded: past {@link #MAX}
 * sessions the expired ones go, then the least recently used.
 */
public final class Sessions {
  /** Most sessions held: every visitor gets one (it carries the CSRF token of the login form). */
  static final int MAX = 10_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Duration idle;
  private final Clock clock;

  public Sessions(Duration idle, Clock clock) {
    this.idle = idle;
    this.clock = clock;
  }

  /** The live session with this id, touched; null when unknown or expired. */
  public Session find(String id) {
    if (id == null) {
      return null;
    }
    long now = clock.millis();
    Session s = byId.get(id);
    if (s == null || now - s.lastSeenMs() > idle.toMillis()) {
      if (s != null) {
        byId.remove(id);
      }
      return null;
    }
    Session touched = s.seen(now);
    byId.put(id, touched);
    return touched;
  }

  /** A new session nobody has logged in to. */
  public Session anonymous() {
    return add(new Session(token(), token(), null, null, clock.millis()));
  }

  /**
   * Logs a user in: a new session id and CSRF token replace the old session, so an id planted
   * before the login (session fixation) is worth nothing after it.
   */
  public Session login(Session old, String user, WebRole role) {
    if (old != null) {
      byId.remove(old.id());
    }
    return add(new Session(token(), token(), user, role, clock.millis()));
  }

  public void logout(Session s) {
    byId.remove(s.id());
  }

  private Session add(Session s) {
    if (byId.size() >= MAX) {
      evict();
    }
    byId.put(s.id(), s);
    return s;
  }

  private void evict() {
    long now = clock.millis();
    byId.values().removeIf(s -> now - s.lastSeenMs() > idle.toMillis());
    while (byId.size() >= MAX) {
      byId.values().stream()
          .min(Comparator.comparingLong(Session::lastSeenMs))
          .ifPresent(s -> byId.remove(s.id()));
    }
  }

  /** 256 random bits, URL-safe. */
  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
