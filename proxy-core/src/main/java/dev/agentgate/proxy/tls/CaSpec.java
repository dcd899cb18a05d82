package dev.agentgate.proxy.tls;

import java.time.Duration;

/**
 * What a new CA looks like: its common name and how long it is valid.
 *
 * @param name the subject common name agents' users see in their trust stores
 * @param validity how long the CA is valid from now
 */
public record CaSpec(String name, Duration validity) {

  public static final String DEFAULT_NAME = "agentgate interception CA";
  public static final int DEFAULT_DAYS = 1825;

  public CaSpec {
    if (name == null || name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("CA name must be 1 to 64 characters");
    }
    if (validity == null || validity.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("CA validity must be at least one day");
    }
  }

  public static CaSpec defaults() {
    return new CaSpec(DEFAULT_NAME, Duration.ofDays(DEFAULT_DAYS));
  }
}
