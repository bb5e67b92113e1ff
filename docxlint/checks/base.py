"""What every check module shares: the Rule, the context a check runs in, the registry.

A check is a pure function ``(rule, ctx) -> Iterable[Finding]`` registered under
its rule *type* with :func:`register`. It reads the model and the section tree,
never XML, and never prints.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from docxlint import regex_cache
from docxlint.findings import ANCHOR_CELL, ANCHOR_MISSING, ANCHOR_TEXT, Finding, Severity
from docxlint.model import Cell, Document, Location, Paragraph
from docxlint.sections import Section, SectionTree


@dataclass(slots=True)
class Rule:
    """One rule of a pack (already validated against the schema)."""

    id: str
    type: str
    severity: Severity
    messages: dict[str, str]  #: message templates per language, "{expected}"-style placeholders
    options: dict[str, Any] = field(default_factory=dict)
    summary: str = ""
    rationale: str = ""
    examples: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True


@dataclass(slots=True)
class CheckContext:
    """Everything a check may read."""

    document: Document
    sections: SectionTree
    patterns: dict[str, str] = field(default_factory=dict)  #: the pack's named patterns
    pack: Any = None  #: the loaded RulePack (section definitions, config)
    cache: dict[Any, Any] = field(default_factory=dict)  #: per-document memo shared by checks
    previous: CheckContext | None = None  #: last year's report of the same agency, when given

    def pattern(self, ref: str) -> re.Pattern[str]:
        """Compile a pattern given inline or as ``@name`` of the pack's named patterns."""
        key = ("re", ref)  # a tuple: the string's cached hash, no copy of a long pattern per lookup
        compiled = self.cache.get(key)
        if compiled is None:
            source = self.patterns[ref[1:]] if ref.startswith("@") else ref
            compiled = regex_cache.compile(source)
            self.cache[key] = compiled
        return compiled

    def section_path_of(self, para: Paragraph) -> str:
        """The path of the section ``para`` is in, as findings show it (:func:`docxlint.checks._util.section_path`)."""
        from docxlint.checks._util import section_path

        return section_path(self, self.sections.section_of_paragraph(para.index))

    def section_path_of_table(self, index: int) -> str:
        from docxlint.checks._util import section_path

        return section_path(self, self.sections.section_of_table(index))


Check = Callable[[Rule, CheckContext], Iterable[Finding]]
_REGISTRY: dict[str, Check] = {}


def register(rule_type: str) -> Callable[[Check], Check]:
    """Decorator: make ``fn`` the check for ``rule_type``."""

    def wrap(fn: Check) -> Check:
        _REGISTRY[rule_type] = fn
        return fn

    return wrap


def get_check(rule_type: str) -> Check:
    from docxlint import checks  # noqa: F401  (imports every check module)

    return _REGISTRY[rule_type]


def registered_types() -> list[str]:
    from docxlint import checks  # noqa: F401

    return sorted(_REGISTRY)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, params: dict[str, Any]) -> str:
    """Fill ``{name}`` placeholders; unknown ones stay visible rather than raising."""
    return string.Formatter().vformat(template, (), _Blank({k: "" if v is None else v for k, v in params.items()}))


def finding_at_text(
    rule: Rule,
    ctx: CheckContext,
    para: Paragraph,
    start: int,
    end: int,
    expected: Any = None,
    actual: Any = None,
    **params: Any,
) -> Finding:
    """A finding anchored on ``para.text[start:end]``."""
    return _finding(rule, ctx, para, (start, end), ANCHOR_TEXT, expected, actual, params)


def finding_missing(
    rule: Rule, ctx: CheckContext, para: Paragraph, expected: Any = None, actual: Any = None, **params: Any
) -> Finding:
    """A finding about something absent, anchored on the paragraph where it should have been."""
    return _finding(rule, ctx, para, (0, len(para.text)), ANCHOR_MISSING, expected, actual, params)


def finding_at_cell(
    rule: Rule, ctx: CheckContext, cell: Cell, expected: Any = None, actual: Any = None, **params: Any
) -> Finding:
    """A finding on a table cell; anchored on the cell's first paragraph with text (all of its text),
    else its first paragraph."""
    paras = [p for p in cell.paragraphs if p.text.strip()] or cell.paragraphs
    table = ctx.document.tables[cell.table]
    if paras:
        para = paras[0]
        span = (0, len(para.text))
        loc = Location(block=para.location.block, paragraph=para.index, table=cell.table, row=cell.row, col=cell.col)
        excerpt = para.text
    else:
        span = None
        loc = Location(block=table.location.block, table=cell.table, row=cell.row, col=cell.col)
        excerpt = ""
    params = {"expected": expected, "actual": actual, "excerpt": excerpt, **params}
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        messages={lang: render(t, params) for lang, t in rule.messages.items()},
        location=loc,
        section=ctx.section_path_of_table(cell.table),
        span=span,
        excerpt=excerpt,
        expected=None if expected is None else str(expected),
        actual=None if actual is None else str(actual),
        anchor=ANCHOR_CELL,
        file=ctx.document.path,
    )


def _finding(
    rule: Rule,
    ctx: CheckContext,
    para: Paragraph,
    span: tuple[int, int],
    anchor: str,
    expected: Any,
    actual: Any,
    params: dict[str, Any],
) -> Finding:
    excerpt = para.text[span[0] : span[1]]
    params = {"expected": expected, "actual": actual, "excerpt": excerpt, **params}
    loc = para.location
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        messages={lang: render(t, params) for lang, t in rule.messages.items()},
        location=Location(block=loc.block, paragraph=para.index, table=loc.table, row=loc.row, col=loc.col),
        section=ctx.section_path_of(para),
        span=span,
        excerpt=excerpt,
        expected=None if expected is None else str(expected),
        actual=None if actual is None else str(actual),
        anchor=anchor,
        file=ctx.document.path,
    )


def section_scope(ctx: CheckContext, section_ids: Iterable[str] | None) -> list[Section]:
    """The sections named by id (all of them when ``section_ids`` is None or empty)."""
    if not section_ids:
        return [ctx.sections.root]
    out: list[Section] = []
    for sid in section_ids:
        out.extend(ctx.sections.find(sid))
    return out
