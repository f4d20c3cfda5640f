"""Load benchmark of `newsdesk serve`: story pages and their JSON under 50 concurrent clients.

What a user would do instead is write each story's page and report.json to disk and put a
static file server in front of them; this script does both in one run, with the same
bytes, and reports newsdesk's throughput as a ratio of the static server's.

1. Analyse two real stories once (the bundled sample and ../shared/seeds, each read by
   ingest and analysed as one story) and store 50 stories in a fresh DuckDB store: copies
   of those two reports with their story and article ids renamed, so every URL is a
   distinct store read of a realistic report.
2. Start `newsdesk serve` on a free loopback port (its own process, as a user runs it),
   and Python's threaded static server over the same pages and reports saved as files.
3. From a second process, wrk (Debian's package) with 50 connections requests the 50
   story pages (HTML), then their JSON, round-robin, for --duration seconds each.

Prints a markdown table: requests/s, p50 and p99 latency, errors, and the servers' peak
resident memory; then the latency of each story's first (uncached) request. Exits 1 if
any request to newsdesk failed or answered other than 200.

    .venv/bin/python benchmarks/serve.py [--duration 10] [--connections 50]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
STORIES = 50

LUA = """
local paths = {}
for line in io.lines("%(list)s") do paths[#paths + 1] = line end
local n = 0
request = function()
  n = n %% #paths + 1
  return wrk.format("GET", paths[n])
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve.py: the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"serve.py: nothing answered on {url} after {timeout} s")


def rename_ids(value: Any, mapping: dict[str, str]) -> Any:
    """Every string that is exactly an article id, renamed (evidence, lists, articles)."""
    if isinstance(value, dict):
        return {k: rename_ids(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [rename_ids(v, mapping) for v in value]
    if isinstance(value, str):
        return mapping.get(value, value)
    return value


def analysed_reports() -> list[dict[str, Any]]:
    from newsdesk.cli.demo import sample_inputs
    from newsdesk.ingest import extract
    from newsdesk.models import Models
    from newsdesk.report import analyze_story

    models = Models()
    reports = []
    for inputs in (sample_inputs(), sorted(SEEDS.glob("*"))):
        articles = [a for a in extract(*inputs) if a.ok]
        reports.append(analyze_story(articles, models=models))
    return reports


def fill_store(store_dir: Path, reports: list[dict[str, Any]]) -> list[str]:
    from newsdesk.model import Article, Story
    from newsdesk.store import Store

    store = Store(store_dir)
    ids = []
    stories = []
    for n in range(STORIES):
        base = reports[n % len(reports)]
        mapping = {a["id"]: f"{a['id']}-{n:02d}" for a in base["articles"]}
        report = rename_ids(base, mapping)
        story_id = f"bench-{n:02d}"
        articles = [Article.from_record(a) for a in report["articles"]]
        stories.append(Story(story_id, articles))
        store.put_report(story_id, report)
        ids.append(story_id)
    store.put_stories(stories)
    return ids


def run_wrk(
    base: str, paths: list[str], seconds: int, connections: int, work: Path
) -> dict[str, Any]:
    listing = work / f"paths-{len(list(work.iterdir()))}.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = listing.with_suffix(".lua")
    script.write_text(LUA % {"list": listing})
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), base],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return parse_wrk(out)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(out: str) -> dict[str, Any]:
    def grab(pattern: str) -> re.Match[str] | None:
        return re.search(pattern, out, re.MULTILINE)

    errors = grab(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
    non_2xx = grab(r"Non-2xx or 3xx responses: (\d+)")
    return {
        "rps": float(grab(r"Requests/sec:\s+([\d.]+)").group(1)),  # type: ignore[union-attr]
        "p50_ms": _ms(grab(r"^\s+50%\s+(\S+)").group(1)),  # type: ignore[union-attr]
        "p99_ms": _ms(grab(r"^\s+99%\s+(\S+)").group(1)),  # type: ignore[union-attr]
        "requests": int(grab(r"(\d+) requests in").group(1)),  # type: ignore[union-attr]
        "errors": sum(map(int, errors.groups())) if errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("serve.py: wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-serve-"))
    started = time.monotonic()
    story_ids = fill_store(work / "store", analysed_reports())
    print(f"stored {len(story_ids)} stories in {time.monotonic() - started:.0f} s", file=sys.stderr)

    port, static_port = free_port(), free_port()
    code = "import sys; from newsdesk.cli import main; sys.exit(main(sys.argv[1:]))"
    server = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--store", str(work / "store"), "--port", str(port)]
    )
    static_root = work / "static"
    results: dict[tuple[str, str], dict[str, Any]] = {}
    static = None
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/stories.json", server)
        html_paths = [f"/stories/{quote(s, safe='')}" for s in story_ids]
        json_paths = [p + ".json" for p in html_paths]
        # The static side serves exactly the bytes newsdesk serves, saved as files.
        # These first requests are also the cold ones (store read, and for pages the
        # rendering) that the server's cache spares every later request.
        cold: dict[str, list[float]] = {"story page": [], "story JSON": []}
        for path in html_paths + json_paths:
            target = static_root / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            began = time.perf_counter()
            with urllib.request.urlopen(base + path) as response:
                target.write_bytes(response.read())
            kind = "story JSON" if path.endswith(".json") else "story page"
            cold[kind].append((time.perf_counter() - began) * 1000)
        static = subprocess.Popen(
            [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory",
             str(static_root), str(static_port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        static_base = f"http://127.0.0.1:{static_port}"
        wait_for(static_base + json_paths[0], static)
        for kind, paths in (("story page", html_paths), ("story JSON", json_paths)):
            for name, url in (("newsdesk serve", base), ("static files", static_base)):
                results[(kind, name)] = run_wrk(url, paths, args.duration, args.connections, work)
        memory = {
            "newsdesk serve": peak_rss_mib(server.pid),
            "static files": peak_rss_mib(static.pid),
        }
    finally:
        for process in (server, static):
            if process is not None:
                process.terminate()
                process.wait(10)
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"\n{args.connections} concurrent clients, {args.duration} s per run, wrk -t2, loopback\n"
    )
    print("| request | server | requests/s | p50 ms | p99 ms | errors | peak RSS MiB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    failed = 0
    for (kind, name), r in results.items():
        bad = r["errors"] + r["non_2xx"]
        failed += bad if name == "newsdesk serve" else 0
        print(
            f"| {kind} | {name} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} "
            f"| {bad} | {memory[name]:.0f} |"
        )
    for kind, times in cold.items():
        times.sort()
        print(
            f"\n{kind}, first request of each story (cold, one client): "
            f"mean {sum(times) / len(times):.1f} ms, max {times[-1]:.1f} ms",
            end="",
        )
    print()
    for kind in ("story page", "story JSON"):
        ratio = results[(kind, "newsdesk serve")]["rps"] / results[(kind, "static files")]["rps"]
        print(f"\n{kind}: newsdesk serve / static files throughput = {ratio:.2f}x", end="")
    print()
    print(json.dumps({f"{k} | {n}": r for (k, n), r in results.items()}), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
