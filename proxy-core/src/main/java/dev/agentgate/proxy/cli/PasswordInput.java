package dev.agentgate.proxy.cli;

import dev.agentgate.proxy.identity.Bcrypt;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads a new password: twice without echo on a terminal, else the first line of stdin. */
final class PasswordInput {

  private final Console console;
  private final InputStream stdin;

  PasswordInput(Console console, InputStream stdin) {
    this.console = console;
    this.stdin = stdin;
  }

  /**
   * The password; the caller wipes it.
   *
   * @throws IllegalArgumentException when the two prompted entries differ
   */
  char[] read(String user) throws IOException {
    if (console != null) {
      char[] first = console.readPassword("Password for %s: ", user);
      char[] second = first == null ? null : console.readPassword("Repeat the password: ");
      if (first == null || second == null) {
        return new char[0];
      }
      boolean same = Arrays.equals(first, second);
      Arrays.fill(second, '\0');
      if (!same) {
        Arrays.fill(first, '\0');
        throw new IllegalArgumentException("the two passwords differ; nothing was changed");
      }
      return first;
    }
    return firstLine();
  }

  private char[] firstLine() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    int b;
    while ((b = stdin.read()) != -1 && b != '\n') {
      bytes.write(b);
    }
    byte[] raw = bytes.toByteArray();
    int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw, 0, length));
      char[] password = new char[chars.remaining()];
      chars.get(password);
      Arrays.fill(chars.array(), '\0');
      return password;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the password on standard input is not UTF-8", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Why {@code password} cannot be used, or {@code null}. */
  static String problem(char[] password) {
    if (password.length == 0) {
      return "empty password; nothing was changed";
    }
    if (Bcrypt.utf8Length(password) > Bcrypt.MAX_PASSWORD_BYTES) {
      return "password longer than "
          + Bcrypt.MAX_PASSWORD_BYTES
          + " bytes (bcrypt ignores the rest); nothing was changed";
    }
    return null;
  }
}
