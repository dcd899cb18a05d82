package dev.agentgate.proxy.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The ClientHello test vectors in {@code src/test/resources/tls-clienthello/} (see its README). */
final class TlsVectors {
  static final String DIR = "/tls-clienthello/";

  /** One real ClientHello and the fingerprints the references (or the spec) give for it. */
  record Vector(
      String id,
      String transport,
      Set<String> tags,
      String basis,
      byte[] record,
      byte[] handshake,
      Map<String, String> expected,
      JsonNode meta) {

    boolean tcp() {
      return record != null;
    }

    @Override
    public String toString() {
      return id;
    }
  }

  private static final List<Vector> ALL = load();

  private TlsVectors() {}

  static List<Vector> all() {
    return ALL;
  }

  static List<Vector> tcp() {
    return ALL.stream().filter(Vector::tcp).toList();
  }

  static Vector byId(String id) {
    return ALL.stream()
        .filter(v -> v.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no vector " + id));
  }

  static ByteBuffer buffer(byte[] bytes) {
    return ByteBuffer.wrap(bytes);
  }

  private static List<Vector> load() {
    try (InputStream in = TlsVectors.class.getResourceAsStream(DIR + "tls_vectors.json")) {
      if (in == null) {
        throw new IllegalStateException("tls_vectors.json missing from test resources");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<Vector> out = new ArrayList<>();
      HexFormat hex = HexFormat.of();
      for (JsonNode n : root) {
        Map<String, String> expected = new LinkedHashMap<>();
        n.get("expected")
            .fields()
            .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
        Set<String> tags = new TreeSet<>();
        n.get("tags").forEach(t -> tags.add(t.asText()));
        JsonNode record = n.get("record_hex");
        out.add(
            new Vector(
                n.get("id").asText(),
                n.get("transport").asText(),
                tags,
                n.get("expected_basis").asText(),
                record == null || record.isNull() ? null : hex.parseHex(record.asText()),
                hex.parseHex(n.get("handshake_hex").asText()),
                expected,
                n.get("meta")));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
