package dev.reconciler.core.config;

import dev.reconciler.core.domain.SafeText;
import java.util.regex.Pattern;

/** Keeps secrets and line breaks out of what settings and their errors print. */
final class Masking {
  /** What may follow the host in a URL without credentials: a port and a database number. */
  private static final Pattern PORT_AND_DATABASE = Pattern.compile("\\d{0,5}(/\\d{0,9})?/?");

  /** A URL parameter whose value is a secret (password=, sslpassword=), up to the next &. */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("((?:^|&)[^&=]*password=)[^&]*", Pattern.CASE_INSENSITIVE);

  private Masking() {}

  static String secret(String value) {
    return value == null || value.isEmpty() ? "" : "****";
  }

  /**
   * Masks the password of a redis:// URL, also one that does not parse (that is when it is shown in
   * an error): everything up to the last @ is taken as user:password, since an unencoded password
   * may itself hold @, / or :; and after the host, anything but a port and a database number is
   * masked too, for a URL whose @ was lost or misplaced.
   */
  static String url(String url) {
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int at = url.lastIndexOf('@');
    String login = "";
    if (at >= start) {
      String userInfo = url.substring(start, at);
      int colon = userInfo.indexOf(':');
      // A user name holding @ is a password whose ':' was lost, before another @ further on.
      boolean showUser = colon >= 0 && userInfo.lastIndexOf('@', colon) < 0;
      login = (showUser ? userInfo.substring(0, colon) + ":" : "") + "****@";
    }
    String host = url.substring(Math.max(start, at + 1));
    int colon = host.indexOf(':', host.startsWith("[") ? Math.max(0, host.indexOf(']')) : 0);
    if (colon >= 0 && !PORT_AND_DATABASE.matcher(host.substring(colon + 1)).matches()) {
      host = host.substring(0, colon + 1) + "****";
    }
    return url.substring(0, start) + login + host;
  }

  /**
   * Masks what a JDBC URL may carry as a secret: user information before an @ (as {@link #url}
   * does) and the values of password parameters; host, port and database name stay readable.
   */
  static String jdbcUrl(String url) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    int scheme = base.indexOf("://");
    int at = base.lastIndexOf('@');
    if (scheme >= 0 && at > scheme) {
      base = base.substring(0, scheme + 3) + "****@" + base.substring(at + 1);
    }
    return query < 0
        ? base
        : base + "?" + PASSWORD_PARAMETER.matcher(url.substring(query + 1)).replaceAll("$1****");
  }

  /**
   * Text safe to put on one line of a message (a config key, section or variable name): escaped as
   * every untrusted text on a line is, by {@link SafeText#line}.
   */
  static String printable(String text) {
    return SafeText.line(text);
  }
}
