package dev.agentgate.proxy.pipeline.intercept;

import static dev.agentgate.proxy.pipeline.intercept.InterceptionFixture.ANTHROPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients coding agents are built on, through the intercepting proxy, each trusting the CA the
 * way the README tells users to: Node (Claude Code, Gemini CLI) with {@code NODE_EXTRA_CA_CERTS},
 * curl (OpenSSL) with a CA file. Each sends a Messages request with a planted key.
 */
class InterceptionClientsIT {
  private static final String POLICY =
      """
      version: "clients-it"
      default: allow
      redactors:
        secrets: {detectors: [all]}
      rules:
        - id: redact-anthropic
          match: {host: api.anthropic.com}
          action: redact
          redactor: secrets
      """;

  @TempDir static Path dir;
  private static InterceptionFixture proxy;
  private static Path caPem;

  @BeforeAll
  static void start() throws Exception {
    proxy = new InterceptionFixture(dir, POLICY);
    caPem = Files.writeString(dir.resolve("agentgate-ca.pem"), proxy.proxyCa.certificatePem());
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @BeforeEach
  void clear() {
    proxy.clear();
  }

  @Test
  void nodeTrustingTheCaThroughNodeExtraCaCerts() throws Exception {
    assumeTrue(onPath("node"), "node is not installed");
    PlantedSecrets secrets = new PlantedSecrets(11);
    Path body = body(secrets);
    Path script =
        Files.writeString(
            dir.resolve("messages.js"),
            """
            const http = require('http'), https = require('https'), tls = require('tls');
            const fs = require('fs');
            const [port, host, file] = process.argv.slice(2);
            const connect = http.request({host: '127.0.0.1', port, method: 'CONNECT',
                                          path: host + ':443'});
            connect.on('connect', (res, socket) => {
              const req = https.request({host, path: '/v1/messages', method: 'POST',
                  headers: {'content-type': 'application/json',
                            'user-agent': 'claude-cli/2.0.0 (external, cli)'},
                  createConnection: () => tls.connect({socket, servername: host})},
                  resp => {
                    let data = '';
                    resp.on('data', c => data += c);
                    resp.on('end', () => { console.log(resp.statusCode + ' ' + data);
                                           socket.destroy(); });
                  });
              req.on('error', e => { console.log('ERROR ' + e.code); socket.destroy(); });
              req.end(fs.readFileSync(file));
            });
            connect.end();
            """);

    Result r =
        run(
            Map.of("NODE_EXTRA_CA_CERTS", caPem.toString()),
            "node",
            script.toString(),
            String.valueOf(proxy.port()),
            ANTHROPIC,
            body.toString());

    assertThat(r.output()).startsWith("200 ");
    assertReceivedRedacted(secrets);
  }

  @Test
  void curlTrustingTheCaFile() throws Exception {
    assumeTrue(onPath("curl"), "curl is not installed");
    PlantedSecrets secrets = new PlantedSecrets(12);
    Path body = body(secrets);

    Result r =
        run(
            Map.of(),
            "curl",
            "-sS",
            "--noproxy",
            "",
            "-m",
            "30",
            "-x",
            "http://127.0.0.1:" + proxy.port(),
            "--cacert",
            caPem.toString(),
            "-H",
            "content-type: application/json",
            "--data-binary",
            "@" + body,
            "https://" + ANTHROPIC + "/v1/messages");

    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).startsWith("{\"ok\":true");
    assertReceivedRedacted(secrets);
  }

  private static Path body(PlantedSecrets secrets) throws Exception {
    String text =
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"deploy with "
            + secrets.next()
            + " and "
            + secrets.next()
            + "\"}],\"stream\":false}";
    return Files.writeString(dir.resolve("body-" + System.nanoTime() + ".json"), text);
  }

  private static void assertReceivedRedacted(PlantedSecrets secrets) throws Exception {
    String received = proxy.api.next().bodyText();
    for (PlantedSecrets.Secret s : secrets.planted()) {
      assertThat(received).doesNotContain(s.secret()).contains("[REDACTED:" + s.kind() + "]");
    }
    assertThat(received).startsWith("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,");
  }

  private record Result(int exit, String output) {}

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static Result run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    for (String variable : new ArrayList<>(builder.environment().keySet())) {
      if (variable.toLowerCase(Locale.ROOT).endsWith("_proxy")) {
        builder.environment().remove(variable);
      }
    }
    builder.environment().putAll(env);
    Process p = builder.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command[0] + " did not finish");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
