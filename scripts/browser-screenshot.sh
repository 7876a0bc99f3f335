#!/usr/bin/env bash
# Regenerates docs/browser.png: a Neo4j Browser screenshot of a kg graph.
#
#   scripts/browser-screenshot.sh [OUT.png]     (default docs/browser.png)
#
# Starts a throw-away Neo4j (scripts/neo4j.sh, own data dir and ports, stopped at the end),
# imports seeds/articles and testdata/heldout with kg, then drives the Browser in headless
# Chromium (scripts/screenshot/browser.js): connect, :style neo4j/browser/style.grass, run
# $QUERY full screen. Needs Node.js + npm and Chromium; puppeteer-core is installed
# once into a cache outside the repo. pngquant/optipng shrink the PNG when present.
# Settings (environment):
#   KG_SHOT_BOLT_PORT / KG_SHOT_HTTP_PORT   default 17690 / 17480
#   KG_SHOT_CACHE    npm cache of puppeteer-core (default ${XDG_CACHE_HOME:-~/.cache}/kg-browser-shot)
#   CHROMIUM         browser binary (default: chromium or chromium-browser on PATH)
#   SCALE            device pixel ratio of the 1400x900 viewport (default 2)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(realpath -m "${1:-$ROOT/docs/browser.png}")
BOLT_PORT=${KG_SHOT_BOLT_PORT:-17690}
HTTP_PORT=${KG_SHOT_HTTP_PORT:-17480}
CACHE=${KG_SHOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kg-browser-shot}
PUPPETEER_VERSION=24.43.1
PASSWORD=kgpassword
QUERY="MATCH p=(a:Entity)-[r]->(b:Entity) WHERE type(r) IN ['NEGOTIATES_WITH','MEDIATES','MEETS_WITH','ATTACKS','DEPLOYS','THREATENS'] RETURN p LIMIT 30"

say() { echo "browser-screenshot: $*" >&2; }
die() {
  say "$*"
  exit 1
}

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[[ -x $CHROMIUM ]] || die "Chromium not found; set CHROMIUM"
for tool in node npm go; do command -v "$tool" >/dev/null || die "$tool is needed"; done

if [[ ! -d $CACHE/node_modules/puppeteer-core ]]; then
  say "installing puppeteer-core $PUPPETEER_VERSION into $CACHE ..."
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-save --no-audit --no-fund "puppeteer-core@$PUPPETEER_VERSION" >&2
fi

WORK=$(mktemp -d /tmp/kg-browser-shot.XXXXXX)
neo4j() {
  KG_NEO4J_HOME=$WORK/neo4j KG_NEO4J_BOLT_PORT=$BOLT_PORT KG_NEO4J_HTTP_PORT=$HTTP_PORT \
    NEO4J_PASSWORD=$PASSWORD "$ROOT/scripts/neo4j.sh" "$@"
}
cleanup() {
  neo4j stop || true
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$ROOT" && go build -o "$WORK/kg" ./cmd/kg)
neo4j start >/dev/null
(cd "$ROOT" && NEO4J_URI=bolt://127.0.0.1:$BOLT_PORT NEO4J_USERNAME=neo4j NEO4J_PASSWORD=$PASSWORD \
  "$WORK/kg" import seeds/articles testdata/heldout/*.txt >&2)

say "driving Neo4j Browser ..."
mkdir -p "$(dirname "$OUT")"
NODE_PATH=$CACHE/node_modules CHROMIUM=$CHROMIUM PROFILE_DIR=$WORK/chromium SCALE=${SCALE:-2} \
  node "$ROOT/scripts/screenshot/browser.js" "http://127.0.0.1:$HTTP_PORT" "127.0.0.1:$BOLT_PORT" \
  "$PASSWORD" "$ROOT/neo4j/browser/style.grass" "$QUERY" "$WORK/shot.png"

if command -v pngquant >/dev/null; then
  pngquant --quality 70-90 --speed 1 --output "$WORK/small.png" "$WORK/shot.png"
  mv "$WORK/small.png" "$WORK/shot.png"
fi
if command -v optipng >/dev/null; then optipng -quiet -o5 "$WORK/shot.png"; fi
mv "$WORK/shot.png" "$OUT"
say "wrote $OUT ($(($(stat -c %s "$OUT") / 1024)) KB)"
