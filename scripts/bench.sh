#!/usr/bin/env bash
# make bench: generates large portfolios (cached in bench-data/, kept out of git), then runs
# govpack on them several times and prints per-stage wall time, MB/s and peak memory (medians).
# A benchmark, never a test: nothing here fails on a slow machine.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=${SIZES:-"2000 20000"}
BIN=.build/release
bash scripts/install-deps.sh time

mkdir -p bench-data
for n in $SIZES; do
  dir=bench-data/n$n
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    echo "generating $n projects into $dir ..."
    "$BIN/govpack-gen" --projects "$n" --seed 1 --out "$dir"
    touch "$dir/.complete"
  fi
done

echo
echo "CEL: $("$BIN/govpack" debug cel-bench)"

for n in $SIZES; do
  dir=bench-data/n$n
  bytes=$(du -sb "$dir" | cut -f1)
  files=$(find "$dir" -type f ! -name .complete | wc -l)
  echo
  echo "== N=$n projects: $files files, $((bytes / 1000000)) MB"
  for cmd in "validate --no-rules" "validate" "report --pack board" "report"; do
    tmp=$(mktemp -d)
    extra=""
    case "$cmd" in report*) extra="--out $tmp/packs" ;; esac
    for i in $(seq "$RUNS"); do
      /usr/bin/time -f "%e %M" -o "$tmp/time.$i" "$BIN/govpack" $cmd "$dir" --period 2026-11 --timings $extra \
        >/dev/null 2>"$tmp/timings.$i" || true
    done
    python3 - "$tmp" "$RUNS" "govpack $cmd" <<'PY'
import sys, statistics, re, os
tmp, runs, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
walls, mems, stages = [], [], {}
order = []
for i in range(1, runs + 1):
    wall, mem = open(os.path.join(tmp, f"time.{i}")).read().split()[-2:]
    walls.append(float(wall)); mems.append(int(mem) / 1024)
    for line in open(os.path.join(tmp, f"timings.{i}")):
        m = re.match(r"timing: (.*?)\s{2,}\s*([\d.]+) s(?:\s+([\d.]+) MB)?", line)
        if not m: continue
        name = m.group(1).strip()
        if name not in stages: stages[name] = []; order.append(name)
        stages[name].append((float(m.group(2)), float(m.group(3)) if m.group(3) else None))
print(f"{label}: total {statistics.median(walls):.2f} s wall, peak {statistics.median(mems):.0f} MB (median of {runs})")
for name in order:
    secs = statistics.median(s for s, _ in stages[name])
    mb = stages[name][0][1]
    rate = f"  {mb / secs:8.1f} MB/s" if mb and secs > 0 and not name.startswith("render") else (f"  {mb:8.1f} MB written" if mb else "")
    print(f"  {name:42s} {secs:8.3f} s{rate}")
PY
    rm -rf "$tmp"
  done
done
