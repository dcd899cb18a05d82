package dev.agentgate.proxy.fingerprint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a ClientHello body (after the four-byte handshake header) from absolute positions of a
 * buffer. Strict about framing, as a TLS server is: every length must agree with its container, the
 * extensions this package decodes must be well formed and appear at most once. Extensions it does
 * not decode are only listed. Failures are returned as a reason, never thrown.
 */
final class HelloBodyParser {
  private static final int[] NONE = new int[0];
  private static final int MAX_SESSION_ID = 32;
  private static final int MAX_HOST_NAME = 255;

  private final ByteBuffer buf;
  private String error;
  private int[] supportedGroups = NONE;
  private int[] pointFormats = NONE;
  private int[] signatureAlgorithms = NONE;
  private int[] supportedVersions = NONE;
  private String sni;
  private List<String> alpn = List.of();
  private boolean quic;
  private int seen; // bit per decoded extension, to refuse duplicates

  private HelloBodyParser(ByteBuffer buf) {
    this.buf = buf;
  }

  /** Parses {@code len} body bytes at absolute index {@code off}. */
  static ParseResult parse(ByteBuffer buf, int off, int len) {
    return new HelloBodyParser(buf).body(off, off + len);
  }

  private ParseResult body(int p, int end) {
    if (end - p < 2 + 32 + 1) {
      return malformed("ClientHello shorter than its version, random and session id");
    }
    int legacyVersion = u16(p);
    p += 2 + 32;
    int sessionIdLength = u8(p++);
    if (sessionIdLength > MAX_SESSION_ID || sessionIdLength > end - p) {
      return malformed("bad session id length " + sessionIdLength);
    }
    p += sessionIdLength;
    if (end - p < 2) {
      return malformed("no cipher suites length");
    }
    int cipherBytes = u16(p);
    p += 2;
    if ((cipherBytes & 1) != 0 || cipherBytes > end - p) {
      return malformed("bad cipher suites length " + cipherBytes);
    }
    int[] ciphers = u16s(p, cipherBytes / 2);
    p += cipherBytes;
    if (end - p < 1) {
      return malformed("no compression methods");
    }
    int compressionMethods = u8(p++);
    if (compressionMethods == 0 || compressionMethods > end - p) {
      return malformed("bad compression methods length " + compressionMethods);
    }
    p += compressionMethods;
    int[] extensions = NONE;
    if (p != end) { // a hello without an extensions block is legal (TLS 1.0 / SSL 3 style)
      extensions = extensions(p, end);
      if (extensions == null) {
        return malformed(error);
      }
    }
    return new ParseResult.Parsed(
        new ClientHello(
            legacyVersion,
            ciphers,
            extensions,
            supportedGroups,
            pointFormats,
            signatureAlgorithms,
            supportedVersions,
            sni,
            alpn,
            quic));
  }

  /** Lists the extension types and decodes the ones fingerprints use; null (and error) if bad. */
  private int[] extensions(int p, int end) {
    if (end - p < 2) {
      return fail("truncated extensions length");
    }
    int blockLength = u16(p);
    p += 2;
    if (blockLength != end - p) {
      return fail(
          blockLength > end - p ? "extensions overrun the ClientHello" : "bytes after extensions");
    }
    int count = 0;
    for (int q = p; q < end; count++) {
      if (end - q < 4) {
        return fail("truncated extension header");
      }
      q += 4 + u16(q + 2);
      if (q > end) {
        return fail("extension overruns the extensions block");
      }
    }
    int[] types = new int[count];
    for (int i = 0; i < count; i++) {
      int type = u16(p);
      int length = u16(p + 2);
      types[i] = type;
      if (!decode(type, p + 4, length)) {
        return null;
      }
      p += 4 + length;
    }
    return types;
  }

  private boolean decode(int type, int p, int len) {
    int bit =
        switch (type) {
          case ClientHello.EXT_SERVER_NAME -> 1;
          case ClientHello.EXT_SUPPORTED_GROUPS -> 2;
          case ClientHello.EXT_EC_POINT_FORMATS -> 4;
          case ClientHello.EXT_SIGNATURE_ALGORITHMS -> 8;
          case ClientHello.EXT_ALPN -> 16;
          case ClientHello.EXT_SUPPORTED_VERSIONS -> 32;
          case ClientHello.EXT_QUIC_TRANSPORT_PARAMETERS -> 64;
          default -> 0;
        };
    if (bit == 0) {
      return true;
    }
    if ((seen & bit) != 0) {
      return failed("duplicate extension " + Hex.u16(type));
    }
    seen |= bit;
    switch (type) {
      case ClientHello.EXT_SERVER_NAME:
        return serverName(p, len);
      case ClientHello.EXT_SUPPORTED_GROUPS:
        return (supportedGroups = u16Vector(p, len, "supported_groups")) != null;
      case ClientHello.EXT_EC_POINT_FORMATS:
        return (pointFormats = u8Vector(p, len)) != null;
      case ClientHello.EXT_SIGNATURE_ALGORITHMS:
        return (signatureAlgorithms = u16Vector(p, len, "signature_algorithms")) != null;
      case ClientHello.EXT_ALPN:
        return alpn(p, len);
      case ClientHello.EXT_SUPPORTED_VERSIONS:
        return (supportedVersions = versions(p, len)) != null;
      default:
        quic = true;
        return true;
    }
  }

  /** RFC 6066 server_name_list: keeps the (single) host_name, skips other name types. */
  private boolean serverName(int p, int len) {
    if (len < 2 || u16(p) != len - 2 || len == 2) {
      return failed("bad server_name list length");
    }
    int end = p + len;
    for (p += 2; p < end; ) {
      if (end - p < 3) {
        return failed("truncated server_name entry");
      }
      int nameType = u8(p);
      int nameLength = u16(p + 1);
      p += 3;
      if (nameLength > end - p) {
        return failed("server_name entry overruns the list");
      }
      if (nameType == 0) {
        if (sni != null) {
          return failed("two host_name entries in server_name");
        }
        if (nameLength == 0 || nameLength > MAX_HOST_NAME || !printableAscii(p, nameLength)) {
          return failed("server_name host_name is not a printable ASCII name of 1..255 bytes");
        }
        sni = latin1(p, nameLength);
      }
      p += nameLength;
    }
    return true;
  }

  /** RFC 7301 protocol_name_list. Empty names are kept: JA4 gives them the code 00. */
  private boolean alpn(int p, int len) {
    if (len < 2 || u16(p) != len - 2) {
      return failed("bad ALPN list length");
    }
    int end = p + len;
    int count = 0;
    for (int q = p + 2; q < end; count++) {
      q += 1 + u8(q);
      if (q > end) {
        return failed("ALPN protocol name overruns the list");
      }
    }
    String[] names = new String[count];
    int q = p + 2;
    for (int i = 0; i < count; i++) {
      int n = u8(q);
      names[i] = latin1(q + 1, n);
      q += 1 + n;
    }
    alpn =
        switch (count) {
          case 0 -> List.of();
          case 1 -> List.of(names[0]);
          case 2 -> List.of(names[0], names[1]);
          default -> List.of(names);
        };
    return true;
  }

  /** A 2-byte-length-prefixed list of 16-bit values filling the extension. */
  private int[] u16Vector(int p, int len, String name) {
    if (len < 2 || u16(p) != len - 2 || (len & 1) != 0) {
      return fail("bad " + name + " length");
    }
    return u16s(p + 2, (len - 2) / 2);
  }

  /** supported_versions in a ClientHello: a 1-byte-length-prefixed list of 16-bit versions. */
  private int[] versions(int p, int len) {
    if (len < 1 || u8(p) != len - 1 || ((len - 1) & 1) != 0) {
      return fail("bad supported_versions length");
    }
    return u16s(p + 1, (len - 1) / 2);
  }

  /** ec_point_formats: a 1-byte-length-prefixed list of bytes. */
  private int[] u8Vector(int p, int len) {
    if (len < 1 || u8(p) != len - 1) {
      return fail("bad ec_point_formats length");
    }
    int[] out = new int[len - 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = u8(p + 1 + i);
    }
    return out;
  }

  private int[] u16s(int p, int count) {
    if (count == 0) {
      return NONE;
    }
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = u16(p + 2 * i);
    }
    return out;
  }

  private boolean printableAscii(int p, int len) {
    for (int i = 0; i < len; i++) {
      int c = u8(p + i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private String latin1(int p, int len) {
    if (buf.hasArray()) {
      return new String(buf.array(), buf.arrayOffset() + p, len, StandardCharsets.ISO_8859_1);
    }
    byte[] copy = new byte[len];
    buf.get(p, copy);
    return new String(copy, StandardCharsets.ISO_8859_1);
  }

  private int u8(int p) {
    return buf.get(p) & 0xff;
  }

  private int u16(int p) {
    return ((buf.get(p) & 0xff) << 8) | (buf.get(p + 1) & 0xff);
  }

  private int[] fail(String reason) {
    error = reason;
    return null;
  }

  private boolean failed(String reason) {
    error = reason;
    return false;
  }

  private ParseResult malformed(String reason) {
    return new ParseResult.Malformed(reason);
  }
}
