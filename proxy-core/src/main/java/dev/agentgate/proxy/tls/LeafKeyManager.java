package dev.agentgate.proxy.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Serves exactly one minted leaf. Netty would otherwise put the key into a PKCS#12 key store, whose
 * password-based encryption of the key costs more than minting the leaf itself.
 */
final class LeafKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "leaf";

  private final PrivateKey key;
  private final X509Certificate[] chain;

  LeafKeyManager(MintedLeaf leaf) {
    this.key = leaf.key();
    this.chain = leaf.chain().toArray(new X509Certificate[0]);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return matches(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return matches(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return matches(keyType) == null ? null : new String[] {ALIAS};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return null;
  }

  /** The leaf only for its own key type ("EC"): the JDK asks per candidate signature scheme. */
  private String matches(String keyType) {
    return key.getAlgorithm().equals(keyType) ? ALIAS : null;
  }
}
