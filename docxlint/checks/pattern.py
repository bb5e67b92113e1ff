"""``pattern``: a regex that must (``require``) or must not (``forbid``) match within a scope.

Options: ``pattern`` (inline or ``@name``), ``mode`` ("require" | "forbid"),
``scope`` (section ids; whole document when absent), ``where`` ("paragraphs" |
"cells" | "headings" | "all"), ``join`` (match the scope's text joined with
newlines, e.g. to say a whole section is only "无"), ``join_adjacent`` (``require`` only: the
text of two neighbouring units run together counts too, as a title set on two lines
"某镇2023年" / "政府信息公开工作年度报告" reads), ``first_paragraphs`` (only
the first N non-empty units of each scoped section, e.g. the title lines),
``expected`` (what the finding's ``expected`` field says, e.g. "存在的主要问题及改进情况").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from docxlint.checks._util import WHERE_PARAGRAPHS, scope_sections, scope_units, section_anchor
from docxlint.checks.base import CheckContext, Rule, finding_at_text, finding_missing, register
from docxlint.findings import Finding
from docxlint.literals import match_filter
from docxlint.model import Paragraph
from docxlint.sections import Section

Unit = tuple[Paragraph, int]


@register("pattern")
def check_pattern(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    options = rule.options
    regex = ctx.pattern(options["pattern"])
    sections = scope_sections(ctx, options.get("scope"))
    if not sections:
        return  # an absent section is the business of required-sections
    units = _units(ctx, sections, options)
    matches = _matches(regex, units, bool(options.get("join")))
    expected = options.get("expected")
    if options.get("mode", "forbid") == "forbid":
        for para, start, end in matches:
            yield finding_at_text(rule, ctx, para, start, end, expected=expected, actual=para.text[start:end])
    elif next(matches, None) is None and not (options.get("join_adjacent") and _adjacent_match(regex, units)):
        anchor = section_anchor(ctx, sections[0])
        if anchor is not None:
            yield finding_missing(rule, ctx, anchor, expected=expected)


def _units(ctx: CheckContext, sections: list[Section], options: dict) -> list[Unit]:
    where = options.get("where", WHERE_PARAGRAPHS)
    limit = options.get("first_paragraphs")
    units: list[Unit] = []
    for section in sections:
        found = [(p, s) for p, s in scope_units(ctx, [section], where) if p.text[s:].strip()]
        units.extend(found[:limit] if limit else found)
    return units


def _matches(regex: re.Pattern[str], units: list[Unit], join: bool) -> Iterator[tuple[Paragraph, int, int]]:
    """(paragraph, start, end) of each non-empty match, clipped to one paragraph."""
    if not join:
        may_match = match_filter(regex)
        for para, offset in units:
            if not may_match(para.text):
                continue
            for m in regex.finditer(para.text, offset):
                if m.end() > m.start():
                    yield para, m.start(), m.end()
        return
    joined, starts = _join(units)
    for m in regex.finditer(joined):
        if m.end() <= m.start():
            continue
        i = _unit_at(starts, m.start())
        para, offset = units[i]
        begin = offset + m.start() - starts[i]
        yield para, begin, min(offset + m.end() - starts[i], len(para.text))


def _adjacent_match(regex: re.Pattern[str], units: list[Unit]) -> bool:
    """Whether the text of two neighbouring units, run together, holds a match."""
    texts = [para.text[offset:].strip() for para, offset in units]
    return any(regex.search(first + second) for first, second in itertools.pairwise(texts))


def _join(units: list[Unit]) -> tuple[str, list[int]]:
    parts: list[str] = []
    starts: list[int] = []
    position = 0
    for para, offset in units:
        starts.append(position)
        parts.append(para.text[offset:])
        position += len(para.text) - offset + 1
    return "\n".join(parts), starts


def _unit_at(starts: list[int], position: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start <= position:
            index = i
    return index
