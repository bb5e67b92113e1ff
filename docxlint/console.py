"""The ``docxlint`` console entry point.

Plain ``check`` command lines run without importing typer (see :mod:`docxlint.check_command`);
everything else goes to the typer application in :mod:`docxlint.cli`. Either way no traceback
reaches the user unless ``DOCXLINT_DEBUG`` is set.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docxlint.check_command import CheckOptions

#: Set by shells asking click for completions: typer must answer those.
_COMPLETION_VAR = "_DOCXLINT_COMPLETE"
_gc_paused = False  #: the collector is off until the start-up is over (:func:`startup_finished`)


def main() -> None:
    """Run ``docxlint`` with ``sys.argv``."""
    global _gc_paused
    if gc.isenabled():
        # imports and the rule pack make thousands of objects that live as long as the process and
        # no garbage: the collector's passes over them during start-up are pure overhead
        gc.disable()
        _gc_paused = True
    from docxlint import code_cache

    code_cache.install()  # before the modules that define dataclasses are imported
    from docxlint.check_command import parse_check_argv

    options = parse_check_argv(sys.argv[1:]) if _COMPLETION_VAR not in os.environ else None
    if options is None:
        startup_finished()
        from docxlint.cli import main as typer_main

        typer_main()
        return
    sys.exit(_run_fast(options))


def startup_finished() -> None:
    """Turn the collector back on, with what start-up made set aside (``gc.freeze``): later passes skip it.

    The few hundred objects of reference cycles left by start-up (imports, a pack loaded afresh) are
    frozen with the rest rather than collected: a one-off few kilobytes, against a full collection
    over every module's objects on every start."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()


def _run_fast(options: CheckOptions) -> int:
    from docxlint.check_command import EXIT_ERROR, CheckFailed, run_check
    from docxlint.errors import DocxlintError

    try:
        return run_check(options)
    except (CheckFailed, DocxlintError) as exc:
        _error_line(f"docxlint: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except Exception as exc:  # a bug: one line, unless debugging
        if os.environ.get("DOCXLINT_DEBUG"):
            raise
        _error_line(f"docxlint: internal error: {type(exc).__name__}: {exc} (set DOCXLINT_DEBUG=1 for details)")
        return EXIT_ERROR


def _error_line(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _silence_stdout() -> None:
    """After the reader of stdout went away (``docxlint check … | head``): no second error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
