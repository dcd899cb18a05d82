package dev.agentgate.policy.redact;

import static dev.agentgate.policy.redact.RedactionAssertions.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentgate.policy.redact.RedactionResult.Outcome;
import dev.agentgate.policy.redact.RedactorSpec.OnFinding;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compressed bodies are decoded, inspected, and returned uncompressed when rewritten. */
class EncodingsTest {

  private final Redactor redactor = new Redactor(RedactionAssertions.spec(OnFinding.REDACT));
  private final String secret = SecretSamples.githubToken(new Random(12), "ghp_");
  private final byte[] plain = body(secret);

  private static byte[] body(String secret) {
    try {
      ObjectNode root = MAPPER.createObjectNode().put("model", "m").put("system", "s");
      root.putArray("messages").addObject().put("role", "user").put("content", "token " + secret);
      return MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Wrapper {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static byte[] compress(byte[] data, Wrapper w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = w.wrap(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private void assertRedactedFrom(String encoding, byte[] encoded) {
    RedactionResult r = redactor.redact("application/json", encoding, encoded);
    assertThat(r.outcome()).as(encoding).isEqualTo(Outcome.REDACTED);
    String out = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(out)
        .isEqualTo(
            new String(plain, StandardCharsets.UTF_8).replace(secret, "[REDACTED:github-token]"));
  }

  @Test
  void gzip() throws IOException {
    assertRedactedFrom("gzip", compress(plain, GZIPOutputStream::new));
    assertRedactedFrom("x-gzip", compress(plain, GZIPOutputStream::new));
  }

  @Test
  void deflateZlibWrappedAndRaw() throws IOException {
    assertRedactedFrom("deflate", compress(plain, DeflaterOutputStream::new));
    assertRedactedFrom(
        "deflate", compress(plain, o -> new DeflaterOutputStream(o, new Deflater(6, true))));
  }

  @Test
  void zstdFromTheJavaEncoder() throws IOException {
    assertRedactedFrom("zstd", compress(plain, ZstdOutputStream::new));
  }

  @Test
  void zstdFromTheReferenceCli(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("body.json");
    Files.write(in, plain);
    assumeTrue(
        run(dir, "zstd", "-q", "-19", in.toString(), "-o", dir.resolve("body.zst").toString()),
        "zstd CLI not available");
    assertRedactedFrom("zstd", Files.readAllBytes(dir.resolve("body.zst")));
  }

  @Test
  void brotliFromNode(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("body.json");
    Files.write(in, plain);
    Path out = dir.resolve("body.br");
    String script =
        "const z=require('zlib'),f=require('fs');f.writeFileSync(process.argv[2],z.brotliCompressSync(f.readFileSync(process.argv[1])))";
    assumeTrue(run(dir, "node", "-e", script, in.toString(), out.toString()), "node not available");
    assertRedactedFrom("br", Files.readAllBytes(out));
  }

  @Test
  void stackedCodingsAreUndoneInReverseOrder() throws IOException {
    byte[] twice = compress(compress(plain, GZIPOutputStream::new), ZstdOutputStream::new);
    assertRedactedFrom("gzip, zstd", twice);
    assertRedactedFrom("identity", plain);
  }

  @Test
  void cleanCompressedBodyIsUnchanged() throws IOException {
    byte[] clean = body("nothing secret");
    RedactionResult r =
        redactor.redact("application/json", "gzip", compress(clean, GZIPOutputStream::new));
    assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(r.body()).isNull();
  }

  private static boolean run(Path dir, String... cmd) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false; // the tool is not installed: the caller skips
    }
  }
}
