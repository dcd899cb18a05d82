package dev.agentgate.proxy.upstream;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A host and port the client asked for, with the addresses that passed the destination guard. The
 * proxy connects only to these addresses (in order), never resolving the name again.
 */
public record Destination(String host, int port, List<InetSocketAddress> addresses) {
  public Destination {
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("no addresses for " + host);
    }
  }
}
