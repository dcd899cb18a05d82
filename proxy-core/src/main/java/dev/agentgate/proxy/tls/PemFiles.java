package dev.agentgate.proxy.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes PEM certificates and private keys with one-line errors. BouncyCastle parses the
 * PEM; the JDK's default providers build the Java objects (no provider is installed).
 */
public final class PemFiles {

  private PemFiles() {}

  /** Every certificate in a PEM file, in file order; fails if there is none. */
  public static List<X509Certificate> readCertificates(Path file, String what)
      throws TlsConfigException {
    List<X509Certificate> certs = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object item : readObjects(file, what)) {
      if (item instanceof X509CertificateHolder holder) {
        try {
          certs.add(converter.getCertificate(holder));
        } catch (CertificateException e) {
          throw new TlsConfigException(
              what + " " + file + ": unusable certificate: " + e.getMessage(), e);
        }
      }
    }
    if (certs.isEmpty()) {
      throw new TlsConfigException(
          what + " " + file + " holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)");
    }
    return certs;
  }

  /**
   * The one private key in a PEM file: PKCS#8 ({@code BEGIN PRIVATE KEY}), SEC1 ({@code BEGIN EC
   * PRIVATE KEY}, with or without a leading {@code EC PARAMETERS} block) or PKCS#1 ({@code BEGIN
   * RSA PRIVATE KEY}). Encrypted keys are refused with the command that decrypts them.
   */
  public static PrivateKey readPrivateKey(Path file, String what) throws TlsConfigException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    boolean sawCertificate = false;
    for (Object item : readObjects(file, what)) {
      try {
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (item instanceof PEMKeyPair pair) {
          // Only the private part: SEC1 keys may omit the optional public key.
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
      } catch (PEMException e) {
        throw new TlsConfigException(
            what + " " + file + ": unsupported private key: " + oneLine(e), e);
      }
      if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw new TlsConfigException(
            what
                + " "
                + file
                + " is encrypted; agentgate needs it unencrypted (openssl pkey -in "
                + file
                + " -out key.pem), protected by file permissions or a Secret");
      }
      sawCertificate |= item instanceof X509CertificateHolder;
    }
    throw new TlsConfigException(
        what
            + " "
            + file
            + (sawCertificate
                ? " holds a certificate, not a private key"
                : " holds no PEM private key (expected -----BEGIN PRIVATE KEY-----)"));
  }

  /** PEM text of certificates. */
  public static String toPem(List<X509Certificate> certs) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (X509Certificate cert : certs) {
        writer.writeObject(cert);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a certificate as PEM", e);
    }
    return out.toString();
  }

  /** PEM text of a private key in PKCS#8 ({@code BEGIN PRIVATE KEY}), unencrypted. */
  public static String toPem(PrivateKey key) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a private key as PEM", e);
    }
    return out.toString();
  }

  private static List<Object> readObjects(Path file, String what) throws TlsConfigException {
    List<Object> items = new ArrayList<>();
    if (Files.isDirectory(file)) {
      throw new TlsConfigException(what + " " + file + " is a directory, not a PEM file");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        items.add(item);
      }
    } catch (NoSuchFileException e) {
      throw new TlsConfigException(what + " " + file + " not found", e);
    } catch (AccessDeniedException e) {
      throw new TlsConfigException(what + " " + file + " is not readable (permission denied)", e);
    } catch (IOException | RuntimeException e) {
      // PEMParser throws IOException or IllegalArgumentException subtypes on malformed input.
      throw new TlsConfigException(what + " " + file + " is not valid PEM: " + oneLine(e), e);
    }
    return items;
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
