"""The ``newsdesk`` command. Each sub-command lives in its own module, parses its
arguments and calls one library function; this module only assembles them and maps
errors to exit codes:

* 0 -- the command did its work (for reading commands: at least one document was read);
* 2 -- nothing could be read (every input was bad);
* 1 -- a usage error (unknown option, missing argument, unreadable settings).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys

import typer

# Typer 0.29 vendors its own click; its exception classes live here (no public alias for
# UsageError / NoArgsIsHelpError, which we must tell apart to give usage errors exit 1).
from typer._click import exceptions as click_exc

from newsdesk.errors import NewsdeskError, UsageError

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_NOTHING_READ = 2

app = typer.Typer(
    name="newsdesk",
    help="Read every report of a story and give one trustworthy, cited account.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)




@app.callback()
def _root() -> None:
    """Read every report of a story and give one trustworthy, cited account."""


@app.command()
def version() -> None:
    """Print the newsdesk version."""
    from newsdesk import __version__

    typer.echo(f"newsdesk {__version__}")


def _register_commands() -> None:
    # Imported here so that `newsdesk --help` stays fast and a broken optional stage
    # cannot stop the others from loading.
    from newsdesk.cli import analyze, check, cluster, demo, extract, facts, serve

    for module in (extract, facts, cluster, analyze, check, serve, demo):
        module.register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    _register_commands()
    frozen = gc.get_freeze_count()
    try:
        return _dispatch(argv)
    finally:
        # A command may freeze what it loaded (newsdesk.cli.heap). An in-process caller
        # (the tests, a notebook) gets its collector back as it was; `run` freezes the
        # heap again before the process exits.
        if not frozen:
            gc.unfreeze()


def _dispatch(argv: list[str] | None) -> int:
    try:
        result = app(args=argv, standalone_mode=False, prog_name="newsdesk")
    except click_exc.NoArgsIsHelpError:
        return EXIT_USAGE
    except typer.Abort:
        print("newsdesk: aborted", file=sys.stderr)
        return EXIT_USAGE
    except click_exc.UsageError as exc:
        hint = f"Try '{exc.ctx.command_path} --help'." if exc.ctx else "Try 'newsdesk --help'."
        print(f"newsdesk: {exc.format_message()}\n{hint}", file=sys.stderr)
        return EXIT_USAGE
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except UsageError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return EXIT_NOTHING_READ
    except KeyboardInterrupt:
        return 130
    return int(result or 0)


class _EndWithoutTeardown:
    """The last exit handler of the console script: ends the process with ``os._exit``
    once Python's own shutdown has done what other code relies on.

    ``run`` freezes the heap before exiting (see there), so the interpreter's teardown no
    longer collects the objects that live in reference cycles -- every class, and what the
    classes hold. nanobind's exit check, which runs after that teardown, then counts
    DuckDB's types, functions and module-level instances as leaked and prints some fifty
    ``nanobind: leaked ...`` lines on every run that opened the store. Nothing leaked: the
    process was about to end. nanobind's switch for the check (``set_leak_warnings``) is C++
    API that DuckDB does not expose, and releasing those objects first means letting the
    collector walk the whole heap, the 0.8 s that the freeze saves. Ending the process after
    the Python-level shutdown (non-daemon threads joined, every handler registered after
    this one run, standard streams flushed) skips the teardown whose only remaining work is
    freeing memory the kernel takes back anyway, and with it the false report: quiet and
    faster (teardown 40-60 ms instead of 180 ms frozen or 1 s unfrozen, measured 2026-12-04
    on `ingest` of seeds + port-strike). Handlers registered before this one (by a
    sitecustomize) do not run; `import newsdesk.cli` itself registers none
    (tests/cli/test_quiet_output.py holds it to that).
    """

    def __init__(self) -> None:
        # None until main() returns: after an uncaught exception the interpreter prints
        # the traceback and tears down as usual (the heap is not frozen then).
        self.status: int | None = None

    def __call__(self) -> None:
        if self.status is None:
            return
        status = self.status
        for stream in (sys.stdout, sys.stderr):
            if stream is None or stream.closed:
                continue
            try:
                stream.flush()
            except OSError as exc:
                # The interpreter reports an unflushable standard stream and exits 120;
                # say the same in newsdesk's words, since its teardown is skipped.
                status = 120
                with contextlib.suppress(OSError):
                    os.write(2, f"newsdesk: could not finish writing output ({exc})\n".encode())
        os._exit(status)


def run() -> None:  # pragma: no cover - console script shim
    # Registered before main() imports the libraries of a command, so it is the first
    # handler and runs last (atexit calls handlers last-registered first).
    end = _EndWithoutTeardown()
    atexit.register(end)
    status = main()
    # Every output is written and closed by now. A process that loaded torch and spaCy
    # holds millions of objects; main() unfroze what its command froze, and a collection
    # during the exit handlers would walk them all (the interpreter's last collection did:
    # 0.6 s of CPU of a cold `newsdesk analyze` on five articles, measured 2026-11-22).
    # Frozen objects are skipped; the handler above then ends the process.
    gc.freeze()
    end.status = status
    sys.exit(status)
