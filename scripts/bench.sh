#!/usr/bin/env bash
# make bench: generates large portfolios (cached in bench-data/, kept out of git), then runs
# govpack on them several times and prints per-stage wall time, MB/s and peak memory (medians),
# with issue 7's targets beside the figures. A benchmark, never a test: nothing here fails on a
# slow machine.
#
#   RUNS=3 (runs per command)  SIZES="2000 20000"  BIN=.build/release (another build to compare)
#
# For each size N the portfolio is bench-data/nN/{reference,teams/team-NNNN}; the monthly run
# (`govpack run`, all packs, HTML) uses bench-data/run-nN/govpack.yaml, written here, and keeps
# its history database in that folder. Every run's output goes to a temporary folder kept until
# the bench ends (about 4 GB with RUNS=3), then removed.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=${SIZES:-"2000 20000"}
BIN=${BIN:-.build/release}
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
  run=bench-data/run-n$n
  mkdir -p "$run"
  cat > "$run/govpack.yaml" <<YAML
# Written by scripts/bench.sh: the monthly run over bench-data/n$n (every team folder is a team).
organisation: Bench $n
period: 2026-11
inputs:
  reference: [../n$n/reference]
  submissions: ../n$n/teams
output:
  folder: out/{period}
  packs: [all]
  formats: [html]
history: history.db
YAML
done

summary=$(mktemp)
# Every run's output stays until the bench ends: deleting thousands of files just before the next
# timed command would time ext4's slow path for recently freed inodes (see below) in that command.
outputs=$(mktemp -d)
trap 'rm -f "$summary"; rm -rf "$outputs"' EXIT

# bench LABEL SIZE-KEY COMMAND...: runs COMMAND (with --timings) RUNS times, prints the medians.
# "{rep}" in an argument becomes the run's number, so that each run writes a new output folder,
# as a monthly run writes a new period's folder. (Replacing the folder just written would time
# the deletion of the last run's files too, and on an ext4 file system without a journal, as on
# some VMs, creating files within a minute of deleting as many costs seconds of kernel time: ext4
# passes over recently freed inodes one by one. Outputs are deleted after all runs.)
bench() {
  local label=$1 key=$2; shift 2
  local tmp; tmp=$(mktemp -d)
  for i in $(seq "$RUNS"); do
    local args=("${@//"{rep}"/$i}")
    # Each timed run starts with no other writes pending: the outputs kept from earlier runs
    # (below) would otherwise still be on their way to disk while this one fsyncs its own.
    sync
    /usr/bin/time -f "%e %M %U %S" -o "$tmp/time.$i" "${args[@]}" --timings >/dev/null 2>"$tmp/timings.$i" || true
  done
  python3 - "$tmp" "$RUNS" "$label" "$key" "$summary" <<'PY'
import sys, statistics, re, os
tmp, runs, label, key, summary = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
walls, mems, cpus, stages, order = [], [], [], {}, []
for i in range(1, runs + 1):
    wall, mem, user, system = open(os.path.join(tmp, f"time.{i}")).read().split()[-4:]
    walls.append(float(wall)); mems.append(int(mem) / 1024); cpus.append(float(user) + float(system))
    for line in open(os.path.join(tmp, f"timings.{i}")):
        m = re.match(r"timing: (.*?)\s{2,}\s*([\d.]+) s(?:\s+([\d.]+) MB)?", line)
        if not m: continue
        name = m.group(1).strip()
        if name not in stages: stages[name] = []; order.append(name)
        stages[name].append((float(m.group(2)), float(m.group(3)) if m.group(3) else None))
wall, mem, cpu = statistics.median(walls), statistics.median(mems), statistics.median(cpus)
print(f"{label:44s} {wall:8.2f} s wall  {cpu:8.2f} s cpu  {mem:7.0f} MB peak   (median of {runs})")
with open(summary, "a") as f:
    f.write(f"{key}\tcmd\t{label}\t{wall}\t{mem}\n")
for name in order:
    secs = statistics.median(s for s, _ in stages[name])
    mb = stages[name][0][1]
    if mb and secs > 0 and not name.startswith("render"):
        extra = f"  {mb / secs:7.1f} MB/s"
        with open(summary, "a") as f:
            f.write(f"{key}\tstage\t{name}\t{secs}\t{mb / secs}\n")
    else:
        extra = f"  {mb:7.1f} MB written" if mb else ""
    print(f"    {name:40s} {secs:8.3f} s{extra}")
PY
  rm -rf "$tmp"
}

echo
echo "CEL: $("$BIN/govpack" debug cel-bench)"
echo
echo "Targets (issue 7): ingest+validate+metrics+board pack at N=20k < 6 s and < 1.5 GB;"
echo "  govpack run (all packs) at N=20k < 20 s; CSV >= 150 MB/s and XML >= 80 MB/s per core;"
echo "  N=20k at most 11x N=2k; the sample (N=40) under 0.3 s."

echo
echo "== sample (N=40): SampleData"
out=$(mktemp -d -p "$outputs")
bench "govpack validate" sample "$BIN/govpack" validate SampleData/reference SampleData/submissions/2026-11 --period 2026-11
bench "govpack run (all packs, html+md)" sample \
  "$BIN/govpack" run --config SampleData/govpack.yaml --period 2026-11 --no-history --out "$out/packs-{rep}" --quiet

for n in $SIZES; do
  dir=bench-data/n$n
  bytes=$(du -sbL "$dir/" | cut -f1)
  files=$(find -L "$dir/" -type f ! -name .complete | wc -l)
  echo
  echo "== N=$n projects: $files files, $((bytes / 1000000)) MB"
  # One worker: the per-core ingest rates (the targets are per core).
  bench "govpack validate --no-rules (1 thread)" "n$n" \
    env GOVPACK_THREADS=1 "$BIN/govpack" validate --no-rules "$dir" --period 2026-11
  for cmd in "validate --no-rules" "validate" "report --pack board" "report"; do
    extra=()
    out=$(mktemp -d -p "$outputs")
    case "$cmd" in report*) extra=(--out "$out/packs-{rep}") ;; esac
    # shellcheck disable=SC2086
    bench "govpack $cmd" "n$n" "$BIN/govpack" $cmd "$dir" --period 2026-11 "${extra[@]}"
  done
  rm -f "bench-data/run-n$n/history.db"
  bench "govpack run (all packs, html, history)" "n$n" \
    "$BIN/govpack" run --config "bench-data/run-n$n/govpack.yaml" --out "$outputs/run-n$n-{rep}" --quiet
done

python3 - "$summary" "$SIZES" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
sizes = sys.argv[2].split()
rows = [r for r in rows if r[1] == "cmd"]
wall = {(k, label): float(w) for k, _, label, w, _ in rows}
print()
if "2000" in sizes and "20000" in sizes:
    print("Linearity, N=20000 / N=2000 wall time (target: at most 11x):")
    for k, _, label, _, _ in rows:
        if k == "n20000" and ("n2000", label) in wall and wall[("n2000", label)] > 0:
            print(f"    {label:40s} {wall[(k, label)] / wall[('n2000', label)]:6.1f}x")
PY
