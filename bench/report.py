#!/usr/bin/env python3
"""Write bench/RESULTS.md (on stdout) from what bench/run.sh measured in
WORK_DIR: meta.tsv, results.tsv, sizes.tsv, timings.txt, skipped.txt.
Every figure gets its ratio to the best peer (the faster of Hugo and Zola
doing the same kind of build), and the issue's targets are computed here
as met, or missed by how much.

Usage: report.py WORK_DIR"""
import os, re, sys

TOLERANCE = 0.20  # output bytes and files within ±20 % of gongkai's


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


class Figures:
    def __init__(self, rows):
        self.rows = rows
        self.by_key = {r[0]: r for r in rows}

    def value(self, key):
        r = self.by_key.get(key)
        return float(r[2]) if r else None

    def cpu(self, key):
        r = self.by_key.get(key)
        return float(r[6]) if r and len(r) > 6 and r[6] else None

    def mib(self, key):
        r = self.by_key.get(key)
        return float(r[4]) if r and r[4] else None

    def peers(self, key):
        """The keys of the peers' figures this figure is compared with."""
        parts = key.split(".")
        if parts[0] == "preview" and parts[3] != "real":
            return ["preview.hugo.%s.%s" % (parts[2], parts[3]), "preview.zola.%s.%s" % (parts[2], parts[3])]
        if parts[0] in ("gk", "hugo", "zola"):
            n, m = parts[-2], parts[-1]
            kind = parts[-3]
            hugo = "hugo.rebuild" if kind in ("noop", "edit", "rebuild") else "hugo.first"
            return ["%s.%s.%s" % (hugo, n, m), "zola.build.%s.%s" % (n, m)]
        return []

    def best(self, keys, of=None):
        vals = [(of or self.value)(k) for k in keys]
        vals = [v for v in vals if v is not None]
        return min(vals) if vals else None


def ratio(v, best):
    if v is None or not best:
        return "—"
    return "%.2f×" % (v / best)


def fmt(v, unit):
    if v is None:
        return "not measured"
    return ("%.0f ms" % v) if unit == "ms" else ("%.2f s" % v)


def verdict(value, target, strict):
    """met, or missed by X % (value over target); None when not measured."""
    if value is None or target is None:
        return "not measured"
    ok = value < target if strict else value <= target
    if ok:
        return "met"
    return "**missed by %.0f %%**" % ((value / target - 1) * 100) if target else "**missed**"


def main():
    work = sys.argv[1]
    meta = dict((r[0], r[1] if len(r) > 1 else "") for r in read_tsv(os.path.join(work, "meta.tsv")))
    f = Figures(read_tsv(os.path.join(work, "results.tsv")))
    sizes = read_tsv(os.path.join(work, "sizes.tsv"))
    out = []
    w = out.append
    w("# Benchmark results")
    w("")
    if meta.get("note"):
        w("**%s**" % meta["note"])
        w("")
    w("- Command: `%s` (medians of %s runs, wall time and peak memory from `/usr/bin/time -f \"%%e %%M\"`; media: %s)"
      % (meta.get("command", "?"), meta.get("runs", "?"), meta.get("media", "?")))
    w("- Date: %s; machine: %s" % (meta.get("date", "?"), meta.get("machine", "?")))
    w("- Disk: %s" % meta.get("disk", "?"))
    w("- This machine's speed: %s" % meta.get("reference", "not measured"))
    w("- %s at commit %s" % (meta.get("gongkai", "?"), meta.get("commit", "?")))
    w("- Hugo: %s; Zola: %s" % (meta.get("hugo") or "not run", meta.get("zola") or "not run"))
    w("- The whole run took %s." % meta.get("elapsed", "?"))
    w("")
    w("Written by `bench/report.py` from the run; nothing here is edited by hand. \"× best peer\" divides a")
    w("figure by the faster of Hugo and Zola doing the same kind of build (a first build against Hugo's first")
    w("build and Zola's build; a rebuild against Hugo's rebuild and Zola's build, as Zola has no rebuild")
    w("cache; a live preview against the peers' servers on the same edit); below 1 is ahead. CPU is user +")
    w("system time: on a busy machine wall times stretch with the load, CPU times much less.")
    w("")
    w("## Equal work: what each generator wrote (disk, features off)")
    w("")
    w("| N | generator | files | bytes | files / gongkai's | bytes / gongkai's | within ±20 % |")
    w("|---|---|---|---|---|---|---|")
    gk = {r[0]: (int(r[2]), int(r[3])) for r in sizes if r[1] == "gongkai"}
    for r in sizes:
        n, gen, files, size = r[0], r[1], int(r[2]), int(r[3])
        base = gk.get(n)
        if base and gen != "gongkai":
            fr, br = files / base[0], size / base[1]
            ok = "yes" if abs(fr - 1) <= TOLERANCE and abs(br - 1) <= TOLERANCE else "**no**"
            w("| %s | %s | %d | %s | %.2f | %.2f | %s |" % (n, gen, files, "{:,}".format(size), fr, br, ok))
        else:
            w("| %s | %s | %d | %s | — | — | — |" % (n, gen, files, "{:,}".format(size)))
    w("")
    w("## Every figure")
    w("")
    w("| build | time | CPU (user + system) | peak memory (MiB) | time × best peer | CPU × best peer | memory × best peer | runs |")
    w("|---|---|---|---|---|---|---|---|")
    for r in f.rows:
        key, label, unit = r[0], r[1], r[3]
        v, mem, cpu = f.value(key), f.mib(key), f.cpu(key)
        peers = f.peers(key)
        w("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            label, fmt(v, unit), fmt(cpu, "s") if cpu is not None else "—", "%.0f" % mem if mem is not None else "—",
            ratio(v, f.best(peers)), ratio(cpu, f.best(peers, f.cpu)) if cpu is not None else "—",
            ratio(mem, f.best(peers, f.mib)) if mem is not None else "—", r[5]))
    w("")
    w("## Targets (issue #15)")
    w("")
    w("| target | figure | against | result |")
    w("|---|---|---|---|")
    ns = sorted({k.split(".")[3] for k in f.by_key if k.startswith("gk.off.first.")}, key=int)
    ms = [m for m in ("disk", "tmpfs") if any(k.endswith("." + m) for k in f.by_key)]

    def row(target, key, against_keys, limit=None, strict=True, factor=1.0, of=None):
        of = of or f.value
        v = of(key)
        best = f.best(against_keys, of) if against_keys else None
        goal = limit if limit is not None else (best * factor if best is not None else None)
        unit = "ms" if key.startswith("preview") else "s"
        shown = ("%.0f MiB" % v if of == f.mib else fmt(v, unit) + (" CPU" if of == f.cpu else "")) if v is not None else "not measured"
        agst = ("%.0f MiB" % goal if of == f.mib else fmt(goal, unit)) if goal is not None else "not measured"
        w("| %s | %s | %s | %s |" % (target, shown, agst, verdict(v, goal, strict)))

    for n in ns:
        for m in ms:
            peers_first = ["hugo.first.%s.%s" % (n, m), "zola.build.%s.%s" % (n, m)]
            peers_re = ["hugo.rebuild.%s.%s" % (n, m), "zola.build.%s.%s" % (n, m)]
            row("N=%s %s: first build faster than Zola and Hugo" % (n, m), "gk.off.first.%s.%s" % (n, m), peers_first)
            row("N=%s %s: first build, CPU time below Zola's and Hugo's" % (n, m), "gk.off.first.%s.%s" % (n, m),
                peers_first, of=f.cpu)
            row("N=%s %s: rebuild (unchanged input) faster than Zola and Hugo" % (n, m), "gk.off.noop.%s.%s" % (n, m), peers_re)
            row("N=%s %s: rebuild after one task's edit faster than Zola and Hugo" % (n, m), "gk.off.edit.%s.%s" % (n, m), peers_re)
        row("N=%s: peak memory of the first build below Zola's and Hugo's" % n, "gk.off.first.%s.disk" % n,
            ["hugo.first.%s.disk" % n, "zola.build.%s.disk" % n], of=f.mib)
    if "5000" in ns and "50000" in ns:
        for m in ms:
            for kind, what in (("first", "first build"), ("noop", "rebuild of unchanged input")):
                for of, clock in ((f.value, "time"), (f.cpu, "CPU")):
                    a, b = of("gk.off.%s.5000.%s" % (kind, m)), of("gk.off.%s.50000.%s" % (kind, m))
                    growth = b / a if a and b else None
                    shown = "%.1f×" % growth if growth else "not measured"
                    if kind == "first" and growth:
                        # The floor: what copying the output costs the medium itself.
                        fa, fb = of("floor.5000.%s" % m), of("floor.50000.%s" % m)
                        if fa and fb:
                            shown += " (the floor, cp -r: %.1f×)" % (fb / fa)
                    w("| growth 5 000 → 50 000 no worse than linear (%s, %s, %s) | %s | 10.0× | %s |" % (
                        what, clock, m, shown, verdict(growth, 10.0, False)))
    else:
        w("| growth 5 000 → 50 000 no worse than linear | not measured (needs N = 5000 and 50000) | 10.0× | not measured |")
    for what in ("task", "update"):
        row("live preview ≤ 100 ms at N=5000 (one %s edited, everything on)" % what, "preview.gk.%s.5000" % what,
            [], limit=100, strict=False)
    for n in ns:
        if f.value("preview.gk.task.%s" % n) is None:
            continue
        for what in ("task", "update"):
            k = "preview.gk.%s.%s" % (what, n)
            row("live preview at N=%s faster than Hugo's server (one %s edited)" % (n, what), k, ["preview.hugo.%s.%s" % (what, n)])
    row("live preview ≤ 50 ms on the real portal (one task edited)", "preview.gk.task.real", [], limit=50, strict=False)
    for n in ns:
        for m in ms:
            row("N=%s %s: everything on ≤ 1.5× features off (first build)" % (n, m), "gk.on.first.%s.%s" % (n, m),
                ["gk.off.first.%s.%s" % (n, m)], strict=False, factor=1.5)
            row("N=%s %s: everything on ≤ 1.5× features off (rebuild)" % (n, m), "gk.on.noop.%s.%s" % (n, m),
                ["gk.off.noop.%s.%s" % (n, m)], strict=False, factor=1.5)
    row("N=50000: ≤ 1.5 GiB peak, everything on (first build, disk)", "gk.on.first.50000.disk", [], limit=1536,
        strict=False, of=f.mib)
    w("")
    timings = open(os.path.join(work, "timings.txt"), encoding="utf-8").read().strip() if os.path.exists(os.path.join(work, "timings.txt")) else ""
    if timings:
        w("## Per-stage timings (`--timings`, one rebuild each)")
        w("")
        w("```")
        w(timings)
        w("```")
        w("")
    skipped = [r[0] for r in read_tsv(os.path.join(work, "skipped.txt"))]
    if skipped:
        w("## Not measured")
        w("")
        for s in skipped:
            w("- " + s)
        w("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
