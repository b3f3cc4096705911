#!/usr/bin/env bash
# Installs Reconciler from a built checkout (run ./mvnw -q -DskipTests package first) as systemd
# services. Idempotent: run it again to upgrade; config.ini and reconciler.env are never
# overwritten.
#
#   sudo deploy/install.sh                  install for real (root)
#   DESTDIR=/tmp/stage deploy/install.sh    stage everything under /tmp/stage: no user is created,
#                                           nothing is chown'ed, systemctl is not run
#
# Environment: DESTDIR (staging root, default none), PREFIX (default /opt/reconciler; the units'
# ExecStart follows it), SERVICE_USER (default reconciler).
set -euo pipefail

readonly DESTDIR="${DESTDIR:-}"
readonly PREFIX="${PREFIX:-/opt/reconciler}"
readonly SERVICE_USER="${SERVICE_USER:-reconciler}"
readonly CONF_DIR=/etc/reconciler
readonly STATE_DIR=/var/lib/reconciler
readonly LOG_DIR=/var/log/reconciler
readonly UNIT_DIR=/etc/systemd/system

src="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
target="$src/reconciler-scheduler/target"

say() { echo "install: $*"; }
die() { echo "install: error: $*" >&2; exit 2; }

# Staging (DESTDIR set) must have no effect outside DESTDIR, so it can run unprivileged in tests.
staging() { [[ -n "$DESTDIR" ]]; }

check_build() {
  app_jar=$(ls "$target"/reconciler-scheduler-*.jar 2>/dev/null | head -n 1 || true)
  [[ -n "$app_jar" ]] || die "no reconciler-scheduler jar in $target: run ./mvnw -q -DskipTests package first"
  compgen -G "$target/lib/*.jar" >/dev/null \
    || die "no dependency jars in $target/lib: run ./mvnw -q -DskipTests package first"
}

check_privileges() {
  if ! staging && [[ $EUID -ne 0 ]]; then
    die "run as root (sudo $0), or set DESTDIR to stage the files without installing"
  fi
}

create_user() {
  if staging; then
    say "DESTDIR set: not creating user $SERVICE_USER"
  elif getent passwd "$SERVICE_USER" >/dev/null; then
    say "user $SERVICE_USER exists"
  else
    useradd --system --user-group --home-dir "$STATE_DIR" --no-create-home --shell /usr/sbin/nologin \
      "$SERVICE_USER"
    say "created system user $SERVICE_USER"
  fi
}

# chown only for a real install; staged files keep the invoking user.
own() {
  staging || chown "$@"
}

install_program() {
  local lib="$DESTDIR$PREFIX/lib"
  install -d -m 0755 "$DESTDIR$PREFIX/bin"
  install -m 0755 "$src/bin/reconciler" "$DESTDIR$PREFIX/bin/reconciler"
  # Replace lib/ as a whole: the launcher puts lib/* on the classpath, so a jar left over from
  # an older version would sit beside its successor.
  rm -rf "$lib.new"
  install -d -m 0755 "$lib.new"
  install -m 0644 "$app_jar" "$target"/lib/*.jar "$lib.new/"
  rm -rf "$lib.old"
  if [[ -d "$lib" ]]; then
    mv "$lib" "$lib.old"
  fi
  mv "$lib.new" "$lib"
  rm -rf "$lib.old"
  say "installed $PREFIX/bin/reconciler and $(ls "$lib" | wc -l) jars in $PREFIX/lib"
}

install_config() {
  install -d -m 0755 "$DESTDIR$CONF_DIR"
  local config="$DESTDIR$CONF_DIR/config.ini" env="$DESTDIR$CONF_DIR/reconciler.env"
  if [[ -e "$config" ]]; then
    say "kept existing $CONF_DIR/config.ini"
  else
    # Readable by the service user, not by everyone: it may name SMTP and Redis users.
    install -m 0640 "$src/config.ini" "$config"
    own "root:$SERVICE_USER" "$config"
    say "created $CONF_DIR/config.ini: edit [redis] url, [paths], [email] host, [logging]"
  fi
  if [[ -e "$env" ]]; then
    say "kept existing $CONF_DIR/reconciler.env"
  else
    # Root only: systemd reads it before switching to the service user.
    install -m 0600 "$src/deploy/reconciler.env.example" "$env"
    own root:root "$env"
    say "created $CONF_DIR/reconciler.env (mode 0600): put RECONCILER_REDIS_URL and secrets there"
  fi
}

create_data_dirs() {
  local dir
  for dir in "$STATE_DIR" "$LOG_DIR"; do
    install -d -m 0750 "$DESTDIR$dir"
    own "$SERVICE_USER:$SERVICE_USER" "$DESTDIR$dir"
  done
  say "data in $STATE_DIR, logs in $LOG_DIR"
}

install_units() {
  install -d -m 0755 "$DESTDIR$UNIT_DIR"
  local unit
  for unit in "$src"/deploy/systemd/*.service; do
    sed "s|/opt/reconciler/|$PREFIX/|g" "$unit" >"$DESTDIR$UNIT_DIR/$(basename "$unit")"
    chmod 0644 "$DESTDIR$UNIT_DIR/$(basename "$unit")"
  done
  if staging; then
    say "DESTDIR set: units staged, systemctl not run"
  elif [[ -d /run/systemd/system ]]; then
    systemctl daemon-reload
    say "units installed and systemd reloaded"
  else
    say "units installed; systemd is not running here, so not reloaded"
  fi
}

# An unchanged config.ini runs a private embedded Redis per process: workers would never see
# the scheduler's tasks. Warn rather than fail: the URL may come from elsewhere.
warn_embedded_redis() {
  if grep -Eq '^[[:space:]]*url[[:space:]]*=[[:space:]]*(embedded)?[[:space:]]*$' "$DESTDIR$CONF_DIR/config.ini" \
    && ! grep -Eq '^[[:space:]]*RECONCILER_REDIS_URL=' "$DESTDIR$CONF_DIR/reconciler.env"; then
    say "WARNING: no Redis configured ([redis] url is embedded and reconciler.env sets no" \
      "RECONCILER_REDIS_URL); each process would use a private Redis"
  fi
}

main() {
  check_build
  check_privileges
  create_user
  install_program
  install_config
  create_data_dirs
  install_units
  warn_embedded_redis
  say "done. Next: edit $CONF_DIR/config.ini and reconciler.env, then" \
    "systemctl enable --now reconciler-worker@{1..4} reconciler-scheduler"
}

main "$@"
