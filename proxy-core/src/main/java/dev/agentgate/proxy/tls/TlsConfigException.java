package dev.agentgate.proxy.tls;

/**
 * A CA, key or trust bundle that cannot be used. The message is one line meant for the operator (it
 * names the file and what is wrong), so callers print it as is, never a stack trace.
 */
public final class TlsConfigException extends Exception {

  public TlsConfigException(String message) {
    super(message);
  }

  public TlsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
