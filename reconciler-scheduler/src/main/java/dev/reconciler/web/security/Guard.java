package dev.reconciler.web.security;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.Settings.WebRole;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.BasicAuthCredentials;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Runs before every request: security headers, the session, the CSRF check of every POST, and who
 * may see and do what. With no [web] users only loopback clients are served and nothing can be
 * done; with users, every page needs a login and every action the operator role.
 */
public final class Guard {
  /** The session cookie's name. */
  public static final String COOKIE = "reconciler_session";

  /** Where the session is kept among the request's attributes. */
  public static final String SESSION = "reconciler.session";

  /** What every refusal for want of a user says to do. */
  public static final String HOW_TO_ADD_A_USER =
      "To add one, run 'bin/reconciler web --hash-password', then set [web] users = "
          + "NAME:operator:HASH in config.ini (or RECONCILER_WEB_USERS) and restart: see README, "
          + "Web console.";

  /**
   * A page a login may return to: a plain local path, never another site ("//host" would be one, to
   * a browser).
   */
  private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/.])[A-Za-z0-9/_.-]{0,200}");

  private final Sessions sessions;
  private final Users users;
  private final String boundHost;
  private final boolean tls;
  private final boolean metricsAuth;

  public Guard(Settings.Web web, Sessions sessions, Users users) {
    this.sessions = sessions;
    this.users = users;
    this.boundHost = web.host();
    this.tls = web.tlsKeystore() != null;
    this.metricsAuth = web.metricsAuth();
  }

  public void check(Context ctx) {
    SecurityHeaders.apply(ctx);
    String path = ctx.path();
    if (path.startsWith("/static/") || path.startsWith("/webjars/")) {
      return;
    }
    ctx.header("Cache-Control", "no-store");
    if (path.equals("/metrics")) {
      metrics(ctx);
      return;
    }
    Session session = session(ctx);
    if (!users.any()) {
      // Nothing can be done without users, so every POST (a login too) is refused before its token
      // is even looked at, with the how-to.
      local(ctx);
      return;
    }
    if (ctx.method() == HandlerType.POST && !Csrf.accepts(session, csrfToken(ctx))) {
      throw new Refusal(
          403,
          "Refused: the form's security token is missing or out of date (CSRF check). "
              + "Reload the page and try again.");
    }
    if (path.equals("/login")) {
      return;
    }
    if (session.user() == null) {
      if (ctx.method() == HandlerType.GET) {
        ctx.redirect("/login?next=" + (LOCAL_PATH.matcher(path).matches() ? path : "/"));
        ctx.skipRemainingHandlers();
        return;
      }
      throw new Refusal(401, "Log in first.");
    }
    if (ctx.method() == HandlerType.POST
        && !path.equals("/logout")
        && !session.may(WebRole.OPERATOR)) {
      throw new Refusal(
          403,
          "Refused: "
              + session.user()
              + " is a viewer; actions need a user with the operator role ([web] users).");
    }
  }

  /** Whether {@code next} is a page a login may send the browser back to. */
  public static String safeNext(String next) {
    return next != null && LOCAL_PATH.matcher(next).matches() ? next : "/";
  }

  /**
   * With no users: pages for loopback clients, and no action at all. The Host header must name this
   * host too: a page of another site whose name was re-pointed at 127.0.0.1 (DNS rebinding) would
   * otherwise read the console from the operator's own browser.
   */
  private void local(Context ctx) {
    if (!localClient(ctx)) {
      throw new Refusal(
          403,
          "With no [web] users configured the console answers local clients only. "
              + HOW_TO_ADD_A_USER);
    }
    if (ctx.method() == HandlerType.POST) {
      throw new Refusal(
          403,
          "Refused: actions need an operator login, and no [web] users are configured. "
              + HOW_TO_ADD_A_USER);
    }
  }

  /**
   * /metrics: open to Prometheus unless [web] metrics_auth; local only while there are no users.
   */
  private void metrics(Context ctx) {
    if (!users.any()) {
      if (!localClient(ctx)) {
        throw new Refusal(
            403, "With no [web] users configured /metrics answers local clients only.");
      }
      return;
    }
    if (!metricsAuth) {
      return;
    }
    BasicAuthCredentials basic = ctx.basicAuthCredentials();
    if (basic == null || users.check(basic.getUsername(), basic.getPassword()) == null) {
      ctx.header("WWW-Authenticate", "Basic realm=\"reconciler\", charset=\"UTF-8\"");
      throw new Refusal(
          401, "/metrics needs a [web] user's name and password ([web] metrics_auth).");
    }
  }

  /** The request's session, a new anonymous one (and its cookie) when it has none. */
  private Session session(Context ctx) {
    Session s = sessions.find(ctx.cookie(COOKIE));
    if (s == null) {
      s = sessions.anonymous();
      setCookie(ctx, s);
    }
    ctx.attribute(SESSION, s);
    return s;
  }

  /** Sets the session cookie: script cannot read it, and no other site's request carries it. */
  public void setCookie(Context ctx, Session s) {
    ctx.header(
        "Set-Cookie",
        COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : ""));
  }

  private static String csrfToken(Context ctx) {
    String header = ctx.header(Csrf.HEADER);
    return header != null ? header : ctx.formParam(Csrf.FIELD);
  }

  /**
   * Whether a Host header names this host: localhost, a loopback address, or the address the
   * console is bound to; never resolved through DNS.
   */
  boolean namesThisHost(String header) {
    if (header == null) {
      return false;
    }
    String host = header.strip();
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end > 0 ? host.substring(1, end) : host;
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      host = host.substring(0, host.indexOf(':'));
    }
    if (host.equalsIgnoreCase("localhost") || host.equalsIgnoreCase(boundHost)) {
      return true;
    }
    if (!IP_LITERAL.matcher(host).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** An IPv4 or IPv6 address as text: only these are looked at, so no name is resolved. */
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /** Whether the client connected from this host (no proxy header is believed). */
  /** A loopback client that names this host (see {@link #local}: DNS rebinding). */
  private boolean localClient(Context ctx) {
    return isLoopback(ctx) && namesThisHost(ctx.header("Host"));
  }

  static boolean isLoopback(Context ctx) {
    try {
      return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
