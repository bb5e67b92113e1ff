"""The .docx fixtures (fixtures/manifest.json) against the text rule types of the bundled pack.

Every planted defect of a text rule type is found where the manifest says, with
the expected value it gives; a fixture without such defects gets no finding of
these types (the sample renditions, the clean ones, the table-defect ones).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from docxlint.examples import run_rules
from docxlint.findings import Finding
from tests.check_helpers import bundled

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MANIFEST = FIXTURES / "manifest.json"
TEXT_RULE_TYPES = {"required-sections", "pattern", "period", "contact", "deadline", "sum", "change"}
#: Manifest "expected" values that describe rather than state a value (not compared).
DESCRIPTIVE_EXPECTED_TYPES = {"contact"}


def _entries() -> list[dict[str, Any]]:
    if not MANIFEST.is_file():
        return []
    return [e for e in json.loads(MANIFEST.read_text(encoding="utf-8")) if (FIXTURES / e["file"]).is_file()]


ENTRIES = _entries()


def _text_findings(entry: dict[str, Any]) -> list[Finding]:
    from docxlint.docx import read_document

    pack = bundled()
    document = read_document(FIXTURES / entry["file"])
    return [f for f in run_rules(document, pack) if pack.rule(f.rule_id).type in TEXT_RULE_TYPES]


def _matches(finding: Finding, rule_type: str, defect: dict[str, Any]) -> bool:
    if bundled().rule(finding.rule_id).type != rule_type or not finding.excerpt:
        return False
    excerpt = defect["excerpt"]
    if finding.excerpt not in excerpt and excerpt not in finding.excerpt:
        return False
    expected = defect.get("expected")
    if expected is None or rule_type in DESCRIPTIVE_EXPECTED_TYPES:
        return True
    return str(expected) in (finding.expected or "")


@pytest.mark.skipif(not ENTRIES, reason="fixtures/manifest.json and its .docx files are not built")
@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_fixture(entry: dict[str, Any]) -> None:
    findings = _text_findings(entry)
    planted = [d for d in entry["defects"] if d["rule_type"] in TEXT_RULE_TYPES]
    described = [(f.rule_id, f.excerpt[:40], f.expected) for f in findings]
    if not planted:
        assert findings == [], described
        return
    for defect in planted:
        assert any(_matches(f, defect["rule_type"], defect) for f in findings), (defect, described)


def test_manifest_covers_every_text_rule_type() -> None:
    if not ENTRIES:
        pytest.skip("fixtures not built")
    planted = {d["rule_type"] for e in ENTRIES for d in e["defects"]}
    assert TEXT_RULE_TYPES <= planted
