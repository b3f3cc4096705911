package dev.reconciler.core.config;

/** Hides secrets when settings are logged. */
final class Masking {
  private Masking() {}

  static String secret(String value) {
    return value == null || value.isEmpty() ? "" : "****";
  }

  /** Masks the password in redis://user:password@host URLs. */
  static String url(String url) {
    return url.replaceAll("(://[^:@/]*:)[^@/]*@", "$1****@");
  }
}
