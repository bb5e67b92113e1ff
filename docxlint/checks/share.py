"""``share``: percentages quoted for counts ("予以公开68件，占44.7%") match a total the text states.

``share_pattern`` finds a count and its share (groups ``n``, ``unit``, ``pct``): "占", "约占",
"占比为", also past a comparison with last year ("68件，同比增长10%，占44.7%").
``respective_share_pattern`` (groups ``counts``, ``pcts``) finds parallel lists ("分别为68件、17件，
分别占44.7%、11.2%"), the n-th count going with the n-th percentage.
Shares of one sentence form a list ("自然人申请128件，占82.6%；法人或其他组织申请27件，
占17.4%"). The list's denominator is a count of the same unit stated earlier in the
paragraph ("受理…申请155件") that explains most of its shares, each share rounded
or truncated to the decimals written; it must explain at least two of them, or one
when the list's counts add up to it (a two-way split "自然人…；法人…") or when the list breaks that
count down and the share is written with decimals ("办结69件，其中予以公开24件，占34.8%；…"). Shares that
this denominator does not explain are reported, expecting part ÷ denominator. A list
for which no stated count qualifies is left alone: its denominator is not in the
text ("占全市的12%"), and one share matching by chance proves nothing. A list needs
``min_shares`` shares (default 2) before one can be blamed.

``denominators`` (cell sources as in ``consistency``: ``{"cell": {...}}``) add totals
from the tables: shares of the applications completed are often quoted without
the text stating that count. They may settle a list's denominator, and a share any
stated count or table total explains is never blamed.

A list too short to blame (fewer than ``min_shares``) is still checked share by share when its
clause opens with a ``label_pattern`` of ``labelled_denominators`` (``{"label_pattern",
"denominators": [cell sources], "unit"?, "scope"?}``: "自然人申请22件，占83.5%" is a share of the
applications): any of its table totals, or any count stated earlier in the paragraph, explaining
the share will do; a share larger than every total is left alone.

A share that names its denominator ("占办结总数的41.2%", ``named_share_pattern``, group ``of``)
is checked alone, ``min_shares`` aside, against the first ``named_denominators`` entry
(``{"name_pattern", "denominators": [cell sources]}``) whose ``name_pattern`` matches the name;
any of its table totals explaining the share will do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from docxlint.checks._util import matching_units, scope_sections
from docxlint.checks.base import CheckContext, Rule, finding_at_text, register
from docxlint.checks.sum import UNIT
from docxlint.extract import NUMBER_RE, decimals_written, format_number, lazy_pattern, parse_number, rounds_to
from docxlint.findings import Finding
from docxlint.model import Paragraph
from docxlint.sections import Section

#: a comparison with last year between a count and its share ("68件，同比增长10%，占44.7%")
_COMPARISON = r"(?:(?:同比|较上年度?|比上年度?|较去年|与上年相比)[^，,。；;（）()]{0,16}[，,]\s*)?"
DEFAULT_SHARE = (
    rf"(?<!第)(?P<n>{NUMBER_RE})\s*(?P<unit>{UNIT})\s*[，,、]?\s*[（(]?\s*{_COMPARISON}"
    r"(?P<about>约|大约)?(?:占比|占|比例为)(?:为|达)?(?P<about2>约)?(?:为)?\s*(?P<pct>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]"
)
_PERCENT = r"[0-9０-９]+(?:[.．][0-9０-９]+)?\s*[%％]"
#: counts and their shares in two parallel lists ("分别为68件、17件，分别占44.7%、11.2%")
DEFAULT_RESPECTIVE_SHARES = (
    rf"(?<!第)(?P<counts>{NUMBER_RE}\s*{UNIT}(?:\s*[、，,和及与]\s*[\u4e00-\u9fff]{{0,10}}?\s*{NUMBER_RE}\s*{UNIT})+)"
    r"\s*[，,；;]?\s*[（(]?\s*分别(?P<about>约|大约)?(?:占比|占|为)(?!全[市区县省国]|[\u4e00-\u9fff]{0,3}(?:上年|去年|上一年|前一年|同期))"
    r"(?:[\u4e00-\u9fff]{1,10}的)?(?:为|达)?"
    rf"(?P<about2>约)?\s*(?P<pcts>{_PERCENT}(?:\s*[、，,和及与]\s*{_PERCENT})+)"
)
_BREAKDOWN = lazy_pattern(r"其中|中[，,]")
_PERCENT_RE = lazy_pattern(r"([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]")
DEFAULT_COUNT = rf"(?<!第)(?P<n>{NUMBER_RE})\s*(?P<unit>{UNIT})"
#: A share that names its denominator: "予以公开575件，占办结总数的41.2%" (group ``of``: "办结").
DEFAULT_NAMED_SHARE = (
    rf"(?<!第)(?P<n>{NUMBER_RE})\s*(?P<unit>{UNIT})\s*[，,、]?\s*[（(]?\s*{_COMPARISON}(?P<about>约|大约)?"
    r"占(?!全[市区县省国])(?:全部|全年|本年度?)?"
    r"(?P<of>[\u3400-\u9fff]{1,8}?)(?:总数|总量|总件数|数量|件数|申请)?的?(?:比例|比重)?(?:为|达)?\s*"
    r"(?P<pct>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]"
)
_SENTENCE_END = lazy_pattern(r"[。！!？?\n]")
#: the words of a count's own clause before it ("…；自然人申请" in "…；自然人申请22件，占83.5%")
_LABEL = lazy_pattern(r"([^，,、；;。：:（(\n]{1,16})$")
#: words that may open a clause before its label ("其中自然人申请…", "全年自然人申请…")
_LABEL_OPENER = lazy_pattern(r"^(?:其中|全年|本年度?|共|另)+")


@dataclass(frozen=True, slots=True)
class Share:
    """One "A件，占P%": the part, its unit, the percentage as written and where that is."""

    part: Decimal
    unit: str
    percent: Decimal
    decimals: int
    span: tuple[int, int]  #: the percentage ("44.7%") in the paragraph
    start: int  #: where the statement (its count) starts
    approximate: bool = False  #: "约占": within one unit of the last digit written is still right


@register("share")
def check_share(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    options = rule.options
    share_re = ctx.pattern(options.get("share_pattern", DEFAULT_SHARE))
    count_re = ctx.pattern(options.get("count_pattern", DEFAULT_COUNT))
    respective_re = ctx.pattern(options.get("respective_share_pattern", DEFAULT_RESPECTIVE_SHARES))
    min_shares = options.get("min_shares", 2)
    table_totals: list[Decimal] | None = None
    sections, where = scope_sections(ctx, options.get("scope")), options.get("where", "all")
    units = matching_units(ctx, sections, where, share_re)
    more = [u for u in matching_units(ctx, sections, where, respective_re) if u not in units]
    if more:
        units = sorted([*units, *more], key=lambda unit: unit[0].index)
    yield from _named_shares(rule, ctx, options)
    for para, offset in units:
        shares = [s for m in share_re.finditer(para.text, offset) if (s := _share(m)) is not None]
        if respective_re.search(para.text, offset):
            shares = _with_respective(shares, respective_re, count_re, para.text, offset)
        for group in _sentences(para.text, shares):
            if len(group) < min_shares:
                yield from _labelled_shares(rule, ctx, para, group, _earlier_counts(para.text, count_re, group, offset))
                continue
            if table_totals is None:
                table_totals = _table_totals(ctx, options.get("denominators", []))
            counts = _earlier_counts(para.text, count_re, group, offset)
            opened = _opened_total(para.text, count_re, group)
            for share in _unexplained(group, counts, table_totals, opened):
                if not _part_of_a_nearer_count(para.text, count_re, group, share):
                    total = _denominator(group, counts + table_totals) or opened
                    yield _share_finding(rule, ctx, para, share, total)  # type: ignore[arg-type]


def _named_shares(rule: Rule, ctx: CheckContext, options: dict) -> Iterator[Finding]:
    """Shares naming their denominator ("占办结总数的41.2%"), checked one by one against the table
    total of the first ``named_denominators`` entry whose ``name_pattern`` matches the name (any of
    its ``denominators`` explaining the share will do)."""
    named = options.get("named_denominators", [])
    if not named:
        return
    share_re = ctx.pattern(options.get("named_share_pattern", DEFAULT_NAMED_SHARE))
    units = matching_units(ctx, scope_sections(ctx, options.get("scope")), options.get("where", "all"), share_re)
    for para, offset in units:
        for m in share_re.finditer(para.text, offset):
            share = _share(m)
            entry = next((e for e in named if ctx.pattern(e["name_pattern"]).search(m.group("of"))), None)
            if share is None or entry is None:
                continue
            totals = _table_totals(ctx, entry["denominators"])
            if totals and not any(explains(share, total) for total in totals):
                yield _share_finding(rule, ctx, para, share, totals[0])


def _labelled_shares(
    rule: Rule, ctx: CheckContext, para: Paragraph, group: list[Share], counts: list[Decimal]
) -> Iterator[Finding]:
    """Shares too few to settle a denominator among themselves, checked one by one when their clause
    opens by naming what they count ("自然人申请22件，占83.5%"): against the table totals of the first
    ``labelled_denominators`` entry whose ``label_pattern`` matches there, for shares of its ``unit``
    in its ``scope`` (the rule's by default). A share that any of those totals or any count stated
    earlier in the paragraph (``counts``) explains, or that exceeds every total, is never blamed."""
    for share in group:
        label = _LABEL().search(para.text, 0, share.start)
        words = _LABEL_OPENER().sub("", label.group(1)) if label else ""
        entry = next(
            (e for e in rule.options.get("labelled_denominators", []) if _fits(ctx, e, share, para, words)), None
        )
        if entry is None:
            continue
        totals = _table_totals(ctx, entry["denominators"])
        if totals and share.part <= max(totals) and not any(explains(share, t) for t in [*totals, *counts]):
            yield _share_finding(rule, ctx, para, share, totals[0])


def _fits(ctx: CheckContext, entry: dict, share: Share, para: Paragraph, words: str) -> bool:
    """Whether a ``labelled_denominators`` entry applies: its unit, its label opening the clause, its scope."""
    if entry.get("unit") not in (None, share.unit) or not ctx.pattern(entry["label_pattern"]).match(words):
        return False
    scope = entry.get("scope")
    return not scope or any(para.index in _paragraph_indexes(s) for s in scope_sections(ctx, scope))


def _paragraph_indexes(section: Section) -> set[int]:
    return {b.index for b in section.all_blocks(include_heading=True) if isinstance(b, Paragraph)}


def _table_totals(ctx: CheckContext, sources: list[dict]) -> list[Decimal]:
    """The totals the sources give (with ``part_cols``, also what a total's own row adds up to)."""
    from docxlint.checks.consistency import cell_readings

    return [value for source in sources for value, _, _ in cell_readings(ctx, source) if value > 0]


def _share(m: re.Match[str]) -> Share | None:
    part = parse_number(m.group("n"))
    percent = parse_number(m.group("pct"))
    if part is None or percent is None:
        return None
    decimals = decimals_written(m.group("pct"))
    return Share(part, m.group("unit"), percent, decimals, (m.start("pct"), m.end()), m.start(), _about(m))


def _about(m: re.Match[str]) -> bool:
    """Whether the share is said to be approximate (groups ``about``/``about2``, when the pattern has them)."""
    groups = m.re.groupindex
    return any(name in groups and m.group(name) for name in ("about", "about2"))


def _with_respective(
    shares: list[Share], respective_re: re.Pattern[str], count_re: re.Pattern[str], text: str, offset: int
) -> list[Share]:
    """``shares`` plus those of parallel lists ("68件、17件，分别占44.7%、11.2%"), in text order: the
    n-th count goes with the n-th percentage, when both lists are as long and of one unit."""
    added: list[Share] = []
    for m in respective_re.finditer(text, offset):
        counts = list(count_re.finditer(text, m.start("counts"), m.end("counts")))
        percents = list(_PERCENT_RE().finditer(text, m.start("pcts"), m.end("pcts")))
        counts = counts[-len(percents) :]  # "受理155件，办结152件，予以公开68件、部分公开17件，分别占…": the last ones
        if len(counts) != len(percents) or len({c.group("unit") for c in counts}) != 1:
            continue
        for count, pct in zip(counts, percents, strict=True):
            part, percent = parse_number(count.group("n")), parse_number(pct.group(1))
            if part is not None and percent is not None:
                span = (pct.start(), pct.end())
                decimals = decimals_written(pct.group(1))
                added.append(Share(part, count.group("unit"), percent, decimals, span, count.start(), _about(m)))
    taken = {share.span for share in shares}
    return sorted([*shares, *(a for a in added if a.span not in taken)], key=lambda share: share.span)


def _sentences(text: str, shares: list[Share]) -> list[list[Share]]:
    """Shares grouped by sentence and unit: one list of shares of one total."""
    groups: list[list[Share]] = []
    for share in shares:
        last = groups[-1][-1] if groups else None
        same = (
            last is not None and last.unit == share.unit and not _SENTENCE_END().search(text, last.span[1], share.start)
        )
        if same:
            groups[-1].append(share)
        else:
            groups.append([share])
    return groups


def _earlier_counts(text: str, count_re: re.Pattern[str], group: list[Share], offset: int) -> list[Decimal]:
    """Counts of the group's unit stated before the group in the paragraph, nearest first."""
    unit = group[0].unit
    values = [
        value
        for m in count_re.finditer(text, offset, group[0].start)
        if m.group("unit") == unit and (value := parse_number(m.group("n"))) is not None and value > 0
    ]
    return list(reversed(values))


def explains(share: Share, total: Decimal) -> bool:
    """Whether part ÷ total, rounded or truncated to the decimals written, is the percentage."""
    if total <= 0 or share.part > total:
        return False
    exact = share.part * 100 / total
    if share.approximate:
        return abs(exact - share.percent) <= Decimal(1).scaleb(-share.decimals)
    return rounds_to(exact, share.percent, share.decimals)


def _denominator(group: list[Share], counts: list[Decimal]) -> Decimal | None:
    """The stated count the list's shares are shares of (see the module docstring), nearest first on a tie."""
    parts = sum((share.part for share in group), Decimal(0))
    best: tuple[int, Decimal] | None = None
    for total in counts:
        explained = sum(1 for share in group if explains(share, total))
        if best is None or explained > best[0]:
            best = (explained, total)
    if best is None:
        return None
    explained, total = best
    if explained * 2 < len(group) or not (explained >= 2 or (explained == 1 and parts == total)):
        return None
    return total


def _unexplained(
    group: list[Share], counts: list[Decimal], tables: list[Decimal], opened: Decimal | None = None
) -> list[Share]:
    """The shares of ``group`` that neither its denominator nor any other candidate explains (none
    when the denominator is not stated). The count the list breaks down (``opened``, "办结69件，其中…")
    is its denominator as soon as it explains one of its shares written with decimals ("14.5%": a whole
    "3%" fits many counts by chance)."""
    candidates = counts + [t for t in tables if t not in counts]
    if _denominator(group, candidates) is None and not (
        opened is not None and any(share.decimals and explains(share, opened) for share in group)
    ):
        return []  # the denominator is not stated
    return [share for share in group if not any(explains(share, candidate) for candidate in candidates)]


def _opened_total(text: str, count_re: re.Pattern[str], group: list[Share]) -> Decimal | None:
    """The count the list breaks down: the last count of its unit before the list's first one, in its
    sentence, followed by "，其中" ("已办结69件，其中予以公开24件，占34.8%；部分公开10件，占14.5%")."""
    first = group[0].start
    begin = max((m.end() for m in _SENTENCE_END().finditer(text, 0, first)), default=0)
    last = None
    for m in count_re.finditer(text, begin, first):
        last = m
    if last is None or last.group("unit") != group[0].unit or not _OPENS_LIST().match(text, last.end(), first):
        return None
    return parse_number(last.group("n"))


_OPENS_LIST = lazy_pattern(r"\s*[，,：:]?\s*(?:其中|中[，,])\s*[，,：:]?[^0-9０-９，,；;。]{0,12}$")


def _part_of_a_nearer_count(text: str, count_re: re.Pattern[str], group: list[Share], share: Share) -> bool:
    """Whether a count of the list, broken down ("其中") before the share, explains it ("无法提供19件，其中本机关
    不掌握17件，占89.5%": a share of the 19, not of the list's total). Counts that are themselves
    shares of the list ("部分公开17件，占25%" after "予以公开68件，占44.7%") are not denominators."""
    shared = {s.start for s in group}
    for m in count_re.finditer(text, group[0].start, share.start):
        if m.start() in shared or m.group("unit") != share.unit:
            continue
        value = parse_number(m.group("n"))
        if value is not None and explains(share, value) and _BREAKDOWN().search(text, m.end(), share.start):
            return True
    return False


def _share_finding(rule: Rule, ctx: CheckContext, para: Paragraph, share: Share, total: Decimal) -> Finding:
    exact = share.part * 100 / total
    return finding_at_text(
        rule, ctx, para, *share.span,
        expected=f"{exact:.{share.decimals}f}%", actual=para.text[share.span[0] : share.span[1]],
        part=f"{format_number(share.part)}{share.unit}", total=f"{format_number(total)}{share.unit}",
    )  # fmt: skip
