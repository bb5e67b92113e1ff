"""docxlint.tables: label paths, value classification, locating tables."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docxlint.checks.base import CheckContext
from docxlint.examples import build_document
from docxlint.sections import HeadingLevel, SectionDef, build_tree
from docxlint.tables import (
    AmbiguousLabelError,
    Label,
    PathSpec,
    TableView,
    ValueKind,
    cell_value,
    find_tables,
    normalize_text,
)
from tests.test_check_table import table2, table3, table4


def view_of(spec: dict) -> TableView:
    return TableView.of(build_document([spec]).tables[0])


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("0", ValueKind.NUMBER, "0"),
        ("１２", ValueKind.NUMBER, "12"),
        (" 3.5 ", ValueKind.NUMBER, "3.5"),
        ("1,024", ValueKind.NUMBER, "1024"),
        ("十二", ValueKind.NUMBER, "12"),
        ("12件", ValueKind.NUMBER, "12"),
        ("0.00万元", ValueKind.NUMBER, "0.00"),
        ("", ValueKind.BLANK, None),
        ("  \n ", ValueKind.BLANK, None),
        ("/", ValueKind.PLACEHOLDER, None),
        ("／", ValueKind.PLACEHOLDER, None),
        ("—", ValueKind.PLACEHOLDER, None),
        ("——", ValueKind.PLACEHOLDER, None),
        ("-", ValueKind.PLACEHOLDER, None),
        ("无", ValueKind.PLACEHOLDER, None),
        ("见附件", ValueKind.TEXT, None),
        ("总计", ValueKind.TEXT, None),
    ],
)
def test_cell_values_are_classified(text: str, kind: ValueKind, number: str | None) -> None:
    value = cell_value(text)
    assert value.kind is kind
    assert value.number == (Decimal(number) if number is not None else None)


@given(st.integers(min_value=0, max_value=10**6))
def test_integers_read_the_same_in_ascii_and_full_width(n: int) -> None:
    full_width = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert cell_value(str(n)).number == cell_value(full_width).number == Decimal(n)


# --- labels ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numbering", "core"),
    [
        ("（七）总计", "7", "总计"),
        ("(七) 总计", "7", "总计"),
        ("七、总计", "7", "总计"),
        ("总\n计", None, "总计"),
        ("1.属于国家秘密", "1", "属于国家秘密"),
        ("１．属于国家秘密", "1", "属于国家秘密"),
        ("3.危及“三安全一稳定”", "3", "危及三安全一稳定"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "2", "部分公开"),
        ("本年收费金额（单位：万元）", None, "本年收费金额"),
        ("（本列数据的勾稽关系为：第一项加第二项之和）", None, "本列数据的勾稽关系为第一项加第二项之和"),
        ("第二十条第（一）项", None, "第二十条第一项"),
        ("本年增/减", None, "本年增减"),
        ("3.5", None, "35"),
    ],
)
def test_labels_split_numbering_core_and_notes(text: str, numbering: str | None, core: str) -> None:
    label = Label.parse(text)
    assert (label.numbering, label.core) == (numbering, core)


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("总计\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "总计"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"),
        ("本年收费金额(单位:万元)", "本年收费金额"),
        ("（七）总计", "（七）总计"),
        ("（注）", "（注）"),
    ],
)
def test_short_labels_drop_trailing_notes_for_messages(text: str, short: str) -> None:
    assert Label.parse(text).short == short


@pytest.mark.parametrize(
    ("spec", "path", "matches"),
    [
        ("总计", ["三、本年度办理结果", "（七）总计"], True),
        ("（七）总计", ["三、本年度办理结果", "（七）总计"], True),
        ("（七）总计", ["三、本年度办理结果", "总计"], True),
        ("（八）总计", ["三、本年度办理结果", "（七）总计"], False),
        ("（三）不予公开/1.属于国家秘密", ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"], True),
        ("（四）无法提供/1.属于国家秘密", ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"], False),
        ("其他", ["申请人情况", "法人或其他组织", "其他"], True),
        ("其他", ["行政复议", "其他结果"], False),
        ("结转下年度|结转下年度继续办理", ["四、结转下年度继续办理"], True),
        ("复议后起诉/总计", ["行政诉讼", "复议后起诉", "总\n计"], True),
    ],
)
def test_path_specs_match_by_suffix(spec: str, path: list[str], matches: bool) -> None:
    assert PathSpec.parse(spec).matches_suffix([Label.parse(p) for p in path]) is matches


@given(st.lists(st.sampled_from([" ", "\n", "\u3000", "\t"]), max_size=3), st.integers(min_value=0, max_value=3))
def test_whitespace_never_changes_a_label(spaces: list[str], at: int) -> None:
    text = "法律服务机构"
    spaced = text[:at] + "".join(spaces) + text[at:]
    assert Label.parse(spaced).core == Label.parse(text).core
    assert normalize_text(spaced) == normalize_text(text)


# --- structure ---------------------------------------------------------------------------------


def test_table3_header_rows_label_columns_and_paths() -> None:
    view = view_of(table3())
    assert (view.header_rows, view.label_cols) == (3, 3)
    assert [c.path for c in view.columns] == [
        "申请人情况/自然人",
        "申请人情况/法人或其他组织/商业企业",
        "申请人情况/法人或其他组织/科研机构",
        "申请人情况/法人或其他组织/社会公益组织",
        "申请人情况/法人或其他组织/法律服务机构",
        "申请人情况/法人或其他组织/其他",
        "申请人情况/总计",
    ]
    paths = [r.path for r in view.rows]
    assert len(paths) == 25
    assert paths[0] == "一、本年新收政府信息公开申请数量"
    assert paths[4] == "三、本年度办理结果/（三）不予公开/1.属于国家秘密"
    assert paths[-2:] == ["三、本年度办理结果/（七）总计", "四、结转下年度继续办理"]


def test_a_header_repeated_inside_table3_is_neither_rows_nor_text_cells() -> None:
    spec = table3()
    rows = spec["table"]
    at = max(i for i, row in enumerate(rows) if i > 3 and row[0] != "^")  # not inside a merged label
    repeated = {"table": [*rows[:at], *rows[:3], *rows[at:]]}
    plain, copy = view_of(spec), view_of(repeated)
    assert [r.path for r in copy.rows] == [r.path for r in plain.rows]
    assert len(copy.text_cells()) == len(plain.text_cells())


def test_table4_has_three_header_rows_and_one_data_row() -> None:
    view = view_of(table4())
    assert (view.header_rows, view.label_cols, len(view.rows)) == (3, 0, 1)
    assert view.columns[4].path == "行政复议/总计"
    assert view.columns[9].path == "行政诉讼/未经复议直接起诉/总计"
    assert view.column("复议后起诉/总计").index == 14


def unmerged(spec: dict) -> dict:
    """The table written without merged cells, as a Markdown table or a hand-made one: the text of a
    span in its first cell, the others blank."""
    return {"table": [["" if text in ("<", "^") else text for text in row] for row in spec["table"]]}


def test_unmerged_header_cells_take_the_group_label_written_to_their_left() -> None:
    view = view_of(unmerged(table3()))
    assert [c.path for c in view.columns] == [c.path for c in view_of(table3()).columns]
    four = view_of(unmerged(table4()))
    assert [c.path for c in four.columns] == [c.path for c in view_of(table4()).columns]


def test_cell_and_value_lookup_by_labels() -> None:
    view = view_of(table3({"（三）8": [0, 0, 0, 0, 0, 2, 2]}))
    cell = view.cell("（三）不予公开/8.属于行政查询事项", "法人或其他组织/其他")
    assert cell is not None and (cell.row, cell.col, cell.text) == (14, 8, "2")
    assert view.value("属于行政查询事项", "总计").number == Decimal(2)
    assert view.value("不存在的行", "总计") is None


def test_group_specs_name_sub_rows() -> None:
    view = view_of(table3())
    assert len(view.find_rows("（三）不予公开/*")) == 8
    assert len(view.find_rows("（五）不予处理/*")) == 5
    assert [r.name for r in view.find_rows("（一）予以公开/*")] == ["（一）予以公开"]
    assert view.find_rows("（九）不存在/*") == []


def test_a_blank_group_heading_row_is_not_a_data_row() -> None:
    rows = [
        ["", "自然人", "总计"],
        ["（三）不予公开", "", ""],
        ["1.属于国家秘密", "1", "1"],
        ["", "", ""],
        ["（七）总计", "1", "1"],
    ]
    view = view_of({"table": rows})
    assert [(r.name, r.is_group) for r in view.rows] == [
        ("（三）不予公开", False),  # no sub-row path extends it: a (blank) data row
        ("1.属于国家秘密", False),
        ("（七）总计", False),
    ]
    nested = view_of({"table": [["", "", "自然人"], ["（三）不予公开", "", ""], ["", "1.属于国家秘密", "1"]]})
    assert [(r.path, r.is_group) for r in nested.rows] == [
        ("（三）不予公开", True),
        ("（三）不予公开/1.属于国家秘密", False),
    ]
    assert [r.path for r in nested.data_rows()] == ["（三）不予公开/1.属于国家秘密"]


def test_empty_rows_are_skipped_unless_the_whole_table_is_blank() -> None:
    with_empty = view_of({"table": [*table4()["table"], [""] * 15]})
    assert len(with_empty.rows) == 1
    blank = view_of(table4([""] * 15))
    assert [(r.index, r.is_group, r.labels) for r in blank.rows] == [(3, False, ())]


def test_table2_as_one_table_of_four_blocks() -> None:
    view = view_of(table2())
    assert (view.header_rows, view.label_cols) == (2, 1)
    licence = view.row("行政许可")
    fee = view.row("行政事业性收费")
    assert licence is not None and fee is not None
    assert [v.number for _, _, v in view.iter_values(licence)] == [Decimal(0)] * 3  # one merged cell, three columns


def test_ambiguous_spec_raises_but_a_repeated_row_is_silent() -> None:
    view = view_of(table4())
    with pytest.raises(AmbiguousLabelError, match="总计"):
        view.column("总计")
    repeated = view_of({"table": [["", "自然人"], ["规章", "1"], ["规章", "2"]]})
    assert repeated.row("规章") is None


# --- locating ----------------------------------------------------------------------------------


def context(blocks: list) -> CheckContext:
    doc = build_document(blocks)
    levels = [HeadingLevel(level=1, pattern=__import__("re").compile("^[一二三四五六七八九十]+、"), max_length=40)]
    defs = [
        SectionDef(id="active", title="主动公开政府信息情况"),
        SectionDef(id="applications", title="收到和处理政府信息公开申请情况"),
    ]
    return CheckContext(document=doc, sections=build_tree(doc, levels, defs))


def test_find_tables_by_header_labels_and_section() -> None:
    ctx = context(["二、主动公开政府信息情况", table2(), "三、收到和处理政府信息公开申请情况", table3(), table4()])
    assert [v.table.index for v in find_tables(ctx, {"header": ["自然人", "商业企业"]})] == [1]
    assert [v.table.index for v in find_tables(ctx, {"contains": ["总计"]})] == [1, 2]
    assert [v.table.index for v in find_tables(ctx, {"contains": ["总计"], "section": ["applications"]})] == [1, 2]
    assert [v.table.index for v in find_tables(ctx, {"contains": ["信息内容"], "section": ["applications"]})] == []
    # labels are compared normalised: line breaks and full-width brackets do not matter
    assert [v.table.index for v in find_tables(ctx, {"contains": ["结果 维持", "(七)总计"]})] == []
    assert [v.table.index for v in find_tables(ctx, {"contains": ["结果 维持"]})] == [2]


def test_a_table_split_in_two_is_read_as_one() -> None:
    rows = table3({"（七）": [1, 0, 0, 0, 0, 0, 1]})["table"]
    first, rest = {"table": rows[:15]}, {"table": [["^" if c == "^" else c for c in r] for r in rows[15:]]}
    rest["table"][0][0] = "三、本年度办理结果"  # the merged group label restarts in the second part
    ctx = context(
        ["三、收到和处理政府信息公开申请情况", first, "", rest, "四、政府信息公开行政复议、行政诉讼情况", table4()]
    )
    views = find_tables(ctx, {"header": ["自然人"], "contains": ["（七）总计"]})
    assert [v.table.index for v in views] == [0]
    view = views[0]
    assert len(view.rows) == 25
    total = view.cell("（七）总计", "自然人")
    assert total is not None and (total.table, total.row, total.text) == (1, 11, "1")
    assert len(view.find_rows("（五）不予处理/*")) == 5
    # a table with a header of its own right after another is not a continuation
    ctx = context([table3(), table4()])
    assert [len(v.rows) for v in find_tables(ctx, {"contains": ["总计"]})] == [25, 1]


def test_a_table_split_with_its_header_repeated_is_read_as_one() -> None:
    """The header rows copied above the second part (a drafter's page break): read once."""
    rows = table3({"（七）": [1, 0, 0, 0, 0, 0, 1]})["table"]
    first, rest = {"table": rows[:15]}, {"table": [*rows[:3], *rows[15:]]}
    rest["table"][3][0] = "三、本年度办理结果"
    ctx = context(
        ["三、收到和处理政府信息公开申请情况", first, "", rest, "四、政府信息公开行政复议、行政诉讼情况", table4()]
    )
    (view,) = find_tables(ctx, {"header": ["自然人"], "contains": ["（七）总计"]})
    assert len(view.rows) == 25 and len(view.find_rows("（五）不予处理/*")) == 5
    total = view.cell("（七）总计", "自然人")
    assert total is not None and (total.table, total.text) == (1, "1")
    # another header over the second part: another table
    other = {"table": [*rows[:2], ["企业" if c == "商业企业" else c for c in rows[2]], *rows[15:]]}
    ctx = context(["三、收到和处理政府信息公开申请情况", first, "", other])
    assert len(find_tables(ctx, {"header": ["自然人"], "contains": ["总计"]})[0].rows) < 25


@pytest.mark.parametrize(("between", "joined"), [("续表", True), ("表三（续）", True), ("（续表）", True), ("注：单位为件", False)])
def test_a_continued_line_between_the_parts_of_a_split_table(between: str, joined: bool) -> None:
    """A "续表" line keeps the parts one table; any other text between them ends the first."""
    rows = table3({"（七）": [1, 0, 0, 0, 0, 0, 1]})["table"]
    first, rest = {"table": rows[:15]}, {"table": [*rows[:3], *rows[15:]]}
    rest["table"][3][0] = "三、本年度办理结果"
    ctx = context(["三、收到和处理政府信息公开申请情况", first, between, rest])
    views = find_tables(ctx, {"header": ["自然人"], "contains": ["总计"]})
    assert (len(views[0].rows) == 25) is joined


def test_a_section_the_document_lacks_does_not_hide_tables() -> None:
    ctx = context(["统计表", table3()])
    assert len(find_tables(ctx, {"header": ["自然人"], "section": ["applications"]})) == 1


# --- memoised lookups ----------------------------------------------------------------------------


def test_lookups_are_per_document_and_return_fresh_lists() -> None:
    """Views, lookups and located tables are cached per document; nothing of one document reaches another."""
    short = context(["三、收到和处理政府信息公开申请情况", table3({"（七）": [1, 0, 0, 0, 0, 0, 1]})])
    padded = context(["三、收到和处理政府信息公开申请情况", table4(), table3({"（七）": [2, 0, 0, 0, 0, 0, 2]})])
    locator = {"header": ["自然人"], "contains": ["（七）总计"]}
    for ctx, index, total in ((short, 0, "1"), (padded, 1, "2"), (short, 0, "1")):
        views = find_tables(ctx, locator)
        assert [v.table.index for v in views] == [index]
        views.clear()  # the caller's list, not the cache
        view = find_tables(ctx, locator)[0]
        cell = view.cell("（七）总计", "自然人")
        assert cell is not None and (cell.table, cell.text) == (index, total)
        rows = view.find_rows("（三）不予公开/*")
        assert [r.index for r in rows] == [r.index for r in TableView.of(view.table).find_rows("（三）不予公开/*")]
        assert all(r in view.rows for r in rows)  # the view's own axes, even when another view answered first
        rows.clear()
        assert len(view.find_rows("（三）不予公开/*")) == 8


def test_views_that_read_alike_share_lookups_but_not_axes() -> None:
    """Two tables with the same labels at different grid rows: each view answers with its own rows."""
    plain = view_of({"table": [["", "自然人"], ["规章", "1"], ["（七）总计", "1"]]})
    two_headers = view_of({"table": [["", "申请人"], ["", "自然人"], ["规章", "2"], ["（七）总计", "2"]]})
    assert [r.index for r in plain.find_rows("总计")] == [2]
    assert [r.index for r in two_headers.find_rows("总计")] == [3]
    assert plain.value("（七）总计", "自然人").number == Decimal(1)
    assert two_headers.value("（七）总计", "自然人").number == Decimal(2)


def test_memoised_parsing_gives_equal_results() -> None:
    text = "（二）部分公开（区分处理的，只计这一情形）"
    assert Label.parse(text) == Label.parse(text) and Label.parse(text).core == "部分公开"
    assert PathSpec.parse("（三）不予公开/*") == PathSpec.parse("（三）不予公开/*")
    assert cell_value("12件") is cell_value("12件") and cell_value("12件").number == Decimal(12)
    assert normalize_text("（七）总 计") == normalize_text("(七)总计")


def test_a_grid_column_no_row_covers_is_left_out() -> None:
    """w:gridBefore on every row (an indented table): grid column 0 holds no cell at all."""
    from dataclasses import replace

    table = build_document([table3({"一": [3, 0, 0, 0, 0, 0, 3]})]).tables[0]
    shifted = replace(table, n_cols=table.n_cols + 1, cells=[replace(c, col=c.col + 1) for c in table.cells])
    view, plain = TableView.of(shifted), view_of(table3({"一": [3, 0, 0, 0, 0, 0, 3]}))
    assert (view.header_rows, view.label_cols) == (plain.header_rows, plain.label_cols)
    assert [c.path for c in view.columns] == [c.path for c in plain.columns]
    total = view.cell("本年新收政府信息公开申请数量", "总计")
    assert total is not None and (total.col, total.text) == (10, "3")
