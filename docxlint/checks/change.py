"""``change``: a year-on-year change matches the two counts it compares.

"新收申请43件，较上年减少16.0%（上年为50件）" states this year's count (group ``n``), last year's
(group ``prev``), the change in percent (group ``pct``) and its direction (group ``up`` or
``down``). The percentage must be |n − prev| ÷ prev, rounded or truncated to the decimals written,
and the direction must be the sign of n − prev. A change in counts ("较上年增加21件（2023年为165件）",
group ``delta``) must be |n − prev| exactly. ``patterns`` (default :data:`DEFAULT_PATTERNS`)
find such statements within ``scope`` (section ids) in ``where`` ("paragraphs", "cells", "all").
A statement whose counts are not both found, are written in 万 or 亿 (rounded), or whose last-year count
is 0, is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from docxlint.checks._util import kind_rule, scope_sections, scope_units
from docxlint.checks.base import CheckContext, Rule, finding_at_text, register
from docxlint.extract import (
    NUMBER_RE,
    clause_start,
    decimals_written,
    format_number,
    lazy_pattern,
    parse_number,
    rounds_to,
)
from docxlint.findings import Finding
from docxlint.literals import match_filter
from docxlint.model import Paragraph

_UNIT = r"(?P<unit>件|条|篇|个|项|次|场|期|人次)"
_PCT = r"(?P<pct>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]"
#: the direction said again after a change in counts ("增加21件、增长12.7%")
_SAME_DIRECTION = r"(?:增长|增加|上升|提高|提升|减少|下降|降低|回落)了?"
#: a change in counts ("增加21件"), in the unit of the two counts
_DELTA = rf"(?P<delta>{NUMBER_RE})\s*(?P<delta_unit>(?P=unit))"
_DIRECTION = r"(?:(?P<up>增长|增加|上升|提高|提升)|(?P<down>减少|下降|降低|回落))了?"
_LAST_YEAR = r"(?:上年|去年|上一年|(?:19|20)[0-9]{2}\s*年)(?:度)?(?:同期)?"
#: last year where its count is stated: "（2023年为50件）", "较2023年的50件" (group ``prev_year`` when a year)
_PREV_YEAR = r"(?:上年|去年|上一年|(?P<prev_year>(?:19|20)[0-9]{2})\s*年)(?:度)?(?:同期)?"
#: Between this year's count and "较上年" (or "（较上年"): a closed bracket ("72件（自然人52件、法人20件），较上年…") or a
#: character that neither is a digit, nor starts another count ("26件，其中新收二十三件，较上年…" compares the 23),
#: nor opens a part with "其中" ("二十六件（…），其中新收申请较上年的十九件增长…" is not about the 26).
_GAP = (
    r"(?:[（(][^（()）。；;]{0,40}[）)]"
    r"|(?!其中|[零〇○一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟]+\s*(?:件|条|篇|个|项|次|场|期|人次)[，,、较比])"
    r"[^。；;%％0-9０-９（(])"
)
DEFAULT_PATTERNS = (
    # "43件，较上年减少16.0%（上年为50件）", "较上年减少7件、下降16.0%（上年为50件）"
    rf"(?<![0-9.])(?P<n>{NUMBER_RE})\s*{_UNIT}{_GAP}{{0,16}}?[（(]?(?:较|比|同比)(?:{_LAST_YEAR})?\s*{_DIRECTION}\s*"
    rf"(?:{NUMBER_RE}\s*(?P=unit)[、，,]\s*{_SAME_DIRECTION}?\s*)?{_PCT}"
    rf"[^。；;]{{0,10}}?[（(]?{_PREV_YEAR}(?:为|是|共)?\s*(?P<prev>{NUMBER_RE})\s*(?P=unit)",
    # "43件，较上年的50件减少14.0%"
    rf"(?<![0-9.])(?P<n>{NUMBER_RE})\s*{_UNIT}{_GAP}{{0,16}}?[（(]?(?:较|比){_PREV_YEAR}的?\s*(?P<prev>{NUMBER_RE})\s*(?P=unit)"
    rf"\s*{_DIRECTION}\s*{_PCT}",
    # "186件，较上年增加21件（2023年为165件）"
    rf"(?<![0-9.])(?P<n>{NUMBER_RE})\s*{_UNIT}{_GAP}{{0,16}}?[（(]?(?:较|比|同比)(?:{_LAST_YEAR})?\s*{_DIRECTION}\s*{_DELTA}"
    rf"[^。；;]{{0,10}}?[（(]?{_PREV_YEAR}(?:为|是|共)?\s*(?P<prev>{NUMBER_RE})\s*(?P=unit)",
    # "162件，较上年减少18件（2023年为180件），下降10.0%": the percentage after last year's count
    rf"(?<![0-9.])(?P<n>{NUMBER_RE})\s*{_UNIT}{_GAP}{{0,16}}?[（(]?(?:较|比|同比)(?:{_LAST_YEAR})?\s*{_SAME_DIRECTION}\s*"
    rf"{NUMBER_RE}\s*(?P=unit)\s*[（(]{_PREV_YEAR}(?:为|是|共)?\s*(?P<prev>{NUMBER_RE})\s*(?P=unit)[）)]\s*[，,、]?\s*"
    rf"{_DIRECTION}\s*{_PCT}",
    # "186件，较上年的165件增加21件"
    rf"(?<![0-9.])(?P<n>{NUMBER_RE})\s*{_UNIT}{_GAP}{{0,16}}?[（(]?(?:较|比){_PREV_YEAR}的?\s*(?P<prev>{NUMBER_RE})\s*(?P=unit)"
    rf"\s*{_DIRECTION}\s*{_DELTA}",
)


@register("change")
def check_change(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    options = rule.options
    sections = scope_sections(ctx, options.get("scope"))
    anchored = "patterns" not in options  # every default pattern compares with "较" or "比"
    units = scope_units(ctx, sections, options.get("where", "paragraphs"))
    for source in options.get("patterns", DEFAULT_PATTERNS):
        regex = ctx.pattern(source)
        may_match = match_filter(regex)
        for para, offset in units:
            if not may_match(para.text):
                continue
            for m in _matches(regex, para.text, offset, anchored):
                finding = _check(rule, ctx, para, m)
                if finding is not None:
                    yield finding
                wrong_year = _wrong_base_year(rule, ctx, para, m)
                if wrong_year is not None:
                    yield wrong_year


def _matches(regex: re.Pattern[str], text: str, offset: int, anchored: bool) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, offset)``; with ``anchored``, only around the words "较"/"比" every match
    holds (a long paragraph holds thousands of counts, and each would start a match)."""
    if not anchored or len(text) - offset < _SHORT:
        yield from regex.finditer(text, offset)
        return
    position = offset
    for start, end in _windows(text, offset):
        for m in regex.finditer(text, max(start, position), end):
            yield m
            position = m.end()


def _windows(text: str, offset: int) -> Iterator[tuple[int, int]]:
    """Stretches of ``text`` around each "较"/"比", overlapping ones merged."""
    current: tuple[int, int] | None = None
    for word in _COMPARISON_WORD().finditer(text, offset):
        start, end = max(offset, word.start() - _BEFORE), min(len(text), word.end() + _AFTER)
        if current is not None and start <= current[1]:
            current = (current[0], end)
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


_COMPARISON_WORD = lazy_pattern(r"[较比]")
#: how far a statement reaches before "较/比" (this year's count and what stands between) and after it
_BEFORE, _AFTER = 800, 320  # 16 gaps of a bracket each (≤ 42 characters) may stand before "较"
_SHORT = 2000  #: paragraphs shorter than this are searched whole


def _wrong_base_year(rule: Rule, ctx: CheckContext, para: Paragraph, m: re.Match[str]) -> Finding | None:
    """Last year named by a year that is not the one before the report's ("同比减少20%（2022年为15件）" in a
    2024 report): kind ``base-year``, expecting the report year − 1."""
    token = m.groupdict().get("prev_year")  # (absent from a pack's own pattern: nothing to say)
    if not token:
        return None
    from docxlint.checks.period import consensus_year

    ours = consensus_year(ctx)  # the title's year, unless the period statements outvote a wrong title
    year = parse_number(token)
    if ours is None or year is None or int(year) == ours - 1:
        return None
    start, end = m.span("prev_year")
    if para.text.startswith("年", end):
        end += 1
    return finding_at_text(
        kind_rule(rule, "base-year"), ctx, para, start, end,
        expected=f"{ours - 1}年", actual=para.text[start:end], now="", before="",
    )  # fmt: skip


def _check(rule: Rule, ctx: CheckContext, para: Paragraph, m: re.Match[str]) -> Finding | None:
    if not _NEEDED <= m.re.groupindex.keys() or not ({"pct", "delta"} & m.re.groupindex.keys()):
        return None  # a pack's pattern without the groups a statement needs states nothing checkable
    if any(big in m.group(name) for name in ("n", "prev") for big in "万亿"):
        return None  # "0.49万条，较上年的4,315条增长12.7%": a count rounded to 万 cannot settle a percentage
    if _names_its_own_subject(para.text, m):
        return None  # "受理…79件（含上年结转4件），新收申请较上年减少9件": the change of a count not stated
    if m.groupdict().get("delta") is not None:
        return _check_difference(rule, ctx, para, m)
    now, before, written = parse_number(m.group("n")), parse_number(m.group("prev")), parse_number(m.group("pct"))
    if now is None or before is None or written is None or before <= 0:
        return None
    decimals = decimals_written(m.group("pct"))
    up = m.groupdict().get("up") is not None
    listed = _listed_total(para.text, m)
    if listed is not None and _percent_fits(listed, before, written, decimals, up):
        return None  # "建议12件、提案20件，较上年的28件增长14.3%": the change of the two together
    exact = (now - before) * 100 / before
    if _percent_fits(now, before, written, decimals, up):
        return None
    if exact == 0 and written == 0:
        return None
    word = ("增长" if exact > 0 else "减少") if exact != 0 else "持平"
    expected = f"{word}{abs(exact):.{decimals}f}%" if exact != 0 else word
    start = _last_direction(para.text, m.start("up") if up else m.start("down"), m.start("pct"))
    end = _after_percent_sign(para.text, m.end("pct"))
    return finding_at_text(
        rule, ctx, para, start, end, expected=expected, actual=para.text[start:end],
        now=f"{format_number(now)}{m.group('unit')}", before=f"{format_number(before)}{m.group('unit')}",
    )  # fmt: skip


def _names_its_own_subject(text: str, m: re.Match[str]) -> bool:
    """Whether the clause of the comparison names what it compares ("，新收申请较上年…"), after the
    count the match took for this year's: that count is of something else."""
    comparison = _COMPARISON().search(text, m.end("unit"), m.end())
    if comparison is None:
        return False
    between = text[m.end("unit") : comparison.start()]
    clause = re.split(r"[，,；;）)]", between)[-1]
    return _SUBJECT().search(clause) is not None


_COMPARISON = lazy_pattern(r"同比|较|比")
_NEEDED = {"n", "prev", "unit"}
_SUBJECT = lazy_pattern(r"新收|收到|受理|申请|办结|答复|信息|文件|公开|建议|提案|复议|诉讼|[\u4e00-\u9fff]{2,}(?:数|量)")


def _percent_fits(now: Decimal, before: Decimal, written: Decimal, decimals: int, up: bool) -> bool:
    exact = (now - before) * 100 / before
    return (exact > 0) == up and exact != 0 and rounds_to(abs(exact), written, decimals)


def _listed_total(text: str, m: re.Match[str]) -> Decimal | None:
    """The sum of the counts listed with "、" up to this year's count, in its unit ("县人大代表建议十二件、
    县政协提案二十件，较上年的二十八件增加四件" compares the 32); None when it stands alone."""
    start = clause_start(text, m.start("n"), _CLAUSE_MARKS)
    unit = m.group("unit")
    counts = [c for c in _COUNT().finditer(text, start, m.end("unit")) if c.group("unit") == unit]
    if len(counts) < 2:
        return None
    values = [parse_number(c.group("n")) for c in counts]
    return sum(values, Decimal(0)) if all(v is not None for v in values) else None  # type: ignore[misc]


_CLAUSE_MARKS = ("，", ",", "。", "；", ";", "\n", "：", ":")
_COUNT = lazy_pattern(rf"(?<![0-9.])(?P<n>{NUMBER_RE})\s*{_UNIT}")


def _check_difference(rule: Rule, ctx: CheckContext, para: Paragraph, m: re.Match[str]) -> Finding | None:
    """A change in counts ("较上年增加21件（上年为165件）") must be this year's count minus last year's."""
    now, before, written = parse_number(m.group("n")), parse_number(m.group("prev")), parse_number(m.group("delta"))
    if now is None or before is None or written is None or "万" in m.group("delta") or "亿" in m.group("delta"):
        return None
    up = m.groupdict().get("up") is not None
    difference = now - before
    if written == abs(difference) and (difference > 0) == up and difference != 0:
        return None
    listed = _listed_total(para.text, m)
    if listed is not None and written == abs(listed - before) and (listed > before) == up and listed != before:
        return None  # "建议12件、提案20件，较上年的28件增加4件": the change of the two together
    if listed is not None and abs(abs(listed - before) - written) < abs(abs(difference) - written):
        now, difference = listed, listed - before  # the counts listed together are nearer what is written
    unit = m.group("unit")
    word = ("增加" if difference > 0 else "减少") if difference != 0 else "持平"
    expected = f"{word}{format_number(abs(difference))}{unit}" if difference != 0 else word
    start, end = (m.start("up") if up else m.start("down")), m.end("delta_unit")
    return finding_at_text(
        rule, ctx, para, start, end, expected=expected, actual=para.text[start:end],
        now=f"{format_number(now)}{unit}", before=f"{format_number(before)}{unit}",
    )  # fmt: skip


def _last_direction(text: str, start: int, end: int) -> int:
    """Where the direction word nearest the percentage starts ("增加21件、增长12.0%": at "增长")."""
    found = [m.start() for m in _DIRECTION_WORD().finditer(text, start, end)]
    return found[-1] if found else start


_DIRECTION_WORD = lazy_pattern(_SAME_DIRECTION)


def _after_percent_sign(text: str, end: int) -> int:
    """Past the "%" that follows the number ending at ``end`` ("16.0 %"), if there is one."""
    sign = _PERCENT_SIGN().match(text, end)
    return sign.end() if sign else end


_PERCENT_SIGN = lazy_pattern(r"\s*[%％]")
