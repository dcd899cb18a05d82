package dev.agentgate.proxy.fingerprint;

import static dev.agentgate.proxy.fingerprint.TlsVectorsTest.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentgate.proxy.fingerprint.TlsVectors.Vector;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code tunnel_prefix} vectors were captured where TLS starts after a proxy handshake (an HTTP
 * CONNECT, a SOCKS exchange). The client's byte stream there is not TLS until the prefix is gone:
 * the parser must say so on the first byte, and parse the hello once the caller skips the prefix,
 * as the proxy does after answering CONNECT.
 */
class TunnelPrefixTest {

  static Stream<Arguments> prefixed() {
    byte[] connect =
        "CONNECT www.example.com:443 HTTP/1.1\r\nHost: www.example.com:443\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    // SOCKS5: greeting (no auth) then CONNECT to a domain name and port 443.
    byte[] socks5 =
        HexFormat.of().parseHex("050100" + "050100030f7777772e6578616d706c652e636f6d01bb");
    // SOCKS4a: CONNECT port 443, address 0.0.0.1, empty user id, then the host name.
    byte[] socks4 = HexFormat.of().parseHex("040101bb0000000100" + "6578616d706c652e636f6d00");
    return Stream.of(
        Arguments.of(TlsVectors.byId("foxio_https_connect_f8"), connect),
        Arguments.of(TlsVectors.byId("foxio_socks_https_example_f38"), socks5),
        Arguments.of(TlsVectors.byId("foxio_socks_https_example_f71"), socks4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("prefixed")
  void aProxyHandshakeIsNotTlsAndTheHelloAfterItParses(Vector v, byte[] prefix) {
    assertThat(v.tags()).contains("tunnel_prefix");
    byte[] stream = HelloBytes.concat(prefix, v.record());
    assertThat(ClientHelloParser.parseRecords(ByteBuffer.wrap(stream, 0, 1)))
        .isInstanceOf(ParseResult.NotTls.class);
    assertThat(ClientHelloParser.parse(ByteBuffer.wrap(stream)))
        .isInstanceOf(ParseResult.NotTls.class);

    ByteBuffer afterPrefix = ByteBuffer.wrap(stream).position(prefix.length);
    ClientHello hello = parsed(ClientHelloParser.parseRecords(afterPrefix));
    assertThat(Ja4.ja4(hello)).isEqualTo(v.expected().get("ja4"));
    assertThat(Ja3.md5(hello)).isEqualTo(v.expected().get("ja3"));
    assertThat(afterPrefix.position()).isEqualTo(prefix.length);
  }
}
