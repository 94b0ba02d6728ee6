#!/usr/bin/env bash
# The live preview of `gongkai serve`, measured from outside: start the
# server on a copy of nothing but the content given (its output goes to a
# temporary folder), open PAGE as a browser does (a long poll on
# /__gongkai/wait with the page's path), then save an edit of FILE that
# shows on PAGE and time how long until the long poll has answered and the
# page, fetched again, shows the edit. Five edits; prints the median in
# milliseconds on stdout (the rest goes to stderr).
#
#   bash bench/preview.sh BIN CONTENT_DIR PAGE_URL_PATH FILE_TO_EDIT [TEXT]
#
# TEXT is a piece of FILE that the page shows; the edit puts a mark after
# it. Without it: for /tasks/N/ (and /en/tasks/N/) of a `gongkai scale`
# plan, the task's own wording `完成第N项目标`; otherwise the last line of FILE.
# FILE is restored at the end. Extra `serve` flags may be given in
# PREVIEW_FLAGS (e.g. "--no-search" or "--timings"); with PREVIEW_LOG set,
# the server's log is kept there.
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: bash bench/preview.sh BIN CONTENT_DIR PAGE_URL_PATH FILE_TO_EDIT [TEXT]" >&2
  exit 2
fi
BIN=$(realpath "$1")
CONTENT=$(realpath "$2")
PAGE=$3
FILE=$(realpath "$4")
TEXT=${5:-}
if [ -z "$TEXT" ]; then
  if [[ $PAGE =~ /tasks/([0-9]+)/?$ ]]; then
    TEXT="完成第${BASH_REMATCH[1]}项目标"
  else
    TEXT=$(grep -v '^\s*$' "$FILE" | tail -n 1)
  fi
fi
grep -qF -- "$TEXT" "$FILE" || { echo "preview.sh: \`$TEXT\` is not in $FILE" >&2; exit 2; }

WORK=$(mktemp -d)
cp "$FILE" "$WORK/original"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --content "$CONTENT" --out "$WORK/public" --port "$PORT" ${PREVIEW_FLAGS:-} 2>"$WORK/serve.log" &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  cp "$WORK/original" "$FILE"
  if [ -n "${PREVIEW_LOG:-}" ]; then cp "$WORK/serve.log" "$PREVIEW_LOG"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

python3 - "$PORT" "$PAGE" "$FILE" "$TEXT" "$WORK/serve.log" <<'PY'
import os, sys, time, statistics, threading, urllib.parse, urllib.request

port, page, path, text, log = sys.argv[1:6]
base = f"http://127.0.0.1:{port}"

def get(url, timeout=60):
    with urllib.request.urlopen(base + url, timeout=timeout) as r:
        return r.read().decode("utf-8", "replace")

# The first build: wait until the page is served.
start = time.time()
while True:
    try:
        if "</html>" in get(page, 5):
            break
    except Exception:
        pass
    if time.time() - start > 1800:
        sys.exit("preview.sh: serve did not start:\n" + open(log).read())
    time.sleep(0.2)
print(f"first build served after {time.time() - start:.1f} s", file=sys.stderr)

wait = "/__gongkai/wait?path=" + urllib.parse.quote(page, safe="")
token = get(wait).split(" ")[1]
marks = ["甲", "乙", "丙", "丁", "戊", "己", "庚"]
times = []
def settle():
    """Wait until the server has finished every pass (its log stops growing
    and its last rebuild was a whole one)."""
    last, since = None, time.time()
    while True:
        lines = [l for l in open(log, encoding="utf-8", errors="replace") if l.startswith(("rebuilt", "built"))]
        state = (len(lines), lines[-1] if lines else "")
        if state != last:
            last, since = state, time.time()
        elif time.time() - since > 1.5 and " first in " not in state[1]:
            return
        time.sleep(0.1)

for i in range(5):
    settle()
    token = get(wait).split(" ")[1]
    original = open(path, encoding="utf-8").read()
    mark = "〔" + marks[i] + "〕"
    edited = original.replace(text, text + mark, 1)
    answer = {}
    def poll():
        answer["text"] = get(wait + "&token=" + token, 120)
    waiter = threading.Thread(target=poll)
    waiter.start()
    time.sleep(0.3)  # the long poll is waiting, as a browser's would be
    tmp = path + ".preview-tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(edited)
    saved = time.perf_counter()
    os.replace(tmp, path)  # one step, as an editor saves
    seen = None
    while seen is None:
        waiter.join()
        body = get(page)
        if mark in body:
            seen = time.perf_counter()
            break
        # Reloaded for another reason (the page is older): wait again.
        token = answer["text"].split(" ")[1]
        waiter = threading.Thread(target=poll)
        waiter.start()
    ms = (seen - saved) * 1000
    times.append(ms)
    print(f"edit {i + 1}: {ms:.0f} ms", file=sys.stderr)
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)
print(f"{statistics.median(times):.0f}")
PY
