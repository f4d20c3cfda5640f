"""Regenerate docs/story-page.png and docs/story-conflicts.png from the seed reports.

    .venv/bin/python docs/make_screenshot.py

Starts `newsdesk serve` on a fresh store and a free loopback port, uploads the seed
reports through POST /api/analyze, and has Debian's headless Chromium photograph the
page of the story with the most reports: its top (the brief), and its conflicts and
comparison matrix.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SHOTS = {"": ROOT / "docs" / "story-page.png", "#conflicts": ROOT / "docs" / "story-conflicts.png"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def shoot(url: str, profile: Path) -> None:
    """Each of SHOTS, taken by Debian's headless Chromium through its chromedriver."""
    os.environ["SE_OFFLINE"] = "true"  # the system driver, never a download
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                 "--window-size=1280,1800", f"--user-data-dir={profile}"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        for anchor, out in SHOTS.items():
            driver.get(url + anchor)
            time.sleep(0.5)  # let the anchor scroll settle
            driver.save_screenshot(str(out))
    finally:
        driver.quit()


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
        shoot(base + biggest["href"], work / "profile")
        print(f"wrote {', '.join(str(p) for p in SHOTS.values())} ({biggest['title']})")
        return 0
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
