package dev.agentgate.proxy.config;

/** A configuration problem, with a message that fits on one line and names the key at fault. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
