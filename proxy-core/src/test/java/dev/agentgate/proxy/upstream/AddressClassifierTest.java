package dev.agentgate.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.upstream.AddressClassifier.Category;
import dev.agentgate.proxy.upstream.AddressClassifier.Verdict;
import io.netty.util.NetUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressClassifierTest {
  private static Verdict classify(String ip) {
    byte[] raw = NetUtil.createByteArrayFromIpAddressString(ip);
    assertThat(raw).as(ip).isNotNull();
    return AddressClassifier.classify(raw);
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, LOOPBACK",
    "127.255.1.2, LOOPBACK",
    "::1, LOOPBACK",
    "10.1.2.3, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "fd12:3456::1, PRIVATE",
    "fc00::1, PRIVATE",
    "169.254.1.1, LINK_LOCAL",
    "fe80::1, LINK_LOCAL",
    "100.64.0.1, CGNAT",
    "100.127.255.254, CGNAT",
    "224.0.0.1, MULTICAST",
    "ff02::1, MULTICAST",
    "0.0.0.0, UNSPECIFIED",
    "::, UNSPECIFIED",
    "169.254.169.254, METADATA",
    "fd00:ec2::254, METADATA",
    "100.100.100.200, METADATA",
    "168.63.129.16, METADATA",
    "240.0.0.1, RESERVED",
    "255.255.255.255, RESERVED",
    "198.18.0.1, RESERVED",
    "192.0.2.1, RESERVED",
    "2001:db8::1, RESERVED",
    "2001:0:1::1, RESERVED"
  })
  void specialAddressesAreNamed(String ip, Category category) {
    assertThat(classify(ip)).isNotNull().extracting(Verdict::category).isEqualTo(category);
  }

  @ParameterizedTest
  @CsvSource({
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:10.0.0.1, PRIVATE",
    "::ffff:169.254.169.254, METADATA",
    "64:ff9b::a00:1, PRIVATE",
    "2002:a9fe:a9fe::1, METADATA",
    "::7f00:1, LOOPBACK"
  })
  void ipv6FormsThatEmbedIpv4AreJudgedByTheEmbeddedAddress(String ip, Category category) {
    Verdict v = classify(ip);
    assertThat(v).isNotNull();
    assertThat(v.category()).isEqualTo(category);
    assertThat(v.describe()).contains("embeds");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.1.1.1",
        "8.8.8.8",
        "172.32.0.1",
        "100.128.0.1",
        "2606:4700::1111",
        "64:ff9b::808:808"
      })
  void publicAddressesPass(String ip) {
    assertThat(classify(ip)).isNull();
  }
}
