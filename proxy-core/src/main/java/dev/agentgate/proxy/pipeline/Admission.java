package dev.agentgate.proxy.pipeline;

import io.netty.channel.Channel;

/** Decides whether a newly accepted client connection may stay open (limits, draining). */
@FunctionalInterface
public interface Admission {
  /** Admission that takes everyone. */
  Admission ALL = client -> true;

  /** Registers {@code client} (and arranges to forget it when it closes); false means refuse it. */
  boolean admit(Channel client);
}
