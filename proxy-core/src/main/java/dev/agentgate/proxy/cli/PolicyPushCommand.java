package dev.agentgate.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentgate.proxy.admin.PolicyApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentgate policy push FILE --admin URL --token-file F [--sig FILE.sig]}: applies a policy
 * through the admin API. Exit 0 applied (or already live), 1 rejected (errors printed as {@code
 * FILE:line:column: message}), 2 usage, connection or authentication problems.
 */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Push a policy to a running proxy's admin API (PUT /v1/policy). The proxy verifies and"
          + " compiles it and swaps it in, or rejects it and keeps the live one.",
      "Exit status: 0 applied or unchanged, 1 rejected (errors printed), 2 usage, connection or"
          + " token problems."
    })
public final class PolicyPushCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
  private Path file;

  @Option(
      names = "--admin",
      required = true,
      paramLabel = "URL",
      description = "The admin listener, e.g. http://127.0.0.1:9090")
  private URI admin;

  @Option(
      names = "--token-file",
      required = true,
      paramLabel = "F",
      description = "File holding the admin bearer token.")
  private Path tokenFile;

  @Option(
      names = "--sig",
      paramLabel = "SIG",
      description = "Detached signature (default: FILE.sig when it exists).")
  private Path sig;

  @Option(
      names = "--dry-run",
      description = "Only validate (POST /v1/policy/validate): nothing is applied.")
  private boolean dryRun;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    byte[] content;
    String token;
    String signature = null;
    try {
      content = Files.readAllBytes(file);
      token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      Path sigFile = sig != null ? sig : file.resolveSibling(file.getFileName() + ".sig");
      if (sig != null || Files.exists(sigFile)) {
        signature = Files.readString(sigFile, StandardCharsets.US_ASCII).strip();
      }
    } catch (IOException e) {
      err.println("agentgate: cannot read " + e.getMessage());
      return 2;
    }
    String scheme = admin.getScheme();
    if (admin.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
      err.println("agentgate: --admin: expected http://host:port, got " + admin);
      return 2;
    }
    URI target = admin.resolve(dryRun ? "/v1/policy/validate" : "/v1/policy");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/yaml");
    if (signature != null) {
      request.header(PolicyApi.SIGNATURE_HEADER, signature);
    }
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofByteArray(content);
    request = dryRun ? request.POST(body) : request.PUT(body);
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      err.println("agentgate: cannot connect to " + target + " (is the admin listener there?)");
      return 2;
    } catch (HttpTimeoutException e) {
      err.println("agentgate: " + target + " did not answer in time");
      return 2;
    } catch (IOException e) {
      err.println("agentgate: " + target + ": " + e);
      return 2;
    }
    return report(response, out, err);
  }

  private int report(HttpResponse<String> response, PrintWriter out, PrintWriter err) {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    int status = response.statusCode();
    if (status == 200 && json != null) {
      JsonNode p = dryRun ? json : json.path("policy");
      String what =
          dryRun
              ? "valid"
              : "unchanged".equals(json.path("result").asText()) ? "already live" : "applied";
      out.println(
          what
              + ": version "
              + p.path("version").asText()
              + ", "
              + p.path("rule_count").asText()
              + " rules, hash "
              + p.path("hash").asText()
              + ", compiled in "
              + json.path("compile_ms").asText()
              + " ms");
      out.flush();
      return 0;
    }
    if (status == 422 && json != null) {
      err.println("agentgate: " + file + " rejected; the live policy is unchanged");
      for (JsonNode e : json.path("errors")) {
        int line = e.path("line").asInt();
        String where =
            line > 0 ? file + ":" + line + ":" + e.path("column").asInt() : file.toString();
        err.println(where + ": " + e.path("message").asText());
      }
      err.flush();
      return 1;
    }
    String detail = json != null && json.has("error") ? json.path("error").asText() : "";
    String hint =
        switch (status) {
          case 401 -> "the admin API wants a bearer token";
          case 403 -> "the admin API refused the token in " + tokenFile;
          case 404 -> "no policy API there (is admin.token_file set in the proxy's config?)";
          default -> "unexpected answer";
        };
    err.println(
        "agentgate: " + hint + " (HTTP " + status + (detail.isEmpty() ? "" : ": " + detail) + ")");
    err.flush();
    return 2;
  }
}
