#!/usr/bin/env python3
"""aula benchmark (issue #7): aula vs Hugo, Zola and mdBook, and a `cp -r` floor, on generated courses.

    python3 bench/run.py                       # everything: 1k and 10k, 5 reps, sample course, quiz bytes, serve
    python3 bench/run.py --sizes 1k --reps 3   # quicker
    python3 bench/run.py --no-mdbook-10k       # skip the ~8-minute mdBook run at 10,000 lessons

The whole run takes ~15-20 minutes on the 2-core machine (mdBook at 10k alone is ~8 min), so
run it in the background and follow the log:

    nohup python3 bench/run.py > bench/out/run.log 2>&1 &   tail -f bench/out/run.log

Method
- `cargo build --release`, then the binary is copied to bench/out/bin/aula so that a rebuild by
  someone else during the run cannot change what is measured.
- Corpora come from bench/gen.py (seeded), into bench/out/corpus-{1k,10k}/ (regenerated when
  gen.py or the size changes).
- Per size: one untimed warm-up build per tool (page cache, and a check that it builds), then
  REPS rounds; each round runs aula, Hugo, Zola, mdBook and `cp -r` of aula's output, in that
  order, so that load from the other engineers' compiles hits every tool alike. mdBook at 10k
  runs in the first round only (1 sample). Medians are reported. A peer that is not on the PATH
  is skipped, and the log, the table and results.json say so.
- Before each timed run, untimed: the previous output is renamed into bench/out/trash/ (deleted
  only at the end of the whole run, see the disk caveat in bench/README.md) and `sync` flushes
  dirty pages.
- Wall time: time.perf_counter() around the process. CPU: user+sys from `/usr/bin/time -v`. Peak RSS: `/usr/bin/time -v`'s "Maximum
  resident set size" of the same run.
- Pages: the .html files in the output; bytes: every file in the output.
- Sample course: `aula build --output bench/out/sample` from the repo root, 1 warm-up + 10 runs,
  each replacing the previous run's output (a rebuild, as running the command again does).
- Quiz page JS+CSS: the files named by `<link rel="stylesheet" href>` and `<script src>` in
  a built quiz page of the sample course (the /__aula/ live-reload script excluded).
- Serve: see measure_serve() below (write → SSE reload event latency on the 10k corpus).

Writes bench/out/results.json and bench/out/table.md, and prints the table.
"""

import argparse
import gzip
import html as htmllib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
OUT = os.path.join(BENCH, "out")
BIN = os.path.join(OUT, "bin", "aula")
SIZES = {"tiny": (2, 5), "1k": (20, 50), "10k": (100, 100)}
TARGETS = {
    "1k_vs_hugo": 0.15,
    "10k_vs_hugo": 0.3,
    "10k_vs_cp": 1.5,
    "10k_rss_mib": 150,
    "sample_ms": 50,
    # Issue 18: every question type and the search box in 40 KB, 14 KB gzipped (each file
    # compressed on its own, summed).
    "quiz_bytes": 40 * 1024,
    "quiz_gzip": 14 * 1024,
    "serve_ms": 50,  # median, save a lesson's body -> reload event
    # a template change -> reload event must take at most the full build time of the same run
}


def log(*a):
    print(*a, flush=True)


def rm(path):
    if os.path.lexists(path):
        shutil.rmtree(path)


TRASH = os.path.join(OUT, "trash")
# When this script last deleted its outputs, and how long the disk needs after that.
DELETED = os.path.join(OUT, ".deleted")
QUIET_AFTER_DELETE = 310


def discard(path):
    """Moves an old output aside; the trash is deleted when the benchmark ends. This disk is
    ext4 without a journal, whose inode allocator skips inodes freed in the last 5 s, or the
    last 305 s while their inode table block is dirty, and scans on. Deleting a 20,000-inode
    tree just before a run made creating files 3x slower for whoever ran next, so no run may
    follow a deletion."""
    if os.path.lexists(path):
        os.makedirs(TRASH, exist_ok=True)
        try:
            os.rename(path, os.path.join(TRASH, str(time.time_ns())))
        except OSError:
            # Another file system, such as /dev/shm, which a deletion does not slow.
            shutil.rmtree(path)


def delete_trash():
    """Deletes the old outputs, and notes when, so that the next run can wait for the disk.
    A deletion that fails halfway (something else moved files into the trash meanwhile)
    has still freed inodes, so it is noted all the same."""
    shutil.rmtree(TRASH, ignore_errors=True)
    with open(DELETED, "w") as f:
        f.write(str(time.time()))


def wait_for_quiet_disk():
    """Waits until the inode allocator has forgotten this script's last deletion (see
    discard()). Deletions by anything else are not known here: wait for those by hand."""
    try:
        with open(DELETED) as f:
            left = float(f.read()) + QUIET_AFTER_DELETE - time.time()
    except (OSError, ValueError):
        return
    if left > 0:
        log(f"== waiting {left:.0f} s: the last run deleted its outputs")
        time.sleep(left)


def tree_stats(path):
    files = pages = size = 0
    for d, _, names in os.walk(path):
        for n in names:
            p = os.path.join(d, n)
            if os.path.isfile(p) and not os.path.islink(p):
                files += 1
                size += os.path.getsize(p)
                pages += n.endswith(".html")
    return {"files": files, "pages": pages, "bytes": size}


def timed_run(cmd, cwd=None):
    """Runs cmd under /usr/bin/time -v: (wall seconds, peak RSS KiB)."""
    tfile = os.path.join(OUT, ".time.txt")
    t0 = time.perf_counter()
    p = subprocess.run(
        ["/usr/bin/time", "-v", "-o", tfile] + cmd,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.stderr.write(p.stdout.decode(errors="replace")[-3000:])
        sys.stderr.write(p.stderr.decode(errors="replace")[-3000:])
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}")
    text = open(tfile).read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", text).group(1)) for k in ("User", "System"))
    timed_run.cpu = cpu  # user + system CPU seconds of the last run, less sensitive to load
    return wall, rss


def settle():
    """Untimed, before each timed run: flush the previous runs' dirty pages, so that one
    tool's write-back does not land in the next tool's time (each 10k aula output is 600+ MiB)."""
    subprocess.run(["sync"], check=False)


def build_binary(skip):
    if not skip:
        log("== cargo build --release")
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)
    os.makedirs(os.path.dirname(BIN), exist_ok=True)
    shutil.copy2(os.path.join(REPO, "target", "release", "aula"), BIN)


def corpus(size):
    m, l = SIZES[size]
    path = os.path.join(OUT, f"corpus-{size}")
    gen = os.path.join(BENCH, "gen.py")
    stamp = hashlib.sha256(open(gen, "rb").read() + f"{m}x{l}".encode()).hexdigest()
    marker = os.path.join(path, ".stamp")
    if not (os.path.exists(marker) and open(marker).read() == stamp):
        log(f"== generating {size} ({m} modules x {l} lessons)")
        subprocess.run([sys.executable, gen, "--modules", str(m), "--lessons", str(l), "--out", path], check=True)
        with open(marker, "w") as f:
            f.write(stamp)
    return path


PEERS = ("hugo", "zola", "mdbook")
LABELS = {"cp": "cp -r (floor)", "mdbook": "mdBook", "hugo": "Hugo", "zola": "Zola"}


def missing_peers():
    """The peers that are not on the PATH (bench/README.md says how to install each)."""
    return [name for name in PEERS if shutil.which(name) is None]


def peer_versions():
    """`--version` of each installed peer, for results.json: the ratios depend on them."""
    out = {}
    for name in PEERS:
        if shutil.which(name):
            cmd = [name, "version"] if name == "hugo" else [name, "--version"]
            p = subprocess.run(cmd, capture_output=True, text=True)
            out[name] = (p.stdout + p.stderr).strip().split("\n")[0]
    return out


def tools(corpus_dir, size):
    o = os.path.join(OUT, f"site-{size}")
    return {
        "aula": ([BIN, "build", "--root", os.path.join(corpus_dir, "aula"), "--output", o + "-aula"], o + "-aula"),
        "hugo": (["hugo", "--source", os.path.join(corpus_dir, "hugo"), "--destination", o + "-hugo", "--quiet"], o + "-hugo"),
        "zola": (["zola", "--root", os.path.join(corpus_dir, "zola"), "build", "--output-dir", o + "-zola"], o + "-zola"),
        "mdbook": (["mdbook", "build", os.path.join(corpus_dir, "mdbook"), "--dest-dir", o + "-mdbook"], o + "-mdbook"),
        "cp": (["cp", "-r", o + "-aula", o + "-cp"], o + "-cp"),
    }


def bench_size(size, reps, mdbook_reps, skip=()):
    cdir = corpus(size)
    t = tools(cdir, size)
    runs = {k: {"wall": [], "rss": [], "cpu": []} for k in t}
    stats = {}
    order = [x for x in ("aula", "hugo", "zola", "mdbook", "cp") if x not in skip]
    log(f"== {size}: warm-up")
    for name in order:
        if name == "mdbook" and (mdbook_reps == 0 or size == "10k"):
            continue  # too slow to run twice; its input was just read/written anyway
        cmd, out = t[name]
        discard(out)
        wall, _ = timed_run(cmd)
        log(f"   warm-up {name:6} {wall:8.3f} s")
    for r in range(reps):
        for name in order:
            if name == "mdbook" and r >= mdbook_reps:
                continue
            cmd, out = t[name]
            discard(out)
            settle()
            wall, rss = timed_run(cmd)
            runs[name]["wall"].append(wall)
            runs[name]["rss"].append(rss)
            runs[name]["cpu"].append(timed_run.cpu)
            log(f"   {size} round {r + 1} {name:6} {wall:8.3f} s  {rss / 1024:7.1f} MiB  cpu {timed_run.cpu:7.2f} s  load {os.getloadavg()[0]:.1f}")
    for name in order:
        if runs[name]["wall"]:
            stats[name] = tree_stats(t[name][1])
    return {
        name: {
            "wall": statistics.median(v["wall"]),
            "walls": v["wall"],
            "rss_mib": max(v["rss"]) / 1024,
            "cpu": statistics.median(v["cpu"]),
            **stats[name],
        }
        for name, v in runs.items()
        if v["wall"]
    }


def bench_sample(n=10):
    """`aula build --output DIR` from the repo root, run again and again as the issue says:
    every timed run replaces the previous run's output (as a rebuild does)."""
    out = os.path.join(OUT, "sample")
    cmd = [BIN, "build", "--output", out]
    rm(out)
    timed_run(cmd, cwd=REPO)
    walls = []
    for _ in range(n):
        settle()
        walls.append(timed_run(cmd, cwd=REPO)[0])
    return {"wall": statistics.median(walls), "walls": walls, **tree_stats(out)}, out


def quiz_assets(site):
    """JS + CSS bytes a quiz page loads: (page, raw bytes, gzip bytes, [(file, bytes)])."""
    best = None
    for d, _, names in os.walk(site):
        for n in names:
            if not n.endswith(".html"):
                continue
            page = os.path.join(d, n)
            html = open(page, encoding="utf-8", errors="replace").read()
            if 'data-page-kind="quiz"' not in html:
                continue
            refs = re.findall(r'<link\b[^>]*\brel="?stylesheet"?[^>]*>', html)
            hrefs = [re.search(r'\bhref="([^"]+)"', x).group(1) for x in refs if "href=" in x]
            srcs = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html)
            files = []
            for ref in hrefs + srcs:
                if ref.startswith("/__aula/") or "://" in ref:
                    continue
                ref = htmllib.unescape(ref)  # Tera's autoescape writes / as &#x2F;
                if ref.startswith("/__aula/") or "://" in ref:
                    continue
                f = os.path.normpath(os.path.join(d, ref.split("#")[0].split("?")[0]))
                data = open(f, "rb").read() if os.path.exists(f) else b""
                files.append((os.path.relpath(f, site), len(data), len(gzip.compress(data, 9))))
            total = sum(x[1] for x in files)
            if best is None or total > best[1]:
                best = (os.path.relpath(page, site), total, sum(x[2] for x in files), files)
    return best


# ---------------------------------------------------------------------------------------
# Serve latency: write to a lesson → reload event on GET /__aula/events (SSE).
# Runs only when `aula serve --help` succeeds. The flag names are read from --help
# (--port / --root); if the server's interface differs, adjust SERVE_CMD below.
# ---------------------------------------------------------------------------------------
def serve_available():
    try:
        p = subprocess.run([BIN, "serve", "--help"], capture_output=True, text=True, timeout=10)
        return p.returncode == 0, p.stdout
    except Exception:
        return False, ""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_serve(corpus_dir, help_text, edits=20):
    port = free_port()
    root = os.path.join(corpus_dir, "aula")
    cmd = [BIN, "serve", "--root", root]
    if "--port" in help_text:
        cmd += ["--port", str(port)]
    if "--output" in help_text:
        cmd += ["--output", os.path.join(OUT, "serve-10k")]
    if "--open" in help_text and "--no-open" in help_text:
        cmd += ["--no-open"]
    log("   " + " ".join(cmd))
    logf = open(os.path.join(OUT, "serve.log"), "w")
    proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, start_new_session=True)
    mods = sorted(d for d in os.listdir(os.path.join(root, "content")) if d[:3].isdigit())
    mdir = os.path.join(root, "content", mods[len(mods) // 2])
    lessons = sorted(f for f in os.listdir(mdir) if f.endswith(".md") and f[:3].isdigit())
    lesson = os.path.join(mdir, lessons[len(lessons) // 2])
    original = open(lesson, "rb").read()
    latencies = []
    try:
        # Wait for the first build and the listener (10k pages: allow minutes).
        deadline = time.time() + 300
        t_start = time.perf_counter()
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"serve exited with {proc.returncode}; see bench/out/serve.log")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read(1)
                break
            except Exception:
                if time.time() > deadline:
                    raise RuntimeError("serve did not answer within 300 s")
                time.sleep(0.2)
        startup = time.perf_counter() - t_start
        sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        sock.sendall(b"GET /__aula/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = sock.recv(4096)
            if not chunk:
                raise RuntimeError("SSE connection closed")
            buf += chunk
        head, buf = buf.split(b"\r\n\r\n", 1)
        if b" 200" not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"SSE answered {head[:80]!r}")

        def wait_event(timeout):
            nonlocal buf
            end = time.perf_counter() + timeout
            while True:
                # An event is complete at a blank line; comments (": ping") are keep-alives.
                while b"\n\n" in buf.replace(b"\r\n", b"\n"):
                    norm = buf.replace(b"\r\n", b"\n")
                    ev, rest = norm.split(b"\n\n", 1)
                    buf = rest
                    data = [x[5:].strip() for x in ev.split(b"\n") if x.startswith(b"data:")]
                    if data:  # skips ": ping" comments and "retry:" lines
                        return b"".join(data).decode()
                left = end - time.perf_counter()
                if left <= 0:
                    raise TimeoutError("no reload event")
                sock.settimeout(left)
                chunk = sock.recv(65536)
                if not chunk:
                    raise RuntimeError("SSE connection closed")
                buf += chunk

        for i in range(edits):
            time.sleep(1.0)  # let the watcher settle between edits
            # Drop anything already queued (e.g. a "connected" event).
            sock.settimeout(0.01)
            try:
                while sock.recv(65536):
                    pass
            except (socket.timeout, BlockingIOError):
                pass
            buf = b""
            body = original + f"\nEdit number {i} of the serve benchmark.\n".encode()
            t0 = time.perf_counter()
            with open(lesson, "wb") as f:
                f.write(body)
            data = wait_event(30)
            latencies.append(time.perf_counter() - t0)
            log(f"   serve edit {i + 1:2}: {latencies[-1] * 1000:7.1f} ms  {data[:60]}")
            if "reload" not in data:
                raise RuntimeError(f"expected a reload event, got {data[:200]}")
        # A template change that alters every page: override the theme's base.html with an
        # HTML comment added to its output (the first write adds templates/, later ones edit
        # the file), and time each reload. serve re-renders every page and rewrites the ones
        # that changed, here all of them: the worst case.
        tdir = os.path.join(root, "templates")
        template = open(os.path.join(REPO, "themes", "aula", "templates", "base.html")).read()
        template_ms = []
        for i in range(3):
            time.sleep(1.0)
            buf = b""
            t0 = time.perf_counter()
            os.makedirs(tdir, exist_ok=True)
            with open(os.path.join(tdir, "base.html"), "w") as f:
                f.write(template + f"\n<!-- benchmark edit {i} -->\n")
            data = wait_event(300)
            template_ms.append((time.perf_counter() - t0) * 1000)
            log(f"   serve template {i + 1}: {template_ms[-1]:7.1f} ms  {data[:60]}")
        sock.close()
    finally:
        shutil.rmtree(os.path.join(root, "templates"), ignore_errors=True)
        with open(lesson, "wb") as f:
            f.write(original)
        try:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=10)
        except Exception:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        logf.close()
    return {"startup_s": startup, "median_ms": statistics.median(latencies) * 1000, "all_ms": [x * 1000 for x in latencies],
            "template_ms": statistics.median(template_ms)}


# ---------------------------------------------------------------------------------------


def fmt_bytes(n):
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{n / 1024:.1f} KiB"


def verdict(ok):
    return "PASS" if ok else "FAIL"


def table(results):
    lines = []
    add = lines.append
    add("| corpus | tool | pages | files | output | wall (median) | runs | pages/s | CPU user+sys | peak RSS | aula / this (wall) | aula / this (CPU) |")
    add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in SIZES:
        r = results.get("sizes", {}).get(size)
        if not r:
            continue
        a = r["aula"]["wall"]
        ac = r["aula"].get("cpu")
        for name in ("aula", "hugo", "zola", "mdbook", "cp"):
            if name not in r:
                continue
            x = r[name]
            label = LABELS.get(name, name)
            ratio = "" if name == "aula" else f"**{a / x['wall']:.3f}**"
            cpu = x.get("cpu")
            cratio = "" if name == "aula" or not cpu or ac is None else f"{ac / cpu:.2f}"
            add(
                f"| {size} | {label} | {x['pages']} | {x['files']} | {fmt_bytes(x['bytes'])} | "
                f"{x['wall']:.3f} s | {len(x['walls'])} | {x['pages'] / x['wall']:,.0f} | "
                f"{'%.2f s' % cpu if cpu is not None else ''} | {x['rss_mib']:.0f} MiB | {ratio} | {cratio} |"
            )
    skipped = results.get("skipped", {})
    if skipped:
        add("")
        add("Not run: " + "; ".join(f"{LABELS[name]}, {why}" for name, why in skipped.items()) + ".")
    lines.append("")
    lines.append("| target | measured | limit | result |")
    lines.append("|---|---:|---:|---|")
    s = results.get("sizes", {})
    if "1k" in s and "hugo" in s["1k"]:
        v = s["1k"]["aula"]["wall"] / s["1k"]["hugo"]["wall"]
        add(f"| 1k: aula / Hugo | {v:.3f} | ≤ {TARGETS['1k_vs_hugo']} | {verdict(v <= TARGETS['1k_vs_hugo'])} |")
    # Zola has no target: the fastest peer's ratio is there to be read, not passed.
    for size in SIZES:
        if "zola" in s.get(size, {}):
            v = s[size]["aula"]["wall"] / s[size]["zola"]["wall"]
            add(f"| {size}: aula / Zola | {v:.3f} | none | info |")
    if "10k" in s:
        if "hugo" in s["10k"]:
            v = s["10k"]["aula"]["wall"] / s["10k"]["hugo"]["wall"]
            add(f"| 10k: aula / Hugo | {v:.3f} | ≤ {TARGETS['10k_vs_hugo']} | {verdict(v <= TARGETS['10k_vs_hugo'])} |")
        if "cp" in s["10k"]:
            v = s["10k"]["aula"]["wall"] / s["10k"]["cp"]["wall"]
            add(f"| 10k: aula / cp -r floor | {v:.2f} | ≤ {TARGETS['10k_vs_cp']} | {verdict(v <= TARGETS['10k_vs_cp'])} |")
        v = s["10k"]["aula"]["rss_mib"]
        add(f"| 10k: aula peak RSS | {v:.0f} MiB | ≤ {TARGETS['10k_rss_mib']} MiB | {verdict(v <= TARGETS['10k_rss_mib'])} |")
    if "sample" in results:
        v = results["sample"]["wall"] * 1000
        vmin = min(results["sample"]["walls"]) * 1000
        add(f"| sample course build (median of {len(results['sample']['walls'])}; min {vmin:.0f} ms) | {v:.0f} ms | ≤ {TARGETS['sample_ms']} ms | {verdict(v <= TARGETS['sample_ms'])} |")
    if results.get("quiz"):
        page, raw, gz, _ = results["quiz"]
        ok = raw <= TARGETS["quiz_bytes"] and gz <= TARGETS["quiz_gzip"]
        add(f"| quiz page JS+CSS ({page}) | {raw:,} B ({gz:,} B gzip) | ≤ {TARGETS['quiz_bytes']:,} B, ≤ {TARGETS['quiz_gzip']:,} B gzip | {verdict(ok)} |")
    sv = results.get("serve")
    if isinstance(sv, dict):
        lim = TARGETS["serve_ms"]
        add(f"| serve: write → reload event, {sv.get('corpus', '10k')} (median of {len(sv['all_ms'])}) | {sv['median_ms']:.0f} ms | "
            f"{'≤ %s ms' % lim if lim else 'TODO'} | {verdict(sv['median_ms'] <= lim) if lim else 'n/a'} |")
        full = results.get("sizes", {}).get("10k", {}).get("aula", {}).get("wall")
        if full and "template_ms" in sv:
            add(f"| serve: template change → reload event, 10k (median of 3) | {sv['template_ms']:.0f} ms | ≤ full build {full * 1000:.0f} ms | {verdict(sv['template_ms'] <= full * 1000)} |")
    elif sv:
        add(f"| serve: write → reload event | {sv} | | n/a |")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1k,10k")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--skip-build", action="store_true", help="use target/release/aula as it is")
    p.add_argument("--no-mdbook-10k", action="store_true")
    p.add_argument("--no-serve", action="store_true")
    p.add_argument("--serve-size", default="10k", help="corpus for the serve measurement")
    p.add_argument("--only-sample", action="store_true",
                   help="measure the sample course and quiz bytes again, into the last results.json")
    a = p.parse_args()
    os.makedirs(OUT, exist_ok=True)
    # An interrupted run's trash is deleted at the end of this one, not now: see discard().
    build_binary(a.skip_build)
    wait_for_quiet_disk()
    if a.only_sample:
        path = os.path.join(OUT, "results.json")
        results = json.load(open(path))
        results["sample"], sample_out = bench_sample()
        results["quiz"] = quiz_assets(sample_out)
        json.dump(results, open(path, "w"), indent=1)
        t = table(results)
        open(os.path.join(OUT, "table.md"), "w").write(t + "\n")
        log(t)
        return
    git = lambda *c: subprocess.run(["git", *c], cwd=REPO, capture_output=True, text=True).stdout.strip()
    results = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "reps": a.reps, "nproc": os.cpu_count(),
               "commit": git("rev-parse", "--short", "HEAD"),
               "dirty_files": len([x for x in git("status", "--porcelain", "--", "src", "themes", "Cargo.toml").splitlines() if x]),
               "loadavg_start": os.getloadavg(), "peers": peer_versions(), "sizes": {}}
    missing = missing_peers()
    if missing:
        results["skipped"] = {name: "not on the PATH (see bench/README.md)" for name in missing}
        log(f"== not installed, skipped: {', '.join(LABELS[x] for x in missing)} (bench/README.md says how to install them)")
    # Sample course and quiz bytes first: fast, and independent of the corpora.
    log("== sample course")
    results["sample"], sample_out = bench_sample()
    log(f"   median {results['sample']['wall'] * 1000:.1f} ms, min {min(results['sample']['walls']) * 1000:.1f} ms")
    results["quiz"] = quiz_assets(sample_out)
    log(f"   quiz page assets: {results['quiz']}")
    for size in [x for x in a.sizes.split(",") if x]:
        mdbook_reps = a.reps if size != "10k" else (0 if a.no_mdbook_10k else 1)
        results["sizes"][size] = bench_size(size, a.reps, mdbook_reps, skip=missing)
        log(table(results))
    ok, help_text = serve_available()
    if a.no_serve:
        results["serve"] = "skipped (--no-serve)"
    elif not ok:
        results["serve"] = "TODO: `aula serve` does not exist yet"
    else:
        log(f"== serve ({a.serve_size})")
        try:
            results["serve"] = measure_serve(corpus(a.serve_size), help_text)
            results["serve"]["corpus"] = a.serve_size
        except Exception as e:  # noqa: BLE001 - report, do not lose the rest of the run
            results["serve"] = f"failed: {e}"
    results["loadavg_end"] = os.getloadavg()
    t = table(results)
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    with open(os.path.join(OUT, "table.md"), "w") as f:
        f.write(t + "\n")
    log("")
    log(t)
    log("== deleting the old outputs")
    delete_trash()


if __name__ == "__main__":
    main()
