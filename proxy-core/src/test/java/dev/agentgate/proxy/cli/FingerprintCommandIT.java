package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar ({@code java -jar target/agentgate.jar fingerprint ...}) in a real process. */
class FingerprintCommandIT {
  private static final Path JAR = Path.of("target", "agentgate.jar");

  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  @Test
  void theJarFingerprintsARealNodeHelloAndRefusesHttp() throws Exception {
    JsonNode node = vector("local_node20_https_ip");
    Path binary = dir.resolve("node.bin");
    Files.write(binary, HexFormat.of().parseHex(node.get("record_hex").asText()));

    Result ok = run("fingerprint", "--raw", binary.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    JsonNode e = node.get("expected");
    assertThat(ok.out().lines())
        .contains(
            "JA3       " + e.get("ja3").asText(),
            "JA4       " + e.get("ja4").asText(),
            "JA4_ro    " + e.get("ja4_ro").asText());

    Path http = Files.writeString(dir.resolve("http.txt"), "GET / HTTP/1.1\r\n\r\n");
    Result refused = run("fingerprint", http.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err().lines()).singleElement().asString().contains("not a TLS ClientHello");
  }

  private Result run(String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("built by the package phase").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    p.getOutputStream().close(); // the command reads no input
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("agentgate fingerprint did not finish");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static JsonNode vector(String id) throws IOException {
    try (InputStream in =
        FingerprintCommandIT.class.getResourceAsStream("/tls-clienthello/tls_vectors.json")) {
      for (JsonNode v : new ObjectMapper().readTree(in)) {
        if (v.get("id").asText().equals(id)) {
          return v;
        }
      }
    }
    throw new IllegalArgumentException(id);
  }
}
