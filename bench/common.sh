# Shared by the bench/*.sh scripts (sourced, not run): settings, the release
# build, and the generated corpus of N articles, made once and reused.
#
# Env: WORK (corpora and outputs, default /tmp/pamphlet-bench), GEN (path to
# gen_corpus.py, default ../shared/bench/gen_corpus.py beside the repository).
HERE=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
WORK=${WORK:-/tmp/pamphlet-bench}
GEN=${GEN:-$REPO/../shared/bench/gen_corpus.py}
BIN="$REPO/target/release/pamphlet"
[ -f "$GEN" ] || { echo "bench: corpus generator not found at $GEN (set GEN=...)" >&2; exit 2; }
mkdir -p "$WORK"

# Builds the release binary the benchmarks run.
build_release() {
  (cd "$REPO" && cargo build --release --quiet)
}

# Prints the folder of the N-article corpus, generating it the first time.
corpus() {
  local site="$WORK/corpus-$1"
  if [ ! -f "$site/.complete" ]; then
    rm -rf "$site"
    python3 "$GEN" --n "$1" --format ours --out "$site" >/dev/null
    touch "$site/.complete"
  fi
  echo "$site"
}
