#!/usr/bin/env python3
"""Share of perf samples per build phase.

    perf script -i perf.data -F comm,tid,ip,sym > perf.txt
    python3 bench/perf_phases.py perf.txt            # phases
    python3 bench/perf_phases.py perf.txt REGEX      # leaf functions of the samples whose stack matches REGEX

A sample goes to the first category (in this order) that any frame of its stack starts with."""
import re, collections, sys
CATS = [
    ("highlighting", r"^aula::highlight::"),
    ("print page", r"^aula::outputs::print::"),
    ("theme + template compile", r"^aula::theme::|^aula::templates::Templates::new|^tera::tera::Tera::add_raw"),
    ("Tera: page templates", r"^tera::"),
    ("page context: build / clone / drop", r"^aula::templates::Templates::render|^aula::templates::page_values|^aula::outputs::pages::Pages::render"),
    ("pulldown-cmark + link rewriting", r"^aula::markdown::Renderer::"),
    ("output: create + write files (kernel)", r"^aula::outputs::files::|^std::fs::write|^std::fs::DirBuilder|create_dir_all"),
    ("content load (walk, read, front matter, quiz TOML)", r"^aula::content::"),
    ("staging commit", r"^aula::out_dir::Staging"),
    ("link check, nav, misc", r"^aula::"),
]
def parse(path):
    stack, comm = [], None
    for line in open(path, errors="replace"):
        if not line.strip():
            if comm is not None: yield comm, stack
            stack, comm = [], None
        elif not line[0].isspace():
            comm = line.split()[0]; stack = []
        else:
            parts = line.strip().split(None, 1)
            stack.append(parts[1] if len(parts) > 1 else "?")
    if comm is not None and stack: yield comm, stack
def main():
    c = collections.Counter(); n = 0
    focus = sys.argv[2] if len(sys.argv) > 2 else None
    leaves = collections.Counter()
    for comm, st in parse(sys.argv[1]):
        if focus:
            if any(re.search(focus, f) for f in st):
                n += 1; leaves[st[0][:100]] += 1
            continue
        n += 1
        name = "other (idle spin, exit, loader)"
        for k, rx in CATS:
            if any(re.search(rx, f) for f in st): name = k; break
        c[name] += 1
    for k, v in (leaves if focus else c).most_common(25 if focus else None):
        print(f"{100 * v / n:5.1f}%  {k}")
    print(f"({n} samples)")
main()
