package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.RedisUrl;
import dev.reconciler.core.domain.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.embedded.RedisServer;

/**
 * rediss:// against a real Redis serving TLS with a certificate for "localhost" only, trusted by
 * this JVM: reached as 127.0.0.1 (a name the certificate does not list) the handshake must fail,
 * unless [redis] verify_hostname is off; reached as localhost it succeeds.
 */
class RedisTlsIT {
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static RedisServer server;
  private static int tlsPort;
  private static SSLContext previousDefault;

  @BeforeAll
  static void startTlsRedis() throws Exception {
    KeyStore store = certificateFor("localhost");
    Certificate certificate = store.getCertificate("redis");
    Path cert = pem(dir.resolve("redis.crt"), "CERTIFICATE", certificate.getEncoded());
    Path key =
        pem(
            dir.resolve("redis.key"),
            "PRIVATE KEY",
            store.getKey("redis", STORE_PASSWORD).getEncoded());
    tlsPort = LoopbackPorts.free();
    Path data = Files.createDirectories(dir.resolve("data"));
    server =
        RedisServer.newRedisServer()
            .port(LoopbackPorts.free())
            .bind("127.0.0.1")
            .setting("tls-port " + tlsPort)
            .setting("tls-cert-file " + cert)
            .setting("tls-key-file " + key)
            .setting("tls-auth-clients no")
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("dir " + data)
            .onShutdownForceStop(true)
            .build();
    server.start();
    // Jedis takes the JVM's default TLS trust; make it trust this one certificate.
    previousDefault = SSLContext.getDefault();
    SSLContext.setDefault(trusting(certificate));
  }

  @AfterAll
  static void stop() throws IOException {
    if (previousDefault != null) {
      SSLContext.setDefault(previousDefault);
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void aCertificateForAnotherNameIsRefusedByDefault() {
    try (RedisConnector connector = new RedisConnector("rediss://127.0.0.1:" + tlsPort, 2_000, 1)) {
      assertThatThrownBy(() -> connector.with(j -> j.ping()))
          .isInstanceOf(JedisConnectionException.class)
          .hasMessageStartingWith(
              "Redis at 127.0.0.1:"
                  + tlsPort
                  + " sent a TLS certificate that does not name 127.0.0.1");
    }
  }

  @Test
  void aCertificateForAnotherNameIsAConfigurationErrorAtStartNamingHostPortAndTheOptOut() {
    try (RedisConnector connector = new RedisConnector("rediss://127.0.0.1:" + tlsPort, 2_000, 1)) {
      assertThatThrownBy(connector::checkAtStart)
          .isInstanceOf(UserError.class)
          .hasMessage(
              "Redis at 127.0.0.1:"
                  + tlsPort
                  + " sent a TLS certificate that does not name 127.0.0.1: connect by a name the"
                  + " certificate lists, or set [redis] verify_hostname = false to accept a"
                  + " trusted certificate for any name");
    }
  }

  @Test
  void aCertificateThisJvmDoesNotTrustIsAConfigurationErrorAtStart() throws Exception {
    SSLContext trusting = SSLContext.getDefault();
    SSLContext.setDefault(previousDefault);
    try (RedisConnector connector = new RedisConnector("rediss://localhost:" + tlsPort, 2_000, 1)) {
      assertThatThrownBy(connector::checkAtStart)
          .isInstanceOf(UserError.class)
          .hasMessageStartingWith(
              "Redis at localhost:" + tlsPort + " sent a TLS certificate this JVM does not trust (")
          .hasMessageEndingWith(
              "): add its CA to the JVM's trust store (javax.net.ssl.trustStore in"
                  + " RECONCILER_OPTS)")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    } finally {
      SSLContext.setDefault(trusting);
    }
  }

  @Test
  void aCertificateNamingTheHostIsAccepted() {
    try (RedisConnector connector = new RedisConnector("rediss://localhost:" + tlsPort, 2_000, 1)) {
      assertThat(connector.<String>with(j -> j.ping())).isEqualTo("PONG");
    }
  }

  @Test
  void turningVerificationOffAcceptsATrustedCertificateForAnotherName() {
    RedisUrl url = RedisUrl.parse("rediss://127.0.0.1:" + tlsPort);
    try (RedisConnector connector = new RedisConnector(url, 2_000, 1, false)) {
      assertThat(connector.<String>with(j -> j.ping())).isEqualTo("PONG");
    }
  }

  @Test
  void theClientConfigAsksForHttpsStyleHostnameChecksOnlyForRediss() {
    JedisClientConfig verified =
        RedisConnector.clientConfig(RedisUrl.parse("rediss://h:6380"), 1_000, true);
    assertThat(verified.isSsl()).isTrue();
    assertThat(verified.getSslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    JedisClientConfig optedOut =
        RedisConnector.clientConfig(RedisUrl.parse("rediss://h:6380"), 1_000, false);
    assertThat(optedOut.getSslParameters().getEndpointIdentificationAlgorithm()).isNull();
    assertThat(RedisConnector.clientConfig(RedisUrl.parse("redis://h"), 1_000, true).isSsl())
        .isFalse();
  }

  /** A self-signed EC key pair whose certificate names only {@code host}, made by keytool. */
  private static KeyStore certificateFor(String host) throws Exception {
    Path file = dir.resolve("redis.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "redis",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + host,
                    "-ext",
                    "SAN=dns:" + host,
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    file.toString(),
                    "-storepass",
                    new String(STORE_PASSWORD)))
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, STORE_PASSWORD);
    }
    return store;
  }

  private static SSLContext trusting(Certificate certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("redis", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static Path pem(Path file, String type, byte[] der) throws IOException {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }
}
