"""``required-sections``: the report has the pack's sections, in order, once, numbered in sequence.

``checks`` selects what to verify (default presence, order, duplicates):

- ``presence``: every required section of ``level`` is there; a missing one is
  reported where it should have been: on the heading of the next present section
  (else the previous one, else the intro), or as *renamed* on an unrecognised
  heading standing in its place (kinds ``missing``, ``renamed``);
- ``order`` / ``duplicates`` / ``unknown`` (a heading matching no section);
- ``numbering``: the labels of the ``level`` headings count 一、二、三… without
  gaps or repeats (``numbering_pattern``, group ``n``); ``sub-numbering`` does
  the same for （一）（二）… under each of them (``sub_numbering_pattern``);
- ``announced``: the intro's "由A、B…共六个部分组成" (``announce_pattern``,
  groups ``parts`` and ``count``, in ``announce_scope``) names as many parts as
  there are headings, each part matches a section, and every section is named
  (kinds ``announced-count``, ``announced-unknown``, ``announced-missing``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from docxlint.checks._util import intro_anchor, kind_rule, nested_items, scope_sections, scope_units
from docxlint.checks.base import CheckContext, Rule, finding_at_text, finding_missing, register
from docxlint.extract import lazy_pattern, parse_number, split_spans, to_chinese_numeral
from docxlint.findings import Finding
from docxlint.model import Paragraph
from docxlint.sections import FRONT_MATTER, Section, SectionDef, normalize_title

DEFAULT_CHECKS = ("presence", "order", "duplicates")
DEFAULT_NUMBERING = r"(?P<n>[一二三四五六七八九十百]+)"
DEFAULT_SUB_NUMBERING = r"[（(]?(?P<n>[一二三四五六七八九十百]+)"
DEFAULT_ANNOUNCE = (
    r"(?:由|包括|包含|分为|分成|共分)(?:(?P<parts>(?:(?!由|编制|编写)[^。；;]){2,300}?)(?:等|这|此)?\s*"
    r"(?:共|共计|计|合计|总计|总共)?)?\s*"
    r"(?P<count>[0-9０-９一二三四五六七八九十]+)\s*(?:个)?(?:部分|方面|章节|板块)"
)
#: The count before the list: "全文分五部分：总体情况；主动公开政府信息情况；…", "全文共六个部分：…".
DEFAULT_ANNOUNCE_COUNT_FIRST = (
    r"(?:全文|本报告|报告|年报)(?:内容)?(?:共|共计|一共|总共)?(?:分为?|分成|包括|包含|由)?\s*"
    r"(?P<count>[0-9０-９一二三四五六七八九十]+)\s*(?:个)?(?:部分|方面|章节|板块)(?:内容)?(?:组成|构成)?\s*[：:]\s*"
    r"(?P<parts>[^。]{2,300}?)(?=。|$)"
)
DEFAULT_SEPARATOR = r"[，,；;]|(?<![一二三四五六七八九十])、"
DEFAULT_PART_PREFIX = (
    r"^(?:\s|以及|和|及|与|还有|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|“|‘)+"
)
DEFAULT_ANNOUNCE_PATTERNS = (DEFAULT_ANNOUNCE_COUNT_FIRST, DEFAULT_ANNOUNCE)
_PART_SUFFIX = lazy_pattern(r"(?:”|’|\s)+$")
_MIN_CONTAINED = 4
_CONNECTIVE = lazy_pattern(r"以及|和|及|与")


@register("required-sections")
def check_required_sections(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    options = rule.options
    level = options.get("level", 1)
    checks = set(options.get("checks", DEFAULT_CHECKS))
    defs = [d for d in (ctx.pack.sections if ctx.pack is not None else []) if d.level == level]
    numbering = ctx.pattern(options.get("numbering_pattern", DEFAULT_NUMBERING))
    headed = _top_headings(
        [s for s in ctx.sections.root.walk() if s.level == level and s.heading is not None], defs, numbering
    )
    if checks & {"presence", "order", "duplicates", "unknown"}:
        yield from _structure(rule, ctx, defs, headed, checks)
    if "numbering" in checks:
        yield from _numbering(rule, ctx, headed, numbering)
    if "sub-numbering" in checks:
        sub = ctx.pattern(options.get("sub_numbering_pattern", DEFAULT_SUB_NUMBERING))
        for section in headed:
            children = [c for c in section.children if c.heading is not None]
            yield from _numbering(rule, ctx, children, sub, "（{}）", unnumbered=False)
    if "announced" in checks:
        yield from _announced(rule, ctx, defs, headed)


def _top_headings(headed: list[Section], defs: list[SectionDef], pattern: re.Pattern[str]) -> list[Section]:
    """The level's headings, without numbered items that only look like them.

    A short "一、加强组织领导" inside section 五, or "一、主动公开情况" inside section 一,
    looks like a top heading but is a numbered item (:func:`docxlint.checks._util.nested_items`).
    """
    items = nested_items(headed, defs, pattern)
    return [s for s in headed if id(s) not in items]


# --- presence, order, duplicates ---------------------------------------------------------


def _structure(
    rule: Rule, ctx: CheckContext, defs: list[SectionDef], headed: list[Section], checks: set[str]
) -> Iterator[Finding]:
    by_id = {d.id: d for d in defs}
    first: dict[str, Section] = {}
    for section in headed:
        if section.id in by_id and section.id not in first:
            first[section.id] = section
        elif section.id in by_id and "duplicates" in checks:
            yield _at_heading(kind_rule(rule, "duplicate"), ctx, section, actual=section.title)
    if "order" in checks:
        yield from _order(rule, ctx, [s for s in headed if first.get(s.id or "") is s], by_id)
    unknown = [s for s in headed if s.id not in by_id]
    renamed: set[int] = set()
    if "presence" in checks:
        for finding, used in _missing(rule, ctx, defs, first, unknown, headed):
            if used is not None:
                renamed.add(id(used))
            yield finding
    if "unknown" in checks:
        for section in unknown:
            if id(section) not in renamed:
                yield _at_heading(kind_rule(rule, "unknown"), ctx, section, actual=section.title)


def _order(rule: Rule, ctx: CheckContext, present: list[Section], by_id: dict[str, SectionDef]) -> Iterator[Finding]:
    seen: list[Section] = []
    for section in present:
        order = by_id[section.id or ""].order
        later = next((s for s in seen if by_id[s.id or ""].order > order), None)
        if later is not None:
            place = later.number.strip() or later.title  # where it belongs: the label of the section it should precede
            yield _at_heading(
                kind_rule(rule, "order"), ctx, section, expected=place, actual=section.title, before=later.title
            )
        seen.append(section)


def _missing(
    rule: Rule,
    ctx: CheckContext,
    defs: list[SectionDef],
    first: dict[str, Section],
    unknown: list[Section],
    headed: list[Section],
) -> Iterator[tuple[Finding, Section | None]]:
    position = {id(s): i for i, s in enumerate(headed)}
    free = list(unknown)
    for d in sorted(defs, key=lambda d: d.order):
        if not d.required or d.id in first:
            continue
        before = [first[x.id] for x in defs if x.id in first and x.order < d.order]
        after = [first[x.id] for x in defs if x.id in first and x.order > d.order]
        low = max((position[id(s)] for s in before), default=-1)
        high = min((position[id(s)] for s in after), default=len(headed))
        stand_in = next((s for s in free if low < position[id(s)] < high), None)
        if stand_in is not None:
            free.remove(stand_in)
            yield (
                _at_heading(kind_rule(rule, "renamed"), ctx, stand_in, expected=d.title, actual=stand_in.title),
                stand_in,
            )
            continue
        anchor = _missing_anchor(ctx, headed, low, high)
        if anchor is not None:
            yield finding_missing(kind_rule(rule, "missing"), ctx, anchor, expected=d.title), None


def _missing_anchor(ctx: CheckContext, headed: list[Section], low: int, high: int) -> Paragraph | None:
    """Where a missing section should have been: the heading it should precede, else the one it should follow."""
    if high < len(headed):
        return headed[high].heading
    if low >= 0:
        return headed[low].heading
    return intro_anchor(ctx)


def _at_heading(
    rule: Rule, ctx: CheckContext, section: Section, expected: object = None, actual: object = None, **params: object
) -> Finding:
    """A finding on the whole heading (numbering label included, surrounding spaces excluded)."""
    assert section.heading is not None
    start, end = section.heading_span()
    return finding_at_text(rule, ctx, section.heading, start, end, expected=expected, actual=actual, **params)


# --- numbering -----------------------------------------------------------------------


def _numbering(
    rule: Rule,
    ctx: CheckContext,
    sections: Sequence[Section],
    pattern: re.Pattern[str],
    form: str = "{}、",
    unnumbered: bool = True,
) -> Iterator[Finding]:
    """Labels must count 1, 2, 3…: report each label that does not follow its predecessor, each
    label of another form ("1." where ``form`` makes "一、") with the one expected there, and (with
    ``unnumbered``) each heading without a label ("总体情况", known by its title or style)."""
    previous = 0
    numbering_rule = kind_rule(rule, "numbering")
    for section in sections:
        label = _label(section, pattern)
        if label is None:
            if unnumbered and section.heading is not None and not section.number:
                previous += 1
                start, end = section.heading_span()
                yield finding_at_text(kind_rule(rule, "unnumbered"), ctx, section.heading, start, end,
                                      expected=form.format(to_chinese_numeral(previous)), actual="")  # fmt: skip
            elif section.heading is not None and section.number:
                previous += 1
                start = section.heading_span()[0]
                end = start + len(section.number)
                yield finding_at_text(kind_rule(rule, "numbering-format"), ctx, section.heading, start, end,
                                      expected=form.format(to_chinese_numeral(previous)),
                                      actual=section.heading.text[start:end])  # fmt: skip
            continue
        start, end, numeral, value = label
        if value != previous + 1:
            assert section.heading is not None
            shown = section.heading.text[start:end]
            deeper = shown.startswith(("（", "(")) and not form.startswith(("（", "("))
            if deeper:  # "（六）主动公开…": a deeper level's label on a section; the count goes on from its place
                expected = form.format(to_chinese_numeral(previous + 1))
                value = previous + 1
            else:
                expected = shown.replace(
                    numeral, to_chinese_numeral(previous + 1) if _is_chinese(numeral) else str(previous + 1), 1
                )
            yield finding_at_text(numbering_rule, ctx, section.heading, start, end, expected=expected, actual=shown)
        previous = value


def _label(section: Section, pattern: re.Pattern[str]) -> tuple[int, int, str, int] | None:
    """(start, end) of the numbering label in the heading text, its numeral and value."""
    if section.heading is None or not section.number:
        return None
    start = section.heading_span()[0]
    m = pattern.search(section.number)
    if m is None:
        return None
    value = parse_number(m.group("n"))
    if value is None:
        return None
    return start, start + len(section.number.rstrip()), m.group("n"), int(value)


def _is_chinese(numeral: str) -> bool:
    return not numeral[:1].isdigit()


# --- the announced list of parts -----------------------------------------------------------


@dataclass(slots=True)
class Part:
    name: str
    start: int  #: offset in the paragraph text
    end: int
    section: SectionDef | None


def _announced(rule: Rule, ctx: CheckContext, defs: list[SectionDef], headed: list[Section]) -> Iterator[Finding]:
    options = rule.options
    if "announce_pattern" in options:
        patterns = [ctx.pattern(options["announce_pattern"])]
    else:
        patterns = [ctx.pattern(p) for p in options.get("announce_patterns", DEFAULT_ANNOUNCE_PATTERNS)]
    sections = scope_sections(ctx, options.get("announce_scope", [FRONT_MATTER]))
    for para, offset in scope_units(ctx, sections) if sections else []:
        m = next((found for p in patterns if (found := p.search(para.text, offset))), None)
        if m is None:
            continue
        distinct = len({s.id for s in headed if s.id is not None}) + sum(1 for s in headed if s.id is None)
        yield from _announced_count(rule, ctx, para, m, distinct)
        if m.groupdict().get("parts"):
            separator = ctx.pattern(options.get("part_separator_pattern", DEFAULT_SEPARATOR))
            prefix = ctx.pattern(options.get("part_prefix_pattern", DEFAULT_PART_PREFIX))
            parts = split_parts(para.text, m.span("parts"), separator, prefix, defs)
            yield from _announced_parts(rule, ctx, para, m, parts, headed, defs)
        return  # one announcement per report


def _announced_count(
    rule: Rule, ctx: CheckContext, para: Paragraph, m: re.Match[str], n_headings: int
) -> Iterator[Finding]:
    if not m.groupdict().get("count") or n_headings == 0:
        return
    count = parse_number(m.group("count"))
    if count is not None and int(count) != n_headings:
        start, end = m.span("count")
        shown = to_chinese_numeral(n_headings) if _is_chinese(m.group("count")) else str(n_headings)
        yield finding_at_text(
            kind_rule(rule, "announced-count"), ctx, para, start, end, expected=shown, actual=m.group("count")
        )


def _announced_parts(
    rule: Rule,
    ctx: CheckContext,
    para: Paragraph,
    m: re.Match[str],
    parts: list[Part],
    headed: list[Section],
    defs: list[SectionDef],
) -> Iterator[Finding]:
    if len(parts) < 2:
        return  # not a list of names
    named = {p.section.id for p in parts if p.section is not None}
    unnamed = [s for s in headed if s.id is not None and s.id not in named]
    unknown = [p for p in parts if p.section is None]
    if len(unknown) == len(unnamed):  # each unknown name stands where a heading's name should be
        for part, section in zip(unknown, unnamed, strict=True):
            yield finding_at_text(kind_rule(rule, "announced-unknown"), ctx, para, part.start, part.end,
                                  expected=section.title, actual=part.name)  # fmt: skip
        return
    for part in unknown:
        yield finding_at_text(kind_rule(rule, "announced-unknown"), ctx, para, part.start, part.end, actual=part.name)
    start, end = m.span("parts")
    for section in unnamed:
        yield finding_at_text(kind_rule(rule, "announced-missing"), ctx, para, start, end, expected=section.title)


def split_parts(
    text: str, span: tuple[int, int], separator: re.Pattern[str], prefix: re.Pattern[str], defs: Sequence[SectionDef]
) -> list[Part]:
    """The announced part names, joining pieces whose name holds a separator ("行政复议、行政诉讼情况")."""
    pieces = split_spans(text, span, separator)
    parts: list[Part] = []
    i = 0
    while i < len(pieces):
        start, end = _clean(text, pieces[i][0], pieces[i][1], prefix)
        pair = _split_connective(text, start, end, defs)
        if pair:
            parts.extend(pair)
            i += 1
            continue
        part, used = _piece_match(text, pieces, i, (separator, prefix), defs)
        parts.append(part or Part(text[start:end], start, end, None))
        i += used
    return _merge_repeats([p for p in parts if p.name])


def _merge_repeats(parts: list[Part]) -> list[Part]:
    """Neighbouring pieces that name the same section are one part split at a "、"."""
    out: list[Part] = []
    for part in parts:
        if out and part.section is not None and out[-1].section is part.section:
            last = out[-1]
            out[-1] = Part(last.name + "、" + part.name, last.start, part.end, last.section)
        else:
            out.append(part)
    return out


def _piece_match(
    text: str,
    pieces: list[tuple[int, int]],
    i: int,
    patterns: tuple[re.Pattern[str], re.Pattern[str]],
    defs: Sequence[SectionDef],
) -> tuple[Part | None, int]:
    """The part starting at piece ``i`` and how many pieces it spans.

    Joined pieces ("政府信息公开行政复议" + "行政诉讼情况") are taken when they spell a
    title or alias exactly, or when the first piece alone names nothing and the
    joined name belongs to a section whose name holds a separator.
    """
    separator, prefix = patterns
    spans = {
        used: _clean(text, pieces[i][0], pieces[i + used - 1][1], prefix)
        for used in range(1, min(3, len(pieces) - i) + 1)
    }
    for used in sorted(spans, reverse=True):
        start, end = spans[used]
        exact = exact_section(text[start:end], defs)
        if used > 1 and exact is not None:
            return Part(text[start:end], start, end, exact), used
    start, end = spans[1]
    alone = match_section(text[start:end], defs)
    if alone is not None:
        return Part(text[start:end], start, end, alone), 1
    for used in sorted(spans):
        start, end = spans[used]
        section = match_section(text[start:end], defs)
        if used > 1 and section is not None and _splittable(section, separator):
            return Part(text[start:end], start, end, section), used
    return None, 1


def _splittable(section: SectionDef, separator: re.Pattern[str]) -> bool:
    """Whether one of the section's names itself holds a separator, so that it may span pieces."""
    return any(separator.search(name) for name in (section.title, *section.aliases))


def exact_section(name: str, defs: Sequence[SectionDef]) -> SectionDef | None:
    """The section whose title or an alias is ``name`` (spaces and end punctuation aside)."""
    norm = normalize_title(name)
    return next((d for d in defs if norm in map(normalize_title, (d.title, *d.aliases))), None)


def _clean(text: str, start: int, end: int, prefix: re.Pattern[str]) -> tuple[int, int]:
    """The piece without its leading connective/numbering and trailing quotes."""
    m = prefix.match(text[start:end])
    if m:
        start += m.end()
    suffix = _PART_SUFFIX().search(text, start, end)
    if suffix and suffix.end() == end:
        end = suffix.start()
    return start, end


def _split_connective(text: str, start: int, end: int, defs: Sequence[SectionDef]) -> list[Part]:
    """ "A和B" where A and B name two different sections (the best-matching split); else nothing."""
    best: tuple[int, list[Part]] = (0, [])
    for m in _CONNECTIVE().finditer(text, start, end):
        left, right = text[start : m.start()], text[m.end() : end]
        (a, score_a), (b, score_b) = _scored_match(left, defs), _scored_match(right, defs)
        if a is not None and b is not None and a.id != b.id and min(score_a, score_b) > best[0]:
            best = (min(score_a, score_b), [Part(left, start, m.start(), a), Part(right, m.end(), end, b)])
    return best[1]


def _scored_match(name: str, defs: Sequence[SectionDef]) -> tuple[SectionDef | None, int]:
    """The section ``name`` designates and how surely: 3 exact, 2 by pattern, 1 by containment."""
    exact = exact_section(name, defs)
    if exact is not None:
        return exact, 3
    section = match_section(name, defs)
    if section is None:
        return None, 0
    return section, (2 if section.pattern and section.pattern.search(normalize_title(name)) else 1)


def match_section(name: str, defs: Sequence[SectionDef]) -> SectionDef | None:
    """The section a part name designates: exact title/alias/pattern, else one containing the other."""
    norm = normalize_title(name)
    if not norm:
        return None
    for d in defs:
        if d.matches(norm):
            return d
    if len(norm) < _MIN_CONTAINED:
        return None
    for d in defs:
        for title in (d.title, *d.aliases):
            other = normalize_title(title)
            if norm in other or (len(other) >= _MIN_CONTAINED and other in norm):
                return d
    return _abridging(norm, defs)


_CONNECTIVES = lazy_pattern(r"[、和及与]")


def _abridging(norm: str, defs: Sequence[SectionDef]) -> SectionDef | None:
    """The one section whose title the name abridges: its characters in order, most of them kept
    ("其他报告的事项" for 其他需要报告的事项)."""
    found = {d.id: d for d in defs for title in (d.title, *d.aliases) if _is_abridgement(norm, normalize_title(title))}
    return next(iter(found.values())) if len(found) == 1 else None


def _is_abridgement(short: str, title: str) -> bool:
    short, title = _CONNECTIVES().sub("", short), _CONNECTIVES().sub("", title)  # "复议和诉讼" for "复议、行政诉讼"
    if len(short) * 10 < len(title) * 7:
        return False
    letters = iter(title)
    return all(char in letters for char in short)
