package dev.agentgate.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationGuardTest {
  @Test
  void refusesSpecialAddressesUnlessARangeAllowsThem() throws Exception {
    DestinationGuard strict = new DestinationGuard(List.of());
    DestinationGuard tests = new DestinationGuard(List.of(CidrRange.parse("127.0.0.1/32")));

    assertThat(strict.refusal(InetAddress.getByName("127.0.0.1"))).isEqualTo("loopback");
    assertThat(tests.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
    assertThat(tests.refusal(InetAddress.getByName("127.0.0.2"))).isEqualTo("loopback");
    assertThat(tests.refusal(InetAddress.getByName("10.0.0.1"))).isEqualTo("private");
    assertThat(strict.refusal(InetAddress.getByName("93.184.215.14"))).isNull();
  }
}
