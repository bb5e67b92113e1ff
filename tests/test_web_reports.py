"""Reports the way web pages give them back: inside a layout table (a one-column frame), or with
their headings' Chinese list numbering turned into "1." "2." by an HTML round trip."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
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


def edited(source: Path, target: Path, edit: Callable[[str], str]) -> Path:
    """``source`` with ``edit`` applied to its ``word/document.xml``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return target


def wrapped(source: Path, target: Path) -> Path:
    """``source`` with its whole body (statistics tables included) moved into a one-cell table."""

    def frame(xml: str) -> str:
        start, end = xml.index("<w:body>") + len("<w:body>"), xml.rindex("<w:sectPr")
        table = (
            '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/>'
            f"</w:tblGrid><w:tr><w:tc>{xml[start:end]}<w:p/></w:tc></w:tr></w:tbl><w:p/>"
        )
        return xml[:start] + table + xml[end:]

    return edited(source, target, frame)


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


def test_a_report_whose_headings_lost_their_chinese_numbering_keeps_its_sections(tmp_path: Path) -> None:
    """sample-word with its six headings numbered "1." to "6." (as an HTML list comes back)."""
    numbers = iter(range(1, 7))

    def renumber(xml: str) -> str:  # the six level-1 headings only: the tables' 一、… rows keep theirs
        heading = (
            r"<w:t>[一二三四五六]、((?:总体|主动公开政府|收到和处理|因政府信息公开|存在的主要|其他需要)[^<]*)</w:t>"
        )
        return re.sub(heading, lambda m: f"<w:t>{next(numbers)}.{m.group(1)}</w:t>", xml)

    path = edited(FIXTURES / "sample-word.docx", tmp_path / "numbered.docx", renumber)
    report_ = lint_file(path, load_pack())
    found = sorted((f.rule_id, f.excerpt, f.expected) for f in report_.findings)
    numbering = [("section-numbering", f"{i}.", f"{c}、") for i, c in enumerate("一二三四五六", 1)]
    assert found == sorted([*numbering, ("proposal-count-consistency", "市级政协提案6件", "2")])
