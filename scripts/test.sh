#!/usr/bin/env bash
# The one test command (README and CI): formatting, lints, every test.
# It sets up what it needs itself and never skips silently.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/gongkai-target}"
export CARGO_TERM_COLOR=never

if ! command -v cargo >/dev/null 2>&1; then
  echo "test.sh: cargo is not installed (install Rust with rustup)" >&2
  exit 1
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --locked
echo "== gongkai check on the real content"
cargo run --locked --quiet -- check
