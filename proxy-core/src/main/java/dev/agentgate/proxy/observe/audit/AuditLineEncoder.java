package dev.agentgate.proxy.observe.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes an {@link AuditEvent} as one JSON object in a fixed field order, {@code seq} and {@code
 * prev} first; absent facts are left out. Jackson escapes control characters, so a line never
 * contains a raw newline whatever a client sent.
 */
final class AuditLineEncoder {

  /** A byte buffer whose contents can be read without a copy. */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
      super(1024);
    }

    byte[] bytes() {
      return buf;
    }
  }

  private final LineBuffer out = new LineBuffer();
  // One generator for every line (one thread encodes): creating one per event cost more than the
  // encoding itself. No separator between root values: each line is taken out of the buffer.
  private final JsonGenerator g;
  private long cachedSecond;
  private String secondPrefix;

  AuditLineEncoder() {
    try {
      g = new JsonFactory().setRootValueSeparator(null).createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException("creating an in-memory JSON generator", e);
    }
  }

  /**
   * Encodes the line into the encoder's buffer, valid until the next call.
   *
   * @return its length; the bytes are {@link #buffer()}{@code [0, length)}
   */
  int encode(long seq, String prev, AuditEvent e) {
    out.reset();
    try {
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("prev", prev);
      g.writeStringField("time", time(e.time()));
      g.writeStringField("event", e.type().name().toLowerCase(Locale.ROOT));
      string(g, "conn", e.connection());
      string(g, "client", e.client());
      string(g, "user", e.user());
      strings(g, "groups", e.groups());
      string(g, "host", e.host());
      if (e.port() != null) {
        g.writeNumberField("port", e.port());
      }
      string(g, "resolved", e.resolved());
      string(g, "sni", e.sni());
      strings(g, "alpn", e.alpn());
      string(g, "ja3", e.ja3());
      string(g, "ja4", e.ja4());
      string(g, "agent", e.agent());
      string(g, "confidence", e.confidence() == null ? null : e.confidence().name());
      strings(g, "evidence", e.evidence());
      string(g, "phase", e.phase() == null ? null : e.phase().name());
      string(g, "action", e.action() == null ? null : e.action().name());
      string(g, "rule", e.ruleId());
      string(g, "reason", e.reason());
      if (e.reportMode()) {
        g.writeBooleanField("report_mode", true);
      }
      reports(g, e.reports());
      string(g, "policy_version", e.policyVersion());
      string(g, "policy_hash", e.policyHash());
      number(g, "bytes_up", e.bytesUp());
      number(g, "bytes_down", e.bytesDown());
      number(g, "duration_ms", e.durationMillis());
      string(g, "redaction", e.redaction());
      findings(g, e.findings());
      number(g, "dropped", e.dropped());
      reload(g, e.reload());
      shadow(g, e.shadow());
      g.writeEndObject();
      g.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException("encoding an audit event in memory", ex);
    }
    return out.size();
  }

  /**
   * {@code time.truncatedTo(MILLIS).toString()}, with the formatting of the whole second done once
   * per second rather than once per line (the JDK's ISO formatter was a good part of a line's
   * cost).
   */
  private String time(Instant time) {
    long second = time.getEpochSecond();
    if (second != cachedSecond || secondPrefix == null) {
      String whole = Instant.ofEpochSecond(second).toString(); // "...:SSZ": no fraction
      secondPrefix = whole.substring(0, whole.length() - 1);
      cachedSecond = second;
    }
    int millis = time.getNano() / 1_000_000;
    if (millis == 0) {
      return secondPrefix + "Z";
    }
    char[] fraction = {
      '.', (char) ('0' + millis / 100), (char) ('0' + millis / 10 % 10), (char) ('0' + millis % 10)
    };
    return secondPrefix + new String(fraction) + "Z";
  }

  /** The buffer {@link #encode} wrote into. */
  byte[] buffer() {
    return out.bytes();
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void number(JsonGenerator g, String name, Long value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    if (values.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void reports(JsonGenerator g, List<AuditReport> reports) throws IOException {
    if (reports.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart("reports");
    for (AuditReport r : reports) {
      g.writeStartObject();
      string(g, "rule", r.ruleId());
      string(g, "would", r.wouldHave() == null ? null : r.wouldHave().name());
      string(g, "reason", r.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void reload(JsonGenerator g, AuditReload r) throws IOException {
    if (r == null) {
      return;
    }
    g.writeObjectFieldStart("reload");
    string(g, "role", r.role());
    string(g, "source", r.source());
    string(g, "origin", r.origin());
    string(g, "result", r.result());
    string(g, "hash", r.hash());
    string(g, "previous_version", r.previousVersion());
    g.writeNumberField("error_count", r.errorCount());
    strings(g, "errors", r.errors());
    g.writeEndObject();
  }

  private static void shadow(JsonGenerator g, AuditShadow s) throws IOException {
    if (s == null) {
      return;
    }
    g.writeObjectFieldStart("shadow");
    string(g, "rule", s.ruleId());
    string(g, "action", s.action() == null ? null : s.action().name());
    string(g, "reason", s.reason());
    string(g, "version", s.version());
    string(g, "hash", s.hash());
    g.writeEndObject();
  }

  private static void findings(JsonGenerator g, List<AuditFinding> findings) throws IOException {
    if (findings.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart("findings");
    for (AuditFinding f : findings) {
      g.writeStartObject();
      g.writeStringField("detector", f.detector());
      g.writeStringField("location", f.location());
      g.writeNumberField("count", f.count());
      string(g, "hash", f.shortHash());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
