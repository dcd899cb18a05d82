package dev.agentgate.proxy.cli;

import dev.agentgate.proxy.fingerprint.ClientHello;
import dev.agentgate.proxy.fingerprint.ClientHelloParser;
import dev.agentgate.proxy.fingerprint.Ja3;
import dev.agentgate.proxy.fingerprint.Ja4;
import dev.agentgate.proxy.fingerprint.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentgate fingerprint FILE}: the SNI, ALPN, JA3 and JA4 of a ClientHello in a file. */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    description = {
      "Print the SNI, ALPN, JA3 and JA4 of a TLS ClientHello.",
      "FILE holds the hello as hex (whitespace allowed) or raw bytes, either as TLS records"
          + " (16 03 ..., as sent over TCP) or as the bare handshake message (01 ..., as in a QUIC"
          + " CRYPTO stream); both are detected. Exit code 1 when it is not a complete ClientHello."
    })
public final class FingerprintCommand implements Callable<Integer> {
  /** Far more than any hello (64 KiB, twice that as hex): a bigger file is a wrong file. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "hex or binary ClientHello")
  private Path file;

  @Option(
      names = "--raw",
      description = "also print JA4_r, JA4_o and JA4_ro (the lists before hashing, wire order)")
  private boolean raw;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    byte[] content;
    try {
      content = read(file);
    } catch (NoSuchFileException e) {
      return fail(err, "no such file: " + file);
    } catch (IOException e) {
      return fail(err, "cannot read " + file + ": " + CliErrors.reason(file, e));
    }
    if (content == null) {
      return fail(
          err, file + " is over " + MAX_FILE_BYTES + " bytes; a ClientHello is at most 64 KiB");
    }
    byte[] hello;
    try {
      hello = hexOrRaw(content);
    } catch (IllegalArgumentException e) {
      return fail(err, file + ": " + e.getMessage());
    }
    ParseResult result = ClientHelloParser.parse(ByteBuffer.wrap(hello));
    if (result instanceof ParseResult.Parsed parsed) {
      print(spec.commandLine().getOut(), parsed.hello());
      return 0;
    }
    return fail(err, file + ": " + explain(result));
  }

  private void print(PrintWriter out, ClientHello h) {
    line(out, "SNI", h.sni() == null ? "(none)" : h.sni());
    line(out, "ALPN", h.alpn().isEmpty() ? "(none)" : alpn(h.alpn()));
    line(out, "JA3", Ja3.md5(h));
    line(out, "JA3 full", Ja3.full(h));
    line(out, "JA4", Ja4.ja4(h));
    if (raw) {
      line(out, "JA4_r", Ja4.ja4r(h));
      line(out, "JA4_o", Ja4.ja4o(h));
      line(out, "JA4_ro", Ja4.ja4ro(h));
    }
    out.flush();
  }

  private static void line(PrintWriter out, String label, String value) {
    out.printf("%-9s %s%n", label, value);
  }

  /** Protocol names as text, with bytes outside printable ASCII written as {@code \xNN}. */
  private static String alpn(List<String> names) {
    StringBuilder b = new StringBuilder();
    for (String name : names) {
      if (b.length() > 0) {
        b.append(',');
      }
      for (char c : name.toCharArray()) {
        if (c > 0x20 && c < 0x7f && c != ',' && c != '\\') {
          b.append(c);
        } else {
          b.append("\\x").append(HexFormat.of().toHexDigits((byte) c));
        }
      }
    }
    return b.toString();
  }

  private static String explain(ParseResult result) {
    if (result instanceof ParseResult.NotTls) {
      return "not a TLS ClientHello (expected a handshake record 16 03 .. or a message 01 ..)";
    }
    if (result instanceof ParseResult.NeedMoreBytes) {
      return "truncated ClientHello (the bytes end before the hello does)";
    }
    if (result instanceof ParseResult.TooLarge) {
      return "ClientHello larger than " + ClientHelloParser.MAX_HELLO_BYTES + " bytes";
    }
    return "malformed ClientHello: " + ((ParseResult.Malformed) result).reason();
  }

  private static int fail(PrintWriter err, String message) {
    err.println("agentgate fingerprint: " + message);
    err.flush();
    return 1;
  }

  /** The file's bytes, or null when it is over the size limit (read no further than that). */
  private static byte[] read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      return bytes.length > MAX_FILE_BYTES ? null : bytes;
    }
  }

  /**
   * Hex when the file is only hex digits and whitespace (a hello's first byte, 0x16 or 0x01, is
   * never either), else raw bytes.
   */
  static byte[] hexOrRaw(byte[] content) {
    StringBuilder digits = new StringBuilder(content.length);
    for (byte b : content) {
      char c = (char) (b & 0xff);
      if (Character.digit(c, 16) >= 0) {
        digits.append(c);
      } else if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) {
        return content;
      }
    }
    if (digits.length() == 0) {
      return content;
    }
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits (" + digits.length() + ")");
    }
    return HexFormat.of().parseHex(digits);
  }
}
