#!/usr/bin/env bash
# A local Neo4j 5.26 Community server without Docker (the Java runner in neo4j/server).
#
#   scripts/neo4j.sh start     build if needed, start in the background, wait until Bolt answers
#   scripts/neo4j.sh stop      SIGTERM and wait for a clean shutdown
#   scripts/neo4j.sh restart   stop + start; the data is kept
#   scripts/neo4j.sh status    exit 0 when running, 3 when stopped
#   scripts/neo4j.sh build     build the runner if its sources changed (-f: always)
#   scripts/neo4j.sh env       print the client environment
#   scripts/neo4j.sh log       tail the server log
#   scripts/neo4j.sh admin ARGS  neo4j-admin of the same version on this data directory (server stopped),
#                              e.g. admin database import full neo4j --nodes=... (kg export --format neo4j-admin)
#
# Progress goes to stderr; start/status/env print the client environment on stdout, so
#   eval "$(scripts/neo4j.sh start)"
# works. Settings (environment):
#   NEO4J_PASSWORD        password of user neo4j (default kgpassword, at least 8 characters)
#   KG_NEO4J_HOME         data directory (default <repo>/.neo4j)
#   KG_NEO4J_BOLT_PORT    default 7687;  KG_NEO4J_HTTP_PORT  default 7474 (0 = no HTTP/Browser)
#   KG_NEO4J_HEAP         default 2g;    KG_NEO4J_PAGECACHE  default 512m
#   KG_NEO4J_START_TIMEOUT seconds to wait for READY (default 240)
#   KG_NEO4J_JAVA         java binary (default: a Java 17 or 21 from JAVA_HOME, /usr/lib/jvm or PATH)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVER_DIR=$ROOT/neo4j/server
TARGET=$SERVER_DIR/target
HOME_DIR=${KG_NEO4J_HOME:-$ROOT/.neo4j}
PID_FILE=$HOME_DIR/server.pid
ENV_FILE=$HOME_DIR/server.env # the client environment of the running server
LOG_FILE=$HOME_DIR/server.log
HOST=127.0.0.1
BOLT_PORT=${KG_NEO4J_BOLT_PORT:-7687}
HTTP_PORT=${KG_NEO4J_HTTP_PORT:-7474}
PASSWORD=${NEO4J_PASSWORD:-kgpassword}
START_TIMEOUT=${KG_NEO4J_START_TIMEOUT:-240}
MAIN_CLASS=kgdev.Neo4jDevServer

say() { echo "neo4j.sh: $*" >&2; }
die() {
  say "$*"
  exit 1
}

print_env() {
  echo "export NEO4J_URI=bolt://$HOST:$BOLT_PORT"
  echo "export NEO4J_USERNAME=neo4j"
  echo "export NEO4J_PASSWORD=$PASSWORD"
}

# print_running_env prints the environment the running server was started with.
print_running_env() {
  if [[ -f $ENV_FILE ]]; then cat "$ENV_FILE"; else print_env; fi
}

# java_major prints the major version of a java binary (17, 21, ...).
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

# find_java prints a java binary that Neo4j 5.26 supports (17 or 21).
find_java() {
  if [[ -n ${KG_NEO4J_JAVA:-} ]]; then
    echo "$KG_NEO4J_JAVA"
    return
  fi
  local c
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/java-17-openjdk*/bin/java \
    /usr/lib/jvm/*-17*/bin/java /usr/lib/jvm/*-21*/bin/java "$(command -v java || true)"; do
    [[ -x $c ]] || continue
    case $(java_major "$c") in 17 | 21)
      echo "$c"
      return
      ;;
    esac
  done
  die "no Java 17 or 21 found (Neo4j 5.26 needs one); set KG_NEO4J_JAVA or JAVA_HOME"
}

# needs_build is true when the runner was never built or its pom/sources changed since.
needs_build() {
  [[ ! -f $TARGET/.built ]] && return 0
  [[ -n $(find "$SERVER_DIR/pom.xml" "$SERVER_DIR/src" -newer "$TARGET/.built" -print -quit) ]]
}

build() {
  local java jdk started
  command -v mvn >/dev/null || die "mvn (Maven 3) is needed to build the runner"
  java=$(find_java)
  jdk=$(dirname "$(dirname "$(readlink -f "$java")")")
  say "building the Neo4j runner (first time: downloads ~170 MB from Maven Central) ..."
  started=$SECONDS
  if ! JAVA_HOME=$jdk mvn -B -q -f "$SERVER_DIR/pom.xml" package >"$HOME_DIR/build.log" 2>&1; then
    tail -n 40 "$HOME_DIR/build.log" >&2
    die "build failed (full log: $HOME_DIR/build.log)"
  fi
  touch "$TARGET/.built"
  say "built in $((SECONDS - started))s"
}

# running_pid prints the pid of our server when it is alive.
running_pid() {
  [[ -f $PID_FILE ]] || return 1
  local pid
  pid=$(<"$PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

start() {
  local pid java log_start deadline
  if pid=$(running_pid); then
    say "already running (pid $pid, data $HOME_DIR)"
    print_running_env
    return 0
  fi
  port_open "$BOLT_PORT" && die "port $BOLT_PORT is taken by another process; stop it or set KG_NEO4J_BOLT_PORT"
  if [[ $HTTP_PORT != 0 ]] && port_open "$HTTP_PORT"; then
    die "port $HTTP_PORT is taken by another process; stop it or set KG_NEO4J_HTTP_PORT (0 = no HTTP)"
  fi
  ((${#PASSWORD} >= 8)) || die "NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)"
  if needs_build; then build; fi
  java=$(find_java)

  [[ -f $LOG_FILE ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  : >"$LOG_FILE"
  rm -f "$PID_FILE" "$ENV_FILE"
  say "starting Neo4j (data: $HOME_DIR, log: $LOG_FILE) ..."
  log_start=$SECONDS
  # setsid: the server outlives the shell that started it; bash -c writes its own pid, then
  # exec keeps that pid for java. Fd 9 (the lock) must not leak into the server.
  # shellcheck disable=SC2016 # $$ and $@ are for the inner bash
  NEO4J_PASSWORD=$PASSWORD setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$java" -Xms256m "-Xmx${KG_NEO4J_HEAP:-2g}" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
    -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
    -Dio.netty.tryReflectionSetAccessible=true -Djdk.nio.maxCachedBufferSize=1024 \
    -cp "$TARGET/classes:$TARGET/lib/*" "$MAIN_CLASS" \
    --host "$HOST" --bolt-port "$BOLT_PORT" --http-port "$HTTP_PORT" \
    --plugins "$TARGET/plugins" --pagecache "${KG_NEO4J_PAGECACHE:-512m}" "$HOME_DIR" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &

  deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    if grep -q '^NEO4J_READY' "$LOG_FILE" && port_open "$BOLT_PORT"; then break; fi
    if grep -q '^NEO4J_FAILED' "$LOG_FILE" || { [[ -s $PID_FILE ]] && ! kill -0 "$(<"$PID_FILE")" 2>/dev/null; }; then
      stop >/dev/null 2>&1 # it may still be shutting down
      tail -n 20 "$LOG_FILE" >&2
      die "Neo4j failed to start (log: $LOG_FILE, details: $HOME_DIR/logs/debug.log)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 20 "$LOG_FILE" >&2
      stop
      die "Neo4j did not answer on bolt://$HOST:$BOLT_PORT within ${START_TIMEOUT}s (log: $LOG_FILE)"
    fi
    sleep 0.5
  done
  print_env >"$ENV_FILE"
  say "ready in $((SECONDS - log_start))s: bolt://$HOST:$BOLT_PORT$([[ $HTTP_PORT != 0 ]] && echo ", Browser http://$HOST:$HTTP_PORT/browser/")"
  print_env
}

stop() {
  local pid waited=0
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  say "stopping Neo4j (pid $pid) ..."
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= 120)); then # 120 half-seconds
      say "no clean shutdown after 60s; killing (the next start runs recovery)"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE" "$ENV_FILE"
  say "stopped"
}

status() {
  local pid
  if pid=$(running_pid); then
    say "running (pid $pid, data $HOME_DIR)"
    print_running_env
    return 0
  fi
  say "stopped"
  return 3
}

mkdir -p "$HOME_DIR"
# One start/stop at a time per data directory.
if command -v flock >/dev/null; then
  exec 9>"$HOME_DIR/.lock"
  flock 9
fi

case ${1:-} in
start) start ;;
stop) stop ;;
restart)
  stop
  start
  ;;
status) status ;;
build)
  if [[ ${2:-} == -f ]] || needs_build; then build; else say "runner is up to date"; fi
  ;;
admin)
  shift
  running_pid >/dev/null && die "the server of $HOME_DIR is running; stop it first (neo4j-admin works on a stopped database)"
  if needs_build; then build; fi
  mkdir -p "$HOME_DIR/conf"
  [[ -f $HOME_DIR/conf/neo4j.conf ]] || : >"$HOME_DIR/conf/neo4j.conf"
  # The runner's classpath holds Neo4j's command-line tools (org.neo4j:neo4j), the
  # same version as the server; NEO4J_HOME points them at this data directory.
  NEO4J_HOME=$HOME_DIR NEO4J_CONF=$HOME_DIR/conf exec "$(find_java)" -Xmx"${KG_NEO4J_HEAP:-2g}" \
    -cp "$TARGET/lib/*" org.neo4j.cli.AdminTool "$@"
  ;;
env) if running_pid >/dev/null; then print_running_env; else print_env; fi ;;
log) tail -n "${2:-50}" "$LOG_FILE" ;;
*)
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
  ;;
esac
