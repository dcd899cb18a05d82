package dev.agentgate.proxy.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** OpenBSD bcrypt through BouncyCastle's lightweight API (no JCA provider is installed). */
public final class Bcrypt {

  /** The cost {@code users add} writes: 2^12 rounds, a few hundred milliseconds per check. */
  public static final int DEFAULT_COST = 12;

  /** bcrypt reads at most this many bytes of a password and silently ignores the rest. */
  public static final int MAX_PASSWORD_BYTES = 72;

  private static final Pattern HASH = Pattern.compile("\\$2[abxy]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

  private Bcrypt() {}

  /** Hashes {@code password} with a fresh random salt. */
  public static String hash(char[] password, int cost, SecureRandom random) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password, salt, cost);
  }

  /** True when {@code password} matches {@code hash}; false also for a malformed hash. */
  public static boolean check(String hash, char[] password) {
    if (!isValidHash(hash)) {
      return false;
    }
    return OpenBSDBCrypt.checkPassword(hash, password);
  }

  /** True when {@code text} is a well-formed bcrypt hash with a cost BouncyCastle accepts. */
  public static boolean isValidHash(String text) {
    if (text == null) {
      return false;
    }
    Matcher m = HASH.matcher(text);
    if (!m.matches()) {
      return false;
    }
    int cost = Integer.parseInt(m.group(1));
    return cost >= 4 && cost <= 31;
  }

  /** The cost of a valid hash. */
  public static int cost(String hash) {
    Matcher m = HASH.matcher(hash);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a bcrypt hash");
    }
    return Integer.parseInt(m.group(1));
  }

  /** The UTF-8 length of a password, which bcrypt truncates at {@link #MAX_PASSWORD_BYTES}. */
  public static int utf8Length(char[] password) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    int length = bytes.remaining();
    Arrays.fill(bytes.array(), (byte) 0);
    return length;
  }
}
