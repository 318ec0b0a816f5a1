#!/usr/bin/env python3
"""What each part of a page costs: aula on the 10k corpus, with one feature taken away at a
time through the course's own settings and template overrides (no change to aula itself).

    python3 bench/ablate.py [--size 10k] [--reps 3]

Variants (each a copy of bench/out/corpus-SIZE/aula, made once):
  baseline      as generated
  no-highlight  site.toml [markdown] highlight_code = false
  no-nav        templates/nav.html is empty (the sidebar is not rendered)
  no-print      templates/print.html and print_section.html are empty
  no-lesson-pos lesson.html without its "Lesson N of M" loop over the module's items
  bare          all three
and `cp -r` of the baseline's output. Runs are interleaved; medians and max RSS are printed.
Uses bench/out/bin/aula as left by bench/run.py (run that first, or pass --build).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402


THEME_TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "themes", "aula", "templates")


def lesson_template():
    """The lesson.html built into bench/out/bin/aula: the theme at the commit bench/run.py
    built (recorded in results.json), or the working tree's if unknown."""
    try:
        commit = json.load(open(os.path.join(run.OUT, "results.json")))["commit"]
        return subprocess.run(["git", "show", f"{commit}:themes/aula/templates/lesson.html"], cwd=run.REPO,
                              capture_output=True, text=True, check=True).stdout
    except Exception:
        return open(os.path.join(THEME_TEMPLATES, "lesson.html")).read()


def variant(src, dst, highlight=True, nav=True, print_page=True, lesson_position=True):
    if os.path.exists(dst):
        shutil.rmtree(dst)
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
    if not lesson_position:
        # lesson.html finds "Lesson N of M" with a Tera loop over the module's items: O(L) per
        # lesson. Replace that loop by a constant to see what it costs.
        os.makedirs(tdir, exist_ok=True)
        text = lesson_template()
        text, n = re.subn(r"\{% set_global pos = 0 %\}\{% for i in lessons %\}.*?\{% endfor %\}", "{% set pos = 1 %}", text, flags=re.S)
        assert n == 1, "lesson.html changed: update bench/ablate.py"
        with open(os.path.join(tdir, "lesson.html"), "w") as f:
            f.write(text)


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
        "no-lesson-pos": {"lesson_position": False},
        "bare": {"highlight": False, "nav": False, "print_page": False},
    }
    for name, kw in variants.items():
        variant(base, os.path.join(root, name), **kw)
    res = {k: ([], [], []) for k in list(variants) + ["cp"]}
    sizes = {}
    for r in range(a.reps + 1):  # round 0 is a warm-up
        for name in list(variants) + ["cp"]:
            out = os.path.join(root, f"out-{name}")
            run.rm(out)
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


if __name__ == "__main__":
    main()
