#!/usr/bin/env bash
# Scores kg's web page reader on trafilatura's evaluation set (990 annotated
# pages) with trafilatura's rule: runs `kg read` on every page, then
# cmd/htmlbench compares its text with the "with"/"without" snippets and its
# date with the gold date, and prints the table (P, R, F1, dates, time, MB/s,
# failures). The pages stay in the trafilatura checkout, outside the project.
#
#   scripts/htmlbench.sh TRAFILATURA_DIR [--candidates]
#
# TRAFILATURA_DIR is a checkout of https://github.com/adbar/trafilatura (it
# needs tests/evaldata.json, tests/cache/ and tests/eval/). --candidates also
# scores, in process, the readers kg's was chosen from: go-readability (kg's
# reader before), go-trafilatura with and without its fallback, and kg's.
set -euo pipefail

if [[ $# -lt 1 || ! -f "$1/tests/evaldata.json" ]]; then
	echo "usage: scripts/htmlbench.sh TRAFILATURA_DIR [--candidates]" >&2
	echo "  TRAFILATURA_DIR: a checkout of https://github.com/adbar/trafilatura (holds tests/evaldata.json)" >&2
	exit 2
fi
tdir=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/kg" ./cmd/kg
go build -o "$work/htmlbench" ./cmd/htmlbench
mapfile -t pages < <("$work/htmlbench" -dir "$tdir" -list)

start=$(date +%s%N)
rc=0
# CPU time (user+system) too: on a shared machine it, not the wall time, is the cost per core.
/usr/bin/time -f '%U %S' -o "$work/cpu" \
	"$work/kg" --log-level warn read --input-format html --format jsonl "${pages[@]}" >"$work/read.jsonl" 2>"$work/read.log" || rc=$?
end=$(date +%s%N)
if [[ $rc -ne 0 && $rc -ne 3 ]]; then # 3: some pages skipped, scored as failures
	cat "$work/read.log" >&2
	exit "$rc"
fi
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')
cpu=$(awk 'END { printf "%.3f", $1 + $2 }' "$work/cpu")
"$work/htmlbench" -dir "$tdir" -jsonl "$work/read.jsonl" -seconds "$seconds" -cpu-seconds "$cpu"
if [[ -s "$work/read.log" ]]; then
	echo
	echo "kg read warnings:"
	cat "$work/read.log"
fi

if [[ "${2:-}" == "--candidates" ]]; then
	for r in readability trafilatura trafilatura-fallback kg; do
		echo
		"$work/htmlbench" -dir "$tdir" -reader "$r" | sed -n 3p
	done
	echo "(in process, one page at a time; time is the readers' alone, without starting kg or writing JSON)"
fi
