package dev.agentgate.proxy;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code agentgate --version}, read from the jar manifest when present. */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"agentgate " + (v == null ? "dev" : v)};
  }
}
