package dev.agentgate.proxy.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest
  @CsvSource({
    "10.20.0.0/16, 10.20.255.1, true",
    "10.20.0.0/16, 10.21.0.1, false",
    "10.20.0.0/16, ::ffff:10.20.3.4, true",
    "10.20.3.4, 10.20.3.4, true",
    "10.20.3.4, 10.20.3.5, false",
    "10.20.3.4/31, 10.20.3.5, true",
    "0.0.0.0/0, 192.0.2.1, true",
    "0.0.0.0/0, 2001:db8::1, false",
    "fd00::/8, fd12:3456::1, true",
    "fd00::/8, fe80::1, false",
    "2001:db8:ab::/48, 2001:db8:ab:ffff::1, true",
    "2001:db8:ab::/48, 2001:db8:ac::1, false",
    "2001:db8::/33, 2001:db8:7fff::1, true",
    "2001:db8::/33, 2001:db8:8000::1, false",
    "::/0, ::1, true",
    "10.0.0.0/8, ::1, false"
  })
  void containsAddressesOfItsNetworkOnly(String cidr, String address, boolean expected)
      throws Exception {
    assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "10.0.0",
        "10.0.0.0/33",
        "fd00::/129",
        "10.0.0.0/-1",
        "10.0.0.0/x",
        "ci.example"
      })
  void rejectsWhatIsNotANetworkWithoutAskingDns(String text) {
    assertThatThrownBy(() -> Cidr.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: an IPv4 or IPv6 network");
  }

  @org.junit.jupiter.api.Test
  void hostBitsAreIgnoredAndZeroPrefixCoversEverything() {
    assertThat(Cidr.parse("10.20.30.40/16")).isEqualTo(Cidr.parse("10.20.0.0/16"));
    assertThat(Cidr.parse("::/0").isEverything()).isTrue();
    assertThat(Cidr.parse("10.0.0.0/8").isEverything()).isFalse();
  }
}
