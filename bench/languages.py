#!/usr/bin/env python3
"""Languages (issue 22): what a second language costs a build.

    python3 bench/languages.py                    # ~2 min: release build, sample and 1k, 7 rounds
    python3 bench/languages.py --sizes 1k --reps 3 --skip-build --outputs /dev/shm

Each course is built as it is, in one language, and as a copy with `[languages.en]` added and
an English file beside every page and quiz (the Spanish text with "(en)" in its titles: the
same amount of Markdown to render), interleaved, each into a new folder (the previous one
moved aside untimed, as run.py does). Medians of user+sys CPU and of wall time. A build that
grows linearly with its languages takes about twice as long with two.

The sample course is measured as the repository has it too (its English edition, which
translates most pages), against a copy without `[languages.en]`.
Writes bench/out/languages.json and prints a table.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import (  # noqa: E402
    BIN, OUT, REPO, build_binary, corpus, delete_trash, discard, log, settle, timed_run, wait_for_quiet_disk,
)

LANGUAGES = re.compile(r"\n\[languages\.[a-z-]+\][^\[]*", re.S)


def copy_course(src, dst, keep=lambda rel: True):
    """Copies the course at `src` (site.toml and content/) to `dst`, files `keep` accepts."""
    shutil.rmtree(dst, ignore_errors=True)
    os.makedirs(dst)
    shutil.copy2(os.path.join(src, "site.toml"), dst)
    shutil.copytree(os.path.join(src, "content"), os.path.join(dst, "content"),
                    ignore=lambda d, names: [n for n in names if not keep(os.path.join(d, n))])


def one_language(src, dst):
    """`src` without its other languages: [languages] out of site.toml, translations out of content/."""
    translation = re.compile(r"\.[a-z]{2}(-[A-Z]{2})?\.(md|toml|svg)$")
    copy_course(src, dst, keep=lambda p: os.path.isdir(p) or not translation.search(p))
    site = os.path.join(dst, "site.toml")
    text = open(site).read()
    open(site, "w").write(LANGUAGES.sub("\n", text))


def two_languages(src, dst):
    """`src` with English: [languages.en] and an `.en` copy of every page and quiz."""
    copy_course(src, dst)
    with open(os.path.join(dst, "site.toml"), "a") as f:
        f.write('\n[languages.en]\ntitle = "English edition"\n')
    for d, _, names in os.walk(os.path.join(dst, "content")):
        for n in names:
            stem, ext = os.path.splitext(n)
            if ext not in (".md", ".toml") or (ext == ".toml" and not (n == "quiz.toml" or n.endswith(".quiz.toml"))):
                continue
            text = open(os.path.join(d, n)).read()
            text = re.sub(r'^title = "(.*)"$', r'title = "\1 (en)"', text, count=1, flags=re.M)
            open(os.path.join(d, f"{stem}.en{ext}"), "w").write(text)


def measure(name, roots, reps, outputs):
    out = os.path.join(outputs, f"languages-{name}")
    os.makedirs(out, exist_ok=True)
    cmd = lambda k: [BIN, "build", "--root", roots[k], "--output", os.path.join(out, k)]  # noqa: E731
    runs = {k: {"wall": [], "cpu": []} for k in roots}
    keys = list(roots)
    for k in keys:
        discard(os.path.join(out, k))
        timed_run(cmd(k))  # warm-up, and a check that it works
    for r in range(reps):
        for k in (keys if r % 2 == 0 else keys[::-1]):
            discard(os.path.join(out, k))
            settle()
            wall, _ = timed_run(cmd(k))
            runs[k]["wall"].append(wall)
            runs[k]["cpu"].append(timed_run.cpu)
        log(f"   {name} round {r + 1}: " + "  ".join(f"{k} {runs[k]['cpu'][-1]:.3f} s CPU" for k in keys))
    for k in keys:
        discard(os.path.join(out, k))
    return {k: {m: statistics.median(v[m]) for m in v} for k, v in runs.items()}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="sample,1k")
    p.add_argument("--reps", type=int, default=7)
    p.add_argument("--skip-build", action="store_true", help="use target/release/aula as it is")
    p.add_argument("--outputs", default=OUT, help="where the builds go; /dev/shm takes the disk's noise out")
    a = p.parse_args()
    build_binary(a.skip_build)
    wait_for_quiet_disk()
    results = {}
    work = os.path.join(OUT, "languages")
    for size in a.sizes.split(","):
        log(f"== {size}")
        src = REPO if size == "sample" else os.path.join(corpus(size), "aula")
        one, two = os.path.join(work, f"{size}-one"), os.path.join(work, f"{size}-two")
        one_language(src, one)
        two_languages(one, two)
        roots = {"one": one, "two": two}
        if size == "sample":
            roots["as written"] = REPO
        results[size] = measure(size, roots, a.reps, a.outputs)
    delete_trash()
    with open(os.path.join(OUT, "languages.json"), "w") as f:
        json.dump(results, f, indent=2)
    print("\n| course | CPU, one language | two / one | wall, two / one | sample as written / one |")
    print("|---|---|---|---|---|")
    for size, r in results.items():
        as_written = f"{r['as written']['cpu'] / r['one']['cpu']:.2f}" if "as written" in r else "–"
        print(f"| {size} | {r['one']['cpu']:.3f} s | {r['two']['cpu'] / r['one']['cpu']:.2f} "
              f"| {r['two']['wall'] / r['one']['wall']:.2f} | {as_written} |")


if __name__ == "__main__":
    main()
