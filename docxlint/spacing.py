"""Spaces Chinese text does not have: after a Han character before another or a digit, and
after a digit before a Han character.

PDF-to-Word converters, and some drafters, write "收到申请 5 件" and "2023 年 1 月 1 日"; drafters
align labels with spaces ("地　　址：", "邮  编："), and pandoc turns the line ends of hard-wrapped
Chinese text into spaces ("统计 期限为"). A reader ignores such spaces, the rule pack's patterns
("申请(?P<n>{{number}})件", "邮编", "统计期限") do not. Before the section tree is built and the
checks run, :func:`drop_cjk_spaces` removes them from every paragraph's text (spaces, no-break and
ideographic spaces; never tabs or line breaks, which lay out lines) and cuts its pieces so that
each remaining character still maps to the run it came from: findings quote and annotate the
text as it is in the runs. A line break between two Han characters of a title ("…工作⏎年度报告")
goes too. Characters that show nothing (zero-width spaces, U+FEFF, soft hyphens,
often pasted from web pages into numbers: "8\u200b6条") go wherever they are. Spaces inside a numbering label, between two digits, or next to Latin
letters and punctuation stay.
"""

from __future__ import annotations

from docxlint.extract import lazy_pattern
from docxlint.model import PIECE_LABEL, Document, Paragraph, Piece

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACE = " \u00a0\u2002-\u200a\u202f\u3000"
#: Characters that show nothing: zero-width spaces and joiners, word joiner, byte-order mark, soft hyphen.
_INVISIBLE = "\u200b-\u200d\u2060\ufeff\u00ad"
#: A run of spaces after a Han character before a Han character or a digit, or after a digit before a
#: Han character, and any invisible character (compiled on first use: classes of Han characters take
#: milliseconds to compile, which every start would pay).
GAP = lazy_pattern(f"(?:(?<=[{_HAN}])[{_SPACE}]+(?=[{_HAN}0-9])|(?<=[0-9])[{_SPACE}]+(?=[{_HAN}])|[{_INVISIBLE}]+)")
_ANY_SPACE = lazy_pattern(f"[{_SPACE}{_INVISIBLE}]")
#: A manual line break between two Han characters inside a report title ("…政府信息公开工作⏎年度报告",
#: "…望月⏎湖街道办事处2024年…"): a short paragraph naming a year and 报告, without a full stop.
TITLE_BREAK = lazy_pattern(f"(?<=[{_HAN}])\n(?=[{_HAN}])")
_TITLE_HINT = lazy_pattern(r"(?:19|20)[0-9]{2}|二[〇零○]")
_TITLE_MAX = 80
_new_piece = tuple.__new__


def drop_cjk_spaces(doc: Document) -> int:
    """Remove what :data:`GAP` finds, and in a title :data:`TITLE_BREAK`, from every paragraph of ``doc`` in
    place; returns how many paragraphs changed."""
    changed = 0
    any_space, gap = _ANY_SPACE().search, GAP().finditer
    for para in doc.paragraphs:
        text = para.text
        title = "\n" in text and _is_title_like(text)
        if any_space(text) is None and not title:  # most paragraphs and cells: one scan in C
            continue
        pieces = para.pieces
        label_end = pieces[0].end if pieces and pieces[0].kind == PIECE_LABEL else 0
        gaps = [m.span() for m in gap(text, label_end)]
        if title:
            gaps = sorted(gaps + [m.span() for m in TITLE_BREAK().finditer(text)])
        if gaps:
            _remove(para, gaps)
            changed += 1
    return changed


def _is_title_like(text: str) -> bool:
    return len(text) <= _TITLE_MAX and "。" not in text and "报告" in text and _TITLE_HINT().search(text) is not None


def _remove(para: Paragraph, gaps: list[tuple[int, int]]) -> None:
    """Cut ``gaps`` (sorted, disjoint ``[start, end)``) out of the text and re-map the pieces (linear time)."""
    text = para.text
    kept: list[tuple[int, int]] = []
    position = 0
    for start, end in gaps:
        if start > position:
            kept.append((position, start))
        position = end
    if position < len(text):
        kept.append((position, len(text)))
    source = para.pieces
    pieces: list[Piece] = []
    removed = 0  # characters cut before the current kept stretch
    previous_end = 0
    i = 0
    for keep_start, keep_end in kept:
        removed += keep_start - previous_end
        previous_end = keep_end
        while i < len(source) and source[i].end <= keep_start:
            i += 1
        j = i
        while j < len(source) and source[j].start < keep_end:  # the pieces overlapping this stretch
            piece = source[j]
            start, end = max(piece.start, keep_start), min(piece.end, keep_end)
            offset = piece.run_offset + start - piece.start if piece.kind != PIECE_LABEL else 0
            pieces.append(_new_piece(Piece, (start - removed, end - removed, piece.kind, piece.run, offset)))
            j += 1
    para.text = "".join(text[s:e] for s, e in kept)
    para.pieces = tuple(pieces)
