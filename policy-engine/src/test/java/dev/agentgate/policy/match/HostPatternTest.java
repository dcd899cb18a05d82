package dev.agentgate.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostPatternTest {

  @Test
  void exactAndSuffixPatterns() {
    HostSet set =
        HostSet.of(List.of(HostPattern.parse("api.openai.com"), HostPattern.parse("*.cursor.sh")));
    assertThat(set.matches("api.openai.com")).isTrue();
    assertThat(set.matches("API.OpenAI.com.")).isTrue();
    assertThat(set.matches("api2.cursor.sh")).isTrue();
    assertThat(set.matches("a.b.cursor.sh")).isTrue();
    assertThat(set.matches("cursor.sh")).as("the suffix itself is not below it").isFalse();
    assertThat(set.matches("evilcursor.sh")).isFalse();
    assertThat(set.matches("openai.com")).isFalse();
  }

  @Test
  void ipLiteralsAreExactHosts() {
    HostSet set =
        HostSet.of(List.of(HostPattern.parse("10.1.2.3"), HostPattern.parse("[2001:db8::1]")));
    assertThat(set.matches("10.1.2.3")).isTrue();
    assertThat(set.matches("[2001:db8::1]")).isTrue();
    assertThat(set.matches("10.1.2.4")).isFalse();
  }

  @Test
  void rejectsMalformedPatterns() {
    for (String bad :
        List.of("", "*", "*.", "a.*.com", "foo..com", "exa mple.com", "*example.com", "a/b")) {
      assertThatThrownBy(() -> HostPattern.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidPatternException.class);
    }
  }
}
