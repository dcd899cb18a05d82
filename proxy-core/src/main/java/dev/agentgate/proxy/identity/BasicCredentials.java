package dev.agentgate.proxy.identity;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A decoded {@code Proxy-Authorization: Basic} value (RFC 7617, UTF-8). {@link #toString()} never
 * shows the password.
 */
public final class BasicCredentials {

  private final String user;
  private final String password;

  private BasicCredentials(String user, String password) {
    this.user = user;
    this.password = password;
  }

  /**
   * Parses a header value.
   *
   * @return the credentials, or {@code null} when the value is not well-formed Basic credentials
   */
  public static BasicCredentials parse(String headerValue) {
    if (headerValue == null) {
      return null;
    }
    String value = headerValue.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Basic")) {
      return null;
    }
    String decoded;
    try {
      byte[] bytes = Base64.getDecoder().decode(value.substring(space + 1).strip());
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return null; // not base64 or not UTF-8: treated as bad credentials by the caller
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  public String user() {
    return user;
  }

  /** The password in clear: hand it only to the bcrypt check and the keyed cache hash. */
  String password() {
    return password;
  }

  @Override
  public String toString() {
    return "BasicCredentials[user=" + user + "]";
  }
}
