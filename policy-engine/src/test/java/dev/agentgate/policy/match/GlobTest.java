package dev.agentgate.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void starStaysInOneSegmentDoubleStarCrosses() {
    Glob g = Glob.compile("/v1/*/messages");
    assertThat(g.matches("/v1/abc/messages")).isTrue();
    assertThat(g.matches("/v1/a/b/messages")).isFalse();
    assertThat(Glob.compile("/v1/**").matches("/v1/a/b/c")).isTrue();
    assertThat(Glob.compile("github-copilot-*").matches("github-copilot-cli")).isTrue();
    assertThat(Glob.compile("ab?").matches("abc")).isTrue();
    assertThat(Glob.compile("ab?").matches("abcd")).isFalse();
  }

  @Test
  void classesAndLiterals() {
    assertThat(Glob.compile("v[0-9].x").matches("v7.x")).isTrue();
    assertThat(Glob.compile("v[0-9].x").matches("v7yx")).as("dot is literal").isFalse();
    assertThat(Glob.compile("[!a]b").matches("ab")).isFalse();
    assertThat(Glob.compile("[!a]b").matches("cb")).isTrue();
    assertThat(Glob.compile("a+(b)").matches("a+(b)")).isTrue();
  }

  @Test
  void rejectsBadGlobs() {
    for (String bad : List.of("", "[abc", "a]", "***", "[]", "[!]")) {
      assertThatThrownBy(() -> Glob.compile(bad))
          .as(bad)
          .isInstanceOf(InvalidPatternException.class);
    }
  }

  @Test
  void portsAndPrefixes() {
    PortSet ports = PortSet.of(List.of("443", "8000-8999"));
    assertThat(ports.contains(443)).isTrue();
    assertThat(ports.contains(8500)).isTrue();
    assertThat(ports.contains(80)).isFalse();
    for (String bad : List.of("0", "65536", "https", "9-8", "-1", "1-")) {
      assertThatThrownBy(() -> PortSet.of(List.of(bad)))
          .as(bad)
          .isInstanceOf(InvalidPatternException.class);
    }
    PrefixPatterns ja4 =
        PrefixPatterns.of(
            List.of("t13d*", "q13d0312h3_55b375c5d22e_06cda9e17597"),
            c -> Character.isLetterOrDigit(c) || c == '_',
            "x");
    assertThat(ja4.matches("t13d1516h2_8daaf6152771_02713d6af862")).isTrue();
    assertThat(ja4.matches("q13d0312h3_55b375c5d22e_06cda9e17597")).isTrue();
    assertThat(ja4.matches("t12d1516h2_8daaf6152771_02713d6af862")).isFalse();
    assertThat(ja4.matches(null)).isFalse();
  }
}
