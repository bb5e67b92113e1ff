"""Reports of other shapes than the sample (fixtures/build_other_reports.py): no false alarm, no miss.

Every correct ``other-*.docx`` must lint clean (no finding at all, not even info), and every
defect file must get exactly the findings ``other-manifest.json`` lists: rule id and excerpt
(plus the cell for findings on table cells and the expected value when one is given).
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import docxlint
from docxlint.engine import Report
from docxlint.findings import Finding
from fixtures import build_other_reports

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MANIFEST: list[dict[str, Any]] = json.loads((FIXTURES / build_other_reports.MANIFEST).read_text(encoding="utf-8"))
CLEAN = [entry for entry in MANIFEST if entry["clean"]]
DEFECTIVE = [entry for entry in MANIFEST if not entry["clean"]]


@cache
def lint(file: str) -> Report:
    report = docxlint.lint(FIXTURES / file)
    assert report.error is None and report.rule_errors == [], (report.error, report.rule_errors)
    return report


def described(findings: list[Finding]) -> list[str]:
    return [f"{f.rule_id} {f.excerpt!r} expected={f.expected} at {f.location.describe()}" for f in findings]


def key(rule: str, excerpt: str, cell: dict[str, int] | None) -> tuple[str, str, tuple[int, int, int] | None]:
    return rule, excerpt, None if cell is None else (cell["table"], cell["row"], cell["col"])


def finding_key(finding: Finding) -> tuple[str, str, tuple[int, int, int] | None]:
    loc = finding.location
    cell = {"table": loc.table, "row": loc.row, "col": loc.col} if finding.anchor == "cell" else None
    return key(finding.rule_id, finding.excerpt, cell)  # type: ignore[arg-type]


def test_the_catalogue_has_reports_of_several_shapes_with_defects() -> None:
    assert len(CLEAN) >= 5
    for entry in CLEAN:
        planted = [d for d in DEFECTIVE if d["base"] == entry["file"]]
        assert planted, f"{entry['file']} has no defect file"


@pytest.mark.parametrize("entry", CLEAN, ids=[e["file"] for e in CLEAN])
def test_correct_reports_are_clean(entry: dict[str, Any]) -> None:
    findings = lint(entry["file"]).findings
    assert findings == [], "false alarms:\n" + "\n".join(described(findings))


@pytest.mark.parametrize("entry", DEFECTIVE, ids=[e["file"] for e in DEFECTIVE])
def test_planted_defects_are_caught_and_nothing_else(entry: dict[str, Any]) -> None:
    findings = lint(entry["file"]).findings
    wanted = Counter(key(e["rule"], e["excerpt"], e.get("cell")) for e in entry["findings"])
    found = Counter(finding_key(f) for f in findings)
    assert found == wanted, (
        f"missed: {sorted(wanted - found)}\nunexpected: {sorted(found - wanted)}\nall:\n"
        + "\n".join(described(findings))
    )
    for expected in entry["findings"]:
        if expected.get("expected") is None:
            continue
        match = [
            f for f in findings if finding_key(f) == key(expected["rule"], expected["excerpt"], expected.get("cell"))
        ]
        assert all(f.expected == expected["expected"] for f in match), (expected, described(match))


def test_fixture_files_are_up_to_date(tmp_path: Path) -> None:
    """The committed files are what the builder makes (it also re-checks the reports' arithmetic)."""
    assert build_other_reports.build(FIXTURES, check_only=True) == []
