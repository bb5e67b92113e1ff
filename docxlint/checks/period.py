"""``period``: the statistics-period statement covers exactly the report year.

Finds every statement ("统计时限/统计期限/统计时间…为…", ``statement_pattern``)
and reads the period written after it within ``window`` characters (to the end
of the sentence): a date range ("Y年1月1日至Y年12月31日", "Y年1月1日起至12月31日
止", "Y年1月至12月"), a year ("Y年度", "Y年全年"; ``accept_year_only``) or an end
date ("截至Y年12月31日"; ``accept_end_only``); dates without a year take the one written just before
them ("Y年全年（1月1日至12月31日）"). Each must cover the whole report
year Y from the title (or, without a title year, the year of the first
statement, so that mentions still have to agree). ``required``: flag a report
without any statement (kind ``missing``; kind ``wrong`` for a bad period).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from docxlint.checks._util import WHERE_ALL, intro_anchor, kind_rule, matching_units, scope_sections
from docxlint.checks.base import CheckContext, Rule, finding_at_text, finding_missing, register
from docxlint.extract import PartialDate, find_dates, lazy_pattern, parse_number, report_year
from docxlint.findings import Finding
from docxlint.model import Paragraph

DEFAULT_STATEMENT = (
    r"(?:统计|数据)(?:的)?(?:时限|期限|时间段|时间|时段|期间|区间|周期|起止时间|起止日期|截止时间|截止日期)"
    r"|报告期(?:限|间)?(?=为|是|[:：]|自|从)|统计期(?=为|是|[:：]|自|从)|(?:数据)?统计(?:数据)?(?=自|从|起止|截至|截止)|数据(?=截至|截止)"
    r"|时间范围(?=是|为|[:：])|统计范围(?=是|为|[:：])|数据范围(?=是|为|[:：])|统计的是(?=\s*(?:19|20|二))"
)
_SENTENCE_END = lazy_pattern(r"[。；;！!？?\n]")
_YEAR = r"(?:19|20)[0-9]{2}|二[〇零○][〇零○一二三四五六七八九]{2}"
_MONTH = r"[0-9]{1,2}|十[一二]?|[一二三四五六七八九]"
_YEAR_ONLY = lazy_pattern(rf"(?P<y>{_YEAR})\s*(?:年度|年全年|全年|年(?![0-9一二三四五六七八九十]))")
_MONTH_RANGE = lazy_pattern(
    rf"(?P<y1>{_YEAR})\s*年\s*(?P<m1>{_MONTH})\s*(?:月份?)?\s*(?:起\s*[，,]?)?\s*(?:至|到|[-－—–~～])+\s*"
    rf"(?:(?P<y2>{_YEAR})\s*年\s*)?(?P<m2>{_MONTH})\s*月份?(?!\s*[0-9一二三四五六七八九十]+\s*[日号])"
)
#: a year (or the whole year) followed only by an opening bracket or a colon before dates without a year
_YEAR_BEFORE_DATES = lazy_pattern(rf"(?P<y>{_YEAR})\s*(?:年度|年全年|全年|年)?\s*[（(：:，,]?\s*(?:自|从)?\s*$")
_END_ONLY = lazy_pattern(r"(?:截至|截止|截止到|截止至|至)\s*$")
#: between the two dates of a range: "至", "起至", "起，至", a dash
_RANGE_JOIN = lazy_pattern(r"^\s*(?:起\s*[，,]?)?\s*(?:至|到|[-－—–~～]{1,2})\s*$")
_CUTOFF = lazy_pattern(r"截止|截至")


@dataclass(frozen=True, slots=True)
class Period:
    """A stated period; ``start``/``end`` are (year, month, day-or-None)."""

    paragraph: Paragraph
    span: tuple[int, int]
    start: tuple[int, int, int | None] | None
    end: tuple[int, int, int | None] | None
    kind: str  #: "range", "year", "end" or "partial"

    @property
    def year(self) -> int:
        return (self.start or self.end or (0, 0, 0))[0]


@register("period")
def check_period(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    options = rule.options
    periods = stated_periods(ctx, options)
    title = report_year(ctx)
    if not periods:
        anchor = _missing_anchor(ctx, options)
        if options.get("required", True) and anchor is not None:
            expected = _whole_year_text(title[0]) if title else None
            yield finding_missing(kind_rule(rule, "missing"), ctx, anchor, expected=expected)
        return
    agreed = _agreed_year(periods, options)
    if title is not None and agreed is not None and _title_is_odd_one_out(ctx, title, agreed, len(periods)):
        yield _title_finding(rule, ctx, title, agreed)
        return
    year = title[0] if title else periods[0].year
    for period in periods:
        if not _covers_year(period, year, options):
            text = period.paragraph.text[period.span[0] : period.span[1]]
            yield finding_at_text(
                kind_rule(rule, "wrong"), ctx, period.paragraph, *period.span,
                expected=_whole_year_text(year), actual=text, year=year,
            )  # fmt: skip


def stated_periods(ctx: CheckContext, options: dict) -> list[Period]:
    """Every period statement in the rule's scope, document order.

    Cached per document and per the options the search reads (the rule and
    :func:`consensus_year` usually share one search).
    """
    ref = options.get("statement_pattern", DEFAULT_STATEMENT)
    window = options.get("window", 60)
    scope = options.get("scope")
    key = "periods:" + repr((ref, window, scope))
    if key not in ctx.cache:
        statement = ctx.pattern(ref)
        units = matching_units(ctx, scope_sections(ctx, scope), WHERE_ALL, statement)
        ctx.cache[key] = [p for para, offset in units for p in _periods_in(para, offset, statement, window)]
    return ctx.cache[key]


def consensus_year(ctx: CheckContext) -> int | None:
    """The report year: the title's, unless the period statements (default pattern) outvote it, or
    without a year in the title the one they agree on. Cached in ``ctx.cache`` (several rules ask)."""
    if "consensus_year" not in ctx.cache:
        ctx.cache["consensus_year"] = _consensus_year(ctx)
    return ctx.cache["consensus_year"]


def _consensus_year(ctx: CheckContext) -> int | None:
    title = report_year(ctx)
    ref = "@period-statement" if "period-statement" in ctx.patterns else DEFAULT_STATEMENT
    options = {"statement_pattern": ref, "accept_end_only": True}
    periods = stated_periods(ctx, options)
    agreed = _agreed_year(periods, options)
    if title is None:
        return agreed
    if agreed is not None and _title_is_odd_one_out(ctx, title, agreed, len(periods)):
        return agreed
    return title[0]


def _agreed_year(periods: list[Period], options: dict) -> int | None:
    """The year when all statements cover one and the same whole year."""
    years = {p.year for p in periods}
    if len(years) != 1:
        return None
    year = years.pop()
    return year if all(_covers_year(p, year, options) for p in periods) else None


def _title_is_odd_one_out(
    ctx: CheckContext, title: tuple[int, Paragraph, tuple[int, int]], agreed: int, n_statements: int
) -> bool:
    """Blame the title's year when several statements, or one statement and the signature date, outvote it."""
    if agreed == title[0] or title[2] == (0, 0):
        return False
    if n_statements >= 2:
        return True
    from docxlint.checks.deadline import signature_date

    signature = signature_date(ctx)
    year = getattr(signature[3], "year", None) if signature else None
    return year == agreed + 1


def _title_finding(rule: Rule, ctx: CheckContext, title: tuple[int, Paragraph, tuple[int, int]], year: int) -> Finding:
    """The title's year disagrees with every period statement: report it on the title."""
    _, para, (start, year_end) = title
    end = max(len(para.text.rstrip()), year_end)
    written = para.text[start:year_end]
    new_year = str(year) if written[:1].isdigit() else "".join("〇一二三四五六七八九"[int(d)] for d in str(year))
    expected = new_year + para.text[year_end:end]
    return finding_at_text(
        kind_rule(rule, "title-year"), ctx, para, start, end, expected=expected, actual=para.text[start:end], year=year
    )


def _report_year(ctx: CheckContext) -> int | None:
    found = report_year(ctx)
    return found[0] if found else None


def _missing_anchor(ctx: CheckContext, options: dict) -> Paragraph | None:
    scope = options.get("missing_scope")
    if scope:
        sections = scope_sections(ctx, scope)
        if sections:
            from docxlint.checks._util import section_anchor

            return section_anchor(ctx, sections[0])
    return intro_anchor(ctx)


def _whole_year_text(year: int) -> str:
    return f"{year}年1月1日至{year}年12月31日"


def _covers_year(period: Period, year: int, options: dict) -> bool:
    if period.kind == "year":
        return options.get("accept_year_only", True) and period.year == year
    if period.kind == "end":
        return options.get("accept_end_only", False) and period.end == (year, 12, 31)
    start, end = period.start, period.end
    if start is None or end is None:
        return False
    if start[2] is None and end[2] is None:  # month range: "Y年1月至12月"
        return start[:2] == (year, 1) and end[:2] == (year, 12)
    return start == (year, 1, 1) and end == (year, 12, 31)


def _periods_in(para: Paragraph, offset: int, statement: re.Pattern[str], window: int) -> Iterator[Period]:
    text = para.text
    for m in statement.finditer(text, offset):
        stop = _SENTENCE_END().search(text, m.end())
        limit = min(stop.start() if stop else len(text), m.end() + window)
        period = _read_period(para, m.end(), limit, cutoff=bool(_CUTOFF().search(m.group())))
        if period is not None:
            yield period


def _read_period(para: Paragraph, begin: int, limit: int, cutoff: bool = False) -> Period | None:
    """The first period written in ``para.text[begin:limit]``.

    ``cutoff``: the statement names a cut-off ("统计截止时间为…"), so a lone date is the period's end.
    """
    text = para.text[begin:limit]
    found = [
        _date_range(para, begin, text),
        _month_range(para, begin, text),
        _end_only(para, begin, text),
        _year_only(para, begin, text),
    ]
    found = [p for p in found if p is not None]
    if found:
        return min(found, key=lambda p: (p.span[0], -p.span[1]))
    return _lone_date(para, begin, text, cutoff)


def _lone_date(para: Paragraph, begin: int, text: str, cutoff: bool = False) -> Period | None:
    """A statement giving one date and no range: the end of the period after a cut-off statement
    ("统计截止时间为2023年12月31日"), else a partial period ("统计期限为2023年1月1日起")."""
    dates = find_dates(text)
    if not dates:
        return None
    start, end, value = dates[0]
    if cutoff or _CUTOFF().search(text[:start]):
        return Period(para, (begin + start, begin + end), None, _ymd(value), "end")
    return Period(para, (begin + start, begin + end), _ymd(value), None, "partial")


def _ymd(value: datetime.date | PartialDate, default_year: int | None = None) -> tuple[int, int, int | None] | None:
    if isinstance(value, datetime.date):
        return value.year, value.month, value.day
    year = value.year if value.year is not None else default_year
    if year is None or value.month is None:
        return None
    return year, value.month, value.day


def _date_range(para: Paragraph, begin: int, text: str) -> Period | None:
    """A range of two dates; dates without a year take it from a year written just before them
    ("2023年全年（1月1日至12月31日）"), and the period then starts at that year."""
    dates = find_dates(text)
    for (s1, e1, d1), (s2, e2, d2) in zip(dates, dates[1:], strict=False):
        if not _RANGE_JOIN().match(text[e1:s2]):
            continue
        start, first = _ymd(d1), s1
        if start is None:
            year = _YEAR_BEFORE_DATES().search(text[:s1])
            if year is None or (start := _ymd(d1, default_year=int(parse_number(year.group("y")) or 0))) is None:
                continue
            first = year.start()
        end = _ymd(d2, default_year=start[0])
        end_span = e2 + 1 if text[e2 : e2 + 1] == "止" else e2
        if first < s1 and text[end_span : end_span + 1] in "）)" and any(b in text[first:s1] for b in "（("):
            end_span += 1  # "2023年全年（1月1日至12月31日）": the bracket opened before the dates closes here
        return Period(para, (begin + first, begin + end_span), start, end, "range")
    return None


def _month_range(para: Paragraph, begin: int, text: str) -> Period | None:
    m = _MONTH_RANGE().search(text)
    if m is None:
        return None
    y1 = int(parse_number(m.group("y1")) or 0)
    y2 = int(parse_number(m.group("y2")) or 0) if m.group("y2") else y1
    m1, m2 = parse_number(m.group("m1")), parse_number(m.group("m2"))
    if m1 is None or m2 is None:
        return None
    return Period(para, (begin + m.start(), begin + m.end()), (y1, int(m1), None), (y2, int(m2), None), "range")


def _end_only(para: Paragraph, begin: int, text: str) -> Period | None:
    dates = find_dates(text)
    if not dates or (len(dates) > 1 and _RANGE_JOIN().match(text[dates[0][1] : dates[1][0]])):
        return None
    start, end, value = dates[0]
    ymd = _ymd(value)
    if ymd is None or not _END_ONLY().search(text[:start]):
        return None
    return Period(para, (begin + start, begin + end), None, ymd, "end")


def _year_only(para: Paragraph, begin: int, text: str) -> Period | None:
    m = _YEAR_ONLY().search(text)
    if m is None or find_dates(text[m.start() :]):
        return None
    year = parse_number(m.group("y"))
    if year is None:
        return None
    return Period(para, (begin + m.start(), begin + m.end()), (int(year), 1, None), (int(year), 12, None), "year")
