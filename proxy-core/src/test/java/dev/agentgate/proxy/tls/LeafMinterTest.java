package dev.agentgate.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeafMinterTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final CertificateAuthority ca =
      TestCerts.newCa("minter test CA", Clock.fixed(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC));
  private final LeafMinter minter =
      new LeafMinter(ca, LeafSettings.defaults(), CLOCK, TestCerts.RANDOM);

  @Test
  void dnsLeafCarriesEverythingStrictVerifiersWant() throws Exception {
    X509Certificate leaf = minter.mint(LeafName.parse("api.anthropic.com")).certificate();

    assertThat(leaf.getVersion()).isEqualTo(3);
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=api.anthropic.com");
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(sans(leaf)).containsExactly(List.of(2, "api.anthropic.com"));
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getKeyUsage())
        .as("digitalSignature only")
        .containsExactly(true, false, false, false, false, false, false, false, false);
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
    assertThat(authorityKeyId(leaf)).isEqualTo(subjectKeyId(ca.certificate()));
    assertThat(subjectKeyId(leaf)).isNotNull().isNotEqualTo(subjectKeyId(ca.certificate()));
    assertThat(leaf.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
    assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
    leaf.verify(ca.certificate().getPublicKey());
  }

  @Test
  void validityIsShortAndBackdated() {
    X509Certificate leaf = minter.mint(LeafName.parse("example.com")).certificate();

    assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(24)));
  }

  @Test
  void leafNeverOutlivesItsCa() {
    Instant caCreated = NOW.minus(Duration.ofDays(30)).plus(Duration.ofHours(2));
    CertificateAuthority ending = TestCerts.newCa("ending", Clock.fixed(caCreated, ZoneOffset.UTC));
    LeafMinter late = new LeafMinter(ending, LeafSettings.defaults(), CLOCK, TestCerts.RANDOM);

    MintedLeaf leaf = late.mint(LeafName.parse("example.com"));

    assertThat(leaf.notAfter()).isEqualTo(ending.certificate().getNotAfter().toInstant());
    assertThat(leaf.residency(Duration.ofHours(12))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void expiredCaMintsNothing() {
    LeafMinter future =
        new LeafMinter(
            ca,
            LeafSettings.defaults(),
            Clock.fixed(NOW.plus(Duration.ofDays(60)), ZoneOffset.UTC),
            TestCerts.RANDOM);

    assertThatThrownBy(() -> future.mint(LeafName.parse("example.com")))
        .hasMessageContaining("CA expired");
  }

  @Test
  void ipLiteralsGetAnIpAddressSan() throws Exception {
    assertThat(sans(minter.mint(LeafName.parse("127.0.0.1")).certificate()))
        .containsExactly(List.of(7, "127.0.0.1"));
    X509Certificate v6 = minter.mint(LeafName.parse("[::1]")).certificate();
    assertThat(sans(v6)).hasSize(1);
    assertThat(sans(v6).get(0).get(0)).isEqualTo(7);
    assertThat(v6.getSubjectX500Principal().getName()).isEqualTo("CN=::1");
  }

  @Test
  void namesLongerThanACommonNameAreCertifiedBySanAlone() throws Exception {
    String host = "a".repeat(60) + ".example.com";

    X509Certificate leaf = minter.mint(LeafName.parse(host)).certificate();

    assertThat(leaf.getSubjectX500Principal().getName()).isEmpty();
    assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.17");
    assertThat(sans(leaf)).containsExactly(List.of(2, host));
  }

  @Test
  void serialsAreRandomPositiveAndAtMost128Bits() {
    Set<BigInteger> serials = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      BigInteger serial =
          minter.mint(LeafName.parse("example.com")).certificate().getSerialNumber();
      assertThat(serial.signum()).isPositive();
      assertThat(serial.bitLength()).isLessThanOrEqualTo(128);
      serials.add(serial);
    }
    assertThat(serials).hasSize(50);
    assertThat(serials.stream().mapToInt(BigInteger::bitLength).max().orElseThrow())
        .isGreaterThan(120);
  }

  @Test
  void eachLeafHasItsOwnKey() {
    MintedLeaf a = minter.mint(LeafName.parse("a.example"));
    MintedLeaf b = minter.mint(LeafName.parse("a.example"));

    assertThat(a.certificate().getPublicKey()).isNotEqualTo(b.certificate().getPublicKey());
    assertThat(a.chain()).hasSize(2).endsWith(ca.certificate());
    assertThat(a.toString()).doesNotContain("key=");
  }

  @Test
  void jdkPkixValidatesTheChain() throws Exception {
    MintedLeaf leaf = minter.mint(LeafName.parse("example.com"));
    var path =
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf.certificate()));
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(java.util.Date.from(NOW));

    CertPathValidator.getInstance("PKIX").validate(path, parameters);
  }

  @Test
  void rsaCaSignsWithSha256WithRsa() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair pair = rsa.generateKeyPair();
    CertificateAuthority rsaCa = RsaCa.selfSigned(pair, NOW);
    LeafMinter rsaMinter = new LeafMinter(rsaCa, LeafSettings.defaults(), CLOCK, TestCerts.RANDOM);

    X509Certificate leaf = rsaMinter.mint(LeafName.parse("example.com")).certificate();

    assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
    leaf.verify(pair.getPublic());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "a..b",
        "*.example.com",
        "exa mple.com",
        "-",
        "-a.com",
        "a-.com",
        "a/b",
        "example.com:443"
      })
  void uncertifiableNamesAreRefused(String host) {
    assertThatThrownBy(() -> LeafName.parse(host)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAreCanonical() {
    assertThat(LeafName.parse("API.Example.COM.")).isEqualTo(LeafName.parse("api.example.com"));
    assertThat(LeafName.parse("bücher.example").value()).isEqualTo("xn--bcher-kva.example");
    assertThat(LeafName.parse("[0:0::1]")).isEqualTo(new LeafName("::1", true));
    assertThat(LeafName.parse("x".repeat(63) + ".com")).isNotNull();
    assertThatThrownBy(() -> LeafName.parse("x".repeat(64) + ".com"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<List<?>> sans(X509Certificate cert) throws Exception {
    Collection<List<?>> names = cert.getSubjectAlternativeNames();
    return names == null ? List.of() : new ArrayList<>(names);
  }

  private static byte[] subjectKeyId(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue("2.5.29.14");
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets())
        .getKeyIdentifier();
  }

  private static byte[] authorityKeyId(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue("2.5.29.35");
    AuthorityKeyIdentifier aki =
        AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets());
    assertThat(aki.getAuthorityCertIssuer()).isNull();
    return aki.getKeyIdentifierOctets();
  }
}
