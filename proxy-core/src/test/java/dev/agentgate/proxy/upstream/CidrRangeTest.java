package dev.agentgate.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrRangeTest {
  @Test
  void containsAddressesInsideThePrefixOnly() throws Exception {
    CidrRange r = CidrRange.parse("10.20.0.0/14");
    assertThat(r.contains(InetAddress.getByName("10.20.0.1"))).isTrue();
    assertThat(r.contains(InetAddress.getByName("10.23.255.255"))).isTrue();
    assertThat(r.contains(InetAddress.getByName("10.24.0.0"))).isFalse();
    assertThat(r.contains(InetAddress.getByName("::ffff:0a14:0001"))).isTrue(); // Java maps it
    assertThat(r.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
  }

  @Test
  void bareAddressIsOneHostAndHostBitsAreMasked() throws Exception {
    assertThat(CidrRange.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.2"))).isFalse();
    assertThat(CidrRange.parse("10.1.2.3/8")).isEqualTo(CidrRange.parse("10.0.0.0/8"));
    assertThat(CidrRange.parse("fd00::/8").contains(InetAddress.getByName("fdff::1"))).isTrue();
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/33")).hasMessageContaining("0..32");
    assertThatThrownBy(() -> CidrRange.parse("nope/8")).hasMessageContaining("not an IP");
    assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/x")).hasMessageContaining("not a number");
  }
}
