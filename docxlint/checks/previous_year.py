"""``previous-year``: this year's report against last year's (``docxlint check --previous``).

Silent without last year's report, and when its year is known and is not the year before
this one's (the engine then notes it). Checks (option ``checks``):

* ``carry-over``: ``carry_over`` ``{"table": LOCATOR, "from_row", "to_row", "columns"}``: in
  each listed column, this year's ``to_row`` ("上年结转政府信息公开申请数量") holds what last
  year's ``from_row`` ("结转下年度继续办理") did. A finding on this year's cell, expected last
  year's value, ``{column}``, ``{year}`` (last year). Blank cells are left to the table rules.
  ``total_column`` ("总计"): when last year's total disagrees with its own cells, this year's total
  may equal either (last year's report is not this year's to fix). A number this year against a
  blank cell last year is an ``info`` finding of kind ``carry-over-unverifiable`` (no ``expected``).
* ``copied``: a paragraph of ``scope`` with at least ``min_length`` characters that repeats
  last year's report (a paragraph of ``previous_scope``, default ``scope``, or sentences all
  found there), years and spaces aside: "存在的主要问题" copied from last year's report. Also a
  paragraph at least ``min_similarity`` (default 0.9, difflib's ratio) like one of last year's
  (a few characters changed), or whose sentences are last year's but for one short addition
  (at least two found, three quarters of its characters). Paragraphs under a heading that
  ``apart_heading_pattern`` matches ("上年问题整改情况") are compared only with last year's under such
  a heading: restating last year's measures as done is what they are for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from docxlint.checks._util import WHERE_PARAGRAPHS, kind_rule, scope_sections, scope_units, with_severity
from docxlint.checks.base import CheckContext, Rule, finding_at_cell, finding_at_text, register
from docxlint.checks.period import consensus_year
from docxlint.extract import lazy_pattern
from docxlint.findings import Finding
from docxlint.model import Paragraph
from docxlint.sections import Section
from docxlint.tables import Axis, TableView, describe_number, find_tables

CHECKS = ("carry-over", "copied")
_YEAR = lazy_pattern(r"(?:19|20)[0-9]{2}|二[〇零○][〇零○一二三四五六七八九]{2}")
_IGNORED = lazy_pattern(r"[\s\u3000，,。.；;：:、！!？?“”\"'‘’（）()《》]+")
_SENTENCES = lazy_pattern(r"[^。；;！!？?]+")
_MIN_SENTENCE = 8


def previous_year_problem(ctx: CheckContext) -> str | None:
    """Why last year's report cannot be compared with this one (its year is not the year before this
    one's, or another agency issued it), or None."""
    if ctx.previous is None:
        return None
    this, last = consensus_year(ctx), consensus_year(ctx.previous)
    if this is not None and last is not None and last != this - 1:
        return f"the previous report is for {last}, not {this - 1}"
    from docxlint.checks.identity import agree, report_agency

    ours, theirs = report_agency(ctx), report_agency(ctx.previous)
    if ours and theirs and not agree(ours, theirs):
        return f"the previous report is by {theirs}, not {ours}"
    return None


@register("previous-year")
def check_previous_year(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    if ctx.previous is None:
        return
    options = rule.options
    checks = set(options.get("checks", CHECKS))
    if "carry-over" in checks and options.get("carry_over"):
        yield from _carry_over(rule, ctx, options["carry_over"])
    if "copied" in checks:
        yield from _copied(kind_rule(rule, "copied"), ctx, options)


def _carry_over(rule: Rule, ctx: CheckContext, spec: dict) -> Iterator[Finding]:
    assert ctx.previous is not None
    this_views, last_views = find_tables(ctx, spec.get("table", {})), find_tables(ctx.previous, spec.get("table", {}))
    if not this_views or not last_views:
        return
    this, last = this_views[0], last_views[0]
    to_row, from_row = this.row(spec["to_row"]), last.row(spec["from_row"])
    if to_row is None or from_row is None:
        return
    year = consensus_year(ctx.previous)
    total_label = spec.get("total_column")
    for label in spec.get("columns", []):
        this_col, last_col = this.column(label), last.column(label)
        if this_col is None or last_col is None:
            continue
        now, before = this.value_at(to_row, this_col).number, last.value_at(from_row, last_col).number
        cell = this.cell_at(to_row, this_col)
        if now is not None and before is None and cell is not None and now > 0:
            yield with_severity(
                finding_at_cell(kind_rule(rule, "carry-over-unverifiable"), ctx, cell, actual=describe_number(now),
                                column=this_col.name, year=year or ""),
                "info",
            )  # fmt: skip
            continue  # last year's cell is blank: nothing to compare with
        if now is None or before is None or now == before or cell is None:
            continue
        if label == total_label and now == _parts_sum(last, from_row, spec["columns"], total_label):
            continue  # last year's own total disagrees with its cells; this year's agrees with them
        yield finding_at_cell(kind_rule(rule, "carry-over"), ctx, cell, expected=describe_number(before),
                              actual=describe_number(now), column=this_col.name, year=year or "")  # fmt: skip


def _parts_sum(view: TableView, row: Axis, columns: list[str], total_label: str) -> Decimal | None:
    """Σ of ``row``'s cells in ``columns`` other than the total; None when one is blank or none is there."""
    total, read = Decimal(0), 0
    for label in columns:
        if label == total_label:
            continue
        col = view.column(label)
        if col is None:
            continue  # a column this layout of the table lacks
        number = view.value_at(row, col).number
        if number is None:
            return None
        total, read = total + number, read + 1
    return total if read else None


def _copied(rule: Rule, ctx: CheckContext, options: dict) -> Iterator[Finding]:
    assert ctx.previous is not None
    scope = options.get("scope")
    heading = ctx.pattern(options["apart_heading_pattern"]) if options.get("apart_heading_pattern") else None
    last_units = scope_units(ctx.previous, scope_sections(ctx.previous, options.get("previous_scope", scope)))
    last = {False: _Texts(), True: _Texts()}  # last year's text, apart from and under the heading
    for para, start in last_units:
        last[_under_heading(ctx.previous, para, heading)].add(para.text[start:])
    last[False].merge(last[True])  # outside the heading, a copy of anything of last year's counts
    min_length = options.get("min_length", 20)
    similarity = options.get("min_similarity", 0.9)
    for para, start in scope_units(ctx, scope_sections(ctx, scope), WHERE_PARAGRAPHS):
        text = para.text[start:]
        normal = _normal(text)
        if len(normal) < min_length:
            continue
        texts = last[_under_heading(ctx, para, heading)]
        if (
            normal in texts.paragraphs
            or _mostly_found(_sentences(text), texts.sentences)
            or _near_copy(normal, texts.paragraphs, similarity)
        ):
            begin = start + len(text) - len(text.lstrip())
            yield finding_at_text(rule, ctx, para, begin, len(para.text.rstrip()), actual=text.strip()[:40])


class _Texts:
    """Normalised paragraphs and sentences of last year's report."""

    def __init__(self) -> None:
        self.paragraphs: set[str] = set()
        self.sentences: set[str] = set()

    def add(self, text: str) -> None:
        self.paragraphs.add(_normal(text))
        self.sentences.update(_sentences(text))

    def merge(self, other: _Texts) -> None:
        self.paragraphs |= other.paragraphs
        self.sentences |= other.sentences


def _under_heading(ctx: CheckContext, para: Paragraph, heading: re.Pattern[str] | None) -> bool:
    """Whether ``para`` is in a section whose title ``heading`` matches, at any level."""
    if heading is None:
        return False
    node: Section | None = ctx.sections.section_of_paragraph(para.index)
    while node is not None:
        if node.title and heading.search(node.title):
            return True
        node = node.parent
    return False


def _mostly_found(own: list[str], sentences: set[str]) -> bool:
    """All the paragraph's sentences are last year's, or all but one short addition: at least two of
    them, three quarters of its characters."""
    if not own:
        return False
    found = [s for s in own if s in sentences]
    if len(found) == len(own):
        return True
    return len(own) - len(found) == 1 and len(found) >= 2 and 4 * sum(map(len, found)) >= 3 * sum(map(len, own))


def _near_copy(normal: str, paragraphs: set[str], similarity: float) -> bool:
    """A paragraph of last year's with a few characters changed ("精准" → "精确", "一是" → "一要")."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(normal)  # the sequence difflib indexes, once for all of last year's paragraphs
    for last in paragraphs:
        if min(len(last), len(normal)) < similarity * max(len(last), len(normal)):
            continue  # lengths alone rule it out
        matcher.set_seq1(last)
        if matcher.quick_ratio() >= similarity and matcher.ratio() >= similarity:
            return True
    return False


def _normal(text: str) -> str:
    """``text`` with years as "#" and spaces and punctuation dropped."""
    return _IGNORED().sub("", _YEAR().sub("#", text))


def _sentences(text: str) -> list[str]:
    """The normalised sentences of ``text`` long enough to say something (short ones are left out)."""
    out = [_normal(m.group()) for m in _SENTENCES().finditer(_YEAR().sub("#", text))]
    return [s for s in out if len(s) >= _MIN_SENTENCE]
