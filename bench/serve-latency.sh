#!/usr/bin/env bash
# Live-preview latency: how long a saved article takes to reach the browser
# (file watching, the quiet time that groups an editor's events, the
# incremental rebuild, the reload event over HTTP). Generates corpora with
# the shared generator, like bench/run.sh, and runs the hidden
# `pamphlet serve --bench-latency N` on a copy of each (it edits an article).
#
#   bench/serve-latency.sh              # 1,000 and 10,000 articles, 20 saves each
#   bench/serve-latency.sh 1000         # any sizes
#   SAVES=50 bench/serve-latency.sh
#
# Env: WORK (default /tmp/pamphlet-bench), SAVES (default 20),
# GEN (path to gen_corpus.py, default ../shared/bench/gen_corpus.py).
set -euo pipefail
source "$(dirname "$0")/common.sh"
SAVES=${SAVES:-20}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)

build_release
for n in "${SIZES[@]}"; do
  site=$(corpus "$n")
  # The benchmark edits an article (and restores it): work on a copy.
  copy="$WORK/serve-$n"
  rm -rf "$copy"
  cp -r "$site" "$copy"
  echo "== $n articles"
  "$BIN" serve --root "$copy" --today 2026-11-21 --bench-latency "$SAVES"
  rm -rf "$copy"
done
