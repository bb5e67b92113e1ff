"""A report inside a layout table (a one-column frame, as pasted from a web page) reads like one outside."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from docxlint.annotate import annotate
from docxlint.engine import check_context, lint_file
from docxlint.examples import build_document
from docxlint.rulepack import load_pack
from docxlint.sections import reading_flow
from tests.check_helpers import HEADINGS, bundled, make_rule, report, run
from tests.test_annotate_support import anchored_texts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
STRUCTURE = make_rule("required-sections", {"checks": ["presence", "order", "duplicates"]})


def wrapped(source: Path, target: Path) -> Path:
    """``source`` with its whole body (statistics tables included) moved into a one-cell table."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                start, end = xml.index("<w:body>") + len("<w:body>"), xml.rindex("<w:sectPr")
                frame = (
                    '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/>'
                    f"</w:tblGrid><w:tr><w:tc>{xml[start:end]}<w:p/></w:tc></w:tr></w:tbl><w:p/>"
                )
                data = (xml[:start] + frame + xml[end:]).encode("utf-8")
            zout.writestr(item, data)
    return target


def test_a_report_in_a_one_cell_table_gives_the_findings_it_gives_outside(tmp_path: Path) -> None:
    pack = load_pack()
    path = wrapped(FIXTURES / "sample-word.docx", tmp_path / "framed.docx")
    report_ = lint_file(path, pack, keep_document=True)
    expected = json.loads((FIXTURES / "expected" / "sample-word.json").read_text(encoding="utf-8"))
    assert [(f.rule_id, f.excerpt, f.section) for f in report_.findings] == [
        (e["rule"], e["excerpt"], e["section"]) for e in expected
    ]
    assert report_.findings[0].location.table == 0  # still said to be where it is: in the frame
    assert report_.document is not None
    result = annotate(path, report_.document, report_.findings, tmp_path / "annotated.docx")
    assert result.unanchored == [] and list(anchored_texts(tmp_path / "annotated.docx").values()) == ["市级政协提案6件"]


def test_a_one_column_table_of_report_rows_is_read_as_paragraphs() -> None:
    blocks = report()
    framed = [blocks[0], {"table": [[b] for b in blocks[1:]]}]
    assert run(STRUCTURE, framed) == []
    tree = check_context(build_document({"blocks": framed}), bundled()).sections
    assert [s.title for s in tree.top() if s.heading is not None] == [h[2:] for h in HEADINGS]


def test_tables_with_columns_stay_tables() -> None:
    doc = build_document(
        {"blocks": ["一、总体情况", {"table": [["项目", "数量"], ["一、本年新收", "3"]]}, "二、主动公开"]}
    )
    assert reading_flow(doc.blocks) == doc.blocks
    nested = build_document({"blocks": [{"table": [["一、总体情况"], ["正文"]]}]})
    assert [b.text for b in reading_flow(nested.blocks)] == ["一、总体情况", "正文"]
