"""``identity``: the report speaks for one agency and of one year.

Reports are often drafted by copying another agency's report, or last year's, and replacing
names and years; what the drafter misses is the defect. The *reference agency* is the one
the title names ("枣庄市某区商务局" above or before "2023年政府信息公开工作年度报告"), else
the signature's (the short line above the signature date). Checks (option ``checks``):

* ``agency``: the signature's agency, and agencies named by ``mention_patterns`` (group
  ``agency``, e.g. "现向社会公布某局2023年度政府信息公开工作年度报告") in ``mention_scope``,
  must be the reference agency; so must those named by ``contact_patterns`` in
  ``contact_scope`` ("请与某局办公室联系", "本报告由某局编制") that are agencies of the same kind
  (both a 局: a department may send readers to its government's office). Two names agree when one's characters occur in the other in
  order, so "台儿庄区商务局" agrees with "枣庄市台儿庄区商务局" and an abbreviation "区人社局"
  with "某区人力资源和社会保障局", "某局办公室" with "某局" (an internal unit at the end is left
  out), while "峄城区商务局" does not agree with "台儿庄区商务局".
* ``self-reference``: "我局", "我委" … (``self_references``: ``{"pattern", "agency_pattern"}``)
  must fit the reference agency (``agency_pattern`` searched in its name); one finding per
  distinct wording, on its first occurrence, ``{count}`` occurrences; quoted ones (“…”, 《…》) are names.
* ``year``: a sentence that opens with a year ("2022年，我局…", ``year_patterns``, group
  ``year``) in ``year_scope``, or a ``mention_patterns`` match's group ``year``, names a year
  before the report year (a later one is a plan: "2024年，我局将…"). A sentence that also
  names the report year compares the two and is left alone. ``expected_years``
  (``[{"pattern", "offset", "scope"}]``): each year its pattern finds must be the report year
  plus ``offset`` ("2022年度问题整改情况" in section 五 of a 2023 report: offset -1).

Names must look like an agency (``agency_pattern``, matched whole). Kinds: ``agency``,
``self-reference``, ``year``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from docxlint.checks._util import WHERE_ALL, WHERE_PARAGRAPHS, kind_rule, matching_units, scope_sections, scope_units
from docxlint.checks.base import CheckContext, Rule, finding_at_text, register
from docxlint.checks.period import consensus_year
from docxlint.extract import YEAR_RE, lazy_pattern, parse_number, report_year, title_regex
from docxlint.findings import Finding
from docxlint.model import Paragraph
from docxlint.sections import FRONT_MATTER

CHECKS = ("agency", "self-reference", "year")
_NAME = r"[\u3400-\u9fff（）()·]{2,40}?"
AGENCY_SUFFIX = (
    r"(?:人民政府|政府|办事处|街道|管理委员会|委员会|委|办公室|办|局|厅|中心|院|署|馆|所|站|队|社|会|部|处|室|科"
    r"|镇|乡|公司|集团|区|县|市|旗|盟|州|园)"
)
DEFAULT_AGENCY = r"[\u3400-\u9fff（）()·]{1,40}" + AGENCY_SUFFIX
DEFAULT_TITLE_PATTERNS = (
    rf"^(?P<agency>{_NAME})\s*(?:{YEAR_RE})\s*年",
    rf"^(?:{YEAR_RE})\s*年度?\s*(?P<agency>{_NAME})\s*(?:政府信息公开|政务公开|信息公开)",
    rf"^(?P<agency>{_NAME})\s*(?:政府信息公开|政务公开|信息公开)",
)
_SPACE = lazy_pattern(r"\s+")
_LINES = lazy_pattern(r"[^\n\t]+")
_SENTENCE_END = lazy_pattern(r"[。！？!?；;]|$")
#: a clause after "；" that goes on comparing years ("2022年受理19件；2023年受理23件")
_YEAR_CLAUSE = lazy_pattern(r"[；;]\s*(?:(?:19|20)[0-9]{2}|本年|今年|当年)")
_THIS_YEAR = lazy_pattern(r"本年|今年|当年")
_AGENCY_KIND = lazy_pattern(AGENCY_SUFFIX + "$")
_UNIT = lazy_pattern(r"[\u3400-\u9fff]{0,6}(?:办公室|科|股)")


class Name(NamedTuple):
    """An agency name where the document states it."""

    text: str
    para: Paragraph
    start: int
    end: int


@register("identity")
def check_identity(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    options = rule.options
    checks = set(options.get("checks", CHECKS))
    found = report_year(ctx)
    title = found[1] if found else None
    agency_re = ctx.pattern(options.get("agency_pattern", DEFAULT_AGENCY))
    reference = _title_agency(ctx, options, title, agency_re) if title is not None else None
    signature = _signature_agency(ctx, options, agency_re)
    if reference is None:
        reference, signature = signature, None
    year = consensus_year(ctx)  # the title's, unless the period statements outvote it or it has none
    if "year" in checks and year is not None:
        yield from _year_findings(kind_rule(rule, "year"), ctx, options, year, title)
    if reference is None:
        return
    if "agency" in checks:
        others = ([signature] if signature else []) + _mentions(ctx, options, title, agency_re)
        others += [n for n in _contacts(ctx, options, title, agency_re) if same_kind(n.text, reference.text)]
        for name in others:
            if not agree(name.text, reference.text):
                yield finding_at_text(kind_rule(rule, "agency"), ctx, name.para, name.start, name.end,
                                      expected=reference.text, actual=name.text)  # fmt: skip
    if "self-reference" in checks:
        yield from _self_reference_findings(kind_rule(rule, "self-reference"), ctx, options, reference.text)


def report_agency(ctx: CheckContext) -> str | None:
    """The agency that issues the report (its title's, else its signature's), read with the options of
    the pack's first identity rule that checks agencies; None when the pack has none or no name is found."""
    rule = next((r for r in getattr(ctx.pack, "rules", ()) if _checks_agencies(r)), None)
    if rule is None:
        return None
    agency_re = ctx.pattern(rule.options.get("agency_pattern", DEFAULT_AGENCY))
    found = report_year(ctx)
    name = _title_agency(ctx, rule.options, found[1], agency_re) if found else None
    name = name or _signature_agency(ctx, rule.options, agency_re)
    return name.text if name else None


def _checks_agencies(rule: Rule) -> bool:
    return rule.enabled and rule.type == "identity" and "agency" in rule.options.get("checks", CHECKS)


def agree(a: str, b: str) -> bool:
    """Whether two agency names may name the same agency: one's characters occur in the other, in order
    (an internal unit at the end of either left out: "某局办公室" is 某局's)."""
    a, b = _normal(a), _normal(b)
    if _in_order(a, b) or _in_order(b, a):
        return True
    a, b = _without_unit(a), _without_unit(b)
    return _in_order(a, b) or _in_order(b, a)


def same_kind(a: str, b: str) -> bool:
    """Whether two names end with the same kind of agency ("…局" and "…局办公室": both 局; a 街道 and
    a 街道办事处 alike)."""
    kind_a, kind_b = _kind(_without_unit(_normal(a))), _kind(_without_unit(_normal(b)))
    return kind_a is not None and kind_a == kind_b


def _kind(name: str) -> str | None:
    m = _AGENCY_KIND().search(name)
    return _KIND_ALIASES.get(m.group(), m.group()) if m else None


_KIND_ALIASES = {"办事处": "街道", "人民政府": "政府", "委员会": "委", "管理委员会": "委"}


def _without_unit(name: str) -> str:
    """``name`` without an internal unit at its end ("办公室", "党政综合办公室", "综合科"), the shortest
    one that leaves an agency; else ``name``."""
    for cut in range(len(name) - 1, max(len(name) - 10, 0), -1):
        if _UNIT().fullmatch(name, cut) and _AGENCY_KIND().search(name[:cut]):
            return name[:cut]
    return name


def _normal(name: str) -> str:
    return _SPACE().sub("", name).replace("（", "(").replace("）", ")").replace("·", "")


def _in_order(short: str, long: str) -> bool:
    rest = iter(long)
    return all(char in rest for char in short)


# ---- where agencies are named ------------------------------------------------------------------


def _title_agency(ctx: CheckContext, options: dict, title: Paragraph, agency_re: re.Pattern[str]) -> Name | None:
    """The agency the title names: in the title's line, or the agency line just above it."""
    patterns = [ctx.pattern(p) for p in options.get("title_patterns", DEFAULT_TITLE_PATTERNS)]
    before = _line_above(ctx, title, agency_re)
    for m_line in _LINES().finditer(title.text):
        line, offset = m_line.group(), m_line.start()
        if not title_regex(ctx).search(line):
            text = line.strip()  # a line of the title paragraph above the title line may be the agency
            begin = offset + line.index(text) if text else offset
            before = Name(text, title, begin, begin + len(text)) if text and _is_agency(agency_re, text) else None
            continue
        if before is not None:  # "某局" ⏎ "2023年政府信息公开工作年度报告": the line above names the agency
            for regex in patterns:
                m = regex.search(before.text + line)
                if m and m.end("agency") <= len(before.text) and _is_agency(agency_re, m.group("agency")):
                    return before
        for regex in patterns:
            m = regex.search(line)
            if m and _is_agency(agency_re, m.group("agency")):
                start, end = offset + m.start("agency"), offset + m.end("agency")
                return Name(title.text[start:end], title, start, end)
        return None
    return None


def _line_above(ctx: CheckContext, title: Paragraph, agency_re: re.Pattern[str]) -> Name | None:
    """The last non-empty paragraph before the title in the reading flow, when it is an agency name."""
    above: Paragraph | None = None
    for block in ctx.sections.flow:
        if not isinstance(block, Paragraph):
            continue
        if block.index >= title.index:
            break
        if block.text.strip():
            above = block
    if above is None:
        return None
    text = above.text.strip()
    if not _is_agency(agency_re, text):
        return None
    start = above.text.index(text)
    return Name(text, above, start, start + len(text))


def _is_agency(agency_re: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` names an agency; a self-reference ("我局", "本局办公室", "本机关") names none."""
    name = _SPACE().sub("", text)
    return not name.startswith(("我", "本")) and agency_re.fullmatch(name) is not None


def _signature_agency(ctx: CheckContext, options: dict, agency_re: re.Pattern[str]) -> Name | None:
    """The agency on the signature: before the date on its line, else the short line above it."""
    from docxlint.checks.deadline import signature_date

    search = {k: options[k] for k in ("tail_paragraphs", "max_line_length") if k in options}
    signature = signature_date(ctx, {**search, "head_paragraphs": 0})  # the date at the end, not under the title
    if signature is None:
        return None
    para, start, _, _ = signature
    before = para.text[:start].strip(" \t\u3000\n:：，,")
    if before:
        begin = para.text.index(before)
        return Name(before, para, begin, begin + len(before)) if _is_agency(agency_re, before) else None
    paragraphs = ctx.document.paragraphs
    for index in range(para.index - 1, max(para.index - 3, -1), -1):
        text = paragraphs[index].text.strip()
        if text:
            if len(text) > options.get("max_line_length", 40) or not _is_agency(agency_re, text):
                return None
            begin = paragraphs[index].text.index(text)
            return Name(text, paragraphs[index], begin, begin + len(text))
    return None


def _mentions(ctx: CheckContext, options: dict, title: Paragraph | None, agency_re: re.Pattern[str]) -> list[Name]:
    """Agencies named by ``mention_patterns`` (after the title lines)."""
    out: list[Name] = []
    for _, m, para in _mention_matches(ctx, options, title):
        if m.group("agency") and _is_agency(agency_re, m.group("agency")):
            out.append(Name(m.group("agency"), para, m.start("agency"), m.end("agency")))
    return out


def _contacts(ctx: CheckContext, options: dict, title: Paragraph | None, agency_re: re.Pattern[str]) -> list[Name]:
    """Agencies named by ``contact_patterns`` (group ``agency``) in ``contact_scope``, after the title:
    where the report may name another agency (its government's office), so compared only with one
    of the same kind (:func:`same_kind`)."""
    after = title.index if title is not None else -1
    units = scope_units(ctx, scope_sections(ctx, options.get("contact_scope")), WHERE_PARAGRAPHS)
    out: list[Name] = []
    for ref in options.get("contact_patterns", []):
        regex = ctx.pattern(ref)
        for para, offset in units:
            if para.index <= after:
                continue
            for m in regex.finditer(para.text, offset):
                if m.group("agency") and _is_agency(agency_re, m.group("agency")):
                    out.append(Name(m.group("agency"), para, m.start("agency"), m.end("agency")))
    return out


def _mention_matches(
    ctx: CheckContext, options: dict, title: Paragraph | None
) -> Iterator[tuple[re.Pattern[str], re.Match[str], Paragraph]]:
    sections = scope_sections(ctx, options.get("mention_scope", [FRONT_MATTER]))
    after = title.index if title is not None else -1
    for ref in options.get("mention_patterns", []):
        regex = ctx.pattern(ref)
        for para, offset in scope_units(ctx, sections, WHERE_PARAGRAPHS):
            if para.index <= after:
                continue
            for m in regex.finditer(para.text, offset):
                yield regex, m, para


# ---- self-references and years -----------------------------------------------------------------


def _self_reference_findings(rule: Rule, ctx: CheckContext, options: dict, agency: str) -> Iterator[Finding]:
    """One finding per self-reference wording that does not fit ``agency``, on its first occurrence."""
    units = scope_units(ctx, scope_sections(ctx, options.get("self_reference_scope")), WHERE_PARAGRAPHS)
    name = _normal(agency)
    for entry in options.get("self_references", []):
        if ctx.pattern(entry["agency_pattern"]).search(name):
            continue
        regex = ctx.pattern(entry["pattern"])
        hits = [
            (para, m)
            for para, offset in units
            for m in regex.finditer(para.text, offset)
            if m.group() and not _quoted(para.text, m.start())
        ]
        by_text: dict[str, list[tuple[Paragraph, re.Match[str]]]] = {}
        for para, m in hits:
            by_text.setdefault(m.group(), []).append((para, m))
        for text, occurrences in by_text.items():
            para, m = occurrences[0]
            yield finding_at_text(rule, ctx, para, m.start(), m.end(), expected=agency, actual=text,
                                  count=len(occurrences))  # fmt: skip


_QUOTES = (("“", "”"), ("《", "》"), ("「", "」"), ("『", "』"))


def _quoted(text: str, position: int) -> bool:
    """Whether ``position`` is inside quotation marks or a title ("“我局政务公开”专栏" names a column),
    counted within its sentence (a quote left open earlier does not hide the rest of the paragraph)."""
    start = max(text.rfind(mark, 0, position) for mark in "。；;！？\n") + 1
    return any(text.count(left, start, position) > text.count(right, start, position) for left, right in _QUOTES)


def _year_findings(
    rule: Rule, ctx: CheckContext, options: dict, year: int, title: Paragraph | None
) -> Iterator[Finding]:
    """Years before the report year opening a sentence in ``year_scope``, or in a mention of the report."""
    units = scope_units(ctx, scope_sections(ctx, options.get("year_scope")), WHERE_PARAGRAPHS)
    seen: set[tuple[int, int]] = set()
    for ref in options.get("year_patterns", []):
        regex = ctx.pattern(ref)
        for para, offset in units:
            if title is not None and para.index <= title.index:
                continue
            text = para.text[offset:]  # a run-in heading's text starts a sentence: "^" matches there
            for m in regex.finditer(text):
                value = _year(m)
                start, end = offset + m.start("year"), offset + m.end("year")
                if value is None or value >= year or (para.index, start) in seen or _names_year(text, m, year):
                    continue
                seen.add((para.index, start))
                yield _year_finding(rule, ctx, para, start, end, year)
    for _, m, para in _mention_matches(ctx, options, title):
        value = _year(m) if "year" in m.re.groupindex else None
        if value is not None and value != year and (para.index, m.start("year")) not in seen:
            yield _year_finding(rule, ctx, para, m.start("year"), m.end("year"), year)
    for entry in options.get("expected_years", []):
        yield from _expected_years(kind_rule(rule, "expected-year"), ctx, entry, year + entry.get("offset", 0))


def _expected_years(rule: Rule, ctx: CheckContext, entry: dict, wanted: int) -> Iterator[Finding]:
    """Years ``entry["pattern"]`` finds (group ``year``) in its scope that are not ``wanted``
    ("2021年度问题整改情况" in a 2023 report: last year's problems are 2022's)."""
    regex = ctx.pattern(entry["pattern"])
    seen: set[tuple[int, int]] = set()
    for para, offset in matching_units(ctx, scope_sections(ctx, entry.get("scope")), WHERE_ALL, regex):
        for m in regex.finditer(para.text, offset):
            value, where = _year(m), (para.index, m.start("year"))
            if value is not None and value != wanted and where not in seen:
                seen.add(where)
                yield _year_finding(rule, ctx, para, m.start("year"), m.end("year"), wanted)


def _year_finding(rule: Rule, ctx: CheckContext, para: Paragraph, start: int, end: int, year: int) -> Finding:
    if para.text.startswith("年", end):
        end += 1
    return finding_at_text(rule, ctx, para, start, end, expected=f"{year}年", actual=para.text[start:end])


def _year(m: re.Match[str]) -> int | None:
    token = m.group("year")
    value = parse_number(token) if token else None
    return int(value) if value is not None and 1990 <= value <= 2100 else None


def _names_year(text: str, m: re.Match[str], year: int) -> bool:
    """Whether the sentence holding ``m`` also names the report year (a comparison of two years)."""
    start = m.end()
    while True:
        end = _SENTENCE_END().search(text, start)
        stop = end.start() if end else len(text)
        sentence = text[m.end() : stop]
        if not end or not _YEAR_CLAUSE().match(text, stop):
            break
        start = stop + 1  # the next clause compares another year: read on
    return str(year) in sentence or _THIS_YEAR().search(sentence) is not None
