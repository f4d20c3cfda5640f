"""The command shell: exit codes and help, independent of any stage."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsdesk.cli import EXIT_USAGE, main


def test_version_prints_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["version"]) == 0
    assert capsys.readouterr().out.startswith("newsdesk ")


@pytest.mark.parametrize(
    "argv",
    [
        ["no-such-command"],  # a typo in the command name
        ["version", "--no-such-option"],  # an unknown option
        [],  # nothing at all: help is shown, but nothing was done
    ],
)
def test_usage_errors_exit_one_without_traceback(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == EXIT_USAGE
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_console_script_runs_as_a_module_entry() -> None:
    # The installed entry point is newsdesk.cli:run; run it the way a shell would.
    proc = subprocess.run(
        [sys.executable, "-c", "from newsdesk.cli import run; run()", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    for command in ("extract", "facts", "cluster", "analyze", "check", "serve", "demo"):
        assert command in proc.stdout, f"{command} missing from --help"
