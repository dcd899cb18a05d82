package dev.agentgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.proxy.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code agentgate fingerprint} run in-process through the real command line. */
class FingerprintCommandTest {
  static JsonNode chrome;
  static JsonNode quic;

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void loadVectors() throws IOException {
    try (InputStream in =
        FingerprintCommandTest.class.getResourceAsStream("/tls-clienthello/tls_vectors.json")) {
      JsonNode all = new ObjectMapper().readTree(in);
      for (JsonNode v : all) {
        String id = v.get("id").asText();
        if (id.equals("foxio_tls_handshake_f125")) {
          chrome = v;
        } else if (quic == null && v.get("transport").asText().equals("quic")) {
          quic = v;
        }
      }
    }
  }

  static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void recordHexPrintsSniAlpnJa3AndJa4() throws IOException {
    Run r = run("fingerprint", write("hello.hex", chrome.get("record_hex").asText()).toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode e = chrome.get("expected");
    assertThat(r.out().lines())
        .containsExactly(
            "SNI       " + chrome.get("meta").get("sni").asText(),
            "ALPN      h2,http/1.1",
            "JA3       " + e.get("ja3").asText(),
            "JA3 full  " + e.get("ja3_full").asText(),
            "JA4       " + e.get("ja4").asText());
  }

  @Test
  void handshakeHexWithWhitespaceAndRawBinaryGiveTheSameAnswer() throws IOException {
    String hex = chrome.get("handshake_hex").asText();
    StringBuilder spaced = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      spaced.append(hex, i, i + 2).append(i % 32 == 30 ? "\n" : " ");
    }
    Path binary = dir.resolve("hello.bin");
    Files.write(binary, HexFormat.of().parseHex(chrome.get("record_hex").asText()));
    Run fromRecordHex =
        run("fingerprint", write("r.hex", chrome.get("record_hex").asText()).toString());
    Run fromSpacedHandshake =
        run("fingerprint", write("h.hex", spaced.toString().toUpperCase()).toString());
    Run fromBinary = run("fingerprint", binary.toString());
    assertThat(fromSpacedHandshake).isEqualTo(fromRecordHex);
    assertThat(fromBinary).isEqualTo(fromRecordHex);
  }

  @Test
  void rawAddsTheUnhashedAndOriginalOrderForms() throws IOException {
    Run r =
        run(
            "fingerprint",
            "--raw",
            write("h.hex", chrome.get("handshake_hex").asText()).toString());
    assertThat(r.exit()).isZero();
    JsonNode e = chrome.get("expected");
    assertThat(r.out())
        .contains("JA4_r     " + e.get("ja4_r").asText() + System.lineSeparator())
        .contains("JA4_o     " + e.get("ja4_o").asText() + System.lineSeparator())
        .contains("JA4_ro    " + e.get("ja4_ro").asText() + System.lineSeparator());
  }

  @Test
  void aQuicHandshakeMessageGetsAQJa4() throws IOException {
    Run r = run("fingerprint", write("q.hex", quic.get("handshake_hex").asText()).toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("JA4       " + quic.get("expected").get("ja4").asText());
    assertThat(quic.get("expected").get("ja4").asText()).startsWith("q");
  }

  @Test
  void nonTlsTruncatedAndBadHexInputGetOneLineAndExitOne() throws IOException {
    String record = chrome.get("record_hex").asText();
    assertOneLineFailure(
        run("fingerprint", write("http.txt", "GET / HTTP/1.1\r\nHost: x\r\n\r\n").toString()),
        "not a TLS ClientHello");
    assertOneLineFailure(
        run("fingerprint", write("cut.hex", record.substring(0, 200)).toString()),
        "truncated ClientHello");
    assertOneLineFailure(
        run("fingerprint", write("odd.hex", record.substring(0, 201)).toString()),
        "odd number of hex digits");
    assertOneLineFailure(
        run("fingerprint", write("bad.hex", "16030100040200000000").toString()),
        "malformed ClientHello");
    assertOneLineFailure(run("fingerprint", write("empty.hex", "").toString()), "truncated");
    assertOneLineFailure(
        run("fingerprint", dir.resolve("missing.hex").toString()), "no such file: ");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("fingerprint").exit()).isEqualTo(2);
    assertThat(run("fingerprint", "--bogus", "x").exit()).isEqualTo(2);
  }

  private static void assertOneLineFailure(Run r, String message) {
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("agentgate fingerprint: ")
        .contains(message);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.ISO_8859_1);
  }
}
