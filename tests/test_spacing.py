"""Dropping the spaces between Han characters and digits keeps every character on its run."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from docxlint.model import PIECE_LABEL, PIECE_RUN, Document, Location, Paragraph, Piece
from docxlint.spacing import GAP, drop_cjk_spaces
from tests.check_helpers import INTRO_PARTS, bundled, report, run

RUN_TEXT = st.text(alphabet="12 \u00a0\u2009件年月a、。", min_size=1, max_size=8)


def paragraph(runs: list[str], label: str = "", pieces_per_run: int = 1) -> Paragraph:
    """A paragraph built like the walker builds one: a label piece, then pieces of consecutive runs."""
    pieces: list[Piece] = [Piece(0, len(label), PIECE_LABEL)] if label else []
    position = len(label)
    for k, text in enumerate(runs):
        cut = min(pieces_per_run - 1, len(text) - 1)  # a run may give several pieces (hidden text between)
        for start, end in [(0, len(text) - cut), (len(text) - cut, len(text))] if cut else [(0, len(text))]:
            pieces.append(Piece(position + start, position + end, PIECE_RUN, k, start))
        position += len(text)
    return Paragraph(0, 0, label + "".join(runs), tuple(pieces), Location(0, 0), label=label.strip())


def source_of(para: Paragraph, runs: list[str]) -> list[str]:
    """For each character of ``para.text``: the character its piece points at (the label's own text for labels)."""
    out: list[str] = []
    for piece in para.pieces:
        for i in range(piece.start, piece.end):
            out.append(
                para.text[i] if piece.kind == PIECE_LABEL else runs[piece.run][piece.run_offset + i - piece.start]
            )
    return out


@given(st.lists(RUN_TEXT, min_size=1, max_size=6), st.sampled_from(["", "1 ", "一、"]), st.integers(1, 2))
def test_pieces_still_point_at_the_same_characters(runs: list[str], label: str, pieces_per_run: int) -> None:
    para = paragraph(runs, label, pieces_per_run)
    before = para.text
    drop_cjk_spaces(Document("x", [para], [para], []))
    gaps = [m.span() for m in GAP().finditer(before, len(label))]  # a gap is seen with the label before it
    assert para.text == "".join(c for i, c in enumerate(before) if not any(s <= i < e for s, e in gaps))
    assert source_of(para, runs) == list(para.text)  # every character still comes from where it came from
    assert [p.start for p in para.pieces[1:]] == [p.end for p in para.pieces[:-1]]  # contiguous
    assert para.pieces[0].start == 0 and para.pieces[-1].end == len(para.text)
    assert para.text[: len(label)] == label  # the numbering label keeps its spacing
    again = para.text
    drop_cjk_spaces(Document("x", [para], [para], []))
    assert para.text == again


def test_only_spaces_next_to_a_han_character_and_a_han_character_or_digit_go() -> None:
    runs = ["收到申请 5", "\u00a0件，其中 2023 年 1 月 ", "12 34 号 abc 5 ", "件。地\u3000\u3000址：", "邮  编 ：1"]
    para = paragraph(runs)
    drop_cjk_spaces(Document("x", [para], [para], []))
    assert para.text == "收到申请5件，其中2023年1月12 34号 abc 5件。地址：邮编 ：1"


def test_tabs_and_line_breaks_between_han_characters_stay() -> None:
    para = paragraph(["一、总体情况\n我局", "\t本报告 由"])
    drop_cjk_spaces(Document("x", [para], [para], []))
    assert para.text == "一、总体情况\n我局\t本报告由"


def test_a_paragraph_without_such_spaces_is_left_as_it_is() -> None:
    para = paragraph(["本年度，共收到", "申请31件。Tel: 0632 6661666 （见附件 A）"])
    pieces = para.pieces
    assert drop_cjk_spaces(Document("x", [para], [para], [])) == 0
    assert para.pieces is pieces


def test_spaces_between_digits_and_han_characters_do_not_hide_a_count() -> None:
    rule = bundled().rule("proposal-count-consistency")
    blocks = report(
        bodies={
            0: ["（六）建议提案办理情况。全年共收到市级政协提案 2 件、区级政协提案 3 件。"],
            5: ["2023 年全年共收到市级政协提案 6 件。"],
        }
    )
    (finding,) = run(rule, blocks)
    assert (finding.excerpt, finding.expected) == ("2023年全年共收到市级政协提案6件", "2")  # this year's, read as such


def test_labels_aligned_with_spaces_and_wrapped_lines_are_read() -> None:
    """ "地　　址：" as drafters align labels, "统计 期限" as pandoc writes a wrapped line of Markdown."""
    contact = (
        "如有疑问，请联系：地\u3000\u3000址：某市某区运河大道1号；邮    编：277400；电    话：0632-6661666；"
        "电子邮箱：office@example.gov.cn；网    址：http://www.example.gov.cn。"
    )
    intro = [INTRO_PARTS + "本报告中所列数据的统计 期限为2023年1月1日至2023年12月31日。" + contact]
    blocks = report(intro=intro)
    assert run(bundled().rule("contact-details"), blocks) == []
    assert run(bundled().rule("statistics-period"), blocks) == []


def test_invisible_characters_go_wherever_they_are() -> None:
    """Zero-width spaces, word joiners, BOMs and soft hyphens, as pasted from web pages into numbers."""
    runs = ["收到申请8\u200b", "6件，", "统\u00ad计期限\u2060为", "\ufeff2023年"]
    para = paragraph(runs)
    drop_cjk_spaces(Document("x", [para], [para], []))
    assert para.text == "收到申请86件，统计期限为2023年"
    assert [para.text[p.start : p.end] for p in para.pieces] == ["收到申请8", "6件，", "统", "计期限", "为", "2023年"]


def test_a_line_break_inside_a_title_goes_but_not_elsewhere() -> None:
    title = paragraph(["长沙市岳麓区望月\n湖街道办事处2024年政府信息公开工作\n", "年度报告"])
    heading = paragraph(["一、总体情况\n我局认真贯彻落实条例"])  # no year, no 报告: a heading line and its body
    agency_line = paragraph(["某市某局\n2023年政府信息公开工作年度报告"])  # the break is not between two Han characters
    drop_cjk_spaces(Document("x", [title, heading, agency_line], [title, heading, agency_line], []))
    assert title.text == "长沙市岳麓区望月湖街道办事处2024年政府信息公开工作年度报告"
    assert heading.text == "一、总体情况\n我局认真贯彻落实条例"
    assert agency_line.text == "某市某局\n2023年政府信息公开工作年度报告"
