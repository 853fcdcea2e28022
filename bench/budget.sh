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
#   bench/budget.sh --photos                # also an article with two 12-MP photos
#   BUDGET_FIRST_LOAD_KB=120 BUDGET_IMAGE_KB=60 bench/budget.sh   # exit 1 if over
#
# Env: BUDGET_VERBOSE=1 lists every request; BUDGET_JSON=file writes the figures.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
site="" photos=""
while [ $# -gt 0 ]; do
  case "$1" in
    --site) site=$2; shift 2 ;;
    --photos) photos=1; shift ;;
    *) break ;;
  esac
done
command -v chromium >/dev/null || [ -n "${CHROMIUM_PATH:-${CHROMIUM:-}}" ] || {
  echo "budget: chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH)" >&2
  exit 2
}
if [ ! -d "$REPO/tests/browser/node_modules/playwright-core" ]; then
  (cd "$REPO/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bin="${CARGO_TARGET_DIR:-$REPO/target}/release"
if [ -z "$site" ] || [ -n "$photos" ]; then
  (cd "$REPO" && cargo build --release --quiet)
fi
if [ -z "$site" ]; then
  "$bin/pamphlet" build --quiet --root "$REPO" --output "$out/public"
  site="$out/public"
  echo "demo site built from $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
fi
status=0
node "$REPO/tests/browser/budget.mjs" "$site" "$@" || status=$?
if [ -n "$photos" ]; then
  # The demo's pictures are small SVGs. This article has a cover and, far
  # below it, a second picture (lazy), each a 4032 × 3024 JPEG made by
  # examples/bench_photos.rs (gradients with noise: about a real photo's
  # bytes), so the figures show which of the responsive copies (480, 800,
  # 1200, 1600 px, WebP first) each screen downloads.
  (cd "$REPO" && cargo build --release --quiet --example bench_photos)
  "$bin/examples/bench_photos" "$out/photos" 2
  rm "$out"/photos/content/en/photos/article-*.md
  {
    printf -- '---\ntitle: Two photos\nsummary: An article with a cover photo and a second photo further down.\n'
    printf -- 'date: 2026-01-10\nimage: images/photo-0.jpg\nimage_alt: Photo 0\n---\n\n'
    for i in $(seq 1 40); do
      printf 'Paragraph %d. Enough words to push the second photo well below the first screen, on a phone and on a desktop, so that it loads only when the page is scrolled.\n\n' "$i"
    done
    printf '![Photo 1](images/photo-1.jpg)\n\nThe end.\n'
  } >"$out/photos/content/en/photos/two-photos.md"
  "$bin/pamphlet" build --quiet --root "$out/photos" --output "$out/photos/public" --today 2026-06-01
  echo
  echo "photo article (2 photos, see bench/budget.sh):"
  node "$REPO/tests/browser/budget.mjs" "$out/photos/public" /en/photos/two-photos/ || status=$?
fi
exit "$status"
