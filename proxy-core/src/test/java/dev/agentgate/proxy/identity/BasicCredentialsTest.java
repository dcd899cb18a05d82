package dev.agentgate.proxy.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

  @Test
  void decodesUserAndPasswordSplittingAtTheFirstColon() {
    BasicCredentials c = BasicCredentials.parse(TestUsers.basic("älice", "pa:ss"));
    assertThat(c.user()).isEqualTo("älice");
    assertThat(c.password()).isEqualTo("pa:ss");
    assertThat(c.toString()).doesNotContain("pa:ss");
    assertThat(BasicCredentials.parse("bAsIc   " + TestUsers.basic("a", "b").substring(6)))
        .isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Basic",
        "Bearer YWxpY2U6cHc=",
        "Basic not-base64!",
        "Basic YWxpY2U=", // "alice": no colon
        "Basic OnB3", // ":pw": empty user
        "Basic /w==" // 0xff: not UTF-8
      })
  void malformedValuesAreNotCredentials(String value) {
    assertThat(BasicCredentials.parse(value)).isNull();
  }
}
