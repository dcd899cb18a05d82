package dev.agentgate.proxy.fingerprint;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The parts of a TLS ClientHello that fingerprints and policy use. Values are as on the wire,
 * GREASE included (JA3 and JA4 drop it themselves); a list whose extension is absent is empty.
 *
 * <p>The accessors return copies of the arrays, so a value handed out never changes. The canonical
 * constructor takes ownership of the arrays it is given without copying them (the parser builds
 * fresh ones for each hello, and a copy would double its allocation); whoever constructs one must
 * not change them afterwards. Code in this package reads them without copying.
 *
 * @param legacyVersion the hello's own {@code legacy_version} (never the record header's)
 * @param ciphers cipher suites in wire order
 * @param extensions extension types in wire order
 * @param supportedGroups {@code supported_groups} (0x000a) in wire order
 * @param pointFormats {@code ec_point_formats} (0x000b) in wire order
 * @param signatureAlgorithms {@code signature_algorithms} (0x000d) in wire order (never the 0x0032
 *     {@code signature_algorithms_cert} list)
 * @param supportedVersions {@code supported_versions} (0x002b) in wire order
 * @param sni the first {@code host_name} of {@code server_name} (0x0000) as sent (printable ASCII,
 *     case kept), or {@code null} when the extension is absent
 * @param alpn the ALPN (0x0010) protocol names in wire order, one char per byte (ISO-8859-1), so
 *     odd names such as {@code "\u00ab"} keep their exact bytes
 * @param quic true when {@code quic_transport_parameters} (0x0039) is present (JA4's {@code q})
 */
public record ClientHello(
    int legacyVersion,
    int[] ciphers,
    int[] extensions,
    int[] supportedGroups,
    int[] pointFormats,
    int[] signatureAlgorithms,
    int[] supportedVersions,
    String sni,
    List<String> alpn,
    boolean quic) {

  public static final int EXT_SERVER_NAME = 0x0000;
  public static final int EXT_SUPPORTED_GROUPS = 0x000a;
  public static final int EXT_EC_POINT_FORMATS = 0x000b;
  public static final int EXT_SIGNATURE_ALGORITHMS = 0x000d;
  public static final int EXT_ALPN = 0x0010;
  public static final int EXT_SUPPORTED_VERSIONS = 0x002b;
  public static final int EXT_QUIC_TRANSPORT_PARAMETERS = 0x0039;

  public ClientHello {
    Objects.requireNonNull(ciphers, "ciphers");
    Objects.requireNonNull(extensions, "extensions");
    Objects.requireNonNull(supportedGroups, "supportedGroups");
    Objects.requireNonNull(pointFormats, "pointFormats");
    Objects.requireNonNull(signatureAlgorithms, "signatureAlgorithms");
    Objects.requireNonNull(supportedVersions, "supportedVersions");
    alpn = List.copyOf(alpn); // no copy when it already is an immutable list, as the parser's is
  }

  /** True when an extension of this type is present (its contents may be empty). */
  public boolean hasExtension(int type) {
    for (int e : extensions) {
      if (e == type) {
        return true;
      }
    }
    return false;
  }

  /**
   * The highest version the client offers: the highest non-GREASE {@code supported_versions} value,
   * else {@link #legacyVersion()}. This is the version JA4 reports.
   */
  public int maxVersion() {
    int best = -1;
    for (int v : supportedVersions) {
      if (!Grease.is(v) && v > best) {
        best = v;
      }
    }
    return best < 0 ? legacyVersion : best;
  }

  @Override
  public int[] ciphers() {
    return ciphers.clone();
  }

  @Override
  public int[] extensions() {
    return extensions.clone();
  }

  @Override
  public int[] supportedGroups() {
    return supportedGroups.clone();
  }

  @Override
  public int[] pointFormats() {
    return pointFormats.clone();
  }

  @Override
  public int[] signatureAlgorithms() {
    return signatureAlgorithms.clone();
  }

  @Override
  public int[] supportedVersions() {
    return supportedVersions.clone();
  }

  // Uncopied views for the fingerprint functions of this package, which only read them.

  int[] ciphersView() {
    return ciphers;
  }

  int[] extensionsView() {
    return extensions;
  }

  int[] supportedGroupsView() {
    return supportedGroups;
  }

  int[] pointFormatsView() {
    return pointFormats;
  }

  int[] signatureAlgorithmsView() {
    return signatureAlgorithms;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientHello h
        && legacyVersion == h.legacyVersion
        && quic == h.quic
        && Arrays.equals(ciphers, h.ciphers)
        && Arrays.equals(extensions, h.extensions)
        && Arrays.equals(supportedGroups, h.supportedGroups)
        && Arrays.equals(pointFormats, h.pointFormats)
        && Arrays.equals(signatureAlgorithms, h.signatureAlgorithms)
        && Arrays.equals(supportedVersions, h.supportedVersions)
        && Objects.equals(sni, h.sni)
        && alpn.equals(h.alpn);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(legacyVersion, quic, sni, alpn);
    h = 31 * h + Arrays.hashCode(ciphers);
    h = 31 * h + Arrays.hashCode(extensions);
    h = 31 * h + Arrays.hashCode(supportedGroups);
    h = 31 * h + Arrays.hashCode(pointFormats);
    h = 31 * h + Arrays.hashCode(signatureAlgorithms);
    return 31 * h + Arrays.hashCode(supportedVersions);
  }

  @Override
  public String toString() {
    return "ClientHello[legacyVersion="
        + Hex.u16(legacyVersion)
        + ", ciphers="
        + Hex.u16List(ciphers)
        + ", extensions="
        + Hex.u16List(extensions)
        + ", supportedGroups="
        + Hex.u16List(supportedGroups)
        + ", pointFormats="
        + Arrays.toString(pointFormats)
        + ", signatureAlgorithms="
        + Hex.u16List(signatureAlgorithms)
        + ", supportedVersions="
        + Hex.u16List(supportedVersions)
        + ", sni="
        + sni
        + ", alpn="
        + alpn
        + ", quic="
        + quic
        + "]";
  }
}
