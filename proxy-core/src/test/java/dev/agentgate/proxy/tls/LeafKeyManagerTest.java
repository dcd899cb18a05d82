package dev.agentgate.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeafKeyManagerTest {

  private final MintedLeaf leaf = TestCerts.mint(TestCerts.newCa("km"), "example.com");
  private final LeafKeyManager manager = new LeafKeyManager(leaf);

  @Test
  void offersTheLeafForEcOnly() {
    String alias = manager.chooseEngineServerAlias("EC", null, null);

    assertThat(alias).isNotNull();
    assertThat(manager.chooseEngineServerAlias("RSA", null, null)).isNull();
    assertThat(manager.getServerAliases("EC", null)).containsExactly(alias);
    assertThat(manager.getPrivateKey(alias)).isSameAs(leaf.key());
    assertThat(manager.getCertificateChain(alias)).containsExactlyElementsOf(leaf.chain());
    assertThat(manager.getPrivateKey("other")).isNull();
  }

  @Test
  void neverActsAsAClient() {
    assertThat(manager.chooseEngineClientAlias(new String[] {"EC"}, null, null)).isNull();
    assertThat(manager.getClientAliases("EC", null)).isNull();
  }
}
