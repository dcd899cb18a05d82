package dev.agentgate.policy.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.Action;
import dev.agentgate.policy.EgressRequest;
import dev.agentgate.policy.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The full example in the README's policy section is a valid policy that does what it says. */
class ReadmeExampleTest {

  @Test
  void readmePolicyExampleCompiles() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section =
        readme.substring(
            readme.indexOf("<!-- section: policy -->"),
            readme.indexOf("<!-- /section: policy -->"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(start, section.indexOf("```", start));

    PolicyCompiler.Result result = PolicyCompiler.compile("README.md", yaml);

    assertThat(result.errors()).isEmpty();
    CompiledPolicy p = result.policy();
    assertThat(p.ruleIds()).hasSize(5).startsWith("block-unreviewed-foreign-agents");
    assertThat(p.catalog().find("acme-assist")).isPresent();
    assertThat(
            p.evaluate(EgressRequest.builder(Phase.CONNECT, "api.qoder.sh", 443).build()).action())
        .isEqualTo(Action.BLOCK);
    assertThat(
            p.evaluate(EgressRequest.builder(Phase.CONNECT, "api.github.com", 443).build())
                .ruleId())
        .isEqualTo("github");
  }
}
