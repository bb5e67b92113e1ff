"""Helpers shared by the text checks: per-kind messages, scoped paragraphs, anchors."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from docxlint.checks.base import CheckContext, Rule, section_scope
from docxlint.findings import Finding, Severity
from docxlint.model import Paragraph, Table
from docxlint.sections import FRONT_MATTER, Section

_RUN_IN_END = re.compile(r"[。：:；;]")

#: Values of the ``where`` option.
WHERE_PARAGRAPHS = "paragraphs"  #: body text: non-heading paragraphs plus the run-in text of headings
WHERE_CELLS = "cells"  #: paragraphs inside tables
WHERE_HEADINGS = "headings"  #: heading paragraphs (whole text)
WHERE_ALL = "all"  #: everything above


def kind_rule(rule: Rule, kind: str) -> Rule:
    """The rule with its message replaced by ``options.messages[kind]`` when the pack gives one."""
    messages = (rule.options.get("messages") or {}).get(kind)
    return dataclasses.replace(rule, messages=messages) if messages else rule


def with_severity(finding: Finding, severity: str | Severity | None) -> Finding:
    """``finding`` with another severity (None: unchanged)."""
    if severity is not None:
        finding.severity = severity if isinstance(severity, Severity) else Severity.parse(severity)
    return finding


def scope_sections(ctx: CheckContext, scope: Iterable[str] | None) -> list[Section]:
    """The sections named by ``scope`` (the whole document when empty), outermost only."""
    sections = section_scope(ctx, list(scope) if scope else None)
    inside = {id(s) for outer in sections for s in outer.walk() if s is not outer}
    return [s for s in sections if id(s) not in inside]


def heading_indexes(ctx: CheckContext) -> set[int]:
    key = "heading-indexes"
    if key not in ctx.cache:
        ctx.cache[key] = {s.heading.index for s in ctx.sections.root.walk() if s.heading is not None}
    return ctx.cache[key]


def run_in_start(para: Paragraph) -> int | None:
    """Offset where the body text of a run-in heading starts ("（一）概况。本年度…"), else None."""
    m = _RUN_IN_END.search(para.text)
    if m is None or not para.text[m.end() :].strip():
        return None
    return m.end()


def scope_units(
    ctx: CheckContext, sections: Iterable[Section], where: str = WHERE_PARAGRAPHS
) -> list[tuple[Paragraph, int]]:
    """``(paragraph, start)`` pairs to search, in document order; search ``paragraph.text[start:]``."""
    headings = heading_indexes(ctx)
    units: dict[int, tuple[Paragraph, int]] = {}
    for section in sections:
        for block in section.all_blocks(include_heading=True):
            if isinstance(block, Table):
                if where in (WHERE_CELLS, WHERE_ALL):
                    units.update((p.index, (p, 0)) for p in table_paragraphs(block))
                continue
            unit = _paragraph_unit(block, block.index in headings, where)
            if unit is not None:
                units[block.index] = unit
    return [units[i] for i in sorted(units)]


def _paragraph_unit(para: Paragraph, is_heading: bool, where: str) -> tuple[Paragraph, int] | None:
    if where == WHERE_ALL or (where == WHERE_HEADINGS and is_heading):
        return para, 0
    if where != WHERE_PARAGRAPHS:
        return None
    if not is_heading:
        return para, 0
    start = run_in_start(para)
    return (para, start) if start is not None else None


def table_paragraphs(table: Table) -> Iterable[Paragraph]:
    for cell in table.cells:
        for block in cell.blocks:
            if isinstance(block, Paragraph):
                yield block
            else:
                yield from table_paragraphs(block)


def first_text_paragraph(paragraphs: Iterable[Paragraph]) -> Paragraph | None:
    return next((p for p in paragraphs if p.text.strip()), None)


def last_text_paragraph(paragraphs: Iterable[Paragraph]) -> Paragraph | None:
    found = None
    for para in paragraphs:
        if para.text.strip():
            found = para
    return found


def intro_anchor(ctx: CheckContext) -> Paragraph | None:
    """Where something missing from the introduction is reported: its last paragraph (or the first one)."""
    front = ctx.sections.find(FRONT_MATTER)
    if front:
        para = last_text_paragraph(front[0].paragraphs())
        if para is not None:
            return para
    return first_text_paragraph(ctx.document.paragraphs)


def section_anchor(ctx: CheckContext, section: Section) -> Paragraph | None:
    """A section's heading, else its first paragraph with text, else the intro anchor."""
    if section.heading is not None:
        return section.heading
    return first_text_paragraph(section.paragraphs(include_heading=True)) or intro_anchor(ctx)
