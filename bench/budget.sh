#!/usr/bin/env bash
# First-load budget (issue 23): builds the demo site (site.yaml and
# content/ at the repository root) with the release build and measures one
# article per language in headless Chromium: bytes on the wire with gzip by
# kind (HTML, CSS, JS, fonts, images, other) and requests, at 390 px (DPR 1
# and 3) and 1280 px, first screen and scrolled to the bottom. See
# tests/browser/budget.mjs for what is measured and the BUDGET_* limits.
#
#   bench/budget.sh                         # the demo's handwashing article, en/es/ar
#   bench/budget.sh /en/heart/high-blood-pressure/ ...
#   bench/budget.sh --site public           # measure an already-built output folder
#   BUDGET_FIRST_LOAD_KB=120 BUDGET_IMAGE_KB=60 bench/budget.sh   # exit 1 if over
#
# Env: BUDGET_VERBOSE=1 lists every request; BUDGET_JSON=file writes the figures.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
site=""
if [ "${1:-}" = "--site" ]; then
  site=$2
  shift 2
fi
command -v chromium >/dev/null || [ -n "${CHROMIUM_PATH:-${CHROMIUM:-}}" ] || {
  echo "budget: chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH)" >&2
  exit 2
}
if [ ! -d "$REPO/tests/browser/node_modules/playwright-core" ]; then
  (cd "$REPO/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
if [ -z "$site" ]; then
  (cd "$REPO" && cargo build --release --quiet)
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  bin="${CARGO_TARGET_DIR:-$REPO/target}/release/pamphlet"
  "$bin" build --quiet --root "$REPO" --output "$out/public"
  site="$out/public"
  echo "demo site built from $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
fi
node "$REPO/tests/browser/budget.mjs" "$site" "$@"
