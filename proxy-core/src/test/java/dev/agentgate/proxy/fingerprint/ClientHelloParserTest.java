package dev.agentgate.proxy.fingerprint;

import static dev.agentgate.proxy.fingerprint.TlsVectorsTest.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.fingerprint.TlsVectors.Vector;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed outcomes of the parser on partial, foreign, oversized and split input. */
class ClientHelloParserTest {
  private static final Vector CHROME = TlsVectors.byId("foxio_tls_handshake_f125");

  static Stream<Vector> tcpVectors() {
    return TlsVectors.tcp().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tcpVectors")
  void everyProperPrefixOfARealHelloNeedsMoreBytes(Vector v) {
    for (byte[] whole : new byte[][] {v.record(), v.handshake()}) {
      for (int n = 0; n < whole.length; n++) {
        ByteBuffer prefix = ByteBuffer.wrap(whole, 0, n);
        assertThat(ClientHelloParser.parse(prefix))
            .as("prefix %d", n)
            .isInstanceOf(ParseResult.NeedMoreBytes.class);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tcpVectors")
  void theTestWriterReproducesEveryVectorByteForByte(Vector v) {
    assertThat(HelloBytes.of(v.handshake()).handshake()).isEqualTo(v.handshake());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "474554202f20485454502f312e310d0a", // GET / HTTP/1.1
        "434f4e4e454354206578616d706c652e636f6d3a34343320", // CONNECT example.com:443
        "5353482d322e302d4f70656e5353485f392e360d0a", // SSH-2.0-OpenSSH_9.6
        "50524f585920544350342031", // PROXY TCP4 1 (proxy protocol v1)
        "050100", // SOCKS5 greeting
        "040101bb7f00000100", // SOCKS4 connect
        "802e0103010015", // SSLv2-format ClientHello
        "1703030010", // TLS application data
        "1503030002", // TLS alert
        "160200", // handshake record with a non-TLS major version
        "160305", // TLS major version, unknown minor
        "16fefd0000", // DTLS 1.2
        "00000000000000",
      })
  void foreignProtocolsAreNotTlsFromTheirFirstThreeBytes(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    int decidedAt = -1;
    for (int n = 1; n <= bytes.length && decidedAt < 0; n++) {
      ParseResult r = ClientHelloParser.parseRecords(ByteBuffer.wrap(bytes, 0, n));
      if (!(r instanceof ParseResult.NeedMoreBytes)) {
        assertThat(r).isInstanceOf(ParseResult.NotTls.class);
        decidedAt = n;
      }
    }
    assertThat(decidedAt).isBetween(1, 3);
  }

  @Test
  void handshakeFormIsNotTlsUnlessItStartsWithAClientHelloType() {
    assertThat(ClientHelloParser.parseHandshake(hex("02000010")))
        .isInstanceOf(ParseResult.NotTls.class);
    assertThat(ClientHelloParser.parse(hex("02000010"))).isInstanceOf(ParseResult.NotTls.class);
    assertThat(ClientHelloParser.parseHandshake(hex("")))
        .isInstanceOf(ParseResult.NeedMoreBytes.class);
    assertThat(ClientHelloParser.parse(hex(""))).isInstanceOf(ParseResult.NeedMoreBytes.class);
  }

  @Test
  void oversizedHellosAreTooLargeAsSoonAsTheirLengthIsKnown() {
    // 4 + 0xfffd > 64 KiB: decided from the headers alone, before any body byte arrives.
    assertThat(ClientHelloParser.parseRecords(hex("160301400001 00fffd")))
        .isInstanceOf(ParseResult.TooLarge.class);
    assertThat(ClientHelloParser.parseHandshake(hex("0100fffd")))
        .isInstanceOf(ParseResult.TooLarge.class);
    assertThat(ClientHelloParser.parseHandshake(hex("01ffffff")))
        .isInstanceOf(ParseResult.TooLarge.class);
    // The largest accepted length is still only waiting for its body.
    assertThat(ClientHelloParser.parseHandshake(hex("0100fffc")))
        .isInstanceOf(ParseResult.NeedMoreBytes.class);
    assertThat(ClientHelloParser.parseRecords(hex("160301400001 00fffc")))
        .isInstanceOf(ParseResult.NeedMoreBytes.class);
  }

  @Test
  void aHelloCutIntoTooManyTinyRecordsIsTooLarge() {
    byte[] handshake = padded(CHROME, 13_000);
    byte[] oneByteRecords = HelloBytes.records(handshake, 1); // 6 record bytes per hello byte
    assertThat(oneByteRecords.length).isGreaterThan(ClientHelloParser.MAX_RECORD_STREAM_BYTES);
    assertThat(ClientHelloParser.parseRecords(ByteBuffer.wrap(oneByteRecords)))
        .isInstanceOf(ParseResult.TooLarge.class);
  }

  @Test
  void aRealHelloInOneByteRecordsParsesToTheSameHello() {
    byte[] oneByteRecords = HelloBytes.records(CHROME.handshake(), 1);
    assertThat(parsed(ClientHelloParser.parseRecords(ByteBuffer.wrap(oneByteRecords))))
        .isEqualTo(parsed(ClientHelloParser.parseHandshake(ByteBuffer.wrap(CHROME.handshake()))));
  }

  @Test
  void theHandshakeHeaderMayStraddleRecords() {
    byte[] h = CHROME.handshake();
    byte[] split = HelloBytes.records(h, 1, 2, 1, 100, h.length - 104);
    assertThat(Ja4.ja4(parsed(ClientHelloParser.parseRecords(ByteBuffer.wrap(split)))))
        .isEqualTo(CHROME.expected().get("ja4"));
  }

  @Test
  void recordLevelErrorsAreMalformed() {
    assertMalformed(ClientHelloParser.parseRecords(hex("1603010000")), "empty handshake record");
    assertMalformed(ClientHelloParser.parseRecords(hex("1603014001")), "longer than 2^14");
    assertMalformed(ClientHelloParser.parseRecords(hex("160301000402000000")), "type 2");
    byte[] h = CHROME.handshake();
    byte[] twoRecords = HelloBytes.records(h, 100, h.length - 100);
    byte[] appData = twoRecords.clone();
    appData[105] = 0x17;
    assertMalformed(ClientHelloParser.parseRecords(ByteBuffer.wrap(appData)), "record of type 23");
    byte[] badVersion = twoRecords.clone();
    badVersion[106] = 0x04;
    assertMalformed(
        ClientHelloParser.parseRecords(ByteBuffer.wrap(badVersion)), "bad record version");
  }

  @Test
  void bytesAfterTheHelloAreIgnored() {
    // The ChangeCipherSpec and early data a TLS 1.3 client may send right after its hello.
    byte[] stream =
        HelloBytes.concat(CHROME.record(), hex("140303000101 1703030005aabbccddee").array());
    assertThat(Ja4.ja4(parsed(ClientHelloParser.parseRecords(ByteBuffer.wrap(stream)))))
        .isEqualTo(CHROME.expected().get("ja4"));
    // A hello that ends inside a record not yet fully arrived is complete.
    byte[] h = CHROME.handshake();
    byte[] longerRecord = HelloBytes.records(HelloBytes.concat(h, new byte[40]), h.length + 40);
    ByteBuffer arrived = ByteBuffer.wrap(longerRecord, 0, longerRecord.length - 40);
    assertThat(Ja4.ja4(parsed(ClientHelloParser.parseRecords(arrived))))
        .isEqualTo(CHROME.expected().get("ja4"));
  }

  @Test
  void theBufferIsReadBetweenPositionAndLimitAndNeverMoved() {
    byte[] record = CHROME.record();
    byte[] framed =
        HelloBytes.concat("junk".getBytes(StandardCharsets.US_ASCII), record, new byte[] {9, 9});
    ByteBuffer heap = ByteBuffer.wrap(framed);
    heap.position(4).limit(4 + record.length);
    ByteBuffer direct =
        ByteBuffer.allocateDirect(framed.length).put(framed).position(4).limit(4 + record.length);
    ByteBuffer sliced = ByteBuffer.wrap(framed).position(4).slice(); // non-zero array offset
    ByteBuffer readOnly = heap.asReadOnlyBuffer();
    for (ByteBuffer b : new ByteBuffer[] {heap, direct, sliced, readOnly}) {
      int position = b.position();
      int limit = b.limit();
      ClientHello hello = parsed(ClientHelloParser.parseRecords(b));
      assertThat(hello.sni()).isEqualTo(CHROME.meta().get("sni").asText());
      assertThat(Ja4.ja4(hello)).isEqualTo(CHROME.expected().get("ja4"));
      assertThat(b.position()).isEqualTo(position);
      assertThat(b.limit()).isEqualTo(limit);
    }
  }

  @Test
  void aHelloWithoutAnExtensionsBlockParses() {
    HelloBytes h = HelloBytes.of(CHROME.handshake());
    h.extensionsBlock = false;
    h.legacyVersion = 0x0301;
    ClientHello hello = parsed(ClientHelloParser.parseHandshake(ByteBuffer.wrap(h.handshake())));
    assertThat(hello.extensions()).isEmpty();
    assertThat(hello.sni()).isNull();
    assertThat(Ja4.ja4(hello)).startsWith("t10i150000_").endsWith("_000000000000");
    assertThat(Ja3.full(hello)).endsWith(",,,");
  }

  @Test
  void bodyFramingErrorsAreMalformedWithAReason() {
    HelloBytes h = HelloBytes.of(CHROME.handshake());
    h.sessionId = new byte[33];
    assertMalformed(handshake(h.body()), "session id");
    assertMalformed(handshake(cut(CHROME, 30)), "shorter than");
    byte[] body = HelloBytes.of(CHROME.handshake()).body();
    assertThat(handshake(body)).isInstanceOf(ParseResult.Parsed.class);
    assertMalformed(handshake(Arrays.copyOf(body, body.length + 1)), "bytes after extensions");
    assertMalformed(handshake(Arrays.copyOf(body, body.length - 1)), "overrun");
    HelloBytes noCompression = HelloBytes.of(CHROME.handshake());
    noCompression.compression = new byte[0];
    assertMalformed(handshake(noCompression.body()), "compression");
  }

  @Test
  void decodedExtensionsMustBeWellFormedAndUnique() {
    assertMalformed(with(0x0000, HelloBytes.sni("a\u0000b.example")), "server_name");
    assertMalformed(with(0x0000, HelloBytes.sni("a b.example")), "server_name");
    assertMalformed(with(0x0000, HelloBytes.sni("caf\u00e9.example")), "server_name");
    assertMalformed(with(0x0000, HelloBytes.sni("")), "server_name");
    assertMalformed(with(0x0000, hex("0000").array()), "server_name");
    byte[] twoNames = hex("0010 000005 612e636f6d 000005 622e636f6d").array();
    assertMalformed(with(0x0000, twoNames), "two host_name");
    assertMalformed(with(0x0010, hex("0004 05683268").array()), "ALPN");
    assertMalformed(with(0x000d, hex("0003040303").array()), "signature_algorithms");
    assertMalformed(with(0x000a, hex("0004001d").array()), "supported_groups");
    assertMalformed(with(0x002b, hex("03030403").array()), "supported_versions");
    assertMalformed(with(0x000b, hex("0200").array()), "ec_point_formats");
    HelloBytes twice =
        HelloBytes.of(CHROME.handshake()).add(0x0000, HelloBytes.sni("other.example"));
    assertMalformed(handshake(twice.body()), "duplicate extension 0000");
    // Extensions the fingerprints only list are not decoded, so any content passes.
    assertThat(with(0x1234, hex("ff").array())).isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  void emptyAlpnNamesAndOtherNameTypesAreKept() {
    ClientHello h =
        parsed(
            with(0x0010, HelloBytes.alpn(new byte[0], "h2".getBytes(StandardCharsets.US_ASCII))));
    assertThat(h.alpn()).containsExactly("", "h2");
    assertThat(Ja4.ja4(h).substring(8, 10)).isEqualTo("00");
    // A server_name list with only a non-host_name entry: the extension counts, the name is null.
    ClientHello other = parsed(with(0x0000, hex("0006 01 0003 616263").array()));
    assertThat(other.sni()).isNull();
    assertThat(other.hasExtension(0)).isTrue();
    assertThat(Ja4.ja4(other).charAt(3)).isEqualTo('d');
  }

  private static ParseResult with(int type, byte[] data) {
    return handshake(HelloBytes.of(CHROME.handshake()).set(type, data).body());
  }

  private static ParseResult handshake(byte[] body) {
    return ClientHelloParser.parseHandshake(ByteBuffer.wrap(HelloBytes.handshake(body)));
  }

  private static byte[] cut(Vector v, int bodyBytes) {
    return Arrays.copyOfRange(v.handshake(), 4, 4 + bodyBytes);
  }

  /** A real hello grown to about {@code size} bytes with a padding extension (0x0015). */
  static byte[] padded(Vector v, int size) {
    HelloBytes h = HelloBytes.of(v.handshake()).remove(0x0015);
    int current = h.handshake().length;
    return h.add(0x0015, new byte[Math.max(0, size - current - 4)]).handshake();
  }

  static ByteBuffer hex(String hex) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
  }

  private static void assertMalformed(ParseResult r, String reasonPart) {
    assertThat(r).isInstanceOf(ParseResult.Malformed.class);
    assertThat(((ParseResult.Malformed) r).reason()).contains(reasonPart);
  }
}
