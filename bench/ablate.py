#!/usr/bin/env python3
"""What each part of a page costs: aula on the 10k corpus, with one feature taken away at a
time through the course's own settings and template overrides (no change to aula itself).

    python3 bench/ablate.py [--size 10k] [--reps 3]

Variants (each a copy of bench/out/corpus-SIZE/aula, made once):
  baseline      as generated
  no-highlight  site.toml [markdown] highlight_code = false
  no-nav        templates/nav.html is empty (the sidebar is not rendered)
  no-print      templates/print.html and print_section.html are empty
  bare          all three
and `cp -r` of the baseline's output. Runs are interleaved; medians and max RSS are printed.
Uses bench/out/bin/aula as left by bench/run.py (run that first, or pass --build).
"""

import argparse
import os
import shutil
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402


def variant(src, dst, highlight=True, nav=True, print_page=True):
    if os.path.exists(dst):
        return  # made by an earlier run; deleting it now would slow the timed runs (see run.discard)
    shutil.copytree(src, dst)
    if not highlight:
        with open(os.path.join(dst, "site.toml"), "a") as f:
            f.write("\n[markdown]\nhighlight_code = false\n")
    tdir = os.path.join(dst, "templates")
    if not nav:
        os.makedirs(tdir, exist_ok=True)
        open(os.path.join(tdir, "nav.html"), "w").close()
    if not print_page:
        os.makedirs(tdir, exist_ok=True)
        for name in ("print.html", "print_section.html"):
            open(os.path.join(tdir, name), "w").close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", default="10k")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--build", action="store_true")
    a = p.parse_args()
    if a.build or not os.path.exists(run.BIN):
        run.build_binary(False)
    base = os.path.join(run.corpus(a.size), "aula")
    root = os.path.join(run.OUT, f"ablate-{a.size}")
    os.makedirs(root, exist_ok=True)
    variants = {
        "baseline": {},
        "no-highlight": {"highlight": False},
        "no-nav": {"nav": False},
        "no-print": {"print_page": False},
        "bare": {"highlight": False, "nav": False, "print_page": False},
    }
    for name, kw in variants.items():
        variant(base, os.path.join(root, name), **kw)
    res = {k: ([], [], []) for k in list(variants) + ["cp"]}
    sizes = {}
    for r in range(a.reps + 1):  # round 0 is a warm-up
        for name in list(variants) + ["cp"]:
            out = os.path.join(root, f"out-{name}")
            run.discard(out)
            run.settle()
            if name == "cp":
                cmd = ["cp", "-r", os.path.join(root, "out-baseline"), out]
            else:
                cmd = [run.BIN, "build", "--root", os.path.join(root, name), "--output", out]
            wall, rss = run.timed_run(cmd)
            print(f"round {r} {name:13} {wall:7.2f} s {rss / 1024:6.0f} MiB  cpu {run.timed_run.cpu:6.2f} s", flush=True)
            if r:
                res[name][0].append(wall)
                res[name][1].append(rss / 1024)
                res[name][2].append(run.timed_run.cpu)
                sizes[name] = run.tree_stats(out)["bytes"]
    b = statistics.median(res["baseline"][0])
    bc = statistics.median(res["baseline"][2])
    print()
    print("| variant | wall (median) | vs baseline | CPU user+sys | vs baseline | peak RSS | output |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, (w, m, c) in res.items():
        mw, mc = statistics.median(w), statistics.median(c)
        print(f"| {name} | {mw:.2f} s | {mw / b:.2f} | {mc:.2f} s | {mc / bc:.2f} | {max(m):.0f} MiB | {run.fmt_bytes(sizes[name])} |")
    run.rm(run.TRASH)


if __name__ == "__main__":
    main()
