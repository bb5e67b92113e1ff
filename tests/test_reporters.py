"""Reporters: text grouping, the stable JSON form, and SARIF 2.1.0 shape."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace

from docxlint.checks.base import Rule
from docxlint.engine import Report
from docxlint.findings import ANCHOR_CELL, Finding, Severity
from docxlint.model import Location
from docxlint.report import get_writer

RULE = Rule(
    id="count-consistency",
    type="consistency",
    severity=Severity.ERROR,
    messages={"zh": "与前文不一致，应为{expected}", "en": "disagrees, expected {expected}"},
    summary="The same count agrees everywhere",
    rationale="Reviewers reject contradictory counts.",
)
PACK = SimpleNamespace(id="test-pack", version="1.2.3", rules=[RULE])


def _finding(**kw) -> Finding:
    base = dict(
        rule_id="count-consistency",
        severity=Severity.ERROR,
        messages={"zh": "与前文不一致，应为2", "en": "disagrees, expected 2"},
        location=Location(block=40, paragraph=57),
        section="六、其他需要报告的事项",
        span=(14, 23),
        excerpt="市级政协提案6件",
        expected="2",
        actual="6",
        file="a.docx",
    )
    base.update(kw)
    return Finding(**base)


def _render(fmt: str, reports: list[Report], lang: str = "zh") -> str:
    out = io.StringIO()
    get_writer(fmt)(reports, PACK, lang, out)
    return out.getvalue()


def test_text_groups_by_file_and_section_and_shows_excerpt() -> None:
    reports = [
        Report(file="a.docx", findings=[_finding(), _finding(section="一、总体情况", span=(0, 2), excerpt="总体")]),
        Report(file="b.docx", error="not a Word document: no word/document.xml"),
        Report(file="c.docx"),
    ]
    text = _render("text", reports)
    assert "a.docx\n  六、其他需要报告的事项\n" in text
    assert "「市级政协提案6件」" in text and "应为 2" in text
    assert "[count-consistency]" in text
    assert "b.docx: not a Word document" in text
    assert "c.docx" not in text  # clean files are not listed
    assert text.rstrip().endswith("错误 2，警告 0，提示 0，无法读取 1")
    english = _render("text", reports, "en")
    assert "disagrees, expected 2" in english and "2 errors, 0 warnings, 0 info in 3 files (1 unreadable)" in english


def test_json_is_stable_and_complete() -> None:
    data = json.loads(_render("json", [Report(file="a.docx", findings=[_finding()])]))
    assert data["version"] == 1 and data["rules"] == {"id": "test-pack", "version": "1.2.3"}
    (item,) = data["files"][0]["findings"]
    assert item == {
        "rule": "count-consistency",
        "severity": "error",
        "message": "与前文不一致，应为2",
        "message_en": "disagrees, expected 2",
        "section": "六、其他需要报告的事项",
        "location": {"block": 40, "paragraph": 57, "table": None, "row": None, "col": None, "span": [14, 23]},
        "anchor": "text",
        "excerpt": "市级政协提案6件",
        "expected": "2",
        "actual": "6",
    }
    assert data["summary"] == {"files": 1, "unreadable": 0, "error": 1, "warning": 0, "info": 0}


def test_sarif_puts_paragraph_in_start_line_and_section_in_logical_location() -> None:
    cell = _finding(
        severity=Severity.WARNING,
        location=Location(block=30, paragraph=99, table=1, row=5, col=9),
        anchor=ANCHOR_CELL,
        span=(0, 1),
        excerpt="/",
    )
    sarif = json.loads(_render("sarif", [Report(file="dir/a.docx", findings=[_finding(), cell])], "en"))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["id"] == "count-consistency"
    first, second = run["results"]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 58 and region["startColumn"] == 15 and region["snippet"]["text"] == "市级政协提案6件"
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "六、其他需要报告的事项"
    assert first["message"]["text"] == "disagrees, expected 2" and first["ruleIndex"] == 0
    assert second["level"] == "warning" and second["properties"]["row"] == 5
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir/a.docx"


def test_sarif_reports_unreadable_files_as_notifications() -> None:
    sarif = json.loads(_render("sarif", [Report(file="x.docx", error="empty file")]))
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "empty file" and sarif["runs"][0]["results"] == []
