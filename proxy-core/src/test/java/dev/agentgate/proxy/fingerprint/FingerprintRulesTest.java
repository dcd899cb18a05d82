package dev.agentgate.proxy.fingerprint;

import static dev.agentgate.proxy.fingerprint.TlsVectorsTest.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.fingerprint.TlsVectors.Vector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The string-level vectors and the JA3 / JA4 rules no real hello in the set exercises. */
class FingerprintRulesTest {
  private static final Vector CHROME = TlsVectors.byId("foxio_tls_handshake_f125");

  record StringVector(String kind, String input, String expected, String source) {
    @Override
    public String toString() {
      return kind + " " + (input.length() > 40 ? input.substring(0, 40) + "..." : input);
    }
  }

  static List<StringVector> stringVectors() throws IOException {
    try (var in =
            FingerprintRulesTest.class.getResourceAsStream(TlsVectors.DIR + "string_vectors.tsv");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .skip(1)
          .filter(l -> !l.isBlank())
          .map(l -> l.split("\t", -1))
          .map(f -> new StringVector(f[0], f[1], f[2], f[3]))
          .toList();
    }
  }

  @Test
  void allStringVectorsAreLoaded() throws IOException {
    assertThat(stringVectors()).hasSize(29);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stringVectors")
  void stringVector(StringVector v) {
    String actual =
        switch (v.kind()) {
          case "ja4_r->ja4", "ja4_ro->ja4_o" -> Ja4.hashRaw(v.input());
          case "sha256_12" -> Ja4.hash12(v.input());
          case "ja3_full->ja3" -> Ja3.md5(v.input());
          case "alpn_first_value->ja4_alpn_chars" ->
              Ja4.alpnCode(v.input().equals("(none)") ? null : HexFormat.of().parseHex(v.input()));
          default -> throw new IllegalArgumentException("unknown kind " + v.kind());
        };
    assertThat(actual).as(v.source()).isEqualTo(v.expected());
  }

  @Test
  void greaseSignatureAlgorithmsAreDropped() {
    ClientHello plain = hello(HelloBytes.of(CHROME.handshake()));
    HelloBytes greased = HelloBytes.of(CHROME.handshake());
    int[] sigs = plain.signatureAlgorithms();
    int[] withGrease = IntStream.concat(IntStream.of(0x0a0a), IntStream.of(sigs)).toArray();
    greased.set(0x000d, HelloBytes.u16List(withGrease));
    ClientHello h = hello(greased);
    assertThat(h.signatureAlgorithms()).startsWith(0x0a0a);
    assertThat(Ja4.ja4(h)).isEqualTo(CHROME.expected().get("ja4"));
    assertThat(Ja4.ja4ro(h)).isEqualTo(CHROME.expected().get("ja4_ro"));
  }

  @Test
  void countsAreCappedAt99AndGreaseIsNotCounted() {
    HelloBytes h = HelloBytes.of(CHROME.handshake());
    h.ciphers = IntStream.range(0, 120).map(i -> 0x1000 + i).toArray();
    for (int i = 0; i < 100; i++) {
      h.add(0x3000 + i, new byte[0]);
    }
    assertThat(Ja4.ja4(hello(h))).startsWith("t13d9999h2_");
    HelloBytes few = HelloBytes.of(CHROME.handshake());
    few.ciphers = new int[] {0x2a2a, 0x1301, 0xfafa};
    assertThat(Ja4.ja4(hello(few))).startsWith("t13d0115h2_");
    assertThat(Ja3.full(hello(few))).startsWith("771,4865,");
  }

  @Test
  void anEmptyCipherListHashesToZeros() {
    HelloBytes h = HelloBytes.of(CHROME.handshake());
    h.ciphers = new int[0];
    ClientHello hello = hello(h);
    assertThat(Ja4.ja4(hello)).startsWith("t13d0015h2_000000000000_");
    assertThat(Ja4.ja4r(hello)).startsWith("t13d0015h2__");
  }

  @ParameterizedTest
  @CsvSource({
    "0303, '', 12",
    "0303, 0304, 13",
    "0303, 0a0a0304, 13",
    "0303, 03030304fafa, 13",
    "0303, 0a0a, 12",
    "0301, 0302, 11",
    "0300, '', s3",
    "0002, '', s2",
    "feff, '', d1",
    "fefd, '', d2",
    "fefc, '', d3",
    "0305, '', 00",
    "0303, 7f1c, 00",
  })
  void versionIsTheHighestNonGreaseSupportedVersionElseLegacy(
      String legacy, String supported, String code) {
    HelloBytes h = HelloBytes.of(CHROME.handshake()).remove(0x002b);
    h.legacyVersion = Integer.parseInt(legacy, 16);
    if (!supported.isEmpty()) {
      byte[] list = HexFormat.of().parseHex(supported);
      h.add(0x002b, HelloBytes.concat(new byte[] {(byte) list.length}, list));
    }
    assertThat(Ja4.ja4(hello(h)).substring(1, 3)).isEqualTo(code);
  }

  @Test
  void sigAlgsCertIsNeverTheSignatureList() {
    HelloBytes h = HelloBytes.of(CHROME.handshake()).remove(0x000d);
    h.add(0x0032, HelloBytes.u16List(0x0403, 0x0804));
    ClientHello hello = hello(h);
    assertThat(hello.signatureAlgorithms()).isEmpty();
    // No signature algorithms: the raw c part has no trailing underscore.
    assertThat(Ja4.ja4r(hello)).endsWith(",0032,0033,4469,ff01");
  }

  @Test
  void quicIsTheTransportParametersExtension() {
    ClientHello h = hello(HelloBytes.of(CHROME.handshake()).add(0x0039, new byte[] {1, 2}));
    assertThat(h.quic()).isTrue();
    assertThat(Ja4.ja4(h)).startsWith("q13d1516h2_");
  }

  @Test
  void theValueIsImmutable() {
    ClientHello h = hello(HelloBytes.of(CHROME.handshake()));
    h.ciphers()[0] = 0;
    h.extensions()[0] = 0;
    assertThat(Ja4.ja4(h)).isEqualTo(CHROME.expected().get("ja4"));
    assertThat(h).isEqualTo(hello(HelloBytes.of(CHROME.handshake())));
    assertThat(h.hashCode()).isEqualTo(hello(HelloBytes.of(CHROME.handshake())).hashCode());
    assertThat(h.toString()).contains("sni=" + CHROME.meta().get("sni").asText(), "1301, 1302");
  }

  private static ClientHello hello(HelloBytes h) {
    return parsed(ClientHelloParser.parseHandshake(ByteBuffer.wrap(h.handshake())));
  }
}
