"""Helpers shared by the text checks: per-kind messages, scoped paragraphs, anchors."""

from __future__ import annotations

import dataclasses
import operator
import re
from collections.abc import Iterable, Sequence
from typing import Any

from docxlint.checks.base import CheckContext, Rule, section_scope
from docxlint.extract import lazy_pattern, parse_number
from docxlint.findings import Finding, Severity
from docxlint.literals import match_filter
from docxlint.model import Paragraph, Table
from docxlint.sections import FRONT_MATTER, Section, SectionDef, normalize_title, table_paragraphs

_TEXT = operator.attrgetter("text")
_NUMERAL = lazy_pattern(r"[一二三四五六七八九十百]+")

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
    """The sections named by ``scope`` (the whole document when empty), outermost only,
    followed by the numbered items that belong to them (:func:`section_items`)."""
    ids = tuple(scope) if scope else ()
    key: tuple[Any, ...] | None = ("scope-sections", ids)
    try:
        found = ctx.cache.get(key)
    except TypeError:  # an unhashable section id: not cached
        key, found = None, None
    if found is None:
        found = _outermost_with_items(ctx, section_scope(ctx, list(ids) or None))
        if key is not None:
            ctx.cache[key] = found
    return list(found)


def _outermost_with_items(ctx: CheckContext, sections: list[Section]) -> list[Section]:
    inside = {id(s) for outer in sections for s in outer.walk() if s is not outer}
    return with_items(ctx, [s for s in sections if id(s) not in inside])


def with_items(ctx: CheckContext, sections: Sequence[Section]) -> list[Section]:
    """``sections`` plus the level-1 "sections" that are really numbered items of one of them."""
    chosen = {id(s) for s in sections}
    return [*sections, *(item for item, owner in section_items(ctx) if id(owner) in chosen)]


def section_items(ctx: CheckContext) -> list[tuple[Section, Section]]:
    """(item, owner) for the level-1 headings that are numbered items of the section before them.

    The section tree takes every short "一、…" line for a top-level heading, so in a
    section 五 written as "一、存在的主要问题 … 二、改进措施 …" the text would belong to
    two unknown top-level sections and section 五 would look empty. See :func:`nested_items`.
    """
    key = "section-items"
    if key not in ctx.cache:
        top = [s for s in ctx.sections.root.children if s.heading is not None]
        defs = [d for d in (ctx.pack.sections if ctx.pack is not None else []) if d.level == 1]
        owners = nested_items(top, defs)
        ctx.cache[key] = [(s, owners[id(s)]) for s in top if id(s) in owners]
    return ctx.cache[key]


def owning_top(ctx: CheckContext, section: Section) -> Section | None:
    """The level-1 section ``section`` is part of, a numbered item resolved to the section that holds
    it (:func:`section_items`); None for the document root."""
    top = _level_one(section)
    return None if top is None else _item_owners(ctx).get(id(top), top)


def section_path(ctx: CheckContext, section: Section) -> str:
    """``section.path``, with the holding section in front of a numbered item's path: text under
    "一、存在的主要问题" inside section 五 is in "五、存在的主要问题及改进情况 / 一、存在的主要问题"."""
    top = _level_one(section)
    owner = _item_owners(ctx).get(id(top)) if top is not None else None
    return section.path if owner is None else f"{owner.path} / {section.path}"


def _level_one(section: Section) -> Section | None:
    node = section
    while node.parent is not None and node.parent.level > 0:
        node = node.parent
    return node if node.level > 0 else None


def _item_owners(ctx: CheckContext) -> dict[int, Section]:
    owners = ctx.cache.get("item-owners")
    if owners is None:
        owners = ctx.cache["item-owners"] = {id(item): owner for item, owner in section_items(ctx)}
    return owners


def nested_items(
    headed: Sequence[Section], defs: Sequence[SectionDef], numeral: re.Pattern[str] | None = None
) -> dict[int, Section]:
    """``id(heading) → owner`` for the headings of one level that are items of the heading before them.

    A heading is an item when its number restarts at 一 after a heading, continues such a
    restarted run (一、二、… inside section 一 or 五), or is unrecognised and does not
    advance the count; unless it is a known section standing at its own place in the
    format ("六、其他需要报告的事项" stays a heading, so a repeated section is still a duplicate).
    """
    if numeral is None:
        numeral = _NUMERAL()
    orders = {d.id: d.order for d in defs}
    titles = {d.id: normalize_title(d.title) for d in defs}
    items: dict[int, Section] = {}
    owner: Section | None = None
    outer, run = 0, None
    seen: set[str | None] = set()
    for section in headed:
        value = _number_value(section, numeral)
        # a section's own title, met for the first time, is that section however it is numbered (a list
        # that restarted: "四、…" then "一、存在的主要问题及改进情况"); the numbering check reports the label
        own_title = section.id not in seen and titles.get(section.id) == normalize_title(section.title)
        if value is None or own_title:
            owner, run = section, None
            outer = max(outer, orders.get(section.id, 0) if own_title else 0)
            seen.add(section.id)
            continue
        at_own_place = section.id is not None and orders.get(section.id) == value
        continues_run = run is not None and value == run + 1
        restarts = value == 1 and outer >= 1
        stays_behind = section.id is None and value <= outer
        if owner is not None and not at_own_place and (continues_run or restarts or stays_behind):
            items[id(section)] = owner
            run = value
        else:
            owner, outer, run = section, value, None
            seen.add(section.id)
    return items


def _number_value(section: Section, numeral: re.Pattern[str]) -> int | None:
    m = numeral.search(section.number) if section.number else None
    if m is None:
        return None
    value = parse_number(m.group("n") if "n" in numeral.groupindex else m.group())
    return int(value) if value is not None else None


def heading_indexes(ctx: CheckContext) -> dict[int, int | None]:
    """Paragraph index of every heading → where its body text starts (:attr:`Section.body_start`)."""
    key = "heading-indexes"
    if key not in ctx.cache:
        ctx.cache[key] = {s.heading.index: s.body_start for s in ctx.sections.root.walk() if s.heading is not None}
    return ctx.cache[key]


def scope_units(
    ctx: CheckContext, sections: Iterable[Section], where: str = WHERE_PARAGRAPHS
) -> list[tuple[Paragraph, int]]:
    """``(paragraph, start)`` pairs to search, in document order; search ``paragraph.text[start:]``.

    Cached per document, sections and ``where`` (every text rule asks for the same few scopes).
    """
    sections = tuple(sections)
    key = ("scope-units", where, *map(id, sections))
    cached = ctx.cache.get(key)
    if cached is None:  # the entry keeps its sections alive, so their ids cannot be reused meanwhile
        cached = ctx.cache[key] = (sections, _scope_units(ctx, sections, where))
    return list(cached[1])


def matching_units(
    ctx: CheckContext, sections: Iterable[Section], where: str, regex: re.Pattern[str]
) -> list[tuple[Paragraph, int]]:
    """The units of :func:`scope_units` in which ``regex`` finds something (``regex.search(para.text, start)``).

    Table cells repeat the same few texts ("0", "/") thousands of times: each distinct text is
    searched once, and no unit is made for a cell that does not match.
    """
    return _scope_units(ctx, tuple(sections), where, _Matcher(regex))


class _Matcher:
    """Which texts a regex finds something in, each distinct cell text searched once."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.may_match = match_filter(regex)
        self.searched: set[str] = set()
        self.found: set[str] = set()

    def matches(self, text: str, start: int) -> bool:
        if not self.may_match(text):
            return False
        return self.regex.search(text, start) is not None

    def matching(self, texts: set[str]) -> set[str]:
        """The texts of ``texts`` in which the regex finds something (from their start)."""
        for text in texts - self.searched:
            self.searched.add(text)
            if self.matches(text, 0):
                self.found.add(text)
        return texts & self.found


def _scope_units(
    ctx: CheckContext, sections: Sequence[Section], where: str, matcher: _Matcher | None = None
) -> list[tuple[Paragraph, int]]:
    """The units of ``sections``; with ``matcher``, only those in which its regex finds something."""
    headings = heading_indexes(ctx)
    with_cells = where in (WHERE_CELLS, WHERE_ALL)
    units: list[tuple[Paragraph, int]] = []
    for section in sections:
        for block in section.all_blocks(include_heading=True):
            if isinstance(block, Table):
                if with_cells:
                    units.extend(_cell_units(ctx, block, matcher))
                continue
            unit = _paragraph_unit(block, block.index in headings, where, headings.get(block.index))
            if unit is not None and (matcher is None or matcher.matches(unit[0].text, unit[1])):
                units.append(unit)
    return _in_document_order(units)


def _cell_units(ctx: CheckContext, table: Table, matcher: _Matcher | None) -> list[tuple[Paragraph, int]]:
    """The units of a table's cells (all of them, or those in which the matcher's regex finds something)."""
    paragraphs = cell_paragraphs(ctx, table)
    if matcher is None:
        return [(p, 0) for p in paragraphs]
    texts, distinct = cell_texts(ctx, table)
    kept = matcher.matching(distinct)
    return [(p, 0) for p, text in zip(paragraphs, texts, strict=True) if text in kept] if kept else []


def _in_document_order(units: list[tuple[Paragraph, int]]) -> list[tuple[Paragraph, int]]:
    """The units sorted by paragraph, each paragraph once (the sections of a scope may overlap)."""
    indexes = [para.index for para, _ in units]
    if indexes == sorted(set(indexes)):
        return units  # the usual case: sections listed in document order, none inside another
    by_index = {unit[0].index: unit for unit in units}
    return [by_index[i] for i in sorted(by_index)]


def _paragraph_unit(
    para: Paragraph, is_heading: bool, where: str, body_start: int | None = None
) -> tuple[Paragraph, int] | None:
    if where == WHERE_ALL or (where == WHERE_HEADINGS and is_heading):
        return para, 0
    if where != WHERE_PARAGRAPHS:
        return None
    if not is_heading:
        return para, 0
    return (para, body_start) if body_start is not None else None


def cell_paragraphs(ctx: CheckContext, table: Table) -> list[Paragraph]:
    """:func:`table_paragraphs`, cached per document and table."""
    key = ("cell-paragraphs", table.index)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = table_paragraphs(table)
    return found


def cell_texts(ctx: CheckContext, table: Table) -> tuple[list[str], set[str]]:
    """The text of each of :func:`cell_paragraphs`, and the distinct texts (cached per document and table)."""
    key = ("cell-texts", table.index)
    found = ctx.cache.get(key)
    if found is None:
        texts = list(map(_TEXT, cell_paragraphs(ctx, table)))
        found = ctx.cache[key] = (texts, set(texts))
    return found


def first_text_paragraph(paragraphs: Iterable[Paragraph]) -> Paragraph | None:
    return next((p for p in paragraphs if p.text.strip()), None)


def last_text_paragraph(paragraphs: Iterable[Paragraph]) -> Paragraph | None:
    found = None
    for para in paragraphs:
        if para.text.strip():
            found = para
    return found


def intro_anchor(ctx: CheckContext) -> Paragraph | None:
    """Where something missing from the introduction is reported: its last paragraph, else the first
    paragraph with text, else the document's first paragraph (a document without text still gets
    its findings); None only when the body has no paragraph at all."""
    front = ctx.sections.find(FRONT_MATTER)
    if front:
        para = last_text_paragraph(front[0].paragraphs())
        if para is not None:
            return para
    paragraphs = ctx.document.paragraphs
    return first_text_paragraph(paragraphs) or (paragraphs[0] if paragraphs else None)


def section_anchor(ctx: CheckContext, section: Section) -> Paragraph | None:
    """A section's heading, else its first paragraph with text, else the intro anchor."""
    if section.heading is not None:
        return section.heading
    return first_text_paragraph(section.paragraphs(include_heading=True)) or intro_anchor(ctx)
