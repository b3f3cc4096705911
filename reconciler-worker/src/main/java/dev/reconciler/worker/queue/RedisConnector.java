package dev.reconciler.worker.queue;

import dev.reconciler.core.config.RedisUrl;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Explained;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import java.io.IOException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A pool of Redis connections for one {@link RedisUrl}. Over rediss:// the server's certificate
 * must name the URL's host unless told otherwise; failures name host:port, never the password.
 */
public final class RedisConnector implements AutoCloseable {
  private final JedisPool pool;
  private final RedisUrl url;

  /** For tests and tools: a URL that must parse; rediss:// hosts are verified. */
  public RedisConnector(String url, int timeoutMs, int maxConnections) {
    this(RedisUrl.parse(url), timeoutMs, maxConnections, true);
  }

  public RedisConnector(RedisUrl url, int timeoutMs, int maxConnections, boolean verifyHostname) {
    JedisPoolConfig config = new JedisPoolConfig();
    config.setMaxTotal(maxConnections);
    config.setMaxIdle(maxConnections);
    config.setTestOnBorrow(false);
    config.setTestWhileIdle(true);
    this.url = url;
    this.pool =
        new JedisPool(
            config,
            new HostAndPort(url.host(), url.port()),
            clientConfig(url, timeoutMs, verifyHostname));
  }

  /** For settings whose [redis] url is a real server (the embedded case resolves its URL first). */
  public static RedisConnector of(Settings.Redis redis, String url, int maxConnections) {
    return new RedisConnector(
        RedisUrl.parse(url), redis.timeoutMs(), maxConnections, redis.verifyHostname());
  }

  /**
   * How Jedis connects: credentials and database from the URL and, for rediss://, TLS whose
   * handshake checks that the certificate names the host (the "HTTPS" endpoint identification
   * algorithm) unless {@code verifyHostname} is false. The certificate chain is always checked
   * against the JVM's trust store.
   */
  static JedisClientConfig clientConfig(RedisUrl url, int timeoutMs, boolean verifyHostname) {
    DefaultJedisClientConfig.Builder builder =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMs)
            .socketTimeoutMillis(timeoutMs)
            .user(url.user())
            .password(url.password())
            .database(url.database())
            .ssl(url.tls());
    if (url.tls()) {
      SSLParameters parameters = new SSLParameters();
      parameters.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
      builder
          .sslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault())
          .sslParameters(parameters);
    }
    return builder.build();
  }

  /** Runs {@code work} with a pooled connection. */
  public <T> T with(Function<Jedis, T> work) {
    Jedis jedis = borrow();
    try (jedis) {
      return work.apply(jedis);
    } catch (JedisDataException | JedisConnectionException e) {
      // Both also arrive with the first command: the TLS handshake and AUTH-less refusals.
      throw explain(e);
    }
  }

  /**
   * Pings once, at start, so that a refused password or a refused TLS certificate (another name, an
   * untrusted issuer) is reported as what it is, a configuration error (a {@link UserError}: exit
   * 2, and systemd does not restart into the same refusal), before any work. An outage propagates
   * as it would from any command, naming host and port.
   */
  public void checkAtStart() {
    try {
      with(Jedis::ping);
    } catch (PasswordRefused | CertificateRefused e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** A dedicated connection the caller closes (for blocking calls). */
  public Jedis borrow() {
    try {
      return pool.getResource();
    } catch (JedisException e) {
      throw explain(e);
    }
  }

  /** Where this connects, for messages: host:port. */
  public String address() {
    return url.address();
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return url.display();
  }

  /**
   * Jedis says "Could not get a resource from the pool" or only the socket's complaint: say what
   * and where instead. Other Redis errors (a script's) pass unchanged.
   */
  private JedisException explain(JedisException e) {
    Throwable cause = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JedisDataException data && isRefusal(data)) {
        return new PasswordRefused(url, data);
      }
      if (t instanceof CertificateException certificate) {
        return new CertificateRefused(url, certificate);
      }
      // The deepest I/O failure says why (a handshake's own cause is a certificate detail).
      if (t instanceof IOException || (cause == null && t instanceof JedisConnectionException)) {
        cause = t;
      }
    }
    if (cause == null) {
      return e;
    }
    return new Unreachable(url, reason(cause), e);
  }

  private static String reason(Throwable root) {
    if (root instanceof UnknownHostException) {
      return "unknown host";
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root instanceof SSLException ? "TLS: " + message : message;
  }

  /**
   * Redis' answers to a wrong or missing password: WRONGPASS and NOAUTH (Redis 6+), "invalid
   * password" (older), and the protocol error an unauthenticated client gets for a long command.
   */
  private static boolean isRefusal(JedisDataException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toUpperCase(Locale.ROOT);
    return m.startsWith("WRONGPASS")
        || m.startsWith("NOAUTH")
        || m.contains("INVALID PASSWORD")
        || m.contains("UNAUTHENTICATED")
        || m.contains("WITHOUT ANY PASSWORD CONFIGURED")
        || m.contains("NO PASSWORD IS SET");
  }

  /**
   * The TLS handshake refused the server's certificate: it names another host, or no issuer in the
   * JVM's trust store vouches for it. A configuration error, not an outage.
   */
  public static final class CertificateRefused extends JedisConnectionException {
    private static final long serialVersionUID = 1L;

    CertificateRefused(RedisUrl url, CertificateException refusal) {
      super(
          "Redis at "
              + url.address()
              + (isOtherName(refusal)
                  ? " sent a TLS certificate that does not name "
                      + url.host()
                      + ": connect by a name the certificate lists, or set [redis] verify_hostname"
                      + " = false to accept a trusted certificate for any name"
                  : " sent a TLS certificate this JVM does not trust ("
                      + SafeText.line(String.valueOf(refusal.getMessage()), 300)
                      + "): add its CA to the JVM's trust store (javax.net.ssl.trustStore in"
                      + " RECONCILER_OPTS)"),
          refusal);
    }

    /**
     * The JDK's host name check (HostnameChecker) says "No subject alternative …" or "No name …".
     */
    private static boolean isOtherName(CertificateException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      return m.startsWith("No subject alternative") || m.startsWith("No name matching");
    }
  }

  /** Redis cannot be reached (down, unknown host, TLS failing): an outage, waited out. */
  public static final class Unreachable extends JedisConnectionException implements Explained {
    private static final long serialVersionUID = 1L;

    Unreachable(RedisUrl url, String reason, Throwable cause) {
      super("cannot reach Redis at " + url.address() + ": " + reason, cause);
    }
  }

  /** Redis refused the credentials in [redis] url: a configuration error, not an outage. */
  public static final class PasswordRefused extends JedisConnectionException {
    private static final long serialVersionUID = 1L;

    PasswordRefused(RedisUrl url, JedisDataException reply) {
      super(
          "Redis at "
              + url.address()
              + (url.password() == null ? " requires a password" : " refused the password")
              + " in [redis] url ("
              + reply.getMessage()
              + ")",
          reply);
    }
  }
}
