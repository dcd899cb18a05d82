package dev.agentgate.policy.redact.body;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.agentgate.policy.redact.ApiShape;
import dev.agentgate.policy.redact.FindingCollector;
import dev.agentgate.policy.redact.detect.Match;
import dev.agentgate.policy.redact.detect.SecretScanner;
import java.io.IOException;
import java.util.List;

/**
 * Redacts a JSON body without re-serialising it. Jackson's streaming parser walks the document (and
 * so validates it); at each string value on a content path the raw token is decoded with a
 * byte-offset map, scanned, and the bytes of each secret are replaced by its placeholder. Every
 * byte outside the replaced spans is copied as it was: key order, spacing, number formats and
 * escapes all survive.
 */
public final class JsonRedactor {

  private static final int MAX_DEPTH = 500;

  private final JsonFactory factory;
  private final SecretScanner scanner;

  public JsonRedactor(SecretScanner scanner) {
    this.scanner = scanner;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
  }

  /** Recognises the body's API shape. */
  public ApiShape shapeOf(byte[] json) throws UninspectableException {
    try {
      return ShapeDetector.detect(factory, json);
    } catch (IOException e) {
      throw notJson(e);
    }
  }

  /**
   * Rewrites the content strings of {@code json} that hold secrets.
   *
   * @return the new body, or null when nothing was found
   * @throws UninspectableException when the body is not one valid JSON document
   */
  public byte[] redact(byte[] json, ApiShape shape, FindingCollector findings)
      throws UninspectableException {
    ContentRules rules = ContentRules.forShape(shape);
    ByteSplicer splicer = new ByteSplicer(json);
    JsonStreamContext[] scratch = new JsonStreamContext[MAX_DEPTH + 2];
    try (JsonParser p = factory.createParser(json)) {
      int roots = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        // Jackson accepts several root values in a row; a request body is exactly one.
        JsonStreamContext ctx = p.getParsingContext();
        boolean rootValue =
            t.isStructStart() ? ctx.getParent().inRoot() : !t.isStructEnd() && ctx.inRoot();
        if (rootValue && ++roots > 1) {
          throw new UninspectableException("body is not valid JSON (more than one value)");
        }
        if (t == JsonToken.VALUE_STRING && rules.matches(p.getParsingContext(), scratch)) {
          redactString(p, json, splicer, findings);
        }
      }
    } catch (IOException e) {
      throw notJson(e);
    }
    return splicer.changed() ? splicer.result() : null;
  }

  /**
   * Scans the string value the parser is at. Jackson decodes it (fast, and strict about UTF-8);
   * only a string with findings is read again from the raw bytes to learn where each char came
   * from, and that reading must agree with Jackson's.
   */
  private void redactString(
      JsonParser p, byte[] json, ByteSplicer splicer, FindingCollector findings)
      throws IOException, UninspectableException {
    String text = p.getText();
    List<Match> matches = scanner.scan(text);
    if (matches.isEmpty()) {
      return;
    }
    int quote = Math.toIntExact(p.currentTokenLocation().getByteOffset());
    JsonStringToken token = JsonStringToken.read(json, quote);
    if (!token.text().equals(text)) {
      throw new UninspectableException("body is not valid JSON (string offsets disagree)");
    }
    String path = JsonPaths.of(p.getParsingContext());
    boolean whole = false;
    String wholeType = null;
    for (Match m : matches) {
      findings.add(m.detector(), path, text.substring(m.start(), m.end()));
      if (m.wholeValue() && !whole) {
        whole = true;
        wholeType = m.detector();
      }
    }
    if (whole) {
      splicer.replace(quote + 1, token.closingQuote(), Placeholder.json(wholeType));
      return;
    }
    for (Match m : matches) {
      int start = Placeholder.snapStart(text, m.start());
      int end = Placeholder.snapEnd(text, m.end());
      splicer.replace(token.offset(start), token.offset(end), Placeholder.json(m.detector()));
    }
  }

  private static UninspectableException notJson(IOException e) {
    // Jackson's message can quote body content: keep only the kind of failure.
    String kind = e instanceof JsonProcessingException ? "syntax error" : "read error";
    return new UninspectableException("body is not valid JSON (" + kind + ")");
  }
}
