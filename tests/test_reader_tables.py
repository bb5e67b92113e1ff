"""Reader: tables as logical grids (spans, merges, nesting, content controls, tracked rows)."""

from __future__ import annotations

from docxlint.docx.tables import RawCell, RawRow, build_grid
from docxlint.model import Paragraph, Table
from tests.reader_helpers import (
    APPLICANT_KINDS,
    TRACK,
    all_cells_text,
    cell,
    read,
    row,
    table,
    table3,
    table3_header_rows,
    wpara,
    wrun,
)


def _spans(tbl: Table) -> list[tuple[int, int, int, int, str]]:
    return [(c.row, c.col, c.row_span, c.col_span, c.text) for c in tbl.cells]


def test_table3_header_merges() -> None:
    doc = read(wpara(wrun("三、收到和处理政府信息公开申请情况")) + table(table3_header_rows(), 10))
    tbl = doc.tables[0]
    assert (tbl.n_rows, tbl.n_cols) == (3, 10)
    spans = _spans(tbl)
    assert spans[0][:4] == (0, 0, 3, 3) and spans[0][4].startswith("（本列数据的勾稽关系")
    assert spans[1:5] == [
        (0, 3, 1, 7, "申请人情况"),
        (1, 3, 2, 1, "自然人"),
        (1, 4, 1, 5, "法人或其他组织"),
        (1, 9, 2, 1, "总计"),
    ]
    assert [s[4] for s in spans[5:]] == list(APPLICANT_KINDS)
    assert [s[1] for s in spans[5:]] == [4, 5, 6, 7, 8]
    grid = tbl.grid()
    assert grid[2][0] is tbl.cells[0] and grid[2][3] is tbl.cells[2] and grid[2][9] is tbl.cells[4]
    assert tbl.cell_at(1, 6) is tbl.cells[3]
    # merged cells appear once: one paragraph each, continuation cells' empty paragraphs dropped
    corner = tbl.cells[0]
    assert len(corner.paragraphs) == 1
    assert len(doc.paragraphs) == 1 + 10


def test_full_table3_body_rows() -> None:
    doc = read(table3(values=[1, 2, 3, 4, 5, 6]))
    tbl = doc.tables[0]
    assert (tbl.n_rows, tbl.n_cols) == (14, 10)
    grid = all_cells_text(tbl)
    assert grid[3][:4] == ["一、本年新收政府信息公开申请数量"] * 3 + ["1"]
    assert grid[3][9] == "21"
    outer = tbl.cell_at(5, 0)
    assert outer is not None and outer.text == "三、本年度办理结果" and (outer.row, outer.row_span) == (5, 8)
    withheld = tbl.cell_at(7, 1)
    assert withheld is not None and withheld.text == "（三）不予公开" and withheld.row_span == 3
    assert grid[8][2] == "2.其他法律行政法规禁止公开"
    assert grid[13][0] == "四、结转下年度继续办理"


def test_cell_paragraph_locations() -> None:
    body = wpara(wrun("前言")) + table(row(cell("信息内容") + cell("本年制发件数")) + row(cell("规章") + cell("0")), 2)
    doc = read(body)
    assert [b.kind for b in doc.blocks] == ["paragraph", "table"]
    zero = doc.paragraphs[-1]
    assert zero.text == "0"
    assert (zero.location.block, zero.location.table, zero.location.row, zero.location.col) == (1, 0, 1, 1)
    assert doc.tables[0].location.block == 1 and doc.tables[0].location.table is None


def test_grid_before_after_and_unequal_rows() -> None:
    rows = (
        row(cell("A") + cell("B") + cell("C"))
        + row(cell("D"), '<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>')
        + row(cell("E") + cell("F"))
    )
    tbl = read(table(rows, 3)).tables[0]
    assert (tbl.n_rows, tbl.n_cols) == (3, 3)
    assert all_cells_text(tbl) == [["A", "B", "C"], [None, "D", None], ["E", "F", None]]


def test_legacy_hmerge() -> None:
    rows = row(cell("合并", hmerge="restart") + cell("", hmerge="continue") + cell("单")) + row(
        cell("x") + cell("y") + cell("z")
    )
    tbl = read(table(rows, 3)).tables[0]
    assert _spans(tbl)[:2] == [(0, 0, 1, 2, "合并"), (0, 2, 1, 1, "单")]


def test_vmerge_with_mismatched_width_starts_a_new_cell() -> None:
    grid = build_grid(
        [
            RawRow([RawCell("a", 2, "restart"), RawCell("b")]),
            RawRow([RawCell("c", 1, "continue"), RawCell("d"), RawCell("e")]),
        ]
    )
    assert [(c.row, c.col, c.row_span, c.col_span) for c in grid.cells] == [
        (0, 0, 1, 2),
        (0, 2, 1, 1),
        (1, 0, 1, 1),
        (1, 1, 1, 1),
        (1, 2, 1, 1),
    ]
    assert [(el, cont) for el, _, cont in grid.owners] == [("a", False), ("b", False), ("c", False), ("d", False),
                                                           ("e", False)]  # fmt: skip


def test_vmerge_continuation_text_is_kept_once() -> None:
    rows = row(cell("上", vmerge="restart") + cell("1")) + row(cell("下", vmerge="continue") + cell("2"))
    tbl = read(table(rows, 2)).tables[0]
    assert _spans(tbl)[0] == (0, 0, 2, 1, "上\n下")


def test_nested_tables_indexes_and_locations() -> None:
    inner = table(row(cell("内1") + cell("内2")), 2)
    inner_cell = (
        f'<w:tc><w:tcPr><w:tcW w:w="1600" w:type="dxa"/></w:tcPr>{wpara(wrun("外格"))}{inner}{wpara("")}</w:tc>'
    )
    outer = table(row(cell("左") + inner_cell), 2)
    doc = read(outer + table(row(cell("后表")), 1))
    assert [t.index for t in doc.tables] == [0, 1, 2]
    outer_t, nested, last = doc.tables
    assert nested.location.table == 0 and (nested.location.row, nested.location.col) == (0, 1)
    assert nested.location.block == 0 and last.location.block == 1
    host = outer_t.cells[1]
    assert [b.kind for b in host.blocks] == ["paragraph", "table", "paragraph"]
    assert host.blocks[1] is nested
    assert host.text == "外格\n"
    inner_para = nested.cells[1].paragraphs[0]
    assert inner_para.text == "内2" and inner_para.location.table == 1
    assert [p.text for p in doc.paragraphs] == ["左", "外格", "内1", "内2", "", "后表"]


def test_deeply_nested_tables_read() -> None:
    xml = wpara(wrun("最内"))
    for _ in range(40):
        xml = table(row(f"<w:tc>{xml}</w:tc>"), 1)
    doc = read(xml)
    assert len(doc.tables) == 40
    assert doc.paragraphs[0].text == "最内" and doc.paragraphs[0].location.table == 39


def test_content_controls_around_rows_and_cells() -> None:
    sdt_row = f'<w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent>{row(cell("控1") + cell("控2"))}</w:sdtContent></w:sdt>'
    sdt_cell = f'<w:sdt><w:sdtPr><w:id w:val="2"/></w:sdtPr><w:sdtContent>{cell("格控")}</w:sdtContent></w:sdt>'
    sdt_block = f"<w:sdt><w:sdtPr/><w:sdtContent>{wpara(wrun('块'))}</w:sdtContent></w:sdt>"
    in_cell = f"<w:tc><w:tcPr/>{sdt_block}</w:tc>"
    rows = row(cell("a") + cell("b")) + sdt_row + row(sdt_cell + in_cell)
    tbl = read(table(rows, 2)).tables[0]
    assert all_cells_text(tbl) == [["a", "b"], ["控1", "控2"], ["格控", "块"]]


def test_tracked_deleted_rows_are_dropped() -> None:
    deleted = row(cell("删行") + cell("9"), f'<w:del w:id="1" {TRACK}/>')
    inserted = row(cell("增行") + cell("8"), f'<w:ins w:id="2" {TRACK}/>')
    doc = read(table(row(cell("a") + cell("1")) + deleted + inserted, 2))
    tbl = doc.tables[0]
    assert tbl.n_rows == 2
    assert all_cells_text(tbl) == [["a", "1"], ["增行", "8"]]
    assert [p.xml_index for p in doc.paragraphs] == [0, 1, 4, 5]


def test_table_style_name_and_row_grouping() -> None:
    doc = read(table(row(cell("x", span=2)) + row(cell("y") + cell("z")), 2))
    tbl = doc.tables[0]
    assert tbl.style_name == "Table Grid"
    assert [[c.text for c in r] for r in tbl.rows()] == [["x"], ["y", "z"]]


def test_empty_table_and_cell_without_paragraphs() -> None:
    doc = read(table("", 2) + table(row("<w:tc><w:tcPr/></w:tc>"), 1))
    assert (doc.tables[0].n_rows, doc.tables[0].n_cols) == (0, 0)
    only = doc.tables[1].cells[0]
    assert only.blocks == [] and only.text == ""
    assert all(isinstance(b, Table) for b in doc.blocks)
    assert not any(isinstance(b, Paragraph) for b in doc.blocks)
