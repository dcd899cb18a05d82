package dev.agentgate.policy.redact;

import dev.agentgate.policy.redact.RedactorSpec.OnFinding;
import dev.agentgate.policy.redact.RedactorSpec.OnUninspectable;
import dev.agentgate.policy.redact.body.BodyDecoder;
import dev.agentgate.policy.redact.body.JsonRedactor;
import dev.agentgate.policy.redact.body.MediaType;
import dev.agentgate.policy.redact.body.TextRedactor;
import dev.agentgate.policy.redact.body.UninspectableException;
import dev.agentgate.policy.redact.detect.BuiltInDetectors;
import dev.agentgate.policy.redact.detect.CustomPatternDetector;
import dev.agentgate.policy.redact.detect.Detector;
import dev.agentgate.policy.redact.detect.MarkerDetector;
import dev.agentgate.policy.redact.detect.SecretScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * A working redactor, compiled once from a policy's {@link RedactorSpec}; immutable and safe to
 * share between threads. {@link #redact} is CPU-bound (milliseconds per 100 KB): run it off an
 * event loop.
 *
 * <p>A body is decoded (Content-Encoding gzip, x-gzip, deflate, br, zstd), then read by its
 * Content-Type: JSON bodies are recognised by API shape ({@link ApiShape}) and only their content
 * strings are rewritten, in place, leaving every other byte as it was; other JSON has every string
 * value scanned; text bodies are scanned whole; anything else is uninspectable. A rewritten body is
 * returned uncompressed (see {@link RedactionResult}).
 */
public final class Redactor {

  private final RedactorSpec spec;
  private final JsonRedactor json;
  private final TextRedactor text;

  /**
   * Compiles {@code spec}.
   *
   * @throws IllegalArgumentException if it names a detector that is not built in
   */
  public Redactor(RedactorSpec spec) {
    this.spec = spec;
    List<Detector> detectors = new ArrayList<>(BuiltInDetectors.forNames(spec.detectors()));
    spec.patterns().forEach(p -> detectors.add(new CustomPatternDetector(p.name(), p.pattern())));
    spec.markers().forEach(m -> detectors.add(new MarkerDetector(m)));
    SecretScanner scanner = new SecretScanner(detectors);
    this.json = new JsonRedactor(scanner);
    this.text = new TextRedactor(scanner);
  }

  public RedactorSpec spec() {
    return spec;
  }

  /**
   * Inspects and, if needed, rewrites one request body.
   *
   * @param contentType the request's Content-Type, or null
   * @param contentEncoding the request's Content-Encoding, or null
   * @param body the body as received (possibly compressed)
   */
  public RedactionResult redact(String contentType, String contentEncoding, byte[] body) {
    if (body == null || body.length == 0) {
      return RedactionResult.unchanged(null);
    }
    int max = spec.maxBodyBytes();
    if (body.length > max) {
      return uninspectable("body of " + body.length + " bytes exceeds max_body_bytes " + max);
    }
    try {
      byte[] decoded = BodyDecoder.decode(contentEncoding, body, max);
      MediaType type = MediaType.parse(contentType);
      return switch (type.kind()) {
        case JSON -> redactJson(type, decoded);
        case TEXT -> redactText(type, decoded);
        case UNKNOWN ->
            looksLikeJson(decoded) ? redactJson(type, decoded) : redactText(type, decoded);
        case OPAQUE ->
            throw new UninspectableException("content type " + type + " is not inspectable");
      };
    } catch (UninspectableException e) {
      return uninspectable(e.getMessage());
    }
  }

  /**
   * A result for a body the caller cannot hand over (for example a signed request whose signature a
   * rewrite would break), with {@code on_uninspectable} applied.
   */
  public RedactionResult uninspectable(String reason) {
    return RedactionResult.uninspectable(reason, spec.onUninspectable() == OnUninspectable.BLOCK);
  }

  private RedactionResult redactJson(MediaType type, byte[] decoded) throws UninspectableException {
    String cs = type.charset();
    if (cs != null && !cs.equals("utf-8") && !cs.equals("utf8") && !cs.equals("us-ascii")) {
      throw new UninspectableException("JSON charset " + cs + " is not supported");
    }
    ApiShape shape = json.shapeOf(decoded);
    FindingCollector findings = new FindingCollector();
    byte[] rewritten = json.redact(decoded, shape, findings);
    return conclude(shape, findings, rewritten);
  }

  private RedactionResult redactText(MediaType type, byte[] decoded) throws UninspectableException {
    TextCodec codec = TextCodec.forCharset(type.charset());
    String original = codec.decode(decoded);
    FindingCollector findings = new FindingCollector();
    String rewritten = text.redact(original, findings);
    return conclude(ApiShape.TEXT, findings, rewritten == null ? null : codec.encode(rewritten));
  }

  private RedactionResult conclude(ApiShape shape, FindingCollector findings, byte[] rewritten) {
    if (findings.isEmpty()) {
      return RedactionResult.unchanged(shape);
    }
    if (spec.onFinding() == OnFinding.BLOCK) {
      return RedactionResult.blocked(findings.findings(), shape);
    }
    return RedactionResult.redacted(rewritten, findings.findings(), shape);
  }

  private static boolean looksLikeJson(byte[] b) {
    for (byte x : b) {
      if (x == ' ' || x == '\t' || x == '\r' || x == '\n') {
        continue;
      }
      return x == '{' || x == '[';
    }
    return false;
  }
}
