#!/usr/bin/env bash
# Pamphlet's benchmark: generate a synthetic corpus with the shared
# generator, build it with a release binary, print articles, wall time,
# pages per second and peak memory of a cold build (no share-card cache),
# the share cards drawn and their cost each, and the wall time of a second
# build with the card cache warm.
#
#   bench/run.sh                 # 1,000 and 10,000 articles
#   bench/run.sh 100000          # any sizes
#   bench/run.sh --quick         # 1,000 articles, one run (used by .ci/run)
#   bench/run.sh --title-cards 1000   # articles without images: every share
#                                     # card is a title card, drawn from cold
#
# After each size it prints the stages of the warm build (`--timings`).
#
# Env: WORK (corpora and outputs, default /tmp/pamphlet-bench), RUNS (default 3),
# GEN (path to gen_corpus.py, default ../shared/bench/gen_corpus.py).
set -euo pipefail
source "$(dirname "$0")/common.sh"
RUNS=${RUNS:-3}
SIZES=()
for arg in "$@"; do
  case $arg in
    --quick) SIZES=(1000); RUNS=1 ;;
    --title-cards) TITLE_CARDS=1 ;;
    *) SIZES+=("$arg") ;;
  esac
done
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)

build_release
printf '%-9s %8s %9s %11s %10s %7s %9s %10s\n' articles pages wall_s pages_per_s peak_MiB cards ms_per_card cached_s
for n in "${SIZES[@]}"; do
  site=$(corpus "$n")
  if [ -n "${TITLE_CARDS:-}" ]; then
    # The generated articles all have an image (58 distinct ones, shared);
    # without them every card is drawn from the page's own title.
    copy="$WORK/title-cards-$n"
    rm -rf "$copy" && cp -r "$site" "$copy"
    find "$copy/content" -name '*.md' -exec sed -i '/^image:/d;/^image_alt:/d' {} +
    site=$copy
  fi
  results=()
  out="$WORK/out-$n"
  for ((i = 0; i < RUNS; i++)); do
    rm -rf "$out" "$site/.pamphlet-cache"
    start=$(date +%s.%N)
    log=$("$BIN" build --root "$site" --output "$out" --today 2026-11-21 --timings 2>&1) || { echo "$log" >&2; exit 1; }
    end=$(date +%s.%N)
    pages=$(echo "$log" | sed -n 's/^Built \([0-9]*\) pages.*/\1/p')
    peak=$(echo "$log" | sed -n 's/^ *peak memory *\([0-9.]*\) MiB/\1/p')
    cards=$(echo "$log" | sed -n 's/^ *share images *\([0-9]*\) drawn.*/\1/p')
    each=$(echo "$log" | sed -n 's/^ *share image each *\([0-9.]*\) ms.*/\1/p')
    results+=("$start $end $pages $peak ${cards:-0} ${each:-0}")
  done
  # A second build of the same files: every card comes from the cache.
  rm -rf "$out"
  start=$(date +%s.%N)
  log=$("$BIN" build --root "$site" --output "$out" --today 2026-11-21 --timings 2>&1) || { echo "$log" >&2; exit 1; }
  end=$(date +%s.%N)
  # A here-string, not `echo | grep -q`: under pipefail, grep quitting at the
  # match can kill echo with SIGPIPE and fail a build that was fine.
  grep -q " 0 drawn," <<<"$log" || { echo "bench: the second build redrew share cards:" >&2; echo "$log" >&2; exit 1; }
  cached=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$end")
  printf '%s\n' "${results[@]}" | python3 -c '
import statistics, sys
n, cached = int(sys.argv[1]), float(sys.argv[2])
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
wall = statistics.median(r[1] - r[0] for r in rows)
pages = int(rows[0][2]); peak = statistics.median(r[3] for r in rows)
cards = int(rows[0][4]); each = statistics.median(r[5] for r in rows)
print(f"{n:<9} {pages:>8} {wall:>9.2f} {pages / wall:>11.0f} {peak:>10.1f} {cards:>7} {each:>9.1f} {cached:>10.2f}")
' "$n" "$cached"
  echo "$log" | grep -E '^  [a-z]' | sed 's/^/    warm: /'
done
