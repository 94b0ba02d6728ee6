#!/usr/bin/env bash
# The one test command (README and CI). It installs what it needs when it is
# missing (Chromium, a Java runtime, the npm validators from the lockfile),
# then runs formatting, lints, every Rust test, `gongkai check`, and the
# browser and validator gates on a fresh build of the real portal. Nothing
# is skipped silently: a missing tool is installed or the run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/gongkai-target}"
export CARGO_TERM_COLOR=never

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
fc-list 2>/dev/null | grep -qi "noto.*cjk" || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
  echo "== npm ci (tests/browser)"
  (cd tests/browser && npm ci --no-audit --no-fund --ignore-scripts)
  touch tests/browser/node_modules
fi

if ! command -v frictionless >/dev/null 2>&1; then
  echo "== pip install (tests/data/requirements.txt)"
  python3 -m pip install --quiet --disable-pip-version-check -r tests/data/requirements.txt
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --locked
echo "== gongkai check on the real content"
cargo run --locked --quiet -- check

echo "== browser and validator gates"
port=18765
site=$(mktemp -d)/site
cargo run --locked --quiet -- build --out "$site" --base-url "http://127.0.0.1:$port/"
echo "== open data: Frictionless validation of both data packages"
frictionless validate "$site/data/datapackage.json"
frictionless validate "$site/en/data/datapackage.json"
echo "== a yearly snapshot of the fixture, for the offline (file://) checks"
snap=$(mktemp -d)
cp -r tests/fixtures/basic "$snap/content"
cp -r tests/fixtures/seeds "$snap/seeds"
cargo run --locked --quiet -- snapshot 2022 --content "$snap/content" >/dev/null
mkdir -p tests/artifacts
(cd tests/browser && SITE_DIR="$site" SITE_PORT=$port SNAPSHOT_DIR="$snap/archive/2022" ARTIFACTS="$root/tests/artifacts" node --test)
rm -rf "$(dirname "$site")" "$snap"
