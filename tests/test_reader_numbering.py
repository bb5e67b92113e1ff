"""Reader: automatic numbering labels (formats, levels, restarts, overrides, styles)."""

from __future__ import annotations

import pytest

from docxlint.docx.numfmt import format_number
from tests.reader_helpers import (
    abstract_num,
    lvl,
    num,
    num_ppr,
    read,
    start_override,
    texts,
    wpara,
    wrun,
)

# (format, n, expected)
FORMAT_CASES = [
    ("decimal", 7, "7"),
    ("decimal", 123, "123"),
    ("decimalZero", 3, "03"),
    ("decimalZero", 12, "12"),
    ("decimalFullWidth", 12, "１２"),
    ("decimalFullWidth2", 5, "５"),
    ("decimalEnclosedCircle", 1, "①"),
    ("decimalEnclosedCircle", 20, "⑳"),
    ("decimalEnclosedCircle", 21, "21"),
    ("decimalEnclosedCircleChinese", 3, "③"),
    ("decimalEnclosedParen", 2, "⑵"),
    ("decimalEnclosedFullstop", 4, "⒋"),
    ("ideographEnclosedCircle", 2, "㊁"),
    ("chineseCounting", 1, "一"),
    ("chineseCounting", 10, "十"),
    ("chineseCounting", 11, "十一"),
    ("chineseCounting", 20, "二十"),
    ("chineseCounting", 21, "二十一"),
    ("chineseCounting", 99, "九十九"),
    ("chineseCounting", 100, "一〇〇"),
    ("chineseCountingThousand", 10, "十"),
    ("chineseCountingThousand", 101, "一百零一"),
    ("chineseCountingThousand", 110, "一百一十"),
    ("chineseCountingThousand", 1010, "一千零一十"),
    ("chineseCountingThousand", 10001, "一万零一"),
    ("chineseLegalSimplified", 3, "叁"),
    ("chineseLegalSimplified", 10, "壹拾"),
    ("chineseLegalSimplified", 26, "贰拾陆"),
    ("taiwaneseCountingThousand", 6, "六"),
    ("taiwaneseCountingThousand", 12, "十二"),
    ("taiwaneseCountingThousand", 10000, "一萬"),
    ("taiwaneseCounting", 15, "十五"),
    ("taiwaneseDigital", 102, "一〇二"),
    ("ideographLegalTraditional", 12, "壹拾貳"),
    ("ideographTraditional", 1, "甲"),
    ("ideographTraditional", 4, "丁"),
    ("ideographTraditional", 10, "癸"),
    ("ideographZodiac", 1, "子"),
    ("ideographZodiac", 12, "亥"),
    ("ideographZodiacTraditional", 2, "乙丑"),
    ("upperLetter", 1, "A"),
    ("upperLetter", 26, "Z"),
    ("upperLetter", 27, "AA"),
    ("lowerLetter", 28, "bb"),
    ("upperRoman", 4, "IV"),
    ("upperRoman", 1994, "MCMXCIV"),
    ("lowerRoman", 9, "ix"),
    ("ordinal", 22, "22nd"),
    ("ordinal", 13, "13th"),
    ("cardinalText", 21, "Twenty-one"),
    ("ordinalText", 3, "Third"),
    ("hex", 255, "FF"),
    ("none", 5, ""),
    ("bullet", 5, ""),
    ("somethingNew", 5, "5"),
]


@pytest.mark.parametrize(("fmt", "n", "expected"), FORMAT_CASES)
def test_number_formats(fmt: str, n: int, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_custom_zero_padded_format() -> None:
    assert format_number(7, "custom", "001, 002, 003, ...") == "007"


def _doc(levels: list[str], paras: list[tuple[int, int | None, str]], nums: str = "", extra_abstracts: str = ""):
    numbering = abstract_num(0, levels) + extra_abstracts + (nums or num(1, 0))
    body = "".join(wpara(wrun(text), num_ppr(num_id, ilvl)) for num_id, ilvl, text in paras)
    return read(body, numbering_xml=numbering)


@pytest.mark.parametrize(
    ("fmt", "text", "labels"),
    [
        ("chineseCounting", "%1、", ["一、", "二、", "三、"]),
        ("chineseCountingThousand", "（%1）", ["（一）", "（二）", "（三）"]),
        ("decimal", "%1.", ["1.", "2.", "3."]),
        ("chineseLegalSimplified", "第%1章", ["第壹章", "第贰章", "第叁章"]),
        ("taiwaneseCountingThousand", "%1、", ["一、", "二、", "三、"]),
        ("ideographTraditional", "%1.", ["甲.", "乙.", "丙."]),
        ("ideographZodiac", "%1", ["子", "丑", "寅"]),
        ("decimalFullWidth", "%1．", ["１．", "２．", "３．"]),
        ("decimalEnclosedCircle", "%1", ["①", "②", "③"]),
        ("decimalEnclosedCircleChinese", "%1", ["①", "②", "③"]),
        ("upperLetter", "%1)", ["A)", "B)", "C)"]),
        ("lowerRoman", "(%1)", ["(i)", "(ii)", "(iii)"]),
        ("none", "%1", ["", "", ""]),
    ],
)
def test_labels_in_documents(fmt: str, text: str, labels: list[str]) -> None:
    doc = _doc([lvl(0, fmt, text, suff="nothing")], [(1, 0, "总体情况")] * 3)
    assert [p.label for p in doc.paragraphs] == labels
    assert texts(doc) == [label + "总体情况" for label in labels]


def test_label_piece_and_suffixes() -> None:
    levels = [lvl(0, "chineseCounting", "%1、"), lvl(1, "chineseCounting", "（%2）", suff="space"),
              lvl(2, "decimal", "%3.", suff="nothing")]  # fmt: skip
    doc = _doc(levels, [(1, 0, "总体情况"), (1, 1, "主动公开"), (1, 2, "规章")])
    assert texts(doc) == ["一、\t总体情况", "（一） 主动公开", "1.规章"]
    first = doc.paragraphs[0]
    assert first.label == "一、"
    assert (first.pieces[0].start, first.pieces[0].end, first.pieces[0].kind) == (0, 3, "label")
    assert first.pieces[1].kind == "run" and first.pieces[1].start == 3
    assert (first.num_id, first.num_level) == (1, 0)


def test_multilevel_text_and_restart_when_higher_level_used() -> None:
    levels = [lvl(0, "decimal", "%1.", suff="nothing"), lvl(1, "decimal", "%1.%2", suff="space"),
              lvl(2, "lowerLetter", "%1.%2.%3", suff="space")]  # fmt: skip
    paras = [(1, 0, "A"), (1, 1, "a"), (1, 1, "b"), (1, 2, "x"), (1, 0, "B"), (1, 1, "c"), (1, 2, "y")]
    doc = _doc(levels, paras)
    assert [p.label for p in doc.paragraphs] == ["1.", "1.1", "1.2", "1.2.a", "2.", "2.1", "2.1.a"]


def test_level_restart_value_and_never_restart() -> None:
    levels = [
        lvl(0, "decimal", "%1.", suff="nothing"),
        lvl(1, "decimal", "%2)", suff="nothing"),
        lvl(2, "decimal", "(%3)", suff="nothing", restart=1),  # restarts only after level 0
        lvl(3, "decimal", "[%4]", suff="nothing", restart=0),  # never restarts
    ]
    paras = [(1, 0, ""), (1, 1, ""), (1, 2, ""), (1, 3, ""), (1, 1, ""), (1, 2, ""), (1, 3, ""), (1, 0, ""), (1, 2, ""),
             (1, 3, "")]  # fmt: skip
    doc = _doc(levels, paras)
    assert [p.label for p in doc.paragraphs] == ["1.", "1)", "(1)", "[1]", "2)", "(2)", "[2]", "2.", "(1)", "[3]"]


def test_start_value_and_unused_parent_level_shows_its_start() -> None:
    levels = [lvl(0, "decimal", "%1", start=3, suff="nothing"), lvl(1, "decimal", "%1.%2", start=5, suff="nothing")]
    doc = _doc(levels, [(1, 1, ""), (1, 1, ""), (1, 0, ""), (1, 1, "")])
    assert [p.label for p in doc.paragraphs] == ["3.5", "3.6", "3", "3.5"]


def test_is_legal_shows_decimal_for_every_level() -> None:
    levels = [lvl(0, "chineseCounting", "第%1章", suff="nothing"),
              lvl(1, "decimal", "%1.%2", suff="nothing", is_lgl=True)]  # fmt: skip
    doc = _doc(levels, [(1, 0, ""), (1, 1, ""), (1, 0, ""), (1, 1, "")])
    assert [p.label for p in doc.paragraphs] == ["第一章", "1.1", "第二章", "2.1"]


def test_numids_sharing_an_abstract_share_counters() -> None:
    nums = num(1, 0) + num(2, 0)
    doc = _doc([lvl(0, "chineseCounting", "%1、", suff="nothing")], [(1, 0, ""), (2, 0, ""), (1, 0, ""), (2, 0, "")],
               nums)  # fmt: skip
    assert [p.label for p in doc.paragraphs] == ["一、", "二、", "三、", "四、"]


def test_start_override_restarts_shared_counter_once() -> None:
    nums = num(1, 0) + num(2, 0, start_override(0, 1)) + num(3, 0, start_override(0, 8))
    paras = [(1, 0, ""), (1, 0, ""), (2, 0, ""), (2, 0, ""), (1, 0, ""), (3, 0, ""), (1, 0, "")]
    doc = _doc([lvl(0, "decimal", "%1.", suff="nothing")], paras, nums)
    assert [p.label for p in doc.paragraphs] == ["1.", "2.", "1.", "2.", "3.", "8.", "9."]


def test_override_level_definition_replaces_format() -> None:
    override = (
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
        + lvl(0, "upperRoman", "%1.", suff="nothing")
        + "</w:lvlOverride>"
    )
    nums = num(1, 0) + num(2, 0, override)
    doc = _doc([lvl(0, "decimal", "%1.", suff="nothing")], [(1, 0, ""), (2, 0, ""), (2, 0, "")], nums)
    assert [p.label for p in doc.paragraphs] == ["1.", "I.", "II."]


def test_separate_abstracts_count_separately() -> None:
    other = abstract_num(1, [lvl(0, "decimal", "%1.", suff="nothing")])
    nums = num(1, 0) + num(2, 1)
    doc = _doc([lvl(0, "chineseCounting", "%1、", suff="nothing")], [(1, 0, ""), (2, 0, ""), (2, 0, ""), (1, 0, "")],
               nums, other)  # fmt: skip
    assert [p.label for p in doc.paragraphs] == ["一、", "1.", "2.", "二、"]


def test_num_id_zero_and_unknown_num_id_number_nothing() -> None:
    doc = _doc([lvl(0, "decimal", "%1.", suff="nothing")], [(1, 0, "a"), (0, 0, "b"), (77, 0, "c"), (1, 0, "d")])
    assert texts(doc) == ["1.a", "b", "c", "2.d"]
    assert doc.paragraphs[1].num_id is None


STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="h2x"><w:name w:val="标题 2 子样式"/><w:basedOn w:val="2"/></w:style>'
)


def test_numbering_from_style_chain_and_level_from_pstyle() -> None:
    levels = [
        lvl(0, "chineseCounting", "%1、", suff="nothing", pstyle="1"),
        lvl(1, "chineseCounting", "（%2）", suff="nothing"),
    ]
    body = (
        wpara(wrun("总体情况"), '<w:pStyle w:val="1"/>')
        + wpara(wrun("主动公开"), '<w:pStyle w:val="h2x"/>')
        + wpara(wrun("不编号"), '<w:pStyle w:val="2"/><w:numPr><w:numId w:val="0"/></w:numPr>')
        + wpara(wrun("依申请公开"), '<w:pStyle w:val="2"/>')
        + wpara(wrun("主动公开政府信息情况"), '<w:pStyle w:val="1"/>')
    )
    doc = read(body, numbering_xml=abstract_num(0, levels) + num(1, 0), styles_xml=STYLES)
    assert texts(doc) == ["一、总体情况", "（一）主动公开", "不编号", "（二）依申请公开", "二、主动公开政府信息情况"]
    assert [p.outline_level for p in doc.paragraphs] == [0, 1, 1, 1, 0]
    assert doc.paragraphs[1].style_name == "标题 2 子样式"


def test_num_style_link_follows_the_numbering_style() -> None:
    styles = STYLES + (
        '<w:style w:type="numbering" w:styleId="list1"><w:name w:val="公文编号"/>'
        '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
    )
    numbering = (
        abstract_num(0, [lvl(0, "chineseCounting", "%1、", suff="nothing")], '<w:styleLink w:val="list1"/>')
        + abstract_num(1, [], '<w:numStyleLink w:val="list1"/>')
        + num(5, 0)
        + num(6, 1)
    )
    body = wpara(wrun("甲"), num_ppr(6)) + wpara(wrun("乙"), num_ppr(5)) + wpara(wrun("丙"), num_ppr(6))
    doc = read(body, numbering_xml=numbering, styles_xml=styles)
    assert texts(doc) == ["一、甲", "二、乙", "三、丙"]


def test_bullets_map_symbol_font_characters() -> None:
    bullet = lvl(
        0,
        "bullet",
        "\uf0b7",
        start=None,
        extra='<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr>',
    )
    doc = _doc([bullet], [(1, 0, "要点")])
    assert doc.paragraphs[0].label == "•"
    assert doc.paragraphs[0].text == "•\t要点"


def test_hidden_label_and_deleted_paragraphs_do_not_count() -> None:
    levels = [lvl(0, "decimal", "%1.", suff="nothing")]
    deleted = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr>'
        '<w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>'
        '<w:del w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>删</w:delText></w:r></w:del></w:p>'
    )
    body = wpara(wrun("a"), num_ppr(1)) + deleted + wpara(wrun("b"), num_ppr(1))
    doc = read(body, numbering_xml=abstract_num(0, levels) + num(1, 0))
    assert texts(doc) == ["1.a", "2.b"]


def test_typed_and_automatic_numbering_read_the_same() -> None:
    typed = wpara(wrun("一、总体情况")) + wpara(wrun("二、主动公开"))
    auto = wpara(wrun("总体情况"), num_ppr(1)) + wpara(wrun("主动公开"), num_ppr(1))
    numbering = abstract_num(0, [lvl(0, "chineseCounting", "%1、", suff="nothing")]) + num(1, 0)
    assert texts(read(typed)) == texts(read(auto, numbering_xml=numbering))


def test_numbering_in_table_cells_counts_in_document_order() -> None:
    from tests.reader_helpers import cell, row, table

    levels = [lvl(0, "decimal", "%1.", suff="nothing")]
    numbered = wpara(wrun("格"), num_ppr(1))
    body = (
        wpara(wrun("前"), num_ppr(1)) + table(row(cell(numbered) + cell(numbered)), 2) + wpara(wrun("后"), num_ppr(1))
    )
    doc = read(body, numbering_xml=abstract_num(0, levels) + num(1, 0))
    assert texts(doc) == ["1.前", "2.格", "3.格", "4.后"]


def test_custom_format_inside_alternate_content() -> None:
    custom = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><mc:Choice Requires="w14">'
        '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback>'
        '<w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:suff w:val="nothing"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>'
    )
    doc = _doc([custom], [(1, 0, "")] * 2)
    assert [p.label for p in doc.paragraphs] == ["001.", "002."]


def test_null_level_text_and_missing_level() -> None:
    empty = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1" w:null="1"/></w:lvl>'
    )
    doc = _doc([empty], [(1, 0, "a"), (1, 3, "b")])
    assert texts(doc) == ["\ta", "b"]
    assert doc.paragraphs[1].num_id is None


def test_level_with_hidden_run_properties_shows_no_label_but_counts() -> None:
    hidden = lvl(0, "decimal", "%1.", suff="nothing", extra="<w:rPr><w:vanish/></w:rPr>")
    numbering = abstract_num(0, [hidden]) + abstract_num(1, [lvl(0, "decimal", "%1.", suff="nothing")])
    numbering += num(1, 0) + num(2, 1)
    body = wpara(wrun("a"), num_ppr(1)) + wpara(wrun("b"), num_ppr(1)) + wpara(wrun("c"), num_ppr(2))
    doc = read(body, numbering_xml=numbering)
    assert texts(doc) == ["a", "b", "1.c"]
    assert doc.paragraphs[1].num_id == 1
