"""``sum``: "N件，其中A件，B件…" lists add up to their total.

``total_pattern`` finds a total (groups ``total`` and ``unit``) followed by the
word that opens its breakdown ("其中", "包括", "分别为"…). The parts are the
``item_pattern`` matches (groups ``n`` and ``unit``) with the same unit, up to
the end of the sentence, the closing bracket of "（其中…）", the next total, a count
written before its label after parts written after theirs ("…其他处理7件，7件结转下
年度办理"), or
``stop_pattern`` ("同比…"), or the next breakdown word (``opener_pattern``: a
second "其中", or "…的4件中", opens a breakdown of something else); bracketed
sub-breakdowns are skipped. Statements with fewer than ``min_parts`` parts, with approximate numbers
(``skip_pattern``: "20余件", "约") or with parts in another unit are left alone,
and so are parts that add up to another count of the same sentence ("新收21件，
上年结转2件，其中自然人19件、法人2件": a breakdown of the 21, or of 21 + 2), parts that
are each a part of one of the counts listed up to the total ("建议14件、提案9件，其中主办
建议8件、主办提案5件"), and lists that add up once a count written before its label is
counted too ("…责令重新答复1件，1件尚在审理中").

"其中" means "among them": a list may name only some of the total ("主动公开15826条，
其中政策文件312条、政策解读286条"). Parts falling short of the total are therefore
a defect only when the list claims to be complete (``exhaustive_pattern``: a
catch-all part "其他/其余", or "分别为") or covers at least ``partial_coverage``
(default 0.5) of the total, i.e. looks like a complete list with a wrong figure.
Parts exceeding the total are always a defect. Numbers may be Chinese numerals.
The finding sits on the total and expects the sum of parts.

A total may also follow its parts (``total_after_pattern``: "建议24件、提案31件，共计55件"): the
labelled counts of its unit before it in the sentence (after its last "其中") are the parts, and
any run of the last two or more adding up to it will do ("全年办结20件，承办建议6件、提案9件，
合计15件").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from docxlint.checks._util import matching_units, scope_sections
from docxlint.checks.base import CheckContext, Rule, finding_at_text, register
from docxlint.extract import (
    FULLWIDTH,
    NUMBER_RE,
    SENTENCE_REACH,
    clause_start,
    format_number,
    lazy_pattern,
    parse_number,
    rounds_to,
)
from docxlint.findings import Finding
from docxlint.model import Paragraph

UNIT = r"(?:人次|件次|万元|件|条|个|次|篇|项|份|家|期|场|名|人|元|户|批|起|宗)"
DEFAULT_TOTAL = (
    rf"(?<!第)(?P<total>{NUMBER_RE})\s*(?P<unit>{UNIT})(?:\s*[，,]\s*(?:同比|较上年度?|比上年度?|较去年|比去年)"
    rf"(?:(?:(?!(?:增加|减少|增长|下降|上升|提高|降低|多|少)了?\s*[0-9０-９]+\s*{UNIT})[^，,。；;（(其]){{0,20}}?"
    r"|[^，,。；;（(其]{0,16}?(?=[（(]))"
    r"(?:[（(][^（）()。；;]{0,30}[）)])?)?\s*[，,。；;：:]?\s*"
    r"(?P<open>[（(])?\s*"
    r"(?:其中|包括|包含|分别为|分别是|具体为|具体包括)\s*[，,：:]?"
)
DEFAULT_ITEM = rf"(?<!第)(?P<n>{NUMBER_RE})\s*(?P<unit>{UNIT})"
#: a total after its parts: "…，共计55件", "…；合计24件", "…，以上六类合计358件" (groups ``total``, ``unit``)
DEFAULT_TOTAL_AFTER = (
    rf"(?<=[，,；;])\s*(?:(?:以上|上述)(?:(?P<kinds>[一二三四五六七八九十两0-9]{{1,2}})(?:类|项|种))?)?(?:共计|合计|总计|共)\s*"
    rf"(?P<total>{NUMBER_RE})\s*(?P<unit>{UNIT})(?!\s*[，,]?\s*其中)"
)
_AFTER_OPENER = lazy_pattern(r"其中|包括|分别为|分别是")
DEFAULT_STOP = (
    r"同比|环比|较上年|比上年|较去年|比去年|较\s*20[0-9]{2}\s*年|占比|另有|此外|另外|均已|均在|已全部|全部办结|全部答复"
)
DEFAULT_SKIP = rf"(?:{NUMBER_RE})\s*(?:余|多)|约|近|左右|以上|超过|逾(?!期)|不少于|不足|至少"
#: a subtotal or last year's figure among the parts, not one more part ("…部分公开17件，予以公开和
#: 部分公开合计74件…", "予以公开18件，上年为15件，部分公开6件…", "…部分公开21件，共75件，占51.4%；…")
_SUBTOTAL = lazy_pattern(
    r"(?:合计|小计|两项|二者|(?:上年|去年|上一年)(?:度)?(?:为|是|同期)|同比)[^，,、；;：:]*$|[，,、]\s*共(?:计)?\s*$"
)
DEFAULT_OPENER = (
    r"其中|包括|包含|分别为|分别是|具体为|具体包括|(?<=[0-9０-９一二三四五六七八九十两])\s*(?:件|个|条|项|起)中"
)
DEFAULT_EXHAUSTIVE = r"其他|其它|其余|剩余|分别为|分别是"
DEFAULT_PARTIAL_COVERAGE = 0.5
#: a list of only two parts falling short is a breakdown only this close to its total ("其中农业农村
#: 领域42个、社会事业领域31个" of 96 names two fields among others)
DEFAULT_PAIR_COVERAGE = 0.8
#: "另有N件…" after a list: one more part, written apart
_OTHER_FACT = lazy_pattern(r"结转|上年|下年|新收|收到|受理")
_ADDED = lazy_pattern(r"\s*[，,；;]?\s*(?:另有|还有|此外还有|另)")
_SENTENCE_END = lazy_pattern(r"[。！!？?\n]")
#: Words that open a clause about another count after a list: "…，上年结转申请2件", "…，另有3件…".
_NEW_FACT = lazy_pattern(r"\s*(?:上年|上一年|结转|另|此外|同时|新收|收到|受理|办结|答复)")
_CLAUSE_END = lazy_pattern(r"[；;]")
_STATEMENT_END = lazy_pattern(r"[。！!？?\n；;]")
_BRACKETS = {"（": "）", "(": ")", "【": "】", "[": "]"}
_SEPARATORS = "，,、；;：:"


@register("sum")
def check_sum(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    options = rule.options
    total_re = ctx.pattern(options.get("total_pattern", DEFAULT_TOTAL))
    item_re = ctx.pattern(options.get("item_pattern", DEFAULT_ITEM))
    stop_re = ctx.pattern(options.get("stop_pattern", DEFAULT_STOP))
    skip_re = ctx.pattern(options.get("skip_pattern", DEFAULT_SKIP))
    opener_re = ctx.pattern(options.get("opener_pattern", DEFAULT_OPENER))
    exhaustive_re = ctx.pattern(options.get("exhaustive_pattern", DEFAULT_EXHAUSTIVE))
    coverage = Decimal(str(options.get("partial_coverage", DEFAULT_PARTIAL_COVERAGE)))
    pair_coverage = Decimal(str(options.get("pair_coverage", DEFAULT_PAIR_COVERAGE)))
    closed_re = ctx.pattern(options["closed_pattern"]) if options.get("closed_pattern") else None
    min_parts = options.get("min_parts", 2)
    sections, where = scope_sections(ctx, options.get("scope")), options.get("where", "all")
    after_re = ctx.pattern(options.get("total_after_pattern", DEFAULT_TOTAL_AFTER))
    for para, offset in matching_units(ctx, sections, where, after_re):
        yield from _totals_after(rule, ctx, para, offset, after_re, item_re, skip_re, min_parts)
    units = matching_units(ctx, sections, where, total_re)
    for para, offset in units:
        totals = list(total_re.finditer(para.text, offset))
        bounds = _next_totals(totals, len(para.text))
        for i, m in enumerate(totals):
            next_total = bounds[i]
            whole = _window(para.text, m, next_total, stop_re, opener_re)
            window = _clause(para.text, whole, item_re)
            unit = m.groupdict().get("unit") or ""
            found = _parts(para.text, window, item_re, skip_re, unit, closed_re)
            total = parse_number(m.group("total"))
            if found is None or len(found[0]) < min_parts or total is None:
                continue
            parts, commas, tail = found
            nested = _nested_breakdown(parts, total) if _BREAKDOWN_KINDS().search(para.text, *window) else None
            if nested is not None:  # "受理76件，其中新收72件，自然人52件，法人20件": the 52 and 20 break down the 72
                parts, commas = [parts[i] for i in nested], [commas[i] for i in nested]
                if len(parts) < min_parts:
                    continue
            expected = sum(parts, Decimal(0))
            if expected == total or _compound_total(para.text, m, item_re, unit, expected):
                continue
            if _after_a_sentence(para.text, m, item_re, unit, expected):
                continue  # "…上年结转6件。其中，网上申请58件、信函申请14件。": of another count of that sentence
            if window != whole and _adds_up(para.text, whole, item_re, skip_re, unit, total):
                continue  # "其中予以公开57件，部分公开17件；不予公开11件；…": the list went on past "；"
            if tail and expected + sum(tail, Decimal(0)) == total:
                continue  # "…责令重新答复1件，1件尚在审理中": a count before its label is a part after all
            if _parallel(para.text, m, item_re, unit, parts):
                continue  # "建议14件、提案9件，其中主办建议8件、主办提案5件": a part of each count
            if _list_ends_at_a_comma(parts, commas, total, min_parts):
                continue  # "其中自然人5件、商业企业1件，上年结转2件": the list was complete before the "，"
            if _two_breakdowns(parts, total, min_parts):
                continue  # "其中网络申请9件，信函申请6件，同意公开10件，部分同意公开3件…": by channel, by outcome
            if expected < total and expected + _added_after(para.text, whole[1], item_re, unit) == total:
                continue  # "…尚未审结1件，另有复议后起诉1件": the part the list left out, added after it
            if _rounds_to_total(m.group("total"), expected):
                continue  # "1.28万条，其中…5421条、…6183条、…1232条": a rounded total
            statement = m.group() + _blank_brackets(para.text[window[0] : window[1]])
            closed = closed_re is not None and closed_re.search(statement) is not None
            needed = coverage if len(parts) > 2 or closed else max(coverage, pair_coverage)
            named = _named_by_total(para.text, m, window, item_re)
            if expected < total * needed and not exhaustive_re.search(statement) and not named:
                continue  # a few examples among many ("其中…"), not a breakdown of the whole
            yield _finding(rule, ctx, para, m, expected, parts, _compound_start(para.text, m, item_re, unit, parts))


def _totals_after(
    rule: Rule,
    ctx: CheckContext,
    para: Paragraph,
    offset: int,
    after_re: re.Pattern[str],
    item_re: re.Pattern[str],
    skip_re: re.Pattern[str],
    min_parts: int,
) -> Iterator[Finding]:
    """Totals written after their parts ("建议24件、提案31件，共计55件"): the counts of the total's unit
    before it in its sentence (after its last "其中", when it has one), each after its label. A run of
    the last two or more adding up to the total will do: the list may follow other counts. A total that
    says how many parts it sums ("以上六类合计…") takes that many."""
    text = para.text
    for m in after_re.finditer(text, offset):
        total = parse_number(m.group("total"))
        unit = m.groupdict().get("unit") or ""
        begin = clause_start(text, m.start(), _STATEMENT_MARKS)
        segment = _blank_brackets(text[begin : m.start()])
        opener = list(_AFTER_OPENER().finditer(segment))
        if opener:
            stated = [i for i in item_re.finditer(segment, 0, opener[-1].start())]
            if stated and parse_number(stated[-1].group("n")) == total:
                continue  # "办结24件，其中…，合计24件": the breakdown of the total before it, checked as such
            segment = segment[opener[-1].end() :]
        if total is None or skip_re.search(segment) or _SUBTOTAL().search(segment):
            continue
        items = [i for i in item_re.finditer(segment) if (i.groupdict().get("unit") or "") == unit]
        if len(items) < min_parts or any(segment[: i.start()].rstrip()[-1:] in ("", *_SEPARATORS) for i in items):
            continue  # a count before its label ("其中17件…") is another way of writing: left alone
        kinds = parse_number(m.group("kinds")) if m.groupdict().get("kinds") else None
        if kinds is not None:
            if not min_parts <= kinds <= len(items):
                continue  # "…图片解读2条，以上三类合计10件": some kinds are counted in another unit
            items = items[-int(kinds) :]  # "…，以上六类合计368件": the last six counts are the parts
        parts = [v for i in items if (v := parse_number(i.group("n"))) is not None]
        if len(parts) != len(items) or any(sum(parts[k:], Decimal(0)) == total for k in range(len(parts) - 1)):
            continue
        yield finding_at_text(
            rule, ctx, para, m.start("total"), m.end("unit") if unit else m.end("total"),
            expected=f"{format_number(sum(parts, Decimal(0)))}{unit}", actual=text[m.start("total") : m.end()],
            parts="+".join(format_number(p) for p in parts), unit=unit,
        )  # fmt: skip


def _added_after(text: str, end: int, item_re: re.Pattern[str], unit: str) -> Decimal:
    """The count of ``unit`` in a clause "另有…N件" right after the list (0 when there is none)."""
    opener = _ADDED().match(text, end)
    if opener is None:
        return Decimal(0)
    stop = _STATEMENT_END().search(text, opener.end())
    clause = text[opener.end() : stop.start() if stop else len(text)]
    if _OTHER_FACT().search(clause):
        return Decimal(0)  # "另有2件结转下年度办理": not one of the completed, another count
    for m in item_re.finditer(clause):
        if (m.groupdict().get("unit") or "") == unit:
            return parse_number(m.group("n")) or Decimal(0)
    return Decimal(0)


def _rounds_to_total(token: str, expected: Decimal) -> bool:
    """Whether a total written in 万/亿 with decimals ("1.28万") is the parts' sum rounded to them."""
    compact = token.strip().translate(FULLWIDTH)
    scale = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}.get(compact[-1:])
    if scale is None or "." not in compact:
        return False
    written = parse_number(compact[:-1])
    decimals = len(compact[:-1].split(".")[1])
    return written is not None and rounds_to(expected / scale, written, decimals)


#: what the parts of a part are when a list breaks one of its parts down: applicants, channels
_BREAKDOWN_KINDS = lazy_pattern(r"自然人|法人|企业|机构|组织|申请人|网上|网络|在线|信函|当面|现场|邮寄|传真|电子邮件")


def _nested_breakdown(parts: list[Decimal], total: Decimal) -> list[int] | None:
    """``[0]`` when the parts are one part that is most of the total followed by its own breakdown ("受理76件，
    其中新收72件，自然人申请52件，法人或其他组织申请20件": 52 + 20 = 72); None otherwise. Only parts that
    exceed the total are read so: a list adding up to less, or a first part far from the total whose
    followers happen to add up to it, is a list of parts; so is a list that names no applicants or
    channels (:data:`_BREAKDOWN_KINDS`: "予以公开80件，部分公开40件，不予公开40件" are siblings)."""
    first, rest = parts[0], parts[1:]
    if len(rest) < 2 or sum(parts, Decimal(0)) <= total or first * 4 < total * 3:
        return None
    return [0] if sum(rest, Decimal(0)) == first else None


def _next_totals(totals: list[re.Match[str]], end: int) -> list[int]:
    """For each total, where the next one starts (``end`` after the last), leaving out totals whose
    breakdown opens the next sentence: "…其他工作信息43条。其中，…" — the 43 is still a part of the list
    before it. One pass from the end (a paragraph may hold thousands of totals)."""
    bounds = [end] * len(totals)
    following = end
    for i in range(len(totals) - 1, -1, -1):
        bounds[i] = following
        if not _opens_a_sentence(totals[i]):
            following = totals[i].start("total")
    return bounds


def _opens_a_sentence(total: re.Match[str]) -> bool:
    """Whether the breakdown word of ``total`` opens the next sentence ("…其他工作信息43条。其中，…")."""
    count_end = total.end("unit") if "unit" in total.re.groupindex else total.end("total")
    return _SENTENCE_END().search(total.string, count_end, total.end()) is not None


def _after_a_sentence(text: str, total: re.Match[str], item_re: re.Pattern[str], unit: str, expected: Decimal) -> bool:
    """Whether the breakdown opens a new sentence ("…结转下年度6件。其中，…") and adds up to an earlier count
    of the paragraph: "其中" at a sentence's start speaks of the paragraph's subject ("全年新收72件…"),
    not necessarily of the last count before it."""
    if not _opens_a_sentence(total):
        return False
    start = total.start("total")
    earlier = text[max(0, start - SENTENCE_REACH) : start]  # bounded: a paragraph may be megabytes long
    return any(
        (m.groupdict().get("unit") or "") == unit and parse_number(m.group("n")) == expected
        for m in item_re.finditer(_blank_brackets(earlier))
    )



def _compound_start(text: str, total: re.Match[str], item_re: re.Pattern[str], unit: str, parts: list[Decimal]) -> int:
    """Where the whole the parts break down starts: the total's own count, or, when a part alone exceeds
    it, the first count of its statement ("申请59件，上年结转2件，其中结转下年度8件，其余54件": the
    breakdown is of 59 + 2, not of 2)."""
    total_value = parse_number(total.group("total")) or Decimal(0)
    if max(parts) <= total_value:
        return total.start("total")
    begin = clause_start(text, total.start(), _STATEMENT_MARKS)
    for m in item_re.finditer(_blank_brackets(text[begin : total.start("total")])):
        if (m.groupdict().get("unit") or "") == unit and parse_number(m.group("n")) is not None:
            start = begin + m.start("n")
            # counts listed with "、" are parallel wholes, each with its own part ("建议14件、提案9件，其中…")
            return start if any(c in text[start : total.start("total")] for c in "，,") else total.start("total")
    return total.start("total")


def _adds_up(
    text: str, window: tuple[int, int], item_re: re.Pattern[str], skip_re: re.Pattern[str], unit: str, total: Decimal
) -> bool:
    """Whether the parts of the whole window (not cut at its first "；") add up to the total."""
    found = _parts(text, window, item_re, skip_re, unit)
    return found is not None and sum(found[0], Decimal(0)) == total


def _compound_total(text: str, total: re.Match[str], item_re: re.Pattern[str], unit: str, expected: Decimal) -> bool:
    """Whether the parts add up to a count just before the total in the sentence, or to the total plus them.

    "新收申请21件，上年结转2件，其中予以公开15件…": the breakdown is of 21 + 2 (or of 21).
    """
    earlier = _earlier_counts(text, total, item_re, unit)
    if expected in earlier:
        return True  # "新收21件，上年结转2件，其中自然人19件、法人2件": a breakdown of the 21
    running = parse_number(total.group("total")) or Decimal(0)
    for value in reversed(earlier):
        running += value
        if running == expected:
            return True
    return False


def _earlier_counts(text: str, total: re.Match[str], item_re: re.Pattern[str], unit: str) -> list[Decimal]:
    """The counts of ``unit`` stated before the total in its sentence, since the last "；" ("…1件尚在审理中；
    被提起行政诉讼4件，其中…": the review counts are another statement)."""
    begin = clause_start(text, total.start(), _STATEMENT_MARKS)
    return [
        value
        for m in item_re.finditer(_blank_brackets(text[begin : total.start("total")]))
        if (m.groupdict().get("unit") or "") == unit and (value := parse_number(m.group("n"))) is not None
    ]


def _window(
    text: str, total: re.Match[str], limit: int, stop_re: re.Pattern[str], opener_re: re.Pattern[str]
) -> tuple[int, int]:
    """Where the parts of ``total`` are written: to the sentence end, closing bracket, next total, stop word,
    or the next breakdown word outside brackets ("…全部按期答复，其中予以公开…" breaks down something else)."""
    start = total.end()
    end = limit
    sentence = _SENTENCE_END().search(text, start)
    if sentence:
        end = min(end, sentence.start())
    opener = total.groupdict().get("open")
    if opener:
        close = _matching_close(text, start, _BRACKETS[opener])
        end = min(end, close if close is not None else end)
    stop = stop_re.search(text, start, end)
    end = stop.start() if stop else end
    end = _other_channel(text, total.start(), start, end)
    again = opener_re.search(_blank_brackets(text[start:end]))
    return start, (start + again.start() if again else end)


def _named_by_total(text: str, total: re.Match[str], window: tuple[int, int], item_re: re.Pattern[str]) -> bool:
    """Whether the total's own words name every part ("人大代表建议和政协提案57件，其中人大代表建议26件、
    政协提案31件"): then the list is the whole, however short it falls."""
    before = text[clause_start(text, total.start(), _STATEMENT_MARKS) : total.start()]
    segment = _blank_brackets(text[window[0] : window[1]])
    labels: list[str] = []
    position = 0
    for m in item_re.finditer(segment):
        label = _LABEL_NOISE().sub("", segment[position : m.start()])
        labels.append(label)
        position = m.end()
    return len(labels) >= 2 and all(len(label) >= 2 and label in before for label in labels)


_LABEL_NOISE = lazy_pattern(r"^[\s，,、；;：:]*(?:其中|包括|分别为)?[\s，,：:]*|[\s的]+$")


def _other_channel(text: str, total_start: int, start: int, end: int) -> int:
    """Where the list moves from the website its total counts to another channel ("网站发布信息10300条，
    其中…解读信息152条，微信公众号发布信息75条，收到留言56条"): the clause naming it is not a part."""
    opening = text[clause_start(text, total_start, _STATEMENT_MARKS) : total_start]
    if "网站" not in opening or _CHANNEL().search(opening):
        return end
    for clause in _CLAUSE_MARK().finditer(text, start, end):
        if _CHANNEL().match(text, clause.end()):
            return clause.start()
    return end


#: a channel other than the website, opening a clause
_CHANNEL = lazy_pattern(
    r"\s*(?:通过|在|依托)?(?:政务)?(?:微信|微博|公众号|新媒体|客户端|抖音|头条|视频号|政务号|留言|来信|热线|信箱)"
)
_CLAUSE_MARK = lazy_pattern(r"[，,、]")


def _clause(text: str, window: tuple[int, int], item_re: re.Pattern[str]) -> tuple[int, int]:
    """Cut the window at the first "；" unless "；" is what separates the parts ("其中：A 3件；B 4件；…")."""
    start, end = window
    semicolon = _CLAUSE_END().search(text, start, end)
    if semicolon is None:
        return window
    before = _blank_brackets(text[start : semicolon.start()])
    return (start, semicolon.start()) if len(item_re.findall(before)) >= 2 else window


def _matching_close(text: str, start: int, closer: str) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in _BRACKETS:
            depth += 1
        elif ch in _BRACKETS.values():
            if depth == 0:
                return i if ch == closer else None
            depth -= 1
    return None


def _list_ends_at_a_comma(parts: list[Decimal], commas: list[bool], total: Decimal, min_parts: int) -> bool:
    """Whether the first parts, up to one followed by "，" and another fact (:data:`_NEW_FACT`), or parts
    joined by "、" up to a "，", add up to the total: what comes after is a clause of its own ("其中自然人申请
    5件、商业企业申请1件，上年结转申请2件", "其中直接起诉4件、复议后起诉1件，结果维持3件…"). A list going on
    with items of its kind after a "，" ("…予以公开5件，部分公开5件，不予公开12件") is not cut."""
    running = Decimal(0)
    for i, (value, comma) in enumerate(zip(parts, commas, strict=True)):
        running += value
        if comma and i + 1 >= min_parts and i + 1 < len(parts) and running == total:
            return True
    return False


def _clause_begin(segment: str, end: int) -> int:
    """Where the clause ending at ``end`` starts, its separator included (what :data:`_SUBTOTAL` reads)."""
    return max(0, max(segment.rfind(mark, 0, end) for mark in _SEPARATORS))


def _two_breakdowns(parts: list[Decimal], total: Decimal, min_parts: int) -> bool:
    """Whether the parts are two lists of at least ``min_parts`` each adding up to the total: the same
    count broken down two ways in one sentence."""
    if sum(parts, Decimal(0)) != total * 2:
        return False
    running = Decimal(0)
    for k, part in enumerate(parts, 1):
        running += part
        if running == total and min_parts <= k <= len(parts) - min_parts:
            return True
    return False


def _parts(
    text: str,
    window: tuple[int, int],
    item_re: re.Pattern[str],
    skip_re: re.Pattern[str],
    unit: str,
    closed_re: re.Pattern[str] | None = None,
) -> tuple[list[Decimal], list[bool], list[Decimal]] | None:
    """The parts' values; for each, whether the list may end after it (a "，" and another fact, or a "，"
    after parts joined by "、" unless one more of their ``closed_re`` kind follows); and the counts
    written before their labels after parts written after theirs ("…其他处理7件，7件结转下年度办理": most
    often a clause of its own, sometimes the last part). None when the statement should be left alone."""
    segment = _blank_brackets(text[window[0] : window[1]])
    if skip_re.search(segment):
        return None
    parts: list[Decimal] = []
    commas: list[bool] = []
    tail: list[Decimal] = []
    labelled = False
    enumerated = True  # the parts so far are joined by "、" (a list whose "，" may end it)
    kind_seen = False  # a part so far is of the closed set (结果维持…): one more after "，" goes on the list
    previous_end = -1
    for m in item_re.finditer(segment):
        value = parse_number(m.group("n"))
        if value is None:
            continue
        same_unit = (m.groupdict().get("unit") or "") == unit
        if _SUBTOTAL().search(segment, _clause_begin(segment, m.start()), m.start()):
            continue
        number_first = not segment[: m.start()].strip() or segment[: m.start()].rstrip()[-1] in _SEPARATORS
        if tail or (number_first and labelled):
            if not (number_first and same_unit):
                break
            tail.append(value)
            continue
        labelled = labelled or not number_first
        if not same_unit:
            return None
        label = segment[max(previous_end, 0) : m.start()]
        if previous_end >= 0 and any(mark in label for mark in "，,；;"):
            enumerated = False
        kind_seen = kind_seen or (closed_re is not None and closed_re.search(label) is not None)
        parts.append(value)
        previous_end = m.end()
        rest = segment[m.end() :].lstrip()
        same_kind = kind_seen and closed_re is not None and closed_re.search(rest, 1, 12) is not None
        ends = rest[:1] in ("，", ",") and (
            _NEW_FACT().match(rest, 1) is not None or (enumerated and len(parts) > 1 and not same_kind)
        )
        commas.append(ends)
    return parts, commas, tail


def _parallel(text: str, total: re.Match[str], item_re: re.Pattern[str], unit: str, parts: list[Decimal]) -> bool:
    """Whether the parts are one part of each count listed up to the total, in order, none larger
    ("承办建议14件、提案9件，其中主办建议8件、主办提案5件")."""
    counts = [*_earlier_counts(text, total, item_re, unit), parse_number(total.group("total")) or Decimal(0)]
    counts = counts[-len(parts) :]
    return len(parts) >= 2 and len(counts) == len(parts) and all(p <= c for p, c in zip(parts, counts, strict=True))


_STATEMENT_MARKS = ("。", "！", "!", "？", "?", "\n", "；", ";")


def _blank_brackets(segment: str) -> str:
    """Bracketed text replaced by spaces (same length): sub-breakdowns are not parts."""
    out = list(segment)
    depth = 0
    for i, ch in enumerate(segment):
        if ch in _BRACKETS:
            depth += 1
        if depth:
            out[i] = " "
        if ch in _BRACKETS.values() and depth:
            depth -= 1
    return "".join(out)


def _finding(
    rule: Rule,
    ctx: CheckContext,
    para: Paragraph,
    m: re.Match[str],
    expected: Decimal,
    parts: list[Decimal],
    start: int,
) -> Finding:
    unit = m.groupdict().get("unit") or ""
    end = m.end("unit") if unit else m.end("total")
    return finding_at_text(
        rule, ctx, para, start, end,
        expected=f"{format_number(expected)}{unit}",
        actual=para.text[start:end],
        parts="+".join(format_number(p) for p in parts),
        unit=unit,
    )  # fmt: skip
