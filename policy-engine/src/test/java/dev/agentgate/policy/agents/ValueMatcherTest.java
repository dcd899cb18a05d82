package dev.agentgate.policy.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The literal shortcuts agree with what the same text means as a regex searched in the value. */
class ValueMatcherTest {

  @ParameterizedTest
  @CsvSource({
    "'.*', anything, true",
    "'^cli$', cli, true",
    "'^cli$', cli2, false",
    "'^cli$', xcli, false",
    "^codex, codex_exec, true",
    "^codex, my-codex, false",
    "claude-code-, 'context-1m,claude-code-20250219', true",
    "claude-code-, claude-cod, false",
    "'cli$', sdk-cli, true",
    "'cli$', cli-sdk, false",
    "'^Bearer COSY\\.', 'Bearer COSY.abc', true",
    "'^Bearer COSY\\.', 'Bearer COSYxabc', false",
    "'kilocode\\.ai', 'https://kilocode.ai', true",
    "'a.c', abc, true",
    "'(?i)^cline', CLINE-cli, true"
  })
  void literalMarkersMatchLikeTheirRegex(String regex, String value, boolean expected) {
    assertThat(ValueMatcher.of(regex).test(value)).isEqualTo(expected);
    assertThat(java.util.regex.Pattern.compile(regex).matcher(value).find()).isEqualTo(expected);
  }
}
