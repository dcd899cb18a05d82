package dev.agentgate.policy.redact;

import dev.agentgate.policy.redact.body.UninspectableException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict text decoding for text bodies: malformed input is uninspectable rather than silently
 * replaced, which also guarantees that re-encoding reproduces every untouched byte.
 */
final class TextCodec {

  private final Charset charset;

  private TextCodec(Charset charset) {
    this.charset = charset;
  }

  /**
   * UTF-8 when no charset is given (what agents send); US-ASCII, ISO-8859-1 and UTF-8 otherwise.
   */
  static TextCodec forCharset(String name) throws UninspectableException {
    if (name == null || name.equals("utf-8") || name.equals("utf8")) {
      return new TextCodec(StandardCharsets.UTF_8);
    }
    if (name.equals("us-ascii") || name.equals("ascii")) {
      return new TextCodec(StandardCharsets.US_ASCII);
    }
    if (name.equals("iso-8859-1") || name.equals("latin1")) {
      return new TextCodec(StandardCharsets.ISO_8859_1);
    }
    throw new UninspectableException("text charset " + name + " is not supported");
  }

  String decode(byte[] bytes) throws UninspectableException {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UninspectableException("body is not valid " + charset.name() + " text");
    }
  }

  byte[] encode(String text) throws UninspectableException {
    try {
      ByteBuffer out =
          charset
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[out.remaining()];
      out.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new UninspectableException("redacted text cannot be encoded as " + charset.name());
    }
  }
}
