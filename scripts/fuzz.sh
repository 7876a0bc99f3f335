#!/usr/bin/env bash
# Runs every native Go fuzz target (func FuzzX in a _test.go file) for
# SECONDS each (default 60) and prints one line per target:
#
#   scripts/fuzz.sh [SECONDS] [REGEXP]   REGEXP keeps only matching target names
#
# A failing input is written by go test under the package's
# testdata/fuzz/FuzzX/ and becomes a regression seed once committed.
# Exit code: 1 when any target failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

secs=${1:-60}
filter=${2:-.}
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Targets are found by grep, not by go test -list, to avoid building every test binary twice.
while IFS=: read -r file name; do
  pkg=./$(dirname "$file")
  [[ $name =~ $filter ]] || continue
  start=$SECONDS
  # -parallel 1: the machine is shared; the corpus cache is go's own (GOCACHE/fuzz).
  # go test reports "context deadline exceeded" when -fuzztime ends before the
  # seed corpus has been run once (a slow target on a busy machine); that is no
  # finding, so such a target gets one more try with time enough for its seeds.
  t=$secs
  for try in 1 2; do
    if go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "${t}s" -parallel 1 >"$log" 2>&1; then
      status=ok
      break
    fi
    status=FAIL
    if ((try == 1)) && grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
      t=$((secs > 30 ? secs * 2 : 60))
      continue
    fi
    break
  done
  [[ $status == FAIL ]] && failed=1
  # "fuzz: elapsed: 3s, execs: 1234 (411/sec), new interesting: 5 (total: 12)"
  last=$(grep -E '^fuzz: elapsed' "$log" | tail -1)
  execs=$(sed -nE 's/.*execs: ([0-9]+).*/\1/p' <<<"$last")
  newi=$(sed -nE 's/.*new interesting: ([0-9]+).*/\1/p' <<<"$last")
  total=$(sed -nE 's/.*\(total: ([0-9]+)\).*/\1/p' <<<"$last")
  printf '%-4s %-40s %5ss  execs %-10s new %-5s corpus %s\n' "$status" "$pkg $name" "$((SECONDS - start))" "${execs:-?}" "${newi:-?}" "${total:-?}"
  if [[ $status == FAIL ]]; then
    grep -vE '^fuzz: elapsed' "$log" | head -40 | sed 's/^/     /'
  fi
done < <(grep -rhoE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]+\(f \*testing\.F\)' --with-filename . |
  sed -E 's/^\.\/(.*):func (Fuzz[A-Za-z0-9_]+).*/\1:\2/' | sort)

exit "$failed"
