package dev.agentgate.proxy.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates upstream servers are verified against: the system trust store (the JDK's, which
 * on Debian and in the container image is the OS bundle) plus an optional extra PEM bundle (a
 * corporate root, or a test CA). There is deliberately no way to trust everything.
 */
final class TrustAnchors {

  private TrustAnchors() {}

  /** A PKIX trust manager factory over the system roots and the extra bundle, if any. */
  static TrustManagerFactory systemPlus(Path extraBundle) throws TlsConfigException {
    List<X509Certificate> anchors = new ArrayList<>(systemRoots());
    if (extraBundle != null) {
      anchors.addAll(PemFiles.readCertificates(extraBundle, "upstream trust bundle"));
    }
    if (anchors.isEmpty()) {
      throw new TlsConfigException(
          "no trusted root certificates: the system trust store is empty and no extra bundle is"
              + " configured");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < anchors.size(); i++) {
        store.setCertificateEntry("anchor-" + i, anchors.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      return factory;
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsConfigException("cannot build the upstream trust store: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> systemRoots() throws TlsConfigException {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      List<X509Certificate> roots = new ArrayList<>();
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          roots.addAll(List.of(x509.getAcceptedIssuers()));
        }
      }
      return roots;
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException("cannot read the system trust store: " + e.getMessage(), e);
    }
  }
}
