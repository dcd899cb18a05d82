package dev.agentgate.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrSetTest {

  @Test
  void ipv4Networks() {
    CidrSet set = CidrSet.of(List.of("10.0.0.0/8", "192.168.1.7", "172.16.0.0/12"));
    assertThat(set.containsClient("10.200.3.4")).isTrue();
    assertThat(set.containsClient("10.200.3.4:51234")).isTrue();
    assertThat(set.containsClient("192.168.1.7")).isTrue();
    assertThat(set.containsClient("192.168.1.8")).isFalse();
    assertThat(set.containsClient("172.31.255.255")).isTrue();
    assertThat(set.containsClient("172.32.0.0")).isFalse();
    assertThat(set.containsClient("11.0.0.1")).isFalse();
    assertThat(set.containsClient(null)).isFalse();
    assertThat(set.containsClient("not-an-ip")).isFalse();
    assertThat(set.containsClient("10.0.0")).isFalse();
    assertThat(set.containsClient("10.0.0.1.2")).isFalse();
    assertThat(set.containsClient("10.0.0.256")).isFalse();
    assertThat(CidrSet.of(List.of("0.0.0.0/0")).containsClient("203.0.113.7:1")).isTrue();
  }

  @Test
  void fastIpv4PathAgreesWithTheGeneralParser() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 2000; i++) {
      String a =
          random.nextInt(256)
              + "."
              + random.nextInt(256)
              + "."
              + random.nextInt(256)
              + "."
              + random.nextInt(256);
      byte[] bytes = IpAddress.parse(a);
      long v = IpAddress.parseClientV4(a + (i % 2 == 0 ? "" : ":" + random.nextInt(65536)));
      long expected =
          ((bytes[0] & 0xffL) << 24)
              | ((bytes[1] & 0xff) << 16)
              | ((bytes[2] & 0xff) << 8)
              | (bytes[3] & 0xff);
      assertThat(v).as(a).isEqualTo(expected);
    }
    assertThat(IpAddress.parseClientV4("::1")).isEqualTo(-1);
    assertThat(IpAddress.parseClientV4("[::1]:80")).isEqualTo(-1);
  }

  @Test
  void ipv6NetworksAndMappedIpv4() {
    CidrSet set = CidrSet.of(List.of("2001:db8::/32", "::1", "10.0.0.0/8"));
    assertThat(set.containsClient("2001:db8:1::5")).isTrue();
    assertThat(set.containsClient("[2001:db8::5]:4433")).isTrue();
    assertThat(set.containsClient("2001:db9::5")).isFalse();
    assertThat(set.containsClient("::1")).isTrue();
    assertThat(set.containsClient("::ffff:10.1.1.1")).as("IPv4-mapped").isTrue();
    assertThat(set.containsClient("fe80::1%eth0")).isFalse();
  }

  @Test
  void oddPrefixLengths() {
    CidrSet set = CidrSet.of(List.of("10.0.0.0/9", "2001:db8:8000::/33"));
    assertThat(set.containsClient("10.127.0.1")).isTrue();
    assertThat(set.containsClient("10.128.0.1")).isFalse();
    assertThat(set.containsClient("2001:db8:8000::1")).isTrue();
    assertThat(set.containsClient("2001:db8:7fff::1")).isFalse();
  }

  @Test
  void rejectsMalformedCidrs() {
    for (String bad :
        List.of(
            "10.0.0.0/33",
            "10.0.0/8",
            "300.1.1.1",
            "10.0.0.0/",
            "::1/129",
            "2001:db8:::1",
            "host.example",
            "10.0.0.0/8/8",
            "1::2::3")) {
      assertThatThrownBy(() -> CidrSet.validate(bad))
          .as(bad)
          .isInstanceOf(InvalidPatternException.class);
    }
  }

  @Test
  void ipv6Parsing() {
    assertThat(IpAddress.parse("::")).hasSize(16).containsOnly(0);
    assertThat(IpAddress.parse("1:2:3:4:5:6:7:8")).hasSize(16);
    assertThat(IpAddress.parse("1:2:3:4:5:6:7:8:9")).isNull();
    assertThat(IpAddress.parse("1:2:3:4:5:6:1.2.3.4")).hasSize(16);
    assertThat(IpAddress.parse("::ffff:1.2.3.4")).containsExactly(1, 2, 3, 4);
    assertThat(IpAddress.parse("1::")).hasSize(16);
    assertThat(IpAddress.parse("1:")).isNull();
  }
}
