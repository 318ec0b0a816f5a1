#!/usr/bin/env bash
# Instructions one build of a course takes, in user space, by part (callgrind; deterministic).
#   bench/instructions.sh [COURSE]     COURSE defaults to the 1k corpus (run bench/run.py first)
# Compare two commits by running it at each. Needs valgrind (Debian: valgrind).
# The parts are inclusive and overlap (highlighting is inside the Markdown rendering): compare
# a part with itself across commits, do not add them up.
set -euo pipefail
cd "$(dirname "$0")/.."
course="${1:-bench/out/corpus-1k/aula}"
cargo build --release --example stream --quiet
out=$(mktemp)
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out" target/release/examples/stream "$course" >/dev/null 2>&1
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | python3 -c '
import re, sys
# The parts of the print page are trait methods, which callgrind names `<Type as Trait>::method`.
parts = ["content::load_all", "templates::Templates::new", "markdown::Renderer::render_events",
         "highlight::code_block", "templates::Templates::render_page",
         "outputs::print::Print as aula::pipeline::sink::Output>::begin",
         "outputs::print::Print as aula::pipeline::sink::Output>::page", "words::count"]
total, best = 0, {}
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) \(.*\)\s+(?:=>\s+)?(\S*?)src/\S+\.rs:<?aula::(.+?)(?: \([\d,]+x\))?(?: \[.*)?$", line)
    if "PROGRAM TOTALS" in line:
        total = int(line.split()[0].replace(",", ""))
    elif m and m.group(3) in parts:
        best[m.group(3)] = max(best.get(m.group(3), 0), int(m.group(1).replace(",", "")))
print(f"{total / 1e6:8.1f} M  whole build (user space)")
for name in parts:
    label = name.replace(" as aula::pipeline::sink::Output>", "")
    print(f"{best.get(name, 0) / 1e6:8.1f} M  {label}")
'
