package dev.agentgate.policy.redact.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonStringTokenTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decodesEscapesAndMapsEachCharToWhereItsSpellingStarts() throws Exception {
    byte[] raw = utf8("x\"a\\n\\u00e9é😀\\ud83d\\ude00\\/\"y");
    JsonStringToken t = JsonStringToken.read(raw, 1);
    assertThat(t.text()).isEqualTo("a\né\u00e9😀😀/");
    // a, \n, \u00e9 (6 bytes), é (2 bytes), 😀 (4 bytes: both halves at its start), \ud83d, \ude00,
    // \/
    assertThat(
            new int[] {
              t.offset(0),
              t.offset(1),
              t.offset(2),
              t.offset(3),
              t.offset(4),
              t.offset(5),
              t.offset(6),
              t.offset(7),
              t.offset(8)
            })
        .containsExactly(2, 3, 5, 11, 13, 13, 17, 23, 29);
    assertThat(t.closingQuote()).isEqualTo(31);
    assertThat(raw[t.closingQuote()]).isEqualTo((byte) '"');
  }

  @Test
  void agreesWithJacksonOnRandomStrings() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Random r = new Random(1);
    for (int i = 0; i < 500; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = r.nextInt(60); k > 0; k--) {
        int kind = r.nextInt(5);
        b.appendCodePoint(
            switch (kind) {
              case 0 -> r.nextInt(0x20);
              case 1 -> 0x20 + r.nextInt(0x5f);
              case 2 -> 0x80 + r.nextInt(0x700);
              case 3 -> 0x800 + r.nextInt(0xd000);
              default -> 0x10000 + r.nextInt(0x10000);
            });
      }
      String s = b.toString();
      byte[] json = mapper.writeValueAsBytes(s);
      JsonStringToken t = JsonStringToken.read(json, 0);
      assertThat(t.text()).isEqualTo(s);
      assertThat(t.closingQuote()).isEqualTo(json.length - 1);
    }
  }

  @Test
  void rejectsMalformedStrings() {
    for (byte[] bad :
        new byte[][] {
          utf8("\"abc"),
          utf8("\"a\\x\""),
          utf8("\"\\u12G4\""),
          {'"', 0x01, '"'},
          {'"', (byte) 0xc0, (byte) 0xaf, '"'},
          {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},
          {'"', (byte) 0xe2, (byte) 0x82, '"'},
          {'"', (byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'},
        }) {
      assertThatThrownBy(() -> JsonStringToken.read(bad, 0))
          .isInstanceOf(UninspectableException.class);
    }
  }
}
