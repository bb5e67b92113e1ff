"""The annotator on the project's fixture documents (Word, WPS, LibreOffice, autonumbered, robust-*).

Each fixture gets many findings at once: every number in every paragraph (body and table
cells, so spans start and end inside split runs, hyperlinks, fields and tracked changes),
every defect excerpt of ``fixtures/manifest.json``, a point comment in every empty cell and
a "missing" finding on the first paragraph. Then the invariants: each comment covers
exactly its text, visible text unchanged, other parts byte-identical, a second run replaces
instead of duplicating, human comments survive, python-docx opens the file (docx2python, which
is quadratic in the number of comments, is exercised on a small document in test_annotate.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from docxlint.annotate import annotate
from docxlint.docx import read_document
from docxlint.findings import ANCHOR_CELL, ANCHOR_MISSING, Finding
from docxlint.model import Document
from tests.test_annotate_support import assert_annotated, comments, finding_at

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DOCS = sorted(FIXTURES.glob("*.docx"))
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def manifest_excerpts(name: str) -> list[str]:
    """Defect excerpts of one fixture long enough to be found unambiguously."""
    manifest = FIXTURES / "manifest.json"
    if not manifest.exists():
        return []
    entries = [e for e in json.loads(manifest.read_text(encoding="utf-8")) if e.get("file") == name]
    found: list[str] = []
    for entry in entries:
        for defect in entry.get("defects", []):
            found.extend(x for x in [defect.get("excerpt"), *(defect.get("also_at") or [])] if x and len(x) >= 4)
    return found


def dense_findings(doc: Document, name: str) -> list[Finding]:
    """Many findings of every anchor kind, each with a unique message."""
    findings: list[Finding] = []

    def add(para, start, end, **kw) -> None:
        findings.append(finding_at(para, start, end, f"F{len(findings)}", **kw))

    for para in doc.paragraphs:
        for match in NUMBER.finditer(para.text):
            add(para, match.start(), match.end(), expected="0")
        if para.location.table is not None and not para.text:
            add(para, 0, 0, anchor=ANCHOR_CELL)
    for excerpt in manifest_excerpts(name):
        para = next((p for p in doc.paragraphs if excerpt in p.text), None)
        if para is not None:
            start = para.text.index(excerpt)
            add(para, start, start + len(excerpt))
    first = next(p for p in doc.paragraphs if p.text.strip())
    add(first, 0, len(first.text), anchor=ANCHOR_MISSING)
    return findings


@pytest.mark.parametrize("src", DOCS, ids=[p.name for p in DOCS])
def test_fixture_annotated_exactly(src: Path, tmp_path: Path) -> None:
    doc = read_document(src)
    findings = dense_findings(doc, src.name)
    out = tmp_path / "annotated.docx"
    result = annotate(src, doc, findings, out)
    assert result.unanchored == []
    assert result.comments_added == len(findings)
    assert_annotated(src, out, doc, findings)


#: The defect-* fixtures are the same documents with one defect each: the second run is
#: checked on the distinct layouts only.
LAYOUTS = [p for p in DOCS if not p.name.startswith("defect-")]


@pytest.mark.parametrize("src", LAYOUTS, ids=[p.name for p in LAYOUTS])
def test_fixture_reannotated_without_duplicates(src: Path, tmp_path: Path) -> None:
    doc = read_document(src)
    findings = dense_findings(doc, src.name)
    human_before = [c for c in comments(src) if c.author != "docxlint"]
    first = tmp_path / "first.docx"
    annotate(src, doc, findings, first)

    doc2 = read_document(first)
    again = dense_findings(doc2, src.name)
    assert len(again) == len(findings), "annotating must not change what the reader sees"
    second = tmp_path / "second.docx"
    result = annotate(first, doc2, again, second)
    assert (result.comments_added, result.comments_replaced) == (len(again), len(findings))
    assert_annotated(first, second, doc2, again)
    assert [c for c in comments(second) if c.author != "docxlint"] == human_before
    assert sum(c.author == "docxlint" for c in comments(second)) == len(again)
    assert len(list(docx.Document(str(second)).comments)) == len(again) + len(human_before)
