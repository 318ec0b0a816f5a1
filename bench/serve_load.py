#!/usr/bin/env python3
"""Load on the dev server: requests per second and p99 latency of `aula serve` at 50 open
connections, as ratios against `hugo server` measured in the same run (issue 15).

    python3 bench/serve_load.py                      # 3 rounds of 10 s per server, ~2 min
    python3 bench/serve_load.py --rounds 1 --seconds 3 --skip-build   # quick look
    python3 bench/serve_load.py --skip-build --aula OTHER/aula       # another version of aula

Method
- The 1k corpus of bench/gen.py (bench/out/corpus-1k), served three ways:
  `aula serve` on its aula course; `hugo server` on the same lessons as a Hugo site (Go's
  net/http, kept-alive connections, pages rendered into memory, live reload on: the closest
  peer, a static-site generator's own dev server); and `python3 -m http.server` on aula's
  built output (the same bytes as aula serves, from a server that closes every connection),
  for scale.
- Every server asks for the same lesson, the first one of the first module, by its URL on that
  server. Hugo's page is smaller: its template prints the title and content only, and aula's
  page carries the sidebar of the whole course. The table gives the bytes of each answer.
- Load: `wrk -t1 -c50 -d10s --latency` (Debian's wrk), one thread, so that the 2-core
  machine keeps a core for the server. Every server listens on 127.0.0.1 only and nothing
  else is sent anywhere. Per round, each server in turn: aula, Hugo, Python. Before the first
  round each gets 2 s of untimed load. Medians of the rounds are reported.
- Errors: wrk's socket errors (connect, read, write, timeout) and non-2xx answers, summed over
  the rounds.

Writes bench/out/serve_load.json and prints the rows for bench/README.md.
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (the benchmark's corpus, binary and paths)

CONNECTIONS = 50
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, proc, within=180):
    deadline = time.time() + within
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return len(r.read())
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {within} s")


def servers(aula, corpus_dir, site):
    """name -> (command, port, path of the lesson on it)."""
    first = "001-module-001/001-lesson-001"
    out = {}
    port = free_port()
    out["aula serve"] = ([aula, "serve", "--root", os.path.join(corpus_dir, "aula"), "--port", str(port)],
                         port, "/module-001/lesson-001.html")
    port = free_port()
    out["hugo server"] = (["hugo", "server", "--source", os.path.join(corpus_dir, "hugo"), "--bind", "127.0.0.1",
                           "--port", str(port), "--quiet"], port, f"/{first}/")
    port = free_port()
    out["python3 -m http.server"] = ([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                      "--directory", site], port, "/module-001/lesson-001.html")
    return out


def parse_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)$", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def wrk(url, seconds):
    p = subprocess.run(["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s", url],
                       capture_output=True, text=True, timeout=seconds + 30)
    text = p.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = parse_ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    p50 = parse_ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(n) for n in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        errors += int(m.group(1))
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "errors": errors}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--skip-build", action="store_true", help="use bench/out/bin/aula as it is")
    p.add_argument("--aula", help="serve with this aula binary instead (an earlier version, say)")
    a = p.parse_args()
    for tool in ("wrk", "hugo"):
        if subprocess.run(["which", tool], capture_output=True).returncode != 0:
            sys.exit(f"{tool} is missing: apt-get install {tool}")
    bench.build_binary(a.skip_build)
    corpus_dir = bench.corpus("1k")
    site = os.path.join(bench.OUT, "serve-load-site")
    bench.discard(site)
    subprocess.run([bench.BIN, "build", "--root", os.path.join(corpus_dir, "aula"), "--output", site],
                   check=True, capture_output=True)
    running = {}
    results = {}
    try:
        for name, (cmd, port, path) in servers(a.aula or bench.BIN, corpus_dir, site).items():
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            running[name] = proc
            url = f"http://127.0.0.1:{port}{path}"
            size = wait_for(url, proc)
            results[name] = {"url": url, "bytes": size, "runs": []}
            bench.log(f"== {name}: {url} ({size} bytes); warm-up")
            wrk(url, 2)
        for r in range(a.rounds):
            for name, res in results.items():
                run = wrk(res["url"], a.seconds)
                res["runs"].append(run)
                bench.log(f"   round {r + 1} {name:24} {run['rps']:10.0f} req/s  p50 {run['p50_ms']:7.2f} ms  "
                          f"p99 {run['p99_ms']:7.2f} ms  errors {run['errors']}")
    finally:
        for proc in running.values():
            proc.terminate()
        for proc in running.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    for res in results.values():
        for key in ("rps", "p50_ms", "p99_ms"):
            res[key] = statistics.median(run[key] for run in res["runs"])
        res["errors"] = sum(run["errors"] for run in res["runs"])
    with open(os.path.join(bench.OUT, "serve_load.json"), "w") as f:
        json.dump(results, f, indent=2)
    aula = results["aula serve"]
    bench.log(f"\n| server | bytes per answer | requests/s (median of {a.rounds}) | p50 | p99 | errors "
              "| aula ÷ this, requests/s | this ÷ aula, p99 |")
    bench.log("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, res in results.items():
        ratios = "| |" if res is aula else f"| **{aula['rps'] / res['rps']:.2f}** | **{res['p99_ms'] / aula['p99_ms']:.2f}** |"
        bench.log(f"| {name} | {res['bytes']:,} | {res['rps']:,.0f} | {res['p50_ms']:.2f} ms | {res['p99_ms']:.2f} ms "
                  f"| {res['errors']} {ratios}")


if __name__ == "__main__":
    main()
