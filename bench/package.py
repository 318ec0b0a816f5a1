#!/usr/bin/env python3
"""The LMS package (issue 20): `aula package` against `aula build` of the same course, in the
same run, interleaved, on the sample course and the 1k corpus (and 10k with --sizes 1k,10k).

    python3 bench/package.py                 # ~1 min: release build, sample + 1k, 7 rounds
    python3 bench/package.py --skip-build --reps 3

Each round runs, in this order: `aula build` into a new folder (the previous one moved aside
untimed, as run.py does), then `aula package` as SCORM 1.2 and as SCORM 2004, each replacing
the previous round's zip, as running it again does. A build over its previous output is not
timed: it deletes the old tree, which slows every file created after it on this disk (see
discard() in run.py), and so would the packages' times.
Medians of wall time and of user+sys CPU. The budget is a ratio, since absolute times on
these machines are noisy: a package of the 1k corpus takes at most 1.3 x its build. Sizes are
of the zips and of the built folder. Writes bench/out/package.json and prints a table.
"""

import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import (  # noqa: E402
    BIN, OUT, REPO, build_binary, corpus, delete_trash, discard, log, settle, timed_run, tree_stats, wait_for_quiet_disk,
)

BUDGET = 1.3


def bench(name, root, reps):
    out = os.path.join(OUT, f"pkg-{name}")
    os.makedirs(out, exist_ok=True)
    cmds = {
        "build": [BIN, "build", "--root", root, "--output", os.path.join(out, "site")],
        "scorm1.2": [BIN, "package", "--root", root, "--format", "scorm1.2", "--output", os.path.join(out, "scorm12.zip")],
        "scorm2004": [BIN, "package", "--root", root, "--format", "scorm2004", "--output", os.path.join(out, "scorm2004.zip")],
    }
    runs = {k: {"wall": [], "cpu": []} for k in cmds}
    for k, cmd in cmds.items():
        timed_run(cmd)  # warm-up, and a check that it works
    for r in range(reps):
        for k, cmd in cmds.items():
            if k == "build":
                discard(os.path.join(out, "site"))
            settle()
            wall, _ = timed_run(cmd)
            runs[k]["wall"].append(wall)
            runs[k]["cpu"].append(timed_run.cpu)
        log(f"   {name} round {r + 1}: " + "  ".join(f"{k} {runs[k]['wall'][-1]:.3f} s" for k in cmds))
    result = {k: {"wall": statistics.median(v["wall"]), "cpu": statistics.median(v["cpu"])} for k, v in runs.items()}
    result["build"]["bytes"] = tree_stats(os.path.join(out, "site"))["bytes"]
    result["scorm1.2"]["bytes"] = os.path.getsize(os.path.join(out, "scorm12.zip"))
    result["scorm2004"]["bytes"] = os.path.getsize(os.path.join(out, "scorm2004.zip"))
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1k")
    p.add_argument("--reps", type=int, default=7)
    p.add_argument("--skip-build", action="store_true", help="use target/release/aula as it is")
    a = p.parse_args()
    build_binary(a.skip_build)
    wait_for_quiet_disk()
    courses = [("sample", REPO)] + [(s, os.path.join(corpus(s), "aula")) for s in a.sizes.split(",") if s]
    results = {}
    for name, root in courses:
        log(f"== {name}")
        results[name] = bench(name, root, a.reps)
    delete_trash()
    with open(os.path.join(OUT, "package.json"), "w") as f:
        json.dump(results, f, indent=2)
    print("\n| course | build | SCORM 1.2 | SCORM 2004 | package / build: wall, CPU | site | zip (1.2) | zip (2004) |")
    print("|---|---|---|---|---|---|---|---|")
    ok = True
    for name, r in results.items():
        b, p12, p04 = r["build"], r["scorm1.2"], r["scorm2004"]
        ratio = max(p12["wall"], p04["wall"]) / b["wall"]
        cpu_ratio = max(p12["cpu"], p04["cpu"]) / max(b["cpu"], 1e-9)
        verdict = ""
        if name == "1k":
            ok = ratio <= BUDGET
            verdict = " ✅" if ok else f" ❌ (budget {BUDGET})"
        print(f"| {name} | {b['wall'] * 1000:.0f} ms | {p12['wall'] * 1000:.0f} ms | {p04['wall'] * 1000:.0f} ms "
              f"| {ratio:.2f} x, {cpu_ratio:.2f} x{verdict} | {b['bytes'] / 1e6:.1f} MB | {p12['bytes'] / 1e6:.2f} MB | {p04['bytes'] / 1e6:.2f} MB |")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
