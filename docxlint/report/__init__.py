"""Reporters: one output format per module, all reading the same Reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from docxlint.engine import Report
    from docxlint.rulepack import RulePack

FORMATS = ("text", "json", "sarif")

Writer = Callable[["list[Report]", "RulePack", str, TextIO], None]


def get_writer(fmt: str) -> Writer:
    """The writer for ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "text":
        from docxlint.report.text import write
    elif fmt == "json":
        from docxlint.report.jsonout import write
    elif fmt == "sarif":
        from docxlint.report.sarif import write
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return write
