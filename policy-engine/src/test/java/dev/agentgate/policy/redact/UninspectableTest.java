package dev.agentgate.policy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.policy.redact.RedactionResult.Outcome;
import dev.agentgate.policy.redact.RedactorSpec.OnFinding;
import dev.agentgate.policy.redact.RedactorSpec.OnUninspectable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UninspectableTest {

  private static final int MAX = 4096;

  private static Redactor redactor(OnUninspectable on) {
    return new Redactor(
        new RedactorSpec("t", List.of("all"), List.of(), List.of(), OnFinding.REDACT, on, MAX));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(data);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Arguments> cases() {
    byte[] bomb = gzip(new byte[MAX * 50]);
    return List.of(
        Arguments.of(
            "too large",
            "application/json",
            null,
            utf8("{\"a\":\"" + "x".repeat(MAX) + "\"}"),
            "exceeds max_body_bytes"),
        Arguments.of(
            "decodes too large",
            "application/json",
            "gzip",
            bomb,
            "decoded body exceeds max_body_bytes"),
        Arguments.of(
            "unknown encoding",
            "application/json",
            "compress",
            utf8("{}"),
            "unsupported content-encoding compress"),
        Arguments.of(
            "corrupt gzip",
            "application/json",
            "gzip",
            utf8("not gzip at all"),
            "corrupt gzip body"),
        Arguments.of(
            "corrupt zstd",
            "application/json",
            "zstd",
            utf8("not zstd at all"),
            "corrupt zstd body"),
        Arguments.of("corrupt br", "application/json", "br", utf8("not brotli"), "corrupt br body"),
        Arguments.of(
            "truncated JSON",
            "application/json",
            null,
            utf8("{\"messages\":[{\"content\":\"hi"),
            "not valid JSON"),
        Arguments.of(
            "JSON with a comment",
            "application/json",
            null,
            utf8("{/* c */\"a\":1}"),
            "not valid JSON"),
        Arguments.of(
            "two JSON values",
            "application/json",
            null,
            utf8("{\"a\":1} {\"b\":2}"),
            "not valid JSON"),
        Arguments.of(
            "JSON garbage after", "application/json", null, utf8("{\"a\":1} x"), "not valid JSON"),
        Arguments.of(
            "JSON bad UTF-8 in content",
            "application/json",
            null,
            new byte[] {
              '{',
              '"',
              'i',
              'n',
              's',
              't',
              'r',
              'u',
              'c',
              't',
              'i',
              'o',
              'n',
              's',
              '"',
              ':',
              '"',
              (byte) 0xc3,
              '(',
              '"',
              '}'
            },
            "not valid JSON"),
        Arguments.of(
            "JSON in UTF-16",
            "application/json; charset=utf-16",
            null,
            utf8("{}"),
            "charset utf-16"),
        Arguments.of(
            "text bad UTF-8",
            "text/plain",
            null,
            new byte[] {'a', (byte) 0xff, 'b'},
            "not valid UTF-8"),
        Arguments.of(
            "binary type",
            "application/octet-stream",
            null,
            new byte[] {1, 2, 3},
            "not inspectable"),
        Arguments.of(
            "protobuf", "application/connect+proto", null, new byte[] {1, 2, 3}, "not inspectable"),
        Arguments.of(
            "multipart",
            "multipart/form-data; boundary=x",
            null,
            utf8("--x\r\n"),
            "not inspectable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isUninspectableWithAReasonAndRefusedByDefault(
      String why, String type, String enc, byte[] body, String reason) {
    RedactionResult r = redactor(OnUninspectable.BLOCK).redact(type, enc, body);
    assertThat(r.outcome()).as(why).isEqualTo(Outcome.UNINSPECTABLE);
    assertThat(r.reason()).contains(reason);
    assertThat(r.refused()).isTrue();
    assertThat(r.body()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void onUninspectableAllowPassesItOn(
      String why, String type, String enc, byte[] body, String reason) {
    RedactionResult r = redactor(OnUninspectable.ALLOW).redact(type, enc, body);
    assertThat(r.outcome()).as(why).isEqualTo(Outcome.UNINSPECTABLE);
    assertThat(r.refused()).isFalse();
  }

  @Test
  void reasonNeverQuotesTheBody() {
    String secretish = "zz_UNIQUE_CONTENT_zz";
    RedactionResult r =
        redactor(OnUninspectable.BLOCK)
            .redact("application/json", null, utf8("{\"a\": " + secretish + "}"));
    assertThat(r.outcome()).isEqualTo(Outcome.UNINSPECTABLE);
    assertThat(r.toString()).doesNotContain(secretish);
  }

  @Test
  void callerCanDeclareABodyUninspectable() {
    RedactionResult r =
        redactor(OnUninspectable.BLOCK).uninspectable("request body is signed (SigV4)");
    assertThat(r.outcome()).isEqualTo(Outcome.UNINSPECTABLE);
    assertThat(r.refused()).isTrue();
  }

  @Test
  void emptyBodyIsUnchanged() {
    assertThat(
            redactor(OnUninspectable.BLOCK).redact("application/json", null, new byte[0]).outcome())
        .isEqualTo(Outcome.UNCHANGED);
  }
}
