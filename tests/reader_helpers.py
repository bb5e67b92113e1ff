"""Test-only helpers for the reader tests: Word-like XML builders and the piece-map check."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Sequence

from lxml import etree

from docxlint.docx import read_document
from docxlint.docx.text import run_content
from docxlint.docx.xmlparse import W
from docxlint.model import Document, Paragraph, Table
from fixtures.wordxml import esc, make_docx

FANGSONG = '<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:hint="eastAsia"/>'
BODY_RPR = FANGSONG + '<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:eastAsia="zh-CN"/>'
TRACK = 'w:author="Administrator" w:date="2024-01-19T08:40:00Z"'


def docx_bytes(body: str, **kwargs: object) -> bytes:
    """A .docx with ``body`` (see :func:`fixtures.wordxml.make_docx`)."""
    return make_docx(io.BytesIO(), body, **kwargs)  # type: ignore[arg-type]


def read(body: str, **kwargs: object) -> Document:
    """Build a .docx from ``body`` and read it, checking the piece map on the way."""
    data = docx_bytes(body, **kwargs)
    doc = read_document("test.docx", data=data)
    assert_piece_map(doc, data)
    return doc


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


def wrun(text: str, rpr: str = BODY_RPR, rsid: str = "00C73A1F") -> str:
    """A run the way Word writes one (rsid, fonts, size, language)."""
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<w:r w:rsidRPr="{rsid}">{rpr_xml}<w:t{space}>{esc(text)}</w:t></w:r>'


def wpara(content: str, ppr: str = "", rsid: str = "00A41C2B") -> str:
    """A paragraph the way Word writes one."""
    ppr_xml = f"<w:pPr>{ppr}<w:rPr>{BODY_RPR}</w:rPr></w:pPr>" if ppr is not None else ""
    return f'<w:p w:rsidR="{rsid}" w:rsidRDefault="{rsid}" w:rsidP="00D91F0E">{ppr_xml}{content}</w:p>'


def split_runs(text: str, cuts: Sequence[int], rpr: str = BODY_RPR) -> str:
    """``text`` as consecutive runs split at the offsets ``cuts`` (same properties)."""
    points = [0, *sorted(c for c in set(cuts) if 0 < c < len(text)), len(text)]
    return "".join(wrun(text[a:b], rpr) for a, b in zip(points, points[1:], strict=False) if b > a)


def numbered_docx_numbering(fmt: str = "chineseCounting", text: str = "%1、", suff: str = "nothing") -> str:
    """numbering.xml content with one abstract list (level 0 in ``fmt``) and numId 1."""
    return abstract_num(0, [lvl(0, fmt, text, suff=suff)]) + num(1, 0)


def lvl(
    ilvl: int,
    fmt: str = "decimal",
    text: str = "%1.",
    start: int | None = 1,
    suff: str | None = None,
    restart: int | None = None,
    is_lgl: bool = False,
    pstyle: str | None = None,
    extra: str = "",
) -> str:
    """One ``w:lvl`` as Word writes it."""
    parts = [f'<w:lvl w:ilvl="{ilvl}" w:tplc="04090019">']
    if start is not None:
        parts.append(f'<w:start w:val="{start}"/>')
    parts.append(f'<w:numFmt w:val="{fmt}"/>')
    if restart is not None:
        parts.append(f'<w:lvlRestart w:val="{restart}"/>')
    if pstyle:
        parts.append(f'<w:pStyle w:val="{pstyle}"/>')
    if is_lgl:
        parts.append("<w:isLgl/>")
    if suff:
        parts.append(f'<w:suff w:val="{suff}"/>')
    parts.append(f'<w:lvlText w:val="{esc(text)}"/><w:lvlJc w:val="left"/>')
    parts.append(f'<w:pPr><w:ind w:left="{420 * (ilvl + 1)}" w:hanging="420"/></w:pPr>{extra}</w:lvl>')
    return "".join(parts)


def abstract_num(abstract_id: int, levels: Sequence[str], extra: str = "") -> str:
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}" w15:restartNumberingAfterBreak="0" '
        f'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        f'<w:nsid w:val="1A2B3C{abstract_id:02d}"/><w:multiLevelType w:val="hybridMultilevel"/>'
        f'<w:tmpl w:val="5E3C8D1A"/>{extra}{"".join(levels)}</w:abstractNum>'
    )


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def start_override(ilvl: int, value: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'


def num_ppr(num_id: int, ilvl: int | None = 0) -> str:
    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    return f'<w:numPr>{level}<w:numId w:val="{num_id}"/></w:numPr>'


def cell(content: str, span: int = 1, vmerge: str | None = None, hmerge: str | None = None, width: int = 800) -> str:
    """A ``w:tc``; ``content`` is raw paragraph XML or plain text (then one paragraph)."""
    props = [f'<w:tcW w:w="{width * span}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    if hmerge:
        props.append(f'<w:hMerge w:val="{hmerge}"/>' if hmerge == "restart" else "<w:hMerge/>")
    props.append('<w:vAlign w:val="center"/>')
    body = content if content.startswith("<") else wpara(wrun(content) if content else "", '<w:jc w:val="center"/>')
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{body}</w:tc>"


def row(cells: str, tr_pr: str = "") -> str:
    return f'<w:tr w:rsidR="00B21E0A" w:rsidTr="00C11F2D"><w:trPr><w:jc w:val="center"/>{tr_pr}</w:trPr>{cells}</w:tr>'


def table(rows: str, n_cols: int, style: str = "a6") -> str:
    grid = "".join('<w:gridCol w:w="800"/>' for _ in range(n_cols))
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
        f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>'
    )


APPLICANT_KINDS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


def table3_header_rows() -> str:
    """The three header rows of the report's table 三: 3×3 corner, 申请人情况 over 7 columns."""
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    r0 = cell(corner, span=3, vmerge="restart") + cell("申请人情况", span=7)
    r1 = (
        cell("", span=3, vmerge="continue")
        + cell("自然人", vmerge="restart")
        + cell("法人或其他组织", span=5)
        + cell("总计", vmerge="restart")
    )
    r2 = (
        cell("", span=3, vmerge="continue")
        + cell("", vmerge="continue")
        + "".join(cell(kind) for kind in APPLICANT_KINDS)
        + cell("", vmerge="continue")
    )
    return row(r0) + row(r1) + row(r2)


def table3(values: Sequence[int] | None = None) -> str:
    """The whole table 三 of the 2021 format (header + 22 data rows, 10 grid columns)."""
    rng = random.Random(3)
    rows = [table3_header_rows()]

    def numbers() -> str:
        vals = values if values is not None else [rng.randint(0, 30) for _ in range(6)]
        return "".join(cell(str(v)) for v in [*vals[:6], sum(vals[:6])])

    rows.append(row(cell("一、本年新收政府信息公开申请数量", span=3) + numbers()))
    rows.append(row(cell("二、上年结转政府信息公开申请数量", span=3) + numbers()))
    groups = [
        ("（一）予以公开", []),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
        ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”"]),
        ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作"]),
        ("（七）总计", []),
    ]
    first = True
    for title, items in groups:
        outer = cell("三、本年度办理结果", vmerge="restart") if first else cell("", vmerge="continue")
        first = False
        if not items:
            rows.append(row(outer + cell(title, span=2) + numbers()))
            continue
        for i, item in enumerate(items):
            mid = cell(title, vmerge="restart") if i == 0 else cell("", vmerge="continue")
            rows.append(row((outer if i == 0 else cell("", vmerge="continue")) + mid + cell(item) + numbers()))
    rows.append(row(cell("四、结转下年度继续办理", span=3) + numbers()))
    return table("".join(rows), 10)


def report_body(n_sections: int = 60, seed: int = 7, n_tables: int = 50, max_sentences: int = 3) -> str:
    """A long report in Word's XML style: split runs, proofErr, _Hlk bookmarks, tables."""
    rng = random.Random(seed)
    sentences = [
        "本年度主动公开政府信息31件，其中机构职能3件，政策解读4件，规划计划1件。",
        "我局认真贯彻落实《中华人民共和国政府信息公开条例》等文件要求，坚持“以公开为常态、不公开为例外”。",
        "密切关注申请情况，严格落实依申请公开办理制度，本年度我局收到依申请公开政府信息0件。",
        "严格落实保密审查制度，信息发布前由经办及分管领导签审《信息发布保密审查表》。",
        "本报告中所列数据的统计时限为2023年1月1日至2023年12月31日。",
    ]
    parts: list[str] = []
    tables_left = n_tables
    for s in range(n_sections):
        heading = f"（{s + 1}）政府信息管理方面"
        parts.append(wpara(split_runs(heading, [1, 3, 5]), '<w:outlineLvl w:val="1"/>'))
        for _ in range(48):
            text = "".join(rng.choice(sentences) for _ in range(rng.randint(1, max_sentences)))
            cuts = [rng.randrange(1, len(text)) for _ in range(rng.randint(2, 10))]
            content = split_runs(text, cuts)
            if rng.random() < 0.2:
                content = (
                    f'<w:bookmarkStart w:id="{rng.randint(0, 999)}" w:name="_Hlk{rng.randint(10**7, 10**8)}"/>'
                    + content
                    + '<w:proofErr w:type="gramStart"/><w:bookmarkEnd w:id="0"/><w:proofErr w:type="gramEnd"/>'
                )
            parts.append(wpara(content, '<w:ind w:firstLineChars="200" w:firstLine="640"/>'))
        if tables_left and s % max(1, n_sections // n_tables) == 0:
            parts.append(table3() if tables_left % 5 == 0 else small_table(rng))
            tables_left -= 1
    return "".join(parts)


def small_table(rng: random.Random) -> str:
    header = row(cell("信息内容") + cell("本年制发件数") + cell("本年废止件数") + cell("现行有效件数"))
    body = "".join(
        row(cell(name) + "".join(cell(str(rng.randint(0, 9))) for _ in range(3))) for name in ("规章", "行政规范性文件")
    )
    title = row(cell("第二十条第（一）项", span=4))
    return table(title + header + body, 4)


# ---- invariants ---------------------------------------------------------------------------------


def document_paragraph_elements(data: bytes) -> list[etree._Element]:
    """``body.iter(w:p)`` of the package's document.xml (the annotator's numbering of paragraphs)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    body = root.find(W + "body")
    assert body is not None
    return list(body.iter(W + "p"))


def assert_piece_map(doc: Document, data: bytes) -> None:
    """Every paragraph: pieces contiguous, cover the text, and map back to the runs' visible text."""
    elements = document_paragraph_elements(data)
    for expected_index, para in enumerate(doc.paragraphs):
        assert para.index == expected_index
        assert para.location.paragraph == para.index
        check_pieces(para, elements[para.xml_index])
    for expected_index, tbl in enumerate(doc.tables):
        assert tbl.index == expected_index


def check_pieces(para: Paragraph, p: etree._Element) -> None:
    position = 0
    runs = list(p.iter(W + "r"))
    for piece in para.pieces:
        assert piece.start == position, (para.text, para.pieces)
        assert piece.end > piece.start
        chunk = para.text[piece.start : piece.end]
        if piece.kind == "label":
            assert piece.start == 0 and chunk.startswith(para.label)
        else:
            visible = "".join(text for _, text in run_content(runs[piece.run]))
            assert visible[piece.run_offset : piece.run_offset + len(chunk)] == chunk, (piece, chunk, visible)
        position = piece.end
    assert position == len(para.text)


def all_cells_text(tbl: Table) -> list[list[str | None]]:
    """The grid as texts (None where no cell covers a position)."""
    return [[c.text if c is not None else None for c in r] for r in tbl.grid()]
