package dev.reconciler.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The synchronizer-token check: a state-changing request must carry its session's token (form field
 * {@link #FIELD} or header {@link #HEADER}), which another site's page cannot read.
 */
public final class Csrf {
  public static final String FIELD = "_csrf";
  public static final String HEADER = "X-CSRF-Token";

  private Csrf() {}

  /** Whether {@code sent} is the session's token; compared in constant time. */
  public static boolean accepts(Session session, String sent) {
    if (session == null || sent == null || sent.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        session.csrfToken().getBytes(StandardCharsets.UTF_8),
        sent.getBytes(StandardCharsets.UTF_8));
  }
}
