"""``deadline``: the report is dated no later than its publication deadline.

The signature date is the last date on a short line among the document's final
``tail_paragraphs`` non-empty paragraphs (cells included), else on a short line
among the first ``head_paragraphs`` (a date under the title); a ``date_pattern``
option replaces this search (the last match in the document; group ``date``
when present). The deadline is ``month``/``day`` of Y + ``year_offset`` where Y
is the report year from the title, else from the statistics-period statements (default: 1月31日
of the following year);
``title_deadlines`` (``[{"pattern", "month", "day", "year_offset"}]``) switches to
another deadline when the title lines match (a government's own report: 3月31日).

Kinds: ``late`` (after the deadline), ``early`` (dated within or before the
report year; ``flag_early``, severity ``early_severity``), ``missing`` (no date;
``require_date``, severity ``missing_severity``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from docxlint.checks._util import heading_indexes, kind_rule, last_text_paragraph, with_severity
from docxlint.checks.base import CheckContext, Rule, finding_at_text, finding_missing, register
from docxlint.checks.period import consensus_year
from docxlint.extract import DateValue, PartialDate, find_dates, lazy_pattern, report_year, title_regex
from docxlint.findings import Finding
from docxlint.model import Paragraph

_LINE_BREAK = lazy_pattern(r"[\n\t]+")

Signature = tuple[Paragraph, int, int, DateValue]


@register("deadline")
def check_deadline(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    options = rule.options
    year = consensus_year(ctx)  # the title's, unless the period statements outvote it or it has none
    if year is None:
        return  # without the report year there is no deadline to compare with
    title = report_year(ctx)
    deadline = _deadline(year, _deadline_options(ctx, options, title[1]) if title else options)
    signature = signature_date(ctx, options)
    if signature is None:
        anchor = last_text_paragraph(ctx.document.paragraphs)
        if options.get("require_date", True) and anchor is not None:
            finding = finding_missing(kind_rule(rule, "missing"), ctx, anchor, expected=cn_date(deadline))
            yield with_severity(finding, options.get("missing_severity"))
        return
    para, start, end, value = signature
    if _after(value, deadline):
        yield finding_at_text(kind_rule(rule, "late"), ctx, para, start, end, expected=cn_date(deadline),
                              actual=para.text[start:end])  # fmt: skip
    elif options.get("flag_early", True) and not _after(value, datetime.date(year, 12, 31)):
        finding = finding_at_text(kind_rule(rule, "early"), ctx, para, start, end,
                                  expected=f"{cn_date(datetime.date(year + 1, 1, 1))}至{cn_date(deadline)}",
                                  actual=para.text[start:end])  # fmt: skip
        yield with_severity(finding, options.get("early_severity", "warning"))


def _deadline_options(ctx: CheckContext, options: dict, title: Paragraph) -> dict:
    """``options`` with the month/day of the first ``title_deadlines`` entry whose pattern the title lines match.

    The title lines are the short lines (paragraphs, or lines of a paragraph split at line breaks
    and tabs, as in a PDF converted to Word) up to the title, and the title itself where the
    introduction follows it on its line, joined ("某县人民政府" +
    "2023年政府信息公开工作年度报告"), so a pattern can tell a government's own report
    (deadline 3月31日) from a department's (1月31日).
    """
    title_re = title_regex(ctx)
    lines: list[str] = []
    for para in _body_paragraphs_to(ctx, title.index):
        for line in _LINE_BREAK().split(para.text):
            if len(line) <= 80:
                lines.append(line.strip())
            elif para is title and (m := title_re.search(line)):  # the title, then the introduction
                lines.append(line[: m.end()].strip())
    text = "".join(lines)
    for alternative in options.get("title_deadlines", []):
        if ctx.pattern(alternative["pattern"]).search(text):
            return {**options, **{k: v for k, v in alternative.items() if k != "pattern"}}
    return options


def _body_paragraphs_to(ctx: CheckContext, last: int) -> Iterator[Paragraph]:
    """Paragraphs of the reading flow up to index ``last`` (indexes grow in document order: stop there)."""
    for block in ctx.sections.flow:
        if isinstance(block, Paragraph):
            if block.index > last:
                return
            yield block


def cn_date(value: datetime.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _deadline(year: int, options: dict) -> datetime.date:
    target_year = year + options.get("year_offset", 1)
    month = options.get("month", 1)
    day = min(options.get("day", 31), _days_in_month(target_year, month))
    return datetime.date(target_year, month, day)


def _days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` without importing ``calendar`` (and ``locale``: ~5 ms)."""
    following = datetime.date(year + 1, 1, 1) if month == 12 else datetime.date(year, month + 1, 1)
    return (following - datetime.date(year, month, 1)).days


def _after(value: DateValue, limit: datetime.date) -> bool:
    """True when ``value`` is certainly later than ``limit`` (a month-only date only when its month is)."""
    if isinstance(value, datetime.date):
        return value > limit
    assert value.year is not None and value.month is not None
    return (value.year, value.month) > (limit.year, limit.month)


def signature_date(ctx: CheckContext, options: dict | None = None) -> Signature | None:
    """(paragraph, start, end, date) of the signature date (see the module docstring for the search)."""
    options = options or {}
    if options.get("date_pattern"):
        return _by_pattern(ctx, options["date_pattern"])
    max_length = options.get("max_line_length", 40)
    for para in _last_texts(ctx.document.paragraphs, options.get("tail_paragraphs", 6)):
        found = _date_line(para, max_length)
        if found:
            return found
    headings = heading_indexes(ctx)
    head: list[Paragraph] = []
    for para in ctx.document.paragraphs:
        if not para.text.strip():
            continue
        if para.index in headings or len(head) >= options.get("head_paragraphs", 6):
            break
        head.append(para)
    return next((f for f in map(lambda p: _date_line(p, max_length), head) if f), None)


def _last_texts(paragraphs: list[Paragraph], count: int) -> list[Paragraph]:
    """The last ``count`` paragraphs with text, last first (read from the end: a long report has thousands)."""
    if count < 1:  # a slice [-0:] or [-(-n):] means something else: keep its exact meaning
        return list(reversed([p for p in paragraphs if p.text.strip()][-count:]))
    out: list[Paragraph] = []
    for para in reversed(paragraphs):
        if para.text.strip():
            out.append(para)
            if len(out) == count:
                break
    return out


def _date_line(para: Paragraph, max_length: int) -> Signature | None:
    """The date of a short line holding exactly one dated day or month ("2024年1月19日", "落款：2024年1月")."""
    if len(para.text.strip()) > max_length:
        return None
    dates = find_dates(para.text)
    if len(dates) != 1 or not _has_year(dates[0][2]):
        return None  # no date, or a range ("2023年1月1日至12月31日") rather than a signature
    start, end, value = dates[0]
    return para, start, end, value


def _has_year(value: DateValue) -> bool:
    return isinstance(value, datetime.date) or (isinstance(value, PartialDate) and value.year is not None)


def _by_pattern(ctx: CheckContext, ref: str) -> Signature | None:
    regex = ctx.pattern(ref)
    for para in reversed(ctx.document.paragraphs):
        matches = list(regex.finditer(para.text))
        for m in reversed(matches):
            group = "date" if "date" in regex.groupindex else 0
            begin = m.start(group)
            dates = [(s, e, v) for s, e, v in find_dates(m.group(group)) if _has_year(v)]
            if dates:
                s, e, v = dates[-1]
                return para, begin + s, begin + e, v
    return None
