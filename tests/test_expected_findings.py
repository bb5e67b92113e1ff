"""Every fixture gives exactly the findings recorded in ``fixtures/expected/`` (rule, place, excerpt, values).

A change in rules that alters any of them must come with a reviewed update:
``python fixtures/update_expected.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docxlint.rulepack import load_pack
from fixtures.update_expected import EXPECTED, expected_findings

FIXTURES = sorted(Path(EXPECTED).parent.glob("*.docx"))


@pytest.fixture(scope="module")
def pack():
    return load_pack(None)


def test_every_fixture_has_recorded_findings() -> None:
    recorded = {p.stem for p in EXPECTED.glob("*.json")}
    assert {f.stem for f in FIXTURES} <= recorded


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_findings_match_the_record(fixture: Path, pack) -> None:
    recorded = json.loads((EXPECTED / f"{fixture.stem}.json").read_text(encoding="utf-8"))
    assert expected_findings(fixture, pack) == recorded


def test_excerpts_are_the_model_text_at_the_span(pack) -> None:
    """The architecture's invariant, over every fixture: a finding's excerpt is its paragraph's text at its span."""
    from docxlint.engine import lint_file

    for fixture in FIXTURES:
        report = lint_file(fixture, pack, keep_document=True)
        for finding in report.findings:
            if finding.span is None or finding.location.paragraph is None:
                continue
            text = report.document.paragraphs[finding.location.paragraph].text
            assert text[finding.span[0] : finding.span[1]] == finding.excerpt, (fixture.name, finding.rule_id)
