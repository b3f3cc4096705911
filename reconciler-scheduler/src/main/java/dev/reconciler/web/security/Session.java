package dev.reconciler.web.security;

import dev.reconciler.core.config.Settings.WebRole;

/**
 * A browser's session: its CSRF token, and who logged in (null until someone does).
 *
 * @param lastSeenMs when it was last used, for the idle expiry
 */
public record Session(String id, String csrfToken, String user, WebRole role, long lastSeenMs) {
  /** Whether someone logged in with this role (or a higher one). */
  public boolean may(WebRole needed) {
    return role != null && role.compareTo(needed) >= 0;
  }

  Session seen(long nowMs) {
    return new Session(id, csrfToken, user, role, nowMs);
  }
}
