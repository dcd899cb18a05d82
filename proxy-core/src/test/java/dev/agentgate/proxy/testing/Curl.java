package dev.agentgate.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real curl binary; tests that use it are skipped where curl is missing. */
public final class Curl {
  /** Exit code, stdout and stderr of one run. */
  public record Result(int exit, String out, String err) {}

  private Curl() {}

  /** {@code curl -sS --noproxy '' -x http://127.0.0.1:proxyPort args...}, 60 s at most. */
  public static Result viaProxy(int proxyPort, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--noproxy", "", "-m", "60"));
    cmd.add("-x");
    cmd.add("http://127.0.0.1:" + proxyPort);
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    CompletableFuture<String> out = read(p.getInputStream());
    CompletableFuture<String> err = read(p.getErrorStream());
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("curl did not finish: " + cmd);
    }
    return new Result(p.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "read failed: " + e;
          }
        });
  }
}
