#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each).
#   fuzz/run.sh            # 60 s per target
#   fuzz/run.sh 600        # longer
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The stable toolchain is told
# to accept the sanitizer flags with RUSTC_BOOTSTRAP=1 (no nightly needed).
# Crashes land in fuzz/artifacts/<target>/; copy each into
# tests/fixtures/fuzz-regressions/<target>/ so `cargo test` keeps checking it.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:-60}
export RUSTC_BOOTSTRAP=1
for target in frontmatter markdown_citations config; do
  mkdir -p "corpus/$target"
  seeds="../tests/fixtures/fuzz-regressions/$target"
  [ -d "$seeds" ] && cp -n "$seeds"/* "corpus/$target/" 2>/dev/null || true
  echo "== $target ($SECONDS_EACH s)"
  cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 2>&1 | tail -n 3
done
