#!/usr/bin/env bash
# Growth from 5 000 to 50 000 of two gongkai binaries side by side (a change
# against the commit before it): first builds and no-op rebuilds, features
# off, on tmpfs, the two binaries alternated run by run so that a machine
# whose speed drifts treats both alike. Each binary builds into its own
# output (a rebuild by another binary remakes every page: the binary is part
# of the fingerprints' identity).
#
# Usage: bash bench/growth.sh BEFORE_BIN AFTER_BIN [N ...]   (default N: 5000 50000)
# Environment: RUNS (default 5) per figure, SLOW_RUNS (default 3) at N >= 50000.
# Prints one line a build: "<first|noop> N <before|after> wall user sys peak_KB",
# then the medians and each binary's growth from the smallest N to the largest.
set -euo pipefail
before=$(realpath "$1") after=$(realpath "$2"); shift 2
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(5000 50000)
work=$(mktemp -d /dev/shm/gongkai-growth.XXXXXX)
trap 'rm -rf "$work"' EXIT
off=(--no-search --no-feeds --no-data)
log="$work/log"
for n in "${sizes[@]}"; do
  runs=${RUNS:-5}; [ "$n" -ge 50000 ] && runs=${SLOW_RUNS:-3}
  "$after" scale "$n" --out "$work/in-$n" >/dev/null
  out() { echo "$work/out-$1-$n"; }
  fresh() { rm -rf "$1" "$(dirname "$1")/.$(basename "$1")".*; }
  for _ in $(seq "$runs"); do
    for b in before after; do
      fresh "$(out $b)"
      /usr/bin/time -f "first $n $b %e %U %S %M" "${!b}" build --content "$work/in-$n/content" --out "$(out $b)" "${off[@]}" 2>&1 >/dev/null | grep '^first' | tee -a "$log"
    done
  done
  for b in before after; do "${!b}" build --content "$work/in-$n/content" --out "$(out $b)" "${off[@]}" >/dev/null 2>&1; done
  for _ in $(seq "$runs"); do
    for b in before after; do
      /usr/bin/time -f "noop $n $b %e %U %S %M" "${!b}" build --content "$work/in-$n/content" --out "$(out $b)" "${off[@]}" 2>&1 >/dev/null | grep '^noop' | tee -a "$log"
    done
  done
  for b in before after; do fresh "$(out $b)"; done
  rm -rf "$work/in-$n"
done
python3 - "$log" "${sizes[0]}" "${sizes[-1]}" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
small, large = sys.argv[2], sys.argv[3]
def med(kind, n, b, col):
    v = [float(r[col]) for r in rows if r[:3] == [kind, n, b]]
    return statistics.median(v) if v else float("nan")
for kind in ("first", "noop"):
    for b in ("before", "after"):
        w = [med(kind, n, b, 3) for n in (small, large)]
        c = [med(kind, n, b, 4) + med(kind, n, b, 5) for n in (small, large)]
        m = [med(kind, n, b, 6) / 1024 for n in (small, large)]
        print(f"{kind:5} {b:6}: wall {w[0]:.2f} -> {w[1]:.2f} s ({w[1]/w[0]:.1f}x), "
              f"CPU {c[0]:.2f} -> {c[1]:.2f} s ({c[1]/c[0]:.1f}x), peak {m[0]:.0f} -> {m[1]:.0f} MiB")
PY
