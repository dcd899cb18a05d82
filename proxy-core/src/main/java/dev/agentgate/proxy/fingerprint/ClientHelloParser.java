package dev.agentgate.proxy.fingerprint;

import java.nio.ByteBuffer;

/**
 * Bytes to a {@link ClientHello}. Reads the buffer between its position and limit with absolute
 * gets, so the caller's buffer is never moved, and never throws: every outcome is a {@link
 * ParseResult}.
 *
 * <p>The proxy calls {@link #parseRecords} each time more bytes of a tunnel arrive. {@code NotTls}
 * is decided from the first bytes (the first one to three), so a non-TLS tunnel is recognised on
 * its first read; {@code NeedMoreBytes} means the records so far are a valid prefix of a hello. A
 * hello that needs no reassembly is read in place; only a hello split over several records is
 * copied once.
 */
public final class ClientHelloParser {

  /** The largest handshake message (4-byte header plus body) accepted as a ClientHello. */
  public static final int MAX_HELLO_BYTES = 64 * 1024;

  /**
   * The most record bytes (headers included) read while the hello is still incomplete: a hello cut
   * into absurdly many small records is refused as {@code TooLarge}, so a caller never buffers more
   * than this before getting an answer.
   */
  public static final int MAX_RECORD_STREAM_BYTES = MAX_HELLO_BYTES + 8 * 1024;

  static final int MAX_RECORD_LENGTH = 1 << 14;
  private static final int RECORD_HEADER = 5;
  private static final int HANDSHAKE_HEADER = 4;
  private static final int CONTENT_HANDSHAKE = 0x16;
  private static final int CLIENT_HELLO = 0x01;

  private ClientHelloParser() {}

  /**
   * TLS record form: one or more handshake records carrying the hello, as TCP delivers them. Bytes
   * after the hello (the rest of its last record, later records) are ignored. Never throws; does
   * not move the buffer's position.
   */
  public static ParseResult parseRecords(ByteBuffer bytes) {
    if (bytes == null) {
      return new ParseResult.Malformed("no buffer");
    }
    try {
      return records(bytes, bytes.position(), bytes.limit());
    } catch (RuntimeException e) {
      // A safety net, not a code path: the fuzz test asserts it is never taken.
      return defect(e);
    }
  }

  /**
   * Bare handshake message form ({@code 01} + 3-byte length + body), as a QUIC CRYPTO stream yields
   * it. Bytes after the message are ignored. Never throws; does not move the position.
   */
  public static ParseResult parseHandshake(ByteBuffer bytes) {
    if (bytes == null) {
      return new ParseResult.Malformed("no buffer");
    }
    try {
      return handshake(bytes, bytes.position(), bytes.limit());
    } catch (RuntimeException e) {
      return defect(e);
    }
  }

  /**
   * Either form, told apart by the first byte ({@code 16}: a record, {@code 01}: a handshake
   * message), for input of unknown origin such as the command line's.
   */
  public static ParseResult parse(ByteBuffer bytes) {
    if (bytes == null || !bytes.hasRemaining()) {
      return parseRecords(bytes);
    }
    return bytes.get(bytes.position()) == CLIENT_HELLO
        ? parseHandshake(bytes)
        : parseRecords(bytes);
  }

  private static ParseResult handshake(ByteBuffer b, int start, int end) {
    int available = end - start;
    if (available < 1) {
      return ParseResult.NEED_MORE_BYTES;
    }
    if ((b.get(start) & 0xff) != CLIENT_HELLO) {
      return ParseResult.NOT_TLS;
    }
    if (available < HANDSHAKE_HEADER) {
      return ParseResult.NEED_MORE_BYTES;
    }
    int bodyLength = u24(b, start + 1);
    if (bodyLength > MAX_HELLO_BYTES - HANDSHAKE_HEADER) {
      return ParseResult.TOO_LARGE;
    }
    if (available - HANDSHAKE_HEADER < bodyLength) {
      return ParseResult.NEED_MORE_BYTES;
    }
    return HelloBodyParser.parse(b, start + HANDSHAKE_HEADER, bodyLength);
  }

  private static ParseResult records(ByteBuffer b, int start, int end) {
    int p = start;
    int header = 0; // the handshake header, gathered byte by byte: it may straddle records
    int headerBytes = 0;
    int total = -1; // handshake message length including its header, once known
    int have = 0; // handshake bytes available so far
    for (int record = 0; ; record++) {
      ParseResult bad = recordHeader(b, p, end, record == 0);
      if (bad != null) {
        return bad;
      }
      int length = u16(b, p + 3);
      if (length == 0) {
        return new ParseResult.Malformed("empty handshake record");
      }
      if (length > MAX_RECORD_LENGTH) {
        return new ParseResult.Malformed("record longer than 2^14 bytes: " + length);
      }
      int fragment = p + RECORD_HEADER;
      int fragmentAvailable = Math.min(length, end - fragment);
      for (int i = 0; headerBytes < HANDSHAKE_HEADER && i < fragmentAvailable; i++) {
        int v = b.get(fragment + i) & 0xff;
        if (headerBytes == 0 && v != CLIENT_HELLO) {
          return new ParseResult.Malformed("first handshake message is type " + v + ", not 1");
        }
        header = (header << 8) | v;
        headerBytes++;
      }
      if (total < 0 && headerBytes == HANDSHAKE_HEADER) {
        int bodyLength = header & 0xffffff;
        if (bodyLength > MAX_HELLO_BYTES - HANDSHAKE_HEADER) {
          return ParseResult.TOO_LARGE;
        }
        total = HANDSHAKE_HEADER + bodyLength;
      }
      have += fragmentAvailable;
      if (total >= 0 && have >= total) {
        return record == 0
            ? HelloBodyParser.parse(b, fragment + HANDSHAKE_HEADER, total - HANDSHAKE_HEADER)
            : reassembled(b, start, total);
      }
      if (fragmentAvailable < length) {
        return ParseResult.NEED_MORE_BYTES;
      }
      p = fragment + length;
      if (p - start > MAX_RECORD_STREAM_BYTES) {
        return ParseResult.TOO_LARGE;
      }
    }
  }

  /**
   * Checks one record header at {@code p}: null when it is a complete, plausible handshake record
   * header. In the first record a wrong byte means "not TLS"; in a later one the stream is TLS, so
   * it is malformed.
   */
  private static ParseResult recordHeader(ByteBuffer b, int p, int end, boolean first) {
    int available = end - p;
    if (available < 1) {
      return ParseResult.NEED_MORE_BYTES;
    }
    int type = b.get(p) & 0xff;
    if (type != CONTENT_HANDSHAKE) {
      return first
          ? ParseResult.NOT_TLS
          : new ParseResult.Malformed("record of type " + type + " inside the ClientHello");
    }
    for (int i = 1; i <= 2; i++) {
      if (available <= i) {
        return ParseResult.NEED_MORE_BYTES;
      }
      int v = b.get(p + i) & 0xff;
      if (i == 1 ? v != 3 : v > 4) {
        return first
            ? ParseResult.NOT_TLS
            : new ParseResult.Malformed("bad record version inside the ClientHello");
      }
    }
    return available < RECORD_HEADER ? ParseResult.NEED_MORE_BYTES : null;
  }

  /** Copies a hello that spans records into one array (headers already validated) and parses it. */
  private static ParseResult reassembled(ByteBuffer b, int start, int total) {
    byte[] message = new byte[total];
    int copied = 0;
    for (int p = start; copied < total; ) {
      int length = u16(b, p + 3);
      int n = Math.min(length, total - copied);
      b.get(p + RECORD_HEADER, message, copied, n);
      copied += n;
      p += RECORD_HEADER + length;
    }
    return HelloBodyParser.parse(
        ByteBuffer.wrap(message), HANDSHAKE_HEADER, total - HANDSHAKE_HEADER);
  }

  private static ParseResult defect(RuntimeException e) {
    return new ParseResult.Malformed("parser defect: " + e);
  }

  private static int u16(ByteBuffer b, int p) {
    return ((b.get(p) & 0xff) << 8) | (b.get(p + 1) & 0xff);
  }

  private static int u24(ByteBuffer b, int p) {
    return ((b.get(p) & 0xff) << 16) | u16(b, p + 1);
  }
}
