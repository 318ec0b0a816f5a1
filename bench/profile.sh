#!/usr/bin/env bash
# Profiles one aula build with perf (cpu-clock sampling: this VM has no hardware counters)
# and prints the share of samples per build phase.
#   bench/profile.sh [SIZE]        SIZE = 1k | 10k (default 10k); run bench/run.py first
set -euo pipefail
cd "$(dirname "$0")"
size="${1:-10k}"
out=out/profile-$size
mkdir -p out/trash && { [ -e "$out" ] && mv "$out" "out/trash/profile-$(date +%s%N)"; mkdir -p "$out"; }
perf record -q -e cpu-clock -F 400 --call-graph dwarf,8192 -o "$out/perf.data" \
  out/bin/aula build --root "out/corpus-$size/aula" --output "$out/site" >/dev/null
perf script -i "$out/perf.data" -F comm,tid,ip,sym 2>/dev/null > "$out/perf.txt"
python3 perf_phases.py "$out/perf.txt"
echo "details: python3 bench/perf_phases.py $out/perf.txt '^tera::tera::Tera::render'"
