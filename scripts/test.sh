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

# Python validators: the open-data one and the archive ones (warcio, wacz,
# cdxj-indexer, bagit.py), installed together when any of them is missing.
need_pip=0
for tool in frictionless warcio wacz cdxj-indexer bagit.py; do
  command -v "$tool" >/dev/null 2>&1 || need_pip=1
done
if [ $need_pip -eq 1 ]; then
  echo "== pip install (tests/data/requirements.txt, tests/archive/requirements.txt)"
  python3 -m pip install --quiet --disable-pip-version-check \
    -r tests/data/requirements.txt -r tests/archive/requirements.txt
  hash -r
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
cargo run --locked --quiet -- snapshot 2022 --content "$snap/content" \
  --zip --warc --wacz --bagit --base-url "http://127.0.0.1:$port/" >/dev/null
echo "== archive validators on the snapshot's deposits (all offline)"
dep="$snap/archive/deposit"
python3 -m zipfile -e "$dep/2022.wacz" "$snap/wacz"
for warc in "$dep/2022.warc" "$snap/wacz/archive/2022.warc.gz"; do
  warcio check -v "$warc" >"$snap/check.txt" || { cat "$snap/check.txt"; exit 1; }
  echo "warcio check: $(grep -c 'digest pass' "$snap/check.txt") records of $(basename "$warc"), every digest passes"
  echo "warcio index: $(warcio index "$warc" | wc -l) records"
done
wacz validate -f "$dep/2022.wacz"
bagit.py --quiet --validate "$dep/2022-bag"
echo "bagit.py: $dep/2022-bag is valid"
mkdir -p tests/artifacts
# One test file at a time: each serves the site on the same port, and
# Lighthouse's performance score wants the machine to itself. Screenshots
# (tests/artifacts/screens/) and Lighthouse reports (tests/artifacts/lighthouse/)
# stay for a reader to look at.
browser_start=$(date +%s)
(cd tests/browser && SITE_DIR="$site" SITE_PORT=$port SNAPSHOT_DIR="$snap/archive/2022" ARTIFACTS="$root/tests/artifacts" node --test --test-concurrency=1)
echo "== browser gates took $(( $(date +%s) - browser_start )) s"
rm -rf "$(dirname "$site")" "$snap"
