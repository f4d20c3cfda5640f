"""`python -m newsdesk.cli`: the console script, for environments without its shim."""

from newsdesk.cli import run

run()
