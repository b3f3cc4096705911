package dev.reconciler.core.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password hash as [web] users holds it: {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and
 * hash in base64), PBKDF2WithHmacSHA256 from the JDK, compared in constant time.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
  static final String SCHEME = "pbkdf2-sha256";

  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256: about 0.3 s per login on a small server. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  static final int MIN_ITERATIONS = 1_000;
  static final int MAX_ITERATIONS = 10_000_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /** What a hash must look like, for error messages. */
  static final String EXPECTED =
      SCHEME + ":ITERATIONS:SALT:HASH as 'reconciler web --hash-password' prints it";

  /**
   * Reads {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static PasswordHash parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException("not " + EXPECTED);
    }
    int iterations = Integer.parseInt(parts[1]);
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations out of range");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] salt = b64.decode(parts[2]);
    byte[] hash = b64.decode(parts[3]);
    if (salt.length < 8 || hash.length != HASH_BYTES) {
      throw new IllegalArgumentException("salt or hash of the wrong length");
    }
    return new PasswordHash(iterations, salt, hash);
  }

  /** A new hash of {@code password} with a random salt. */
  public static PasswordHash of(char[] password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /** Whether {@code password} is the one hashed; the comparison takes the same time either way. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /** The text form {@link #parse} reads. */
  public String text() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME
        + ":"
        + iterations
        + ":"
        + b64.encodeToString(salt)
        + ":"
        + b64.encodeToString(hash);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash p
        && iterations == p.iterations
        && Arrays.equals(salt, p.salt)
        && Arrays.equals(hash, p.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return SCHEME + ":" + iterations + ":***";
  }
}
