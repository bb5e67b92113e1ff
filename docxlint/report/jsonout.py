"""Machine-readable JSON output (format documented in README.md; ``version`` bumps on breaking change)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from docxlint import __version__
from docxlint.findings import Severity

if TYPE_CHECKING:
    from docxlint.engine import Report
    from docxlint.rulepack import RulePack

SCHEMA_VERSION = 1


def as_dict(reports: list[Report], pack: RulePack) -> dict[str, object]:
    """The whole run as plain data."""
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "docxlint", "version": __version__},
        "rules": {"id": pack.id, "version": pack.version},
        "files": [
            {
                "file": r.file,
                "error": r.error,
                "internal_errors": r.rule_errors,
                "notes": r.notes,
                "findings": [f.to_dict() for f in r.findings],
            }
            for r in reports
        ],
        "summary": {
            "files": len(reports),
            "unreadable": sum(1 for r in reports if r.error),
            **{str(s): sum(r.count(s) for r in reports) for s in Severity},
        },
    }


def write(reports: list[Report], pack: RulePack, lang: str, out: TextIO) -> None:
    json.dump(as_dict(reports, pack), out, ensure_ascii=False, indent=2)
    out.write("\n")
