package dev.agentgate.proxy.observe.audit;

import java.util.Objects;

/**
 * One redaction finding: never the value, only where it was and a short hash to correlate repeated
 * leaks of the same secret.
 *
 * @param detector the detector id ({@code aws-access-key}, {@code private-key}, ...)
 * @param location where in the request (a JSON path such as {@code $.messages[3].content})
 * @param count how many times it was found there
 * @param shortHash a short hash of the value (a few hex characters), never the value
 */
public record AuditFinding(String detector, String location, int count, String shortHash) {
  public AuditFinding {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(location, "location");
  }
}
