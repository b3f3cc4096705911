package dev.reconciler.core.config;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A parsed redis:// or rediss:// URL: {@code redis[s]://[[user]:password@]host[:port][/database]},
 * with user and password percent-decoded ({@code p%40ss} is {@code p@ss}).
 *
 * @param tls rediss: the connection uses TLS
 * @param user the ACL user, or null for Redis' default user
 * @param password the password, or null to send no AUTH
 */
public record RedisUrl(
    boolean tls, String user, String password, String host, int port, int database) {
  /** Redis' own default port. */
  public static final int DEFAULT_PORT = 6379;

  /** What a valid value looks like, for error messages. */
  static final String EXPECTED =
      "redis://[user:password@]host[:port][/database] or rediss://... for TLS, with characters"
          + " other than letters, digits and -._~!$&'()*+,;= in user or password percent-encoded"
          + " (e.g. %40 for @, %2F for /, %25 for %, %20 for a space)";

  /**
   * Parses a URL.
   *
   * @throws IllegalArgumentException saying what is wrong; the message never contains the URL, so
   *     it cannot leak the password
   */
  public static RedisUrl parse(String text) {
    if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
      throw new IllegalArgumentException("not valid text (an unpaired surrogate)");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a well-formed URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException("the scheme must be redis or rediss");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("no valid host name (letters, digits, '-' and '.')");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a query (?) or fragment (#) is not supported");
    }
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("the port must be from 1 to 65535");
    }
    String[] credentials = credentials(uri.getRawUserInfo());
    return new RedisUrl(
        scheme.equals("rediss"),
        credentials[0],
        credentials[1],
        unbracketed(uri.getHost()),
        port,
        database(uri.getRawPath()));
  }

  /** host:port, for messages: never the password. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** The URL with the password masked. */
  public String display() {
    String login =
        password == null ? (user == null ? "" : user + "@") : (user == null ? "" : user) + ":****@";
    return (tls ? "rediss" : "redis") + "://" + login + address() + "/" + database;
  }

  @Override
  public String toString() {
    return display();
  }

  /** [user, password], each null when absent. */
  private static String[] credentials(String rawUserInfo) {
    if (rawUserInfo == null) {
      return new String[] {null, null};
    }
    int colon = rawUserInfo.indexOf(':');
    if (colon < 0) {
      // redis://secret@host reads as a password to some clients and as a user to others.
      throw new IllegalArgumentException(
          "credentials must be user:password or :password (a user alone is ambiguous)");
    }
    String user = decode(rawUserInfo.substring(0, colon));
    return new String[] {user.isEmpty() ? null : user, decode(rawUserInfo.substring(colon + 1))};
  }

  private static int database(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    String digits = path.substring(1);
    if (!digits.matches("\\d{1,9}")) {
      throw new IllegalArgumentException("the path must be a database number such as /0");
    }
    return Integer.parseInt(digits);
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * Strict percent-decoding: %XX must spell UTF-8, and + stays a plus (URLDecoder's is a space).
   */
  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      int percent = raw.indexOf('%', i);
      int end = percent < 0 ? raw.length() : percent;
      bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
      if (percent < 0) {
        break;
      }
      int hex =
          percent + 2 < raw.length() ? hex(raw.charAt(percent + 1), raw.charAt(percent + 2)) : -1;
      if (hex < 0) {
        throw new IllegalArgumentException(
            "a % in user or password is not followed by two hex digits");
      }
      bytes.write(hex);
      i = percent + 3;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("percent-encoded user or password is not UTF-8");
    }
  }

  private static int hex(char high, char low) {
    int h = Character.digit(high, 16);
    int l = Character.digit(low, 16);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }
}
