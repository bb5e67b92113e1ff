"""Reader: invariants over whole documents, property tests, styles, and one performance check."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docxlint.docx import read_document
from docxlint.docx.numfmt import chinese_counting
from tests.reader_helpers import (
    abstract_num,
    docx_bytes,
    lvl,
    num,
    num_ppr,
    read,
    report_body,
    split_runs,
    texts,
    wpara,
    wrun,
)

TEXT = st.text(
    alphabet=st.sampled_from("政府信息公开年度报告件一二三（）、。，：0123456789 ab%&<>\"'"), min_size=1, max_size=40
)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_report_piece_map_and_indexes() -> None:
    doc = read(report_body(n_sections=6, n_tables=3))  # read() checks the piece map of every paragraph
    assert len(doc.tables) == 3
    assert all(t.location.block < len(doc.blocks) for t in doc.tables)
    body = doc.body_paragraphs()
    assert body[0].text == "（1）政府信息管理方面" and body[0].outline_level == 1
    in_cells = [p for p in doc.paragraphs if p.location.table is not None]
    assert in_cells and all(doc.blocks[p.location.block].kind == "table" for p in in_cells)


@FAST
@given(paragraphs=st.lists(st.tuples(TEXT, st.lists(st.integers(1, 39), max_size=8)), min_size=1, max_size=5))
def test_splitting_runs_never_changes_texts(paragraphs: list[tuple[str, list[int]]]) -> None:
    whole = "".join(wpara(wrun(text)) for text, _ in paragraphs)
    split = "".join(wpara(split_runs(text, cuts)) for text, cuts in paragraphs)
    assert texts(read(whole)) == texts(read(split)) == [text for text, _ in paragraphs]


@FAST
@given(
    items=st.lists(st.tuples(st.booleans(), TEXT, st.lists(st.integers(1, 39), max_size=4)), min_size=1, max_size=14)
)
def test_automatic_numbering_reads_like_typed_numbering(items: list[tuple[bool, str, list[int]]]) -> None:
    typed: list[str] = []
    auto: list[str] = []
    number = 0
    for is_heading, text, cuts in items:
        if is_heading:
            number += 1
            typed.append(wpara(split_runs(f"{chinese_counting(number)}、{text}", [c + 2 for c in cuts])))
            auto.append(wpara(split_runs(text, cuts), num_ppr(1)))
        else:
            typed.append(wpara(split_runs(text, cuts)))
            auto.append(wpara(split_runs(text, cuts)))
    numbering = abstract_num(0, [lvl(0, "chineseCounting", "%1、", suff="nothing")]) + num(1, 0)
    assert texts(read("".join(typed))) == texts(read("".join(auto), numbering_xml=numbering))


def test_styles_default_and_outline_levels() -> None:
    body = (
        wpara(wrun("标题"), '<w:pStyle w:val="a3"/>')
        + wpara(wrun("一、总体情况"), '<w:pStyle w:val="1"/>')
        + wpara(wrun("正文"))
        + wpara(wrun("大纲"), '<w:outlineLvl w:val="2"/>')
        + wpara(wrun("正文级别"), '<w:pStyle w:val="1"/><w:outlineLvl w:val="9"/>')
        + wpara(wrun("未知样式"), '<w:pStyle w:val="nope"/>')
    )
    doc = read(body)
    assert [(p.style_id, p.style_name) for p in doc.paragraphs] == [
        ("a3", "Title"),
        ("1", "heading 1"),
        ("a", "Normal"),
        ("a", "Normal"),
        ("1", "heading 1"),
        ("a", "Normal"),
    ]
    assert [p.outline_level for p in doc.paragraphs] == [None, 0, None, 2, None, None]


def test_cyclic_based_on_chain_terminates() -> None:
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:basedOn w:val="b"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="b"><w:name w:val="B"/><w:basedOn w:val="a"/>'
        '<w:pPr><w:outlineLvl w:val="3"/></w:pPr></w:style>'
    )
    doc = read(wpara(wrun("x")), styles_xml=styles)
    assert doc.paragraphs[0].outline_level == 3


def test_hundred_page_report_reads_completely() -> None:
    """A 100-page report (speed is measured by benchmarks/bench.py, not asserted here)."""
    data = docx_bytes(report_body(n_sections=60, n_tables=50, max_sentences=1))
    doc = read_document("report.docx", data=data)
    assert len(doc.body_paragraphs()) >= 2900 and len(doc.tables) == 50
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
