package dev.agentgate.proxy.fingerprint;

import java.util.Objects;

/**
 * What {@link ClientHelloParser} made of some bytes. Exactly one of five outcomes; the parser never
 * throws, so a caller switches on the type.
 */
public sealed interface ParseResult
    permits ParseResult.Parsed,
        ParseResult.NotTls,
        ParseResult.NeedMoreBytes,
        ParseResult.TooLarge,
        ParseResult.Malformed {

  /** A complete, well-formed ClientHello. */
  record Parsed(ClientHello hello) implements ParseResult {
    public Parsed {
      Objects.requireNonNull(hello, "hello");
    }
  }

  /**
   * The first bytes are not a TLS handshake record (or not a ClientHello handshake message): for
   * example an HTTP request, SSH banner, SOCKS greeting or an SSLv2-format hello. Decided from the
   * first one to three bytes.
   */
  record NotTls() implements ParseResult {}

  /** The bytes so far are a valid prefix of a ClientHello; read more and parse again. */
  record NeedMoreBytes() implements ParseResult {}

  /**
   * The hello is larger than {@link ClientHelloParser#MAX_HELLO_BYTES}, or it is cut into so many
   * records that they exceed {@link ClientHelloParser#MAX_RECORD_STREAM_BYTES}.
   */
  record TooLarge() implements ParseResult {}

  /** TLS, but not a ClientHello that a server would accept; {@code reason} says what is wrong. */
  record Malformed(String reason) implements ParseResult {
    public Malformed {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Shared instances of the outcomes that carry no data (the parser allocates none for them). */
  ParseResult NOT_TLS = new NotTls();

  ParseResult NEED_MORE_BYTES = new NeedMoreBytes();

  ParseResult TOO_LARGE = new TooLarge();
}
