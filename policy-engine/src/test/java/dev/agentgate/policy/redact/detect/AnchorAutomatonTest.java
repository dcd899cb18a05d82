package dev.agentgate.policy.redact.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnchorAutomatonTest {

  @Test
  void findsTheSameOccurrencesAsANaiveSearchIgnoringCase() {
    List<String> anchors = List.of("ab", "abc", "bca", "c", "xoxb-", "AKIA", "-----BEGIN ", "aaa");
    AnchorAutomaton automaton = new AnchorAutomaton(anchors);
    Random r = new Random(5);
    String alphabet = "abcABCxo-K I\u00e9";
    for (int round = 0; round < 300; round++) {
      StringBuilder b = new StringBuilder();
      for (int i = r.nextInt(200); i > 0; i--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      if (r.nextBoolean()) {
        b.insert(r.nextInt(b.length() + 1), anchors.get(r.nextInt(anchors.size())));
      }
      String text = b.toString();
      List<String> expected = new ArrayList<>();
      String lower = text.toLowerCase(Locale.ROOT);
      for (int id = 0; id < anchors.size(); id++) {
        String a = anchors.get(id).toLowerCase(Locale.ROOT);
        for (int at = lower.indexOf(a); at >= 0; at = lower.indexOf(a, at + 1)) {
          expected.add(id + "@" + at);
        }
      }
      List<String> actual = new ArrayList<>();
      automaton.scan(text, (id, start) -> actual.add(id + "@" + start));
      assertThat(actual).as(text).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
