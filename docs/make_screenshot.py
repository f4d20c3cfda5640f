"""Regenerate docs/story-page.png: the seed reports analysed by `newsdesk serve`, shot in Chromium.

    .venv/bin/python docs/make_screenshot.py

Starts `newsdesk serve` on a fresh store and a free loopback port, uploads the seed
reports through POST /api/analyze, and has Debian's headless Chromium photograph the
page of the story with the most reports.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "docs" / "story-page.png"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="newsdesk-shot-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    code = "import sys; from newsdesk.cli import main; sys.exit(main(sys.argv[1:]))"
    server = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--store", str(work / "store"), "--port", str(port)]
    )
    try:
        with httpx.Client(base_url=base, timeout=600) as client:
            for _ in range(100):
                try:
                    client.get("/stories.json")
                    break
                except httpx.TransportError:
                    time.sleep(0.3)
            files = [
                ("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(SEEDS.glob("*"))
            ]
            job = client.post("/api/analyze", params={"wait": "true"}, files=files).json()
            if job["state"] != "done":
                print(
                    f"make_screenshot.py: analysis {job['state']}: {job['message']}",
                    file=sys.stderr,
                )
                return 1
            stories = client.get("/stories.json").json()["stories"]
            biggest = max(stories, key=lambda s: (s["articles"], s["conflicts"]))
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={work / 'profile'}", "--hide-scrollbars",
             "--window-size=1280,2200", f"--screenshot={OUT}", base + biggest["href"]],
            check=True, capture_output=True,
        )  # fmt: skip
        print(f"wrote {OUT} ({biggest['title']}, {biggest['articles']} reports)")
        return 0
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
