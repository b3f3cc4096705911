package dev.reconciler.core.config;

import dev.reconciler.core.domain.UserError;

/**
 * A configuration value is missing, unknown or invalid; the message names file, section and key.
 */
public class ConfigException extends UserError {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
