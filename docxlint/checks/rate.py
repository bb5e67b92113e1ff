"""Rule type ``rate``: a rate the text quotes ("办结率91.4%") fits the table counts it is made of.

Options::

    {"rates": [
      {"name": "completion-rate",
       "pattern": "(?<!按时)办结率(?:为|达)?(?P<pct>[0-9]+(?:[.][0-9]+)?)%",
       "scope": ["overview", "applications"],
       "unless_before_pattern": "留言|热线",
       "numerators": [CELL-SOURCE, …],
       "denominators": [CELL-SOURCE, …]}]}

Each match of ``pattern`` in the ``scope`` sections (whole document when empty) states a rate in
percent (group ``pct``); none when the sentence up to the match matches ``unless_before_pattern``
(the rate of something else: "网民留言办结率100%"). Numerators and denominators are cell sources as
in ``consistency`` (the sum of some cells of a table; with ``part_cols``, a total its own row
contradicts also stands for what the row adds up to, so that correct prose is not blamed for the
table's error). The rate must be some numerator ÷ some denominator × 100, rounded half up or
truncated to the decimals written: reports define a rate over different totals ("办结率" of the
applications to handle, or of those received this year). When none fits, the finding sits on the
rate, ``expected`` the value of the first numerator over the first denominator (list the usual
definition first; when a count of that pair cannot be read, the first pair that can), with message
parameters ``{numerator_zh}``, ``{denominator_zh}`` (and ``_en``: where the counts of that pair come
from, with their values). Nothing is said when a table is missing, a cell holds no number, or every
denominator is 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from docxlint.checks._util import matching_units, scope_sections
from docxlint.checks.base import CheckContext, Rule, finding_at_text, register
from docxlint.checks.consistency import SENTENCE_MARKS, cell_readings
from docxlint.extract import clause_start, decimals_written, parse_number, rounds_to
from docxlint.findings import Finding
from docxlint.model import Paragraph

#: (value, place in Chinese, place in English) of a numerator or denominator
Count = tuple[Decimal, str, str]


@register("rate")
def check_rate(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Every rate the text quotes must be one of its numerators over one of its denominators."""
    for rate in rule.options.get("rates", []):
        yield from _check_rate(rule, ctx, rate)


def _check_rate(rule: Rule, ctx: CheckContext, rate: Mapping[str, Any]) -> Iterator[Finding]:
    regex = ctx.pattern(rate["pattern"])
    unless = ctx.pattern(rate["unless_before_pattern"]) if rate.get("unless_before_pattern") else None
    pairs: list[tuple[Count, Count]] | None = None  # read from the tables once a rate is stated
    for para, offset in matching_units(ctx, scope_sections(ctx, rate.get("scope")), "paragraphs", regex):
        for m in regex.finditer(para.text, offset):
            if unless is not None and unless.search(
                para.text, clause_start(para.text, m.start(), SENTENCE_MARKS), m.start()
            ):
                continue
            if pairs is None:
                pairs = _pairs(ctx, rate)
            finding = _judge(rule, ctx, para, m, pairs)
            if finding is not None:
                yield finding


def _pairs(ctx: CheckContext, rate: Mapping[str, Any]) -> list[tuple[Count, Count]]:
    """Every (numerator, denominator) the tables give, denominators of 0 left out."""
    numerators = _counts(ctx, rate.get("numerators", []))
    denominators = [d for d in _counts(ctx, rate.get("denominators", [])) if d[0] > 0]
    return [(n, d) for n in numerators for d in denominators]


def _counts(ctx: CheckContext, sources: Sequence[Mapping[str, Any]]) -> list[Count]:
    """Each source's count; with ``part_cols``, also what a total its own row contradicts adds up to."""
    return [reading for source in sources for reading in cell_readings(ctx, source)]


def _judge(
    rule: Rule, ctx: CheckContext, para: Paragraph, m: re.Match[str], pairs: list[tuple[Count, Count]]
) -> Finding | None:
    if "pct" not in m.re.groupindex or m.group("pct") is None:
        return None  # a pack's pattern without the percentage
    written = parse_number(m.group("pct"))
    if written is None or not pairs:
        return None
    decimals = decimals_written(m.group("pct"))
    rates = [(n[0] * 100 / d[0], n, d) for n, d in pairs]
    if any(rounds_to(exact, written, decimals) for exact, _, _ in rates):
        return None
    exact, numerator, denominator = rates[0]  # the pack lists the usual definition first
    start, end = m.span("pct")
    if para.text.startswith(("%", "％"), end):
        end += 1
    return finding_at_text(
        rule, ctx, para, start, end, expected=f"{_rounded(exact, decimals)}%", actual=para.text[start:end],
        numerator_zh=numerator[1], numerator_en=numerator[2], denominator_zh=denominator[1],
        denominator_en=denominator[2],
    )  # fmt: skip


def _rounded(value: Decimal, decimals: int) -> Decimal:
    """``value`` rounded half up to ``decimals`` (62.5 → 63, as people round)."""
    return value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
