package dev.reconciler.web.security;

import dev.reconciler.core.config.PasswordHash;
import dev.reconciler.core.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a name and password against [web] users. A PBKDF2 check costs about 0.3 s by design, so a
 * credential that passed once is remembered as its SHA-256 and later compared against that:
 * Prometheus scraping /metrics with HTTP Basic every 15 s would otherwise spend a core on it.
 */
public final class Users {
  private final Settings.Web web;
  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

  /** Checked for unknown names, as costly as a real user's hash: timing does not tell names. */
  private final PasswordHash dummy;

  public Users(Settings.Web web) {
    this.web = web;
    this.dummy =
        web.users().isEmpty()
            ? null
            : PasswordHash.of("x".toCharArray(), web.users().get(0).hash().iterations());
  }

  /** Whether any user is configured; without one, no login and no action is possible. */
  public boolean any() {
    return !web.users().isEmpty();
  }

  /** The user when the password is theirs, else null. Unknown names cost a hash check too. */
  public Settings.WebUser check(String name, String password) {
    if (name == null || password == null) {
      return null;
    }
    Settings.WebUser user = web.user(name);
    byte[] digest = sha256(name + "\u0000" + password);
    byte[] known = verified.get(name);
    if (user != null && known != null && MessageDigest.isEqual(known, digest)) {
      return user;
    }
    if (user == null) {
      if (dummy != null) {
        dummy.matches(password.toCharArray());
      }
      return null;
    }
    if (!user.hash().matches(password.toCharArray())) {
      return null;
    }
    verified.put(name, digest);
    return user;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
