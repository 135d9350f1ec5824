#!/usr/bin/env bash
# A real single-node Elasticsearch on 127.0.0.1 for the tests, CI and the benchmark,
# without Docker. See docs/elasticsearch.md.
#
#   .ci/elasticsearch.sh start    download (once) and start; prints the URL on stdout
#   .ci/elasticsearch.sh stop     stop gracefully (data kept for the next start)
#   .ci/elasticsearch.sh kill     stop at once with SIGKILL, as a crash would (data kept)
#   .ci/elasticsearch.sh status   exit 0 and print the URL when it answers
#   .ci/elasticsearch.sh clean    stop and delete the node's data, logs and config
#
# Settings (environment): ES_VERSION (8.19.21), ES_PORT (9201), ES_HEAP (512m),
# ES_RUN_DIR (${TMPDIR:-/tmp}/localoffer-es-$ES_PORT: data, logs, config, pid),
# ES_CACHE_DIR (where the unzipped server is kept), ES_USER (localoffer-es, used when
# run as root: Elasticsearch refuses to run as root), ES_JAVA_HOME (a Java 17+ JDK).
#
# The server is Maven Central's org.elasticsearch.distribution.integ-test-zip: the core
# server and X-Pack security only, without the analysis-common module (no stemmers,
# synonym or edge-ngram filters). The directory's index needs none of them.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ES_VERSION=${ES_VERSION:-8.19.21}
ES_PORT=${ES_PORT:-9201}
ES_HEAP=${ES_HEAP:-512m}
ES_USER=${ES_USER:-localoffer-es}
ES_RUN_DIR=${ES_RUN_DIR:-${TMPDIR:-/tmp}/localoffer-es-$ES_PORT}
if [ "$(id -u)" = 0 ]; then
  # Root's home and a clone under it may be unreadable by the server's own user.
  ES_CACHE_DIR=${ES_CACHE_DIR:-/var/cache/localoffer-es}
else
  ES_CACHE_DIR=${ES_CACHE_DIR:-$ROOT/.ci/cache}
fi
ES_HOME="$ES_CACHE_DIR/elasticsearch-$ES_VERSION"
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
URL="http://127.0.0.1:$ES_PORT"
PID_FILE="$ES_RUN_DIR/elasticsearch.pid"
START_TIMEOUT=${ES_START_TIMEOUT:-180}

say() { printf 'elasticsearch.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

http_get() {
  # GET a URL on the node; prints the body, fails on a connection error or HTTP error.
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 5 "$1"
  else
    python3 -c 'import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$1"
  fi
}

find_java() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  local jdk
  for jdk in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/java-21-openjdk-* /usr/lib/jvm/temurin-*; do
    if [ -x "$jdk/bin/java" ]; then echo "$jdk"; return; fi
  done
  if command -v java >/dev/null 2>&1; then
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
    return
  fi
  die "no Java runtime: install OpenJDK 17 (apt-get install openjdk-17-jre-headless) or set ES_JAVA_HOME"
}

as_es_user() {
  # Run a command as the server's user: ourselves, or ES_USER when we are root.
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

ensure_user() {
  [ "$(id -u)" = 0 ] || return 0
  if ! id "$ES_USER" >/dev/null 2>&1; then
    say "creating the unprivileged user $ES_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$ES_USER"
  fi
}

ensure_installed() {
  [ -x "$ES_HOME/bin/elasticsearch" ] && return 0
  local m2 zip
  # Maven's local repository is the download cache (MAVEN_LOCAL_REPO if not the default).
  m2=${MAVEN_LOCAL_REPO:-$HOME/.m2/repository}
  zip="$m2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
  if [ ! -f "$zip" ]; then
    command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to download $ARTIFACT"
    say "downloading $ARTIFACT from Maven Central (about 100 MB, once)"
    mvn -q dependency:get -Dartifact="$ARTIFACT" -Dtransitive=false -Dmaven.repo.local="$m2" >&2 ||
      die "could not download $ARTIFACT"
  fi
  [ -f "$zip" ] || die "downloaded, but $zip is missing"
  say "unpacking into $ES_HOME"
  mkdir -p "$ES_CACHE_DIR"
  local tmp
  tmp=$(mktemp -d "$ES_CACHE_DIR/.unpack.XXXXXX")
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$zip" -d "$tmp"
  else
    python3 -m zipfile -e "$zip" "$tmp"
  fi
  chmod -R a+rX "$tmp"
  chmod a+x "$tmp"/elasticsearch-"$ES_VERSION"/bin/* "$tmp"/elasticsearch-"$ES_VERSION"/lib/platform/*/bin/* 2>/dev/null || true
  mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
  rm -rf "$tmp"
}

running_pid() {
  # The server's pid, when it is running.
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

write_config() {
  mkdir -p "$ES_RUN_DIR"
  if [ ! -d "$ES_RUN_DIR/config" ]; then
    cp -R "$ES_HOME/config" "$ES_RUN_DIR/config"
  fi
  mkdir -p "$ES_RUN_DIR/data" "$ES_RUN_DIR/logs" "$ES_RUN_DIR/tmp"
  cat >"$ES_RUN_DIR/config/elasticsearch.yml" <<YAML
# Written by .ci/elasticsearch.sh: a throwaway single node for tests, on loopback only.
cluster.name: localoffer-test-$ES_PORT
node.name: localoffer-es-$ES_PORT
path.data: $ES_RUN_DIR/data
path.logs: $ES_RUN_DIR/logs
network.host: 127.0.0.1
http.port: $ES_PORT
# A fixed transport port, so two nodes on one machine never race for 9300-9399.
transport.port: $((ES_PORT + 1000))
discovery.type: single-node
# No users, passwords or TLS: the node only listens on 127.0.0.1.
xpack.security.enabled: false
# A nearly full CI disk must not make the index read-only mid-run.
cluster.routing.allocation.disk.threshold_enabled: false
YAML
  # No hsperfdata files left in /tmp by the server's JVM.
  cat >"$ES_RUN_DIR/config/jvm.options.d/localoffer.options" <<OPTIONS
-Xms$ES_HEAP
-Xmx$ES_HEAP
-XX:-UsePerfData
OPTIONS
  if [ "$(id -u)" = 0 ]; then chown -R "$ES_USER:$ES_USER" "$ES_RUN_DIR"; fi
}

wait_for_health() {
  local deadline=$((SECONDS + START_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if http_get "$URL/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null |
      grep -Eq '"status":"(green|yellow)"'; then
      return 0
    fi
    if ! running_pid >/dev/null; then
      say "the server stopped while starting; its log:"
      tail -n 40 "$ES_RUN_DIR/logs/localoffer-test-$ES_PORT.log" >&2 2>/dev/null || true
      return 1
    fi
    sleep 1
  done
  say "no healthy answer from $URL after ${START_TIMEOUT}s"
  return 1
}

start() {
  if running_pid >/dev/null; then
    wait_for_health || exit 1
    say "already running at $URL"
    echo "$URL"
    return
  fi
  if http_get "$URL" >/dev/null 2>&1; then
    die "something else already answers on $URL; choose another ES_PORT"
  fi
  local java
  java=$(find_java)
  ensure_user
  ensure_installed
  write_config
  say "starting Elasticsearch $ES_VERSION on $URL (Java: $java; files: $ES_RUN_DIR)"
  # ES_TMPDIR: the server's own temporary files, kept with the rest of this node.
  (cd "$ES_RUN_DIR" && as_es_user env -i PATH="/usr/bin:/bin" HOME="$ES_RUN_DIR" \
    ES_JAVA_HOME="$java" ES_PATH_CONF="$ES_RUN_DIR/config" ES_TMPDIR="$ES_RUN_DIR/tmp" \
    "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" >"$ES_RUN_DIR/startup.log" 2>&1) ||
    { tail -n 40 "$ES_RUN_DIR/startup.log" >&2; die "failed to start"; }
  wait_for_health || exit 1
  local modules
  modules=$(http_get "$URL/_nodes/plugins?filter_path=nodes.*.modules.name" | grep -o '"name":"[^"]*"' |
    cut -d'"' -f4 | sort | tr '\n' ' ')
  say "ready at $URL; modules: $modules"
  echo "$URL"
}

stop() {
  local signal=${1:-TERM} pid
  if ! pid=$(running_pid); then
    say "not running on port $ES_PORT"
    return 0
  fi
  kill "-$signal" "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      say "still running after 60s; killing $pid"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.5
  done
  rm -f "$PID_FILE"
  say "stopped (SIG$signal) the node on port $ES_PORT"
}

case "${1:-}" in
  start) start ;;
  stop) stop TERM ;;
  kill) stop KILL ;;
  status)
    if running_pid >/dev/null && http_get "$URL/_cluster/health" >/dev/null 2>&1; then
      echo "$URL"
    else
      exit 1
    fi
    ;;
  clean)
    stop TERM
    rm -rf "$ES_RUN_DIR"
    ;;
  *)
    echo "usage: $0 start|stop|kill|status|clean" >&2
    exit 2
    ;;
esac
