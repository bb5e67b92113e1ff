"""Rule type ``consistency``: the same fact stated in several places must agree.

Options::

    {"facts": [
      {"name": "applications-received",
       "sources": [
         {"pattern": "收到…申请(?P<n>{{number}})件", "scope": ["overview"]},
         {"pattern": "未收到…申请", "value": 0},
         {"cell": {"table": LOCATOR, "row": "本年新收政府信息公开申请数量", "col": "总计"},
          "label": {"zh": "表三第一项总计", "en": "table 3, row 1, total"}},
         {"any_of": [{"cell": {…}}, {"cell": {"table": …, "rows": [A, B], "col": "总计"}}]}]}]}

A text source yields one observation per match: the number in group ``n`` (or the
constant ``value``); none when its sentence (with the one before, when it opens with 其中/上述…)
matches ``unless_pattern`` ("作为行政复议机关"), or its sentence before the match matches
``unless_before_pattern`` ("省政府本级被申请…") or names, by ``unless_agency_pattern``, an agency
other than the report's ("县自然资源局收到…" in a county's report), or the sentence, up to the
match, last names another year than the report's ("去年同期新收…", "2022年，我局…", "2024年1月以来"), or
when ``when_year`` (``{"group", "offset"}``) names a group holding a year other than the report
year plus ``offset`` ("2022年结转的2件" states the carry-in of the 2023 report only), or the
report year is unknown.
A match without an ``inherit_pattern`` match of its own takes the last one earlier in its clause
into its key ("主办区人大代表建议2件、区政协提案3件": the 提案 are 主办 too). Groups whose names start with ``key`` split a fact into one
fact per key ("市级政协提案", "区级政协提案"), so one rule covers many counts; the
key group named by ``year_group`` is left out when it is the report's own year
("2023年收到…" and "收到…" are the same fact, "2022年收到…" is another). The
fact's ``key_aliases`` map other names of a key part to one name
(``{"政协委员提案": "政协提案"}``: "县政协委员提案218件" and "县政协提案281件" are one fact). A
group named ``fact`` narrows the anchor to part of the match. A
cell source yields the sum of its cells (``row``/``rows`` × ``col``/``cols``;
``row`` may be left out for a one-row table; a row label ending in ``/*`` names a group's
sub-rows); ``any_of`` accepts any of its
alternatives. ``part_cols`` names the columns a total adds up (in the same rows): when their cells
add up to something else, the table contradicts itself (its own rule reports the total) and a text
stating either value is not blamed. A blank or "/" cell makes the sum unknown (the table rule
reports the cell); when
the other cells already add up to more than 0, the sum is at least that, and a text stating less
("均获维持" where the table shows 2 reviews pending and other cells blank) is reported.

The agreed value is the one the tables support, else the one stated most often,
else the first; every observation that disagrees is reported where it stands,
naming the place and the value it contradicts (``expected``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docxlint import regex_cache
from docxlint.checks._util import owning_top, with_items
from docxlint.checks.base import CheckContext, Rule, finding_at_cell, finding_at_text, register, section_scope
from docxlint.extract import (
    SENTENCE_REACH,
    clause_start,
    lazy_pattern,
    mark_before,
    parse_number,
    report_year,
    split_spans,
)
from docxlint.findings import Finding
from docxlint.literals import match_filter
from docxlint.model import Cell, Paragraph
from docxlint.sections import FRONT_MATTER
from docxlint.tables import Axis, TableView, find_tables
from docxlint.tables import describe_number as fmt


@dataclass(frozen=True, slots=True)
class Alternative:
    """One acceptable value of an observation and how to name where it comes from."""

    value: Decimal
    place_zh: str
    place_en: str
    #: a text whose paragraph this matches does not agree with the table by this alternative
    unless_text: re.Pattern[str] | None = None
    #: the cells a table's value adds up, by (table, row, col)
    cells: tuple[tuple[int, int, int], ...] = ()


@dataclass(slots=True)
class Observation:
    """A fact as stated in one place: in text (``para`` + ``span``) or in table cells (``cell``)."""

    alternatives: tuple[Alternative, ...]
    position: tuple[int, int]
    para: Paragraph | None = None
    span: tuple[int, int] = (0, 0)
    cell: Cell | None = None
    at_least: bool = False  #: cells left blank: the alternatives' values are lower bounds

    @property
    def from_table(self) -> bool:
        return self.cell is not None

    def supports(self, value: Decimal) -> bool:
        if self.at_least:
            return any(value >= alt.value for alt in self.alternatives)
        return any(alt.value == value for alt in self.alternatives)

    def alternative(self, value: Decimal) -> Alternative:
        return next(alt for alt in self.alternatives if alt.value == value)


@register("consistency")
def check_consistency(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Every fact (per key) must have one value across all the places that state it."""
    for fact in rule.options.get("facts", []):
        for key, observations in _observations(ctx, fact).items():
            yield from _disagreements(rule, ctx, fact, key, observations)


def _observations(ctx: CheckContext, fact: Mapping[str, Any]) -> dict[str, list[Observation]]:
    """The fact's observations by key; the tables are read only when some text states the fact
    (or the fact has no text source): a table alone has nothing to disagree with."""
    by_key: dict[str, list[Observation]] = {}
    sources = fact.get("sources", [])
    cells = [s for s in sources if "cell" in s or "any_of" in s]
    texts = [s for s in sources if not ("cell" in s or "any_of" in s)]
    seen: set[tuple[str, int, tuple[int, int]]] = set()
    for source in texts:
        for key, observation in _text_observations(ctx, source, fact.get("key_aliases") or {}):
            where = (key, observation.position[0], observation.span)
            if where not in seen:  # two sources reading the same words make one observation
                seen.add(where)
                by_key.setdefault(key, []).append(observation)
            if len(seen) >= MAX_OBSERVATIONS:
                break  # a report states a count a few times; thousands of statements are not a report's
    if by_key or not texts:
        for source in cells:
            observation = _cell_observation(ctx, source)
            if observation is not None:
                by_key.setdefault("", []).append(observation)
    return by_key


#: Statements of one fact read from the text of a document, at most (a hostile megabyte paragraph
#: repeating one sentence with random counts would otherwise cost seconds per fact).
MAX_OBSERVATIONS = 500


# --- text --------------------------------------------------------------------------------


def _text_observations(
    ctx: CheckContext, source: Mapping[str, Any], aliases: Mapping[str, str]
) -> Iterator[tuple[str, Observation]]:
    pattern = _compile(ctx, source["pattern"])
    may_match = match_filter(pattern)
    scope = tuple(source.get("scope") or ())
    paragraphs, joined = _scope_paragraphs(ctx, scope)
    key = ("consistency-may-match", pattern, scope)  # sources share patterns ("{{respective-list}}")
    possible = ctx.cache.get(key)
    if possible is None:
        possible = ctx.cache[key] = bool(may_match(joined))
    if not possible:
        return  # one test on the scope's whole text: most facts are not stated in most reports
    unless = _compile(ctx, source["unless_pattern"]) if source.get("unless_pattern") else None
    before = _compile(ctx, source["unless_before_pattern"]) if source.get("unless_before_pattern") else None
    agency = _compile(ctx, source["unless_agency_pattern"]) if source.get("unless_agency_pattern") else None
    inherit = _compile(ctx, source["inherit_pattern"]) if source.get("inherit_pattern") else None
    constant = source.get("value")
    key_groups = sorted((i, name) for name, i in pattern.groupindex.items() if name.startswith("key"))
    respective = _respective(ctx, source, pattern)
    for para in paragraphs:
        if not may_match(para.text):
            continue
        for m in _finditer(ctx, pattern, para) if respective is not None else pattern.finditer(para.text):
            picked = _respective_count(para.text, m, respective) if respective is not None else None
            if respective is not None and picked is None:
                continue
            if constant is not None:
                value: Decimal | None = Decimal(str(constant))
            else:
                value = picked[0] if picked is not None else _group_number(m)
            if value is None or (unless is not None and unless.search(_context(para.text, m.start()))):
                continue
            if before is not None and before.search(_sentence_before(para.text, m.start())):
                continue
            if agency is not None and _names_another_agency(ctx, agency, _sentence_before(para.text, m.end())):
                continue
            if _about_another_year(ctx, para.text, m.start()):
                continue
            if not _year_fits(ctx, source, m):
                continue
            key = "/".join(
                _normalize_key(m.group(name), aliases) for _, name in key_groups if _keeps(ctx, source, m, name)
            )
            if inherit is not None and not inherit.search(m.group()):
                carried = _carried(para.text, m.start(), inherit)
                key = f"{carried}/{key}" if carried else key
            span = m.span("fact") if "fact" in pattern.groupindex and m.group("fact") else m.span()
            if picked is not None:
                span = picked[1]
            excerpt = para.text[span[0] : span[1]]
            place_zh, place_en = _text_place(ctx, para, excerpt)
            alternative = Alternative(value, place_zh, place_en)
            yield key, Observation((alternative,), (para.index, span[0]), para=para, span=span)


@dataclass(frozen=True, slots=True)
class Respective:
    """How a source reads respective lists: its name, the kind of list (two names at least), and lists
    of something else (the names and the words just before them)."""

    name: re.Pattern[str]
    family: re.Pattern[str] | None
    unless: re.Pattern[str] | None


def _respective(ctx: CheckContext, source: Mapping[str, Any], pattern: re.Pattern[str]) -> Respective | None:
    if not source.get("respective_name") or not {"names", "counts"} <= pattern.groupindex.keys():
        return None  # a pattern without the two lists reads nothing this way
    family = _compile(ctx, source["respective_family"]) if source.get("respective_family") else None
    unless = _compile(ctx, source["respective_unless"]) if source.get("respective_unless") else None
    return Respective(_compile(ctx, source["respective_name"]), family, unless)


def _finditer(ctx: CheckContext, pattern: re.Pattern[str], para: Paragraph) -> list[re.Match[str]]:
    """The pattern's matches in the paragraph, found once for all the sources sharing the pattern."""
    key = ("consistency-matches", pattern, para.index)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = list(pattern.finditer(para.text))
    return found


def _respective_count(text: str, m: re.Match[str], how: Respective) -> tuple[Decimal, tuple[int, int]] | None:
    """In a respective list ("自然人、商业企业和其他组织分别提出120件、35件、2件": groups ``names`` and
    ``counts``), the count in the place of the one name ``how.name`` matches, with its span; None when the
    two lists differ in length, no name or more than one matches, fewer than two names are of the family,
    or the list is of something else (the names and the words just before them)."""
    if how.unless is not None and how.unless.search(text, max(0, m.start() - 12), m.start("counts")):
        return None
    names = split_spans(text, m.span("names"), _NAME_SEPARATOR())
    counts = split_spans(text, m.span("counts"), _COUNT_SEPARATOR())
    if len(names) != len(counts) or len(names) < 2:
        return None
    words = [text[start:end].strip('“”" ') for start, end in names]
    if how.family is not None and sum(1 for w in words if how.family.search(w)) < 2:
        return None
    places = [i for i, word in enumerate(words) if how.name.search(word)]
    if len(places) != 1:
        return None
    start, end = counts[places[0]]
    value = _NUMBER_IN().search(text, start, end)
    number = parse_number(value.group()) if value else None
    return (number, (start, end)) if number is not None else None


_NAME_SEPARATOR = lazy_pattern(r"[、，,]|和|及|与|以及")
_COUNT_SEPARATOR = lazy_pattern(r"、|，(?![０-９]{3})|,(?![0-9０-９]{3})|和|及")
_NUMBER_IN = lazy_pattern(
    r"[0-9０-９][0-9０-９,，.．]*(?:\s?[万亿])?|[零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿]+"
)


def _carried(text: str, position: int, inherit: re.Pattern[str]) -> str | None:
    """The last ``inherit`` match in the clause before ``position`` ("主办区人大代表建议2件、区政协提案3件":
    the 提案 are 主办 too), clauses ending at "，", "；" and "。"."""
    start = _sentence_start(text, position, _CLAUSE_MARKS)
    found = [m.group() for m in inherit.finditer(text, start, position)]
    return found[-1] if found else None


_CLAUSE_MARKS = ("，", ",", "；", ";", "。", "\n")


def _sentence(text: str, position: int) -> str:
    """The sentence of ``text`` holding ``position`` (between "。", "；", "！", "？" and line breaks)."""
    start = _sentence_start(text, position)
    limit = min(len(text), position + SENTENCE_REACH)
    ends = [i for i in (text.find(mark, position, limit) for mark in SENTENCE_MARKS) if i >= 0]
    return text[start : min(ends, default=limit)]


def _mark_before(text: str, position: int) -> int:
    return mark_before(text, position, SENTENCE_MARKS)


def _sentence_start(text: str, position: int, marks: Sequence[str] = ()) -> int:
    return clause_start(text, position, marks or SENTENCE_MARKS)


SENTENCE_MARKS = ("。", "；", ";", "！", "？", "\n")
#: a sentence opening this way goes on with the subject of the one before it ("…；另有4件结转下年度")
_CONTINUATION = lazy_pattern(
    r"\s*(?:其中|上述|以上|这些|此类|该|另有|尚有|还有|(?:剩|其)?余下?|涉及(?:政府)?信息公开的)"
)


def _context(text: str, position: int) -> str:
    """The sentence holding ``position``, with the one before it when it goes on with that one's subject
    ("区政府作为行政复议机关，受理…86件。其中涉及政府信息公开的16件，…维持9件": the reviewing body's)."""
    sentence = _sentence(text, position)
    start = _mark_before(text, position)
    if start <= 0 or not _CONTINUATION().match(sentence):
        return sentence
    return _sentence(text, start - 1) + text[start] + sentence


def _sentence_before(text: str, position: int) -> str:
    """The sentence up to ``position`` ("县政府本级办结31件，结转下年度1件": "县政府本级办结31件，")."""
    return text[_sentence_start(text, position) : position]


def _names_another_agency(ctx: CheckContext, pattern: re.Pattern[str], before: str) -> bool:
    """Whether ``before`` names, as ``pattern`` finds it, an agency other than the report's ("县自然资源局
    收到…申请41件" in the county government's report: a part of its figures). Unknown who reports,
    any agency named is taken as another."""
    from docxlint.checks.identity import agree, report_agency

    names = [m.group() for m in pattern.finditer(before)]
    if not names:
        return False
    if "report-agency" not in ctx.cache:
        ctx.cache["report-agency"] = report_agency(ctx)
    ours = ctx.cache["report-agency"]
    return ours is None or any(not agree(name, ours) or _office_of_a_government(name, ours) for name in names)


def _office_of_a_government(name: str, ours: str) -> bool:
    """A government's general office named in the government's own report ("市政府办公室新收申请1206件" in
    the 市人民政府's): an agency of its own, whose figures are a part of the report's."""
    return _GOVERNMENT_OFFICE().search(name) is not None and _GOVERNMENT_OFFICE().search(ours) is None


_GOVERNMENT_OFFICE = lazy_pattern(r"政府办公(?:室|厅)$")


#: what sets the time a sentence speaks of: last year ("上年度", "去年同期", "（上年为…"), a year, or
#: this year ("本年度", "全年"); not a comparison ("较上年", "与2022年相比") nor a carry-over ("上年结转")
_TIME_MARK = lazy_pattern(
    r"(?<![较比与同于])(?:(?P<last>上一?年(?!度?(?:结转|转结|相比|同期相比|以来))度?|去年(?!相比|同期相比|以来))"
    r"(?:同期)?(?:全年|年内)?"
    r"|(?P<year>(?:19|20|１９|２０)[0-9０-９]{2})\s*年(?!度?(?:结转|转结|以前|之前|相比))度?(?:全年|年内)?"
    r"|本年度?|今年|全年|年内)"
)


_CLOSED_BRACKETS = lazy_pattern(r"[（(][^（）()]*[）)]")
_SINCE = lazy_pattern(r"\s*(?:[0-9０-９]{1,2}\s*月(?:[0-9０-９]{1,2}\s*日)?)?\s*(?:以来|起|至今)")


def _about_another_year(ctx: CheckContext, text: str, position: int) -> bool:
    """Whether the sentence, up to ``position``, last named another year than the report's: an earlier
    one ("去年同期新收…102件", "2022年，我局未收到…申请", "（上年为…）") or a time after it ("2024年1月
    以来"). Later years otherwise ("结转2024年度") and comparisons ("较上年增长10%，…") do not count."""
    # a remark in brackets closed before the count ("增长20%（上年为20件），上年结转2件") sets no time for it
    before = _CLOSED_BRACKETS().sub(lambda b: " " * len(b.group()), _sentence_before(text, position))
    if _in_brackets_after_last_year(ctx, before):
        return True  # "与上年（行政复议5件、行政诉讼2件）相比": last year's figures in its bracket
    last = None
    for m in _TIME_MARK().finditer(before):
        if m.group("year"):
            found = report_year(ctx)
            year = parse_number(m.group("year"))
            if found is None or year is None:
                continue
            if year > found[0]:
                if _SINCE().match(before, m.end()):
                    last = "past"  # "2024年1月以来": after the report's year
                continue  # a later year: a carry-over or the publication, not the time spoken of
            last = "past" if year < found[0] else "this"
        else:
            last = "past" if m.group("last") else "this"
    return last == "past"


def _in_brackets_after_last_year(ctx: CheckContext, before: str) -> bool:
    """Whether ``before`` (closed brackets blanked) ends inside a bracket opened right after last year or an
    earlier year ("与上年（行政复议5件、…", "2022年（共…")."""
    opened = max(before.rfind("（"), before.rfind("("))
    if opened < 0:
        return False
    m = _YEAR_BEFORE_BRACKET().search(before, 0, opened)
    if m is None:
        return False
    if m.group("year") is None:
        return True
    found, year = report_year(ctx), parse_number(m.group("year"))
    return found is not None and year is not None and year < found[0]


_YEAR_BEFORE_BRACKET = lazy_pattern(r"(?:上一?年度?|去年|(?P<year>(?:19|20)[0-9]{2})\s*年度?)(?:同期)?\s*$")


def _year_fits(ctx: CheckContext, source: Mapping[str, Any], m: re.Match[str]) -> bool:
    """``when_year`` (``{"group", "offset"}``): a year the match names in ``group`` must be the report
    year plus ``offset`` ("2022年结转的2件" is carried in only in the 2023 report). Without a known
    report year such a match says nothing; without the option or the group, every match counts."""
    spec = source.get("when_year")
    if not spec or not m.group(spec["group"]):
        return True
    found = report_year(ctx)
    year = parse_number(m.group(spec["group"]))
    return found is not None and year is not None and int(year) == found[0] + spec.get("offset", 0)


def _keeps(ctx: CheckContext, source: Mapping[str, Any], m: re.Match[str], name: str) -> bool:
    """Whether a key group takes part in the key: matched, and not the report's own year (``year_group``)."""
    value = m.group(name)
    if not value:
        return False
    if name != source.get("year_group"):
        return True
    found = report_year(ctx)
    year = parse_number(value.rstrip("年度"))
    return not (found is not None and year is not None and year == found[0])


def _group_number(m: re.Match[str]) -> Decimal | None:
    token = m.group("n") if "n" in m.re.groupindex else None
    return parse_number(token) if token else None


def _normalize_key(text: str, aliases: Mapping[str, str]) -> str:
    """A key part without spaces, under its canonical name."""
    compact = "".join(text.split())
    return aliases.get(compact, compact)


def _compile(ctx: CheckContext, source: str) -> re.Pattern[str]:
    """``@name`` or an inline pattern, ``{{name}}`` references expanded (cached per document)."""
    if source.startswith("@"):
        return ctx.pattern(source)
    key = ("consistency-re", source)
    compiled = ctx.cache.get(key)
    if compiled is None:
        from docxlint.rulepack import expand_pattern

        compiled = regex_cache.compile(expand_pattern(source, ctx.patterns))
        ctx.cache[key] = compiled
    return compiled


def _scope_paragraphs(ctx: CheckContext, scope: Sequence[str]) -> tuple[list[Paragraph], str]:
    """Body paragraphs (headings included, tables not) of the scope, whole document when none is
    found, and their texts joined by line breaks.

    Cached per document and scope (the facts of a pack share a few scopes).
    """
    key = ("consistency-scope", *scope)
    found = ctx.cache.get(key)
    if found is None:
        paragraphs = _paragraphs_of(ctx, scope)
        found = ctx.cache[key] = (paragraphs, "\n".join(p.text for p in paragraphs))
    return found


def _paragraphs_of(ctx: CheckContext, scope: Sequence[str]) -> list[Paragraph]:
    sections = with_items(ctx, section_scope(ctx, scope)) or section_scope(ctx, ())
    seen: set[int] = set()
    out: list[Paragraph] = []
    for section in sections:
        for para in section.paragraphs(include_heading=True):
            if para.index not in seen:
                seen.add(para.index)
                out.append(para)
    return sorted(out, key=lambda p: p.index)


def _text_place(ctx: CheckContext, para: Paragraph, excerpt: str) -> tuple[str, str]:
    top = owning_top(ctx, ctx.sections.section_of_paragraph(para.index))
    if top is None:
        return f"正文“{excerpt}”", f"the text '{excerpt}'"
    name = "前言" if top.id == FRONT_MATTER else top.display
    return f"“{name}”中的“{excerpt}”", f"'{excerpt}' in section '{name}'"


# --- cells -------------------------------------------------------------------------------


def _cell_observation(ctx: CheckContext, source: Mapping[str, Any]) -> Observation | None:
    """The cells' sum (each alternative of ``any_of``); a lower bound when some are blank."""
    specs = source["any_of"] if "any_of" in source else [source]
    exact: list[Alternative] = []
    bounds: list[Alternative] = []
    anchor: Cell | None = None
    for spec in specs:
        found = _cells_total(ctx, spec)
        if found is None:
            continue
        value, complete, cells, place_zh, place_en = found
        unless = _compile(ctx, spec["unless_text_pattern"]) if spec.get("unless_text_pattern") else None
        if complete or value > 0:
            keys = tuple((c.table, c.row, c.col) for c in cells)
            (exact if complete else bounds).append(Alternative(value, place_zh, place_en, unless, keys))
            anchor = anchor or cells[0]
        parts = _parts_total(ctx, spec) if complete else None
        if parts is not None and parts != value:
            label = spec.get("label") or {}
            exact.append(
                Alternative(
                    parts,
                    f"{label.get('zh') or place_zh.rsplit('（', 1)[0]}的各分项之和（{fmt(parts)}）",
                    f"{label.get('en') or place_en.rsplit(' (', 1)[0]} as the sum of its parts ({fmt(parts)})",
                )
            )
    alternatives = exact or bounds
    if not alternatives or anchor is None:
        return None
    first = anchor.paragraphs[0].index if anchor.paragraphs else 0
    return Observation(tuple(alternatives), (first, 0), cell=anchor, at_least=not exact)


def cell_sum(ctx: CheckContext, source: Mapping[str, Any]) -> tuple[Decimal, list[Cell], str, str] | None:
    """Σ of the source's cells in the first table its locator finds; None when a cell has no number."""
    found = _cells_total(ctx, source)
    if found is None or not found[1]:
        return None
    value, _, cells, place_zh, place_en = found
    return value, cells, place_zh, place_en


def cell_readings(ctx: CheckContext, source: Mapping[str, Any]) -> list[tuple[Decimal, str, str]]:
    """The values a cell source may stand for, with where they come from (zh, en): the cells' sum, and,
    when its ``part_cols`` add up to another number (a total its own row contradicts), that number too."""
    found = cell_sum(ctx, source)
    if found is None:
        return []
    value, _, place_zh, place_en = found
    readings = [(value, place_zh, place_en)]
    parts = _parts_total(ctx, source)
    if parts is not None and parts != value:
        label = source.get("label") or {}
        zh = f"{label.get('zh') or place_zh.rsplit('（', 1)[0]}的各分项之和（{fmt(parts)}）"
        en = f"{label.get('en') or place_en.rsplit(' (', 1)[0]} as the sum of its parts ({fmt(parts)})"
        readings.append((parts, zh, en))
    return readings


def _cells_total(ctx: CheckContext, source: Mapping[str, Any]) -> tuple[Decimal, bool, list[Cell], str, str] | None:
    """(Σ of the cells holding a number, whether all do, the cells, the place in zh and en)."""
    spec = source["cell"]
    views = find_tables(ctx, spec.get("table", {}))
    if not views:
        return None
    view = views[0]
    row_specs = _listed(spec, "row", "rows")
    col_specs = _listed(spec, "col", "cols")
    rows = [r for s in row_specs for r in _rows(view, s)] if row_specs else view.data_rows()
    cols = [view.column(s) for s in col_specs]
    if not cols or not rows or (len(rows) != 1 and not row_specs) or any(a is None for a in [*rows, *cols]):
        return None
    total = Decimal(0)
    complete = True
    cells: list[Cell] = []
    for row in rows:
        for col in cols:
            assert row is not None and col is not None
            value, cell = view.value_at(row, col), view.cell_at(row, col)
            if cell is None:
                return None
            if value.number is None:
                complete = False
            else:
                total += value.number
            cells.append(cell)
    label = source.get("label") or {}
    names = "+".join(f"“{r.name}”" for r in rows if r is not None)
    place_zh = label.get("zh") or f"表格{names}行“{'+'.join(c.name for c in cols if c)}”列"
    place_en = label.get("en") or f"table row {names}, column '{'+'.join(c.name for c in cols if c)}'"
    shown = fmt(total) if complete else f"≥{fmt(total)}"
    return total, complete, cells, f"{place_zh}（{shown}）", f"{place_en} ({shown})"


def _parts_total(ctx: CheckContext, source: Mapping[str, Any]) -> Decimal | None:
    """Σ of the ``part_cols`` cells in the source's rows; None without them, or with a blank part."""
    spec = source["cell"]
    part_specs = spec.get("part_cols")
    if not part_specs:
        return None
    view = find_tables(ctx, spec.get("table", {}))[0]
    rows = [r for s in _listed(spec, "row", "rows") for r in _rows(view, s)] or view.data_rows()
    columns: list[Axis] = []
    for part in part_specs:
        columns.extend(c for c in view.find_columns(part) if all(c is not k for k in columns))
    if not columns or any(r is None for r in rows):
        return None
    total = Decimal(0)
    for row in rows:
        for col in columns:
            number = view.value_at(row, col).number  # type: ignore[arg-type]
            if number is None:
                return None
            total += number
    return total


def _rows(view: TableView, spec: str) -> list[Axis | None]:
    """The row a label names, or a group's sub-rows ("（三）不予公开/*"; [None] when nothing is named)."""
    if spec.rstrip().endswith("*"):
        return list(view.find_rows(spec)) or [None]
    return [view.row(spec)]


def _listed(spec: Mapping[str, Any], one: str, many: str) -> list[str]:
    if spec.get(many):
        return list(spec[many])
    return [spec[one]] if spec.get(one) else []


# --- comparing ---------------------------------------------------------------------------


def _disagreements(
    rule: Rule, ctx: CheckContext, fact: Mapping[str, Any], key: str, observations: list[Observation]
) -> Iterator[Finding]:
    if len(observations) < 2:
        return
    observations = sorted(observations, key=lambda o: o.position)
    exact = [o for o in observations if not o.at_least]
    if not exact:
        return
    value = _agreed_value(exact)
    reference = _reference(exact, value).alternative(value)
    # a table with blank cells whose other cells already exceed what a text states contradicts it
    bound = next((o for o in observations if o.at_least and not o.supports(value)), None)
    for obs in exact:
        actual = obs.alternatives[0].value
        if bound is not None and not bound.supports(actual):
            least = min(bound.alternatives, key=lambda alt: alt.value)  # what every reading of the table holds
            yield from _finding(rule, ctx, fact, key, obs, f"≥{fmt(least.value)}", least)
        elif not obs.supports(value):
            yield from _finding(rule, ctx, fact, key, obs, fmt(value), reference)
        elif obs.para is not None and (instead := _other_reading(ctx, exact, value, obs.para)) is not None:
            yield from _finding(rule, ctx, fact, key, obs, fmt(instead.value), instead)


def _other_reading(
    ctx: CheckContext, observations: Sequence[Observation], value: Decimal, para: Paragraph
) -> Alternative | None:
    """The table's reading for a text that agrees with it only by an alternative the text's paragraph
    rules out ("…162件；另有上年结转申请6件。…商业企业…36件": 36 is 新收 + 结转 for the table, but this text
    counts the carried-in apart); None when some table reads ``value`` in a way the text may take."""
    tables = [o for o in observations if o.from_table and o.supports(value)]
    if not tables:
        return None

    def readable(alt: Alternative) -> bool:
        if alt.unless_text is None:
            return True
        key = ("consistency-rules-out", alt.unless_text, para.index)  # once per paragraph, not per statement
        if key not in ctx.cache:
            ctx.cache[key] = alt.unless_text.search(para.text) is not None
        return not ctx.cache[key]

    if any(a.value == value and readable(a) for t in tables for a in t.alternatives):
        return None
    return next((a for t in tables for a in t.alternatives if readable(a)), None)


def _finding(
    rule: Rule,
    ctx: CheckContext,
    fact: Mapping[str, Any],
    key: str,
    obs: Observation,
    expected: str,
    other: Alternative,
) -> Iterator[Finding]:
    """``obs`` reported against ``other`` (the agreed place and value, ``expected``)."""
    actual = obs.alternatives[0].value
    params = {"other": other.place_zh, "other_en": other.place_en, "key": key, "fact": fact.get("name", "")}
    if obs.para is not None:
        finding = finding_at_text(rule, ctx, obs.para, *obs.span, expected=expected, actual=fmt(actual), **params)
        if other.cells and not expected.startswith("≥"):
            finding.extra["witness"] = Witness(other.cells, other.value, actual)
        yield finding
    elif obs.cell is not None:
        yield finding_at_cell(rule, ctx, obs.cell, expected=expected, actual=fmt(actual), **params)


@dataclass(frozen=True, slots=True)
class Witness:
    """A text stating the sum of some table cells otherwise (``Finding.extra["witness"]``): the cells by
    (table, row, col), the table's value and the text's. :mod:`docxlint.reconcile` reads it."""

    cells: tuple[tuple[int, int, int], ...]
    table_value: Decimal
    text_value: Decimal


def _agreed_value(observations: Sequence[Observation]) -> Decimal:
    """The value the tables support most, then the one stated most often, then the first stated.

    One pass over the observations (a long document may state a fact thousands of times).
    """
    tables: dict[Decimal, int] = {}
    stated: dict[Decimal, int] = {}
    first: dict[Decimal, tuple[int, int]] = {}  #: (observation, alternative) first stating it
    for i, obs in enumerate(observations):
        for j, value in enumerate(dict.fromkeys(alt.value for alt in obs.alternatives)):
            tables[value] = tables.get(value, 0) + (1 if obs.from_table else 0)
            stated[value] = stated.get(value, 0) + 1
            first.setdefault(value, (i, j))
    return max(first, key=lambda value: (tables[value], stated[value], -first[value][0], -first[value][1]))


def _reference(observations: Sequence[Observation], value: Decimal) -> Observation:
    """Where the agreed value is stated: a table when one states it, else the first text."""
    supporting = [o for o in observations if o.supports(value)]
    return next((o for o in supporting if o.from_table), supporting[0])
