package dev.agentgate.proxy.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.fingerprint.TlsVectors.Vector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real ClientHello of the vector set gives exactly the fingerprints it lists. */
class TlsVectorsTest {

  static Stream<Vector> vectors() {
    return TlsVectors.all().stream();
  }

  static Stream<Vector> tcpVectors() {
    return TlsVectors.tcp().stream();
  }

  @Test
  void theVectorSetIsComplete() {
    assertThat(TlsVectors.all()).hasSize(127);
    assertThat(TlsVectors.tcp()).hasSize(106);
    assertThat(TlsVectors.all().stream().filter(v -> v.expected().containsKey("ja4"))).hasSize(127);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void handshakeFormGivesEveryExpectedFingerprint(Vector v) {
    ClientHello hello = parsed(ClientHelloParser.parseHandshake(TlsVectors.buffer(v.handshake())));
    assertFingerprints(v, hello);
    assertThat(hello.quic()).isEqualTo(v.transport().equals("quic"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tcpVectors")
  void recordFormParsesToTheSameHello(Vector v) {
    ClientHello fromRecords = parsed(ClientHelloParser.parseRecords(TlsVectors.buffer(v.record())));
    ClientHello fromHandshake =
        parsed(ClientHelloParser.parseHandshake(TlsVectors.buffer(v.handshake())));
    assertThat(fromRecords).isEqualTo(fromHandshake);
    assertThat(parsed(ClientHelloParser.parse(TlsVectors.buffer(v.record()))))
        .isEqualTo(fromHandshake);
    assertFingerprints(v, fromRecords);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void parsedFieldsMatchTheVectorMetadata(Vector v) {
    ClientHello h = parsed(ClientHelloParser.parse(TlsVectors.buffer(v.handshake())));
    HexFormat hex = HexFormat.of();
    assertThat(String.format("%04x", h.legacyVersion()))
        .isEqualTo(v.meta().get("legacy_version").asText());
    String sni = v.meta().path("sni").isNull() ? null : v.meta().path("sni").asText(null);
    assertThat(h.sni()).isEqualTo(sni);
    List<String> alpn = new ArrayList<>();
    v.meta()
        .path("alpn_hex")
        .forEach(a -> alpn.add(new String(hex.parseHex(a.asText()), StandardCharsets.ISO_8859_1)));
    assertThat(h.alpn()).isEqualTo(alpn);
    List<String> versions = new ArrayList<>();
    for (int sv : h.supportedVersions()) {
      versions.add(String.format("%04x", sv));
    }
    List<String> expectedVersions = new ArrayList<>();
    v.meta().path("supported_versions").forEach(x -> expectedVersions.add(x.asText()));
    assertThat(versions).isEqualTo(expectedVersions);
    assertThat(h.ciphers()).hasSize(v.meta().get("n_ciphers_incl_grease").asInt());
    assertThat(h.extensions()).hasSize(v.meta().get("n_ext_incl_grease").asInt());
  }

  private static void assertFingerprints(Vector v, ClientHello hello) {
    var e = v.expected();
    assertThat(Ja4.ja4(hello)).as("ja4").isEqualTo(e.get("ja4"));
    if (e.containsKey("ja4_r")) {
      assertThat(Ja4.ja4r(hello)).as("ja4_r").isEqualTo(e.get("ja4_r"));
    }
    if (e.containsKey("ja4_o")) {
      assertThat(Ja4.ja4o(hello)).as("ja4_o").isEqualTo(e.get("ja4_o"));
    }
    if (e.containsKey("ja4_ro")) {
      assertThat(Ja4.ja4ro(hello)).as("ja4_ro").isEqualTo(e.get("ja4_ro"));
    }
    if (e.containsKey("ja3_full")) {
      assertThat(Ja3.full(hello)).as("ja3_full").isEqualTo(e.get("ja3_full"));
    }
    if (e.containsKey("ja3")) {
      assertThat(Ja3.md5(hello)).as("ja3").isEqualTo(e.get("ja3"));
    }
  }

  static ClientHello parsed(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).hello();
  }
}
