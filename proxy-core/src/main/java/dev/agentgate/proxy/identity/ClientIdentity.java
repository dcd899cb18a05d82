package dev.agentgate.proxy.identity;

import java.util.Objects;
import java.util.Set;

/**
 * The result of resolving a client: who it is and whether the proxy may serve it.
 *
 * @param user the authenticated user name, or {@code null} (anonymous or network-only)
 * @param groups the user's groups plus the groups of the source network ({@code anonymous} for an
 *     anonymous client); empty unless {@code outcome} is {@link Outcome#OK}
 * @param authenticated true when valid credentials were presented
 * @param outcome whether to serve the client, and if not how to answer
 */
public record ClientIdentity(
    String user, Set<String> groups, boolean authenticated, Outcome outcome) {

  /** The group every anonymous client belongs to in {@link IdentityMode#OPTIONAL} mode. */
  public static final String ANONYMOUS_GROUP = "anonymous";

  public ClientIdentity {
    groups = Set.copyOf(Objects.requireNonNull(groups, "groups"));
    Objects.requireNonNull(outcome, "outcome");
  }

  /** True when the proxy may serve this client (the policy still decides what it may reach). */
  public boolean allowed() {
    return outcome == Outcome.OK;
  }

  static ClientIdentity refused(Outcome outcome) {
    return new ClientIdentity(null, Set.of(), false, outcome);
  }

  /** Whether the client may be served and, if not, how the proxy answers. */
  public enum Outcome {
    /** Identified (or accepted anonymously): serve it. */
    OK(0),
    /** Credentials are required and none were sent: 407 with {@code Proxy-Authenticate}. */
    MISSING(407),
    /** Credentials were sent but are malformed, the user is unknown or the password wrong: 407. */
    BAD_CREDENTIALS(407),
    /** Networks mode and the source address is in no mapped network: 403. */
    UNKNOWN_NETWORK(403),
    /** The password-check queue is full: 503, the client may retry. */
    BUSY(503);

    private final int httpStatus;

    Outcome(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /** The HTTP status the proxy answers with, or 0 for {@link #OK}. */
    public int httpStatus() {
      return httpStatus;
    }
  }
}
