package dev.reconciler.web;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.web.security.Guard;
import dev.reconciler.web.security.Session;
import dev.reconciler.web.security.Sessions;
import dev.reconciler.web.security.Users;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The login form (name and password against [web] users) and logout. */
final class Login {
  private static final Logger log = LoggerFactory.getLogger(Login.class);

  private final Sessions sessions;
  private final Users users;
  private final Guard guard;
  private final Pages pages;

  Login(Sessions sessions, Users users, Guard guard, Pages pages) {
    this.sessions = sessions;
    this.users = users;
    this.guard = guard;
    this.pages = pages;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.get("/login", ctx -> form(ctx, Guard.safeNext(ctx.queryParam("next")), null));
    cfg.routes.post("/login", this::login);
    cfg.routes.post("/logout", this::logout);
  }

  private void form(Context ctx, String next, String error) {
    pages.show(ctx, "login", "Log in", new Views.Login(next, error));
  }

  private void login(Context ctx) {
    String next = Guard.safeNext(ctx.formParam("next"));
    if (!users.any()) {
      ctx.status(403);
      form(ctx, next, "No [web] users are configured. " + Guard.HOW_TO_ADD_A_USER);
      return;
    }
    String name = ctx.formParam("name");
    Settings.WebUser user = users.check(name, ctx.formParam("password"));
    if (user == null) {
      log.warn(
          "Web login refused for '{}' from {}",
          SafeText.line(String.valueOf(name), 64),
          SafeText.line(ctx.ip(), 64));
      ctx.status(401);
      form(ctx, next, "Wrong name or password.");
      return;
    }
    Session s = sessions.login(ctx.attribute(Guard.SESSION), user.name(), user.role());
    guard.setCookie(ctx, s);
    log.info("Web login: {} ({}) from {}", user.name(), user.role(), SafeText.line(ctx.ip(), 64));
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    Session s = ctx.attribute(Guard.SESSION);
    if (s != null) {
      sessions.logout(s);
      log.info("Web logout: {}", SafeText.line(String.valueOf(s.user()), 64));
    }
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }
}
