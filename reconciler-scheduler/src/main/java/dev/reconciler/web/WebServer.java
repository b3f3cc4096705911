package dev.reconciler.web;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.web.security.Guard;
import dev.reconciler.web.security.Refusal;
import dev.reconciler.web.security.Sessions;
import dev.reconciler.web.security.Users;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.queue.TaskQueue;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console and /metrics: Javalin on Jetty, bound to [web] bind (127.0.0.1:8088 by default),
 * with TLS when [web] tls_keystore is set. Started by {@code reconciler web} or inside a worker
 * ({@code worker --web}); {@link #close} stops it.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  private final Javalin app;
  private final String scheme;

  private WebServer(Javalin app, String scheme) {
    this.app = app;
    this.scheme = scheme;
  }

  /**
   * Starts the console on {@code host:port} (port 0: a free one).
   *
   * @throws UserError when the address cannot be bound
   */
  public static WebServer start(
      Settings settings, TaskQueue queue, RunStore runs, Clock clock, String host, int port) {
    Settings.Web web = settings.web();
    Sessions sessions = new Sessions(web.session(), clock);
    Users users = new Users(web);
    Guard guard = new Guard(web, sessions, users);
    ConsoleData data = new ConsoleData(settings, queue, runs, clock);
    Pages pages = new Pages(data, new Templates(), users.any(), web.refreshSeconds());
    Actions actions =
        new Actions(new TaskClient(queue, settings, clock), queue, pages, settings, clock);
    Login login = new Login(sessions, users, guard, pages);
    Javalin app =
        Javalin.create(
            cfg -> {
              configure(cfg, web, host, port);
              cfg.routes.before(guard::check);
              pages.routes(cfg);
              actions.routes(cfg);
              login.routes(cfg);
              cfg.routes.get("/metrics", new MetricsEndpoint(settings, queue, runs, clock));
              cfg.routes.error(404, "*", pages::notFound);
              cfg.routes.exception(Refusal.class, pages::refused);
              cfg.routes.exception(Exception.class, pages::failed);
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      if (causedByBind(e)) {
        throw new UserError(
            "cannot listen on "
                + host
                + ":"
                + port
                + " ([web] bind or --bind): the port is in use or not allowed");
      }
      throw e;
    }
    String scheme = web.tlsKeystore() != null ? "https" : "http";
    WebServer server = new WebServer(app, scheme);
    log.info(
        "Web console at {}://{}:{}/ ({})",
        scheme,
        host.contains(":") ? "[" + host + "]" : host,
        server.port(),
        users.any()
            ? web.users().size() + " user(s)"
            : "no [web] users: read-only, local clients only");
    return server;
  }

  private static void configure(JavalinConfig cfg, Settings.Web web, String host, int port) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.http.maxRequestSize = 64 * 1024;
    cfg.staticFiles.add(
        sf -> {
          sf.hostedPath = "/static";
          sf.directory = "/dev/reconciler/web/static";
          sf.location = Location.CLASSPATH;
        });
    cfg.staticFiles.enableWebjars();
    if (web.tlsKeystore() == null) {
      cfg.jetty.host = host;
      cfg.jetty.port = port;
    } else {
      cfg.jetty.addConnector((server, http) -> tls(server, http, web, host, port));
    }
  }

  /** An HTTPS connector from the PKCS12 keystore; plain HTTP is not served at all then. */
  private static ServerConnector tls(
      Server server, HttpConfiguration http, Settings.Web web, String host, int port) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(web.tlsKeystore().toAbsolutePath().toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(web.tlsKeystorePassword());
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer());
    ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }

  /** The port it listens on (the one taken, when 0 was asked for). */
  public int port() {
    return app.port();
  }

  /** Its base URL, e.g. http://127.0.0.1:8088. */
  public String url(String host) {
    return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
