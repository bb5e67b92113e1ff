"""Annotation stays linear: per-paragraph indexes are built once, not once per finding.

No wall-clock assertions: the tests count how often the per-paragraph work runs. Each
bound holds for any number of findings; the old per-finding rescans exceed it many times.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from docxlint import annotate_anchor
from docxlint.annotate import annotate
from docxlint.docx import read_document
from docxlint.docx.xmlparse import W
from docxlint.findings import Finding
from docxlint.model import Document
from fixtures.wordxml import para, run
from tests.test_annotate_support import assert_annotated, build_docx, finding_at, read_part

RUNS = 3000  #: two characters each
FINDINGS = 200  #: three characters each, so each touches two runs
FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("12") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


class ScanCountingPieces(tuple):
    """A paragraph's pieces that count how often they are iterated."""

    scans = 0

    def __iter__(self):
        self.scans += 1
        return super().__iter__()


def counted(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Replace ``owner.name`` by a wrapper counting its calls; the count is ``result[0]``."""
    calls = [0]
    original: Callable = getattr(owner, name)

    def wrapper(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def long_paragraph() -> str:
    """``RUNS`` runs with a complex field in the middle and a smart tag around a few runs."""
    runs = [run("统计" if i % 2 else "期限") for i in range(RUNS)]
    runs[RUNS // 2] = FIELD
    runs[RUNS // 3] = (
        f'<w:smartTag w:uri="urn:x" w:element="date">{"".join(runs[RUNS // 3 : RUNS // 3 + 5])}</w:smartTag>'
    )
    del runs[RUNS // 3 + 1 : RUNS // 3 + 5]
    return para("".join(runs))


def spread_findings(doc: Document, index: int, count: int, width: int = 3) -> list[Finding]:
    """``count`` findings of ``width`` characters spread evenly over paragraph ``index``."""
    paragraph = doc.paragraphs[index]
    step = (len(paragraph.text) - width) // count
    starts = [1 + i * step for i in range(count)]
    return [finding_at(paragraph, s, s + width, f"第{index}段第{n}处") for n, s in enumerate(starts)]


def count_scans(doc: Document) -> list[ScanCountingPieces]:
    pieces = []
    for paragraph in doc.paragraphs:
        paragraph.pieces = ScanCountingPieces(paragraph.pieces)
        pieces.append(paragraph.pieces)
    return pieces


def test_many_findings_in_a_long_paragraph_scan_it_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = build_docx(tmp_path, long_paragraph() + para(run("第二段共收到申请31件，办结30件。")))
    doc = read_document(src)
    findings = spread_findings(doc, 0, FINDINGS) + spread_findings(doc, 1, 5, width=2)
    scans = count_scans(doc)
    piece_indexes = counted(monkeypatch, annotate_anchor.PieceIndex, "of")
    field_indexes = counted(monkeypatch, annotate_anchor._FieldIndex, "of")
    field_depths = counted(monkeypatch, annotate_anchor, "_field_depth")
    run_contents = counted(monkeypatch, annotate_anchor, "run_content")

    result = annotate(src, doc, findings, tmp_path / "out.docx")

    assert (result.comments_added, result.unanchored) == (len(findings), [])
    assert piece_indexes[0] == 2, "one piece index per paragraph, not per finding"
    assert [s.scans for s in scans] == [1, 1], "each paragraph's pieces are scanned once"
    assert field_indexes[0] <= 2, "one field index per paragraph"
    assert field_depths[0] <= 5, "only the children holding field characters are searched, once"
    assert run_contents[0] <= 2 * 2 * FINDINGS + 10, "only the runs the comments touch are read (and split)"
    monkeypatch.undo()
    assert_annotated(src, tmp_path / "out.docx", doc, findings)


def test_many_cuts_in_one_run_read_it_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "共收到 申请31件，\t办结 30件。 " * 200
    src = build_docx(tmp_path, para(run(text, rpr="<w:b/>")))
    doc = read_document(src)
    findings = spread_findings(doc, 0, 300, width=4)
    run_contents = counted(monkeypatch, annotate_anchor, "run_content")
    splittable = counted(monkeypatch, annotate_anchor, "_splittable")

    result = annotate(src, doc, findings, tmp_path / "out.docx")

    assert (result.comments_added, result.unanchored) == (len(findings), [])
    assert run_contents[0] <= 2, "the run is laid out once and split in one pass"
    assert splittable[0] <= 1, "each content child is judged once, not once per cut"
    monkeypatch.undo()
    assert_annotated(src, tmp_path / "out.docx", doc, findings)
    root = etree.fromstring(read_part(tmp_path / "out.docx", "word/document.xml"))
    texts = [r.find(W + "t") for r in root.iter(W + "r") if r.find(W + "t") is not None]
    assert len(texts) == 2 * len(findings) + 1
    assert all(r.find(f"{W}rPr/{W}b") is not None for r in root.iter(W + "r") if r.find(W + "t") is not None)
    edge_spaced = [t for t in texts if t.text != t.text.strip()]
    assert all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in edge_spaced)
