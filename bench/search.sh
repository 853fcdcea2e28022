#!/usr/bin/env bash
# Site search in a real browser, on a generated site: how many bytes a
# browser downloads to answer its first query, and how long queries take.
#
#   bench/search.sh            # 10,000 articles
#   bench/search.sh 1000       # another size
#
# Needs Debian's chromium and node (see .ci/run). Env: WORK (default
# /tmp/pamphlet-bench), GEN (path to gen_corpus.py).
set -euo pipefail
source "$(dirname "$0")/common.sh"
N=${1:-10000}

build_release
(cd "$REPO/tests/browser" && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent; })
site=$(corpus "$N")
out="$WORK/search-public-$N"
"$BIN" build --root "$site" --output "$out" --today 2026-06-01 --no-report --timings
echo "search index: $(find "$out/search-index" -type f | wc -l) files, $(du -sh "$out/search-index" | cut -f1)"
for args in "en cholesterol" "es colesterol" "ar السكري"; do
  # shellcheck disable=SC2086
  node "$REPO/tests/browser/search-bench.mjs" "$out" $args
done
