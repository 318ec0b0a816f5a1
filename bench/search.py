#!/usr/bin/env python3
"""Search (issue 21): what the index costs a build and weighs, and how fast it answers.

    python3 bench/search.py                      # ~3 min: release build, 1k and 10k, 5 rounds
    python3 bench/search.py --sizes 1k --reps 3 --skip-build
    python3 bench/search.py --outputs /dev/shm    # the builds into memory: no disk noise

- **Build CPU**: `aula build` of the same corpus with search on and with `[search] enabled =
  false` (a copy of the course whose site.toml says so), interleaved, each into a new folder
  (the previous one moved aside untimed, as run.py does). Medians of user+sys CPU and of wall
  time; the budget is on + 10 % at 10k.
- **Size**: the index's files (assets/search-index*.js): all of them, and what the first
  query loaded (a course past 1 MB is split; src/search/index.rs says how).
- **Chromium** (bench/search_browser.mjs, from disk): the first query, from the box's first
  focus to the results, index loading included; and each further keystroke. Budgets on the
  1k corpus: 150 ms and 10 ms.
Writes bench/out/search.json and prints a table.
"""

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import (  # noqa: E402
    BENCH, BIN, OUT, build_binary, corpus, delete_trash, discard, log, settle, timed_run, wait_for_quiet_disk,
)

CPU_BUDGET = 1.10
FIRST_MS, KEY_MS, FIRST_BYTES = 150, 10, 1024 * 1024


def without_search(root, size):
    """A copy of the course at `root` with search off, made once per corpus."""
    copy = os.path.join(OUT, f"corpus-{size}-nosearch")
    stamp = os.path.join(root, "..", ".stamp")
    marker = os.path.join(copy, ".stamp")
    if not (os.path.exists(marker) and open(marker).read() == open(stamp).read()):
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(root, copy)
        with open(os.path.join(copy, "site.toml"), "a") as f:
            f.write("\n[search]\nenabled = false\n")
        shutil.copy2(stamp, marker)
    return copy


def bench(size, reps, browser_rounds, outputs):
    root = os.path.join(corpus(size), "aula")
    roots = {"on": root, "off": without_search(root, size)}
    out = os.path.join(outputs, f"search-{size}")
    os.makedirs(out, exist_ok=True)
    runs = {k: {"wall": [], "cpu": []} for k in roots}
    cmd = lambda k: [BIN, "build", "--root", roots[k], "--output", os.path.join(out, k)]  # noqa: E731
    for k in roots:
        discard(os.path.join(out, k))
        timed_run(cmd(k))  # warm-up, and a check that it works
    for r in range(reps):
        for k in (("on", "off") if r % 2 == 0 else ("off", "on")):
            discard(os.path.join(out, k))
            settle()
            wall, _ = timed_run(cmd(k))
            runs[k]["wall"].append(wall)
            runs[k]["cpu"].append(timed_run.cpu)
        log(f"   {size} round {r + 1}: " + "  ".join(f"{k} {runs[k]['cpu'][-1]:.3f} s CPU" for k in roots))
    result = {k: {m: statistics.median(v[m]) for m in v} for k, v in runs.items()}
    files = glob.glob(os.path.join(out, "on", "assets", "search-index*.js"))
    result["index"] = {
        "files": len(files),
        "bytes": sum(os.path.getsize(f) for f in files),
        "main": os.path.getsize(os.path.join(out, "on", "assets", "search-index.js")),
    }
    # The builds' writes still going to disk would land in the browser's times.
    settle()
    node = subprocess.run(
        ["node", os.path.join(BENCH, "search_browser.mjs"), os.path.join(out, "on"), str(browser_rounds)],
        check=True, capture_output=True, text=True,
    )
    b = json.loads(node.stdout)
    keys = sorted(b["keys"])
    result["browser"] = {
        "first_ms": statistics.median(b["first"]),
        "first_max_ms": max(b["first"]),
        "first_bytes": max(b["firstBytes"]),
        "key_ms": statistics.median(keys),
        "key_p95_ms": keys[int(0.95 * (len(keys) - 1))],
        "key_max_ms": keys[-1],
    }
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1k,10k")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--browser-rounds", type=int, default=6)
    p.add_argument("--skip-build", action="store_true", help="use target/release/aula as it is")
    p.add_argument("--outputs", default=OUT, help="where the builds go; /dev/shm takes the disk's noise out")
    a = p.parse_args()
    build_binary(a.skip_build)
    wait_for_quiet_disk()
    results = {}
    for size in a.sizes.split(","):
        log(f"== {size}")
        results[size] = bench(size, a.reps, a.browser_rounds, a.outputs)
    delete_trash()
    with open(os.path.join(OUT, "search.json"), "w") as f:
        json.dump(results, f, indent=2)
    print("\n| corpus | build CPU, on / off | wall, on / off | index: files, all | first query loads | first query | keystroke: median, p95, max |")
    print("|---|---|---|---|---|---|---|")
    ok = True
    for size, r in results.items():
        cpu = r["on"]["cpu"] / r["off"]["cpu"]
        wall = r["on"]["wall"] / r["off"]["wall"]
        i, b = r["index"], r["browser"]
        if size == "10k":
            ok &= cpu <= CPU_BUDGET
        if size == "1k":
            ok &= i["bytes"] <= FIRST_BYTES and b["first_max_ms"] <= FIRST_MS and b["key_max_ms"] <= KEY_MS
        ok &= b["first_bytes"] <= FIRST_BYTES
        print(
            f"| {size} | {cpu:.3f} ({r['on']['cpu']:.2f} / {r['off']['cpu']:.2f} s) | {wall:.3f} | "
            f"{i['files']}, {i['bytes'] / 1024:.0f} KiB | {b['first_bytes'] / 1024:.0f} KiB | "
            f"{b['first_ms']:.0f} ms (max {b['first_max_ms']:.0f}) | "
            f"{b['key_ms']:.1f}, {b['key_p95_ms']:.1f}, {b['key_max_ms']:.1f} ms |"
        )
    print(f"\nbudgets (10k CPU <= {CPU_BUDGET}x; 1k index <= 1 MiB, first query <= {FIRST_MS} ms, "
          f"keystroke <= {KEY_MS} ms; first query loads <= 1 MiB): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
