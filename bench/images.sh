#!/usr/bin/env bash
# What responsive images cost: a site of N articles, each with its own
# 12-megapixel JPEG (4032 × 3024, as a phone writes), built cold (no image
# cache) and then warm. Prints the cold build's wall time, its extra time
# per photo against the warm build (which decodes nothing), and the CPU
# time per photo that `--timings` reports (decoding, turning, resizing to
# 480/800/1200/1600 px and encoding WebP + JPEG).
#
#   bench/images.sh          # 20 photos
#   bench/images.sh 50
#
# Env: WORK (default /tmp/pamphlet-bench), RUNS (default 3).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/pamphlet-bench}
RUNS=${RUNS:-3}
N=${1:-20}
BIN="$REPO/target/release/pamphlet"
(cd "$REPO" && cargo build --release --quiet && cargo build --release --quiet --example bench_photos)
site="$WORK/photos-$N"
if [ ! -f "$site/.complete" ]; then
  rm -rf "$site"
  "$REPO/target/release/examples/bench_photos" "$site" "$N"
  touch "$site/.complete"
fi
out="$WORK/out-photos-$N"
build() {
  local start end log
  start=$(date +%s.%N)
  log=$("$BIN" build --root "$site" --output "$out" --today 2026-11-21 --timings 2>&1) || { echo "$log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$start $end $(sed -n 's/^ *image each *\([0-9.]*\) ms.*/\1/p' <<<"$log")"
  grep -E '^ *images ' <<<"$log" >&2
}
cold=() warm=()
for ((i = 0; i < RUNS; i++)); do
  rm -rf "$out" "$site/.pamphlet-cache"
  cold+=("$(build)")
  rm -rf "$out"
  warm+=("$(build)")
done
python3 - "$N" "${cold[@]}" -- "${warm[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1]); rest = sys.argv[2:]; cut = rest.index("--")
cold = [r.split() for r in rest[:cut]]; warm = [r.split() for r in rest[cut + 1:]]
wall = lambda rows: statistics.median(float(r[1]) - float(r[0]) for r in rows)
cpu = statistics.median(float(r[2]) for r in cold)
c, w = wall(cold), wall(warm)
print(f"photos {n}: cold {c:.2f} s, warm {w:.2f} s; "
      f"cold ms per photo (wall, over warm) {(c - w) * 1000 / n:.0f}; CPU ms per photo {cpu:.0f}")
PY
