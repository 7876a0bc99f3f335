#!/usr/bin/env bash
# The project's test command: go vet, then go test against a real Neo4j.
#
#   scripts/test.sh                          all packages
#   scripts/test.sh -run TestX ./graph/...   extra go test arguments (./... when no package given)
#
# With NEO4J_URI set, that server is used (with NEO4J_USERNAME/NEO4J_PASSWORD) and nothing is
# started. Otherwise the local server of scripts/neo4j.sh is started (built on first use), used,
# and stopped on exit if this script started it; KG_NEO4J_CTL then names scripts/neo4j.sh so
# tests can restart it. Run without arguments, it then runs every fuzz target for
# KG_FUZZ_SECONDS (default 5, 0 skips; scripts/fuzz.sh) so targets stay runnable.
# Exit code: go test's, else go vet's, else 1 when a fuzz target failed.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CTL=$ROOT/scripts/neo4j.sh
cd "$ROOT" || exit 1

say() { echo "test.sh: $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port prints the first port from $1 on that nothing listens on.
free_port() {
  local p
  for ((p = $1; p < $1 + 100; p++)); do
    port_open "$p" || {
      echo "$p"
      return
    }
  done
  return 1
}

started_server=0
# shellcheck disable=SC2317 # called by the EXIT trap
stop_server() {
  local rc=$?
  if ((started_server)); then "$CTL" stop || true; fi
  exit "$rc"
}

if [[ -z ${NEO4J_URI:-} ]]; then
  if ! "$CTL" status >/dev/null 2>&1; then
    # Another Neo4j (another checkout, a container) may hold the default ports: take free ones.
    # They are exported so that KG_NEO4J_CTL restart uses them too.
    if port_open "${KG_NEO4J_BOLT_PORT:-7687}"; then
      KG_NEO4J_BOLT_PORT=$(free_port 17687) || {
        say "no free Bolt port"
        exit 1
      }
      export KG_NEO4J_BOLT_PORT
      say "port 7687 is taken; using Bolt port $KG_NEO4J_BOLT_PORT"
    fi
    if [[ ${KG_NEO4J_HTTP_PORT:-7474} != 0 ]] && port_open "${KG_NEO4J_HTTP_PORT:-7474}"; then
      KG_NEO4J_HTTP_PORT=$(free_port 17474) || KG_NEO4J_HTTP_PORT=0
      export KG_NEO4J_HTTP_PORT
    fi
    started_server=1
    trap stop_server EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
  fi
  # Another server may take a port between the check above and the bind:
  # then try the next free ports (only when this script chose them).
  for attempt in 1 2 3; do
    client_env=$("$CTL" start) && break
    if ((started_server)) && grep -q 'Address already in use' "${KG_NEO4J_HOME:-$ROOT/.neo4j}/server.log" 2>/dev/null && ((attempt < 3)); then
      KG_NEO4J_BOLT_PORT=$(free_port $((${KG_NEO4J_BOLT_PORT:-7687} + 1))) || break
      export KG_NEO4J_BOLT_PORT
      if [[ ${KG_NEO4J_HTTP_PORT:-7474} != 0 ]]; then
        KG_NEO4J_HTTP_PORT=$(free_port $((${KG_NEO4J_HTTP_PORT:-7474} + 1))) || KG_NEO4J_HTTP_PORT=0
        export KG_NEO4J_HTTP_PORT
      fi
      say "a port was taken while Neo4j started; retrying on Bolt port $KG_NEO4J_BOLT_PORT"
      continue
    fi
    say "could not start Neo4j"
    exit 1
  done
  [[ -n ${client_env:-} ]] || {
    say "could not start Neo4j"
    exit 1
  }
  eval "$client_env"
  export KG_NEO4J_CTL=$CTL
fi
say "Neo4j: $NEO4J_URI (user ${NEO4J_USERNAME:-neo4j})"

# Default to every package unless a package pattern is among the arguments.
args=("$@")
has_pkg=0
for a in "$@"; do
  case $a in ./* | ../* | . | github.com/newsgraph/kg*) has_pkg=1 ;; esac
done
((has_pkg)) || args+=(./...)

go vet ./...
vet_rc=$?
((vet_rc)) && say "go vet failed (exit $vet_rc)"

# -p 1: packages share the one Community database, so their test binaries must not overlap.
# -timeout 30m: the Neo4j restart and kill tests wait on a real server, which
# on a loaded 2-core machine can outlast go test's default 10 minutes per
# package; a later -timeout in the arguments wins.
go test -count=1 -p 1 -timeout 30m "${args[@]}"
test_rc=$?

if ((test_rc)); then exit "$test_rc"; fi

# Every fuzz target a few seconds (full runs only).
fuzz_secs=${KG_FUZZ_SECONDS:-5}
if (($# == 0 && fuzz_secs > 0)) && ! scripts/fuzz.sh "$fuzz_secs"; then
  say "fuzzing failed"
  exit 1
fi
exit "$vet_rc"
