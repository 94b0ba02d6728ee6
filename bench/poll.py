#!/usr/bin/env python3
"""The live preview measured from outside, for any server: edit a file as an
editor saves it, then fetch the served page over HTTP until the edit shows.

  poll.py wait URL [TIMEOUT_S]
      Wait until URL answers 200 (a server's first build); print seconds.
  poll.py mark FILE ANCHOR
      Insert a fresh marker after ANCHOR in FILE once (an edit between
      timed builds).
  poll.py edit URL FILE ANCHOR [RUNS]
      RUNS times (default 5): insert a fresh marker (BENCH and letters) right after
      the text ANCHOR in FILE (replacing the previous marker), rewrite FILE
      in place, and poll URL until its body holds the marker. Prints the
      median milliseconds on stdout (the same output as bench/preview.sh),
      and every run's on stderr. Exit 1 if a run times out (60 s).

The clock starts just before the file is written and stops when the first
response holding the marker has been read: it includes the server noticing
the change, rebuilding, and serving the page. Polls are 2 ms apart; each
run starts 1.5 s after the previous one ended, so that servers that wait
for a quiet moment (debounce) see one edit at a time."""
import os, re, statistics, sys, time, urllib.request


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read()
    except Exception:
        return 0, b""


def wait(url, timeout):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        status, _ = fetch(url)
        if status == 200:
            print("%.2f" % (time.monotonic() - t0))
            return 0
        time.sleep(0.1)
    print("timeout: %s did not answer in %d s" % (url, timeout), file=sys.stderr)
    return 1


def marker(i):
    """BENCH and letters (no digits: the validator compares the numbers of
    a text's two languages), fresh for each process and run."""
    n, s = (time.monotonic_ns() // 1000) * 100 + i, ""
    while n:
        n, r = divmod(n, 26)
        s += chr(97 + r)
    return "BENCH" + s


def anchored(path, anchor):
    """The file's text and the pattern of ANCHOR with its marker, if any."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    pattern = re.compile(re.escape(anchor) + r"(?:BENCH[a-z]+)?")
    if len(pattern.findall(text)) != 1:
        print("anchor %r is not in %s exactly once" % (anchor, path), file=sys.stderr)
        return text, None
    return text, pattern


def mark(path, anchor):
    text, pattern = anchored(path, anchor)
    if pattern is None:
        return 1
    m = marker(0)
    with open(path, "w", encoding="utf-8") as f:
        f.write(pattern.sub(lambda _: anchor + m, text, count=1))
    return 0


def edit(url, path, anchor, runs):
    text, pattern = anchored(path, anchor)
    if pattern is None:
        return 1
    times = []
    for i in range(runs):
        m = marker(i)
        text = pattern.sub(lambda _: anchor + m, text, count=1)
        needle = m.encode()
        time.sleep(1.5)
        t0 = time.monotonic()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        while True:
            _, body = fetch(url)
            if needle in body:
                break
            if time.monotonic() - t0 > 60:
                print("timeout: %s never showed the edit of %s" % (url, path), file=sys.stderr)
                return 1
            time.sleep(0.002)
        ms = (time.monotonic() - t0) * 1000
        times.append(ms)
        print("run %d: %.0f ms" % (i + 1, ms), file=sys.stderr)
    print("%.0f" % statistics.median(times))
    return 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "wait":
        return wait(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 600)
    if len(sys.argv) == 4 and sys.argv[1] == "mark":
        return mark(sys.argv[2], sys.argv[3])
    if len(sys.argv) >= 5 and sys.argv[1] == "edit":
        return edit(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 5)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
