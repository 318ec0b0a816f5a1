#!/usr/bin/env python3
"""Languages (issue 22): what each language costs a build.

    python3 bench/languages.py                    # ~2 min: release build, sample and 1k, 7 rounds
    python3 bench/languages.py --sizes 1k --reps 3 --skip-build --outputs /dev/shm

Each course is built in one language, and as copies with one and two more languages: a
`[languages.…]` table and a file beside every page and quiz for each (the same text with the
language's code in its titles: the same amount of Markdown to render), interleaved, each into
a new folder (the previous one moved aside untimed, as run.py does). A build that grows
linearly with its languages costs the same for each language it adds. Medians of user+sys CPU
and of wall time (for the sample course, whose CPU time is a few clock ticks, means over five
times the rounds).

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


def more_languages(src, dst, count):
    """`src` with `count` more languages (of English, Spanish and Portuguese, those it is
    not in): their [languages] tables and a copy of every page and quiz named for each."""
    copy_course(src, dst)
    own = re.search(r'^language = "([^"]+)"', open(os.path.join(dst, "site.toml")).read(), re.M)
    others = [lang for lang in ("en", "es", "pt") if not own or lang != own.group(1)][:count]
    for lang in others:
        add_language(dst, lang)


def add_language(dst, lang):
    with open(os.path.join(dst, "site.toml"), "a") as f:
        f.write(f'\n[languages.{lang}]\ntitle = "Edition {lang}"\n')
    for d, _, names in os.walk(os.path.join(dst, "content")):
        for n in names:
            stem, ext = os.path.splitext(n)
            if re.search(r"\.[a-z]{2}$", stem) or ext not in (".md", ".toml") or (ext == ".toml" and not (n == "quiz.toml" or n.endswith(".quiz.toml"))):
                continue
            text = open(os.path.join(d, n)).read()
            text = re.sub(r'^title = "(.*)"$', rf'title = "\1 ({lang})"', text, count=1, flags=re.M)
            open(os.path.join(d, f"{stem}.{lang}{ext}"), "w").write(text)


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
    # A small course's CPU time is a few clock ticks: its mean over many rounds says more
    # than a median of ticks.
    average = statistics.mean if name == "sample" else statistics.median
    return {k: {m: average(v[m]) for m in v} for k, v in runs.items()}


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
        one, two, three = (os.path.join(work, f"{size}-{n}") for n in ("one", "two", "three"))
        one_language(src, one)
        more_languages(one, two, 1)
        more_languages(one, three, 2)
        roots = {"one": one, "two": two, "three": three}
        if size == "sample":
            roots["as written"] = REPO
        results[size] = measure(size, roots, a.reps * (5 if size == "sample" else 1), a.outputs)
    delete_trash()
    with open(os.path.join(OUT, "languages.json"), "w") as f:
        json.dump(results, f, indent=2)
    print("\n| course | CPU, one language | two / one | three / one | each language after the first | wall, two / one | as written / one |")
    print("|---|---|---|---|---|---|---|")
    for size, r in results.items():
        cpu = {k: v["cpu"] / r["one"]["cpu"] for k, v in r.items()}
        as_written = f"{cpu['as written']:.2f}" if "as written" in r else "–"
        print(f"| {size} | {r['one']['cpu']:.3f} s | {cpu['two']:.2f} | {cpu['three']:.2f} "
              f"| +{cpu['two'] - 1:.2f}, +{cpu['three'] - cpu['two']:.2f} "
              f"| {r['two']['wall'] / r['one']['wall']:.2f} | {as_written} |")


if __name__ == "__main__":
    main()
