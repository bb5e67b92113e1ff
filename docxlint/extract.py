"""Facts from text: numbers (Arabic and Chinese numerals), dates, the report year.

Everything here works on plain strings (or the model), never on XML, and keeps
character offsets of the original text so findings can be anchored precisely.

Chinese numerals are parsed by a small built-in parser rather than ``cn2an``:
importing ``cn2an`` costs ~280 ms, more than the whole start-up budget of
``docxlint check``. The test suite checks this parser against ``cn2an``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from docxlint.regex_cache import lazy_pattern

if TYPE_CHECKING:
    from docxlint.checks.base import CheckContext
    from docxlint.model import Paragraph


#: Longest sentence the checks look at, in characters either way from a position: a paragraph of
#: megabytes stating a count thousands of times must not be scanned to its start for each of them.
SENTENCE_REACH = 600


def mark_before(text: str, position: int, marks: Sequence[str]) -> int:
    """Where the last of ``marks`` before ``position`` is, at most :data:`SENTENCE_REACH` back; -1 if none."""
    floor = max(0, position - SENTENCE_REACH)
    return max(text.rfind(mark, floor, position) for mark in marks)


def clause_start(text: str, position: int, marks: Sequence[str]) -> int:
    """Where the sentence (or clause) holding ``position`` starts: after the last of ``marks`` before it,
    or :data:`SENTENCE_REACH` characters back."""
    found = mark_before(text, position, marks)
    return found + 1 if found >= 0 else max(0, position - SENTENCE_REACH)


def split_spans(text: str, span: tuple[int, int], separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """The items of ``text[span]`` between ``separator`` matches, as spans (blank items left out)."""
    items: list[tuple[int, int]] = []
    position = span[0]
    for sep in separator.finditer(text, span[0], span[1]):
        items.append((position, sep.start()))
        position = sep.end()
    items.append((position, span[1]))
    return [(a, b) for a, b in items if text[a:b].strip()]


#: Full-width digits and punctuation mapped one-to-one to ASCII (offsets are kept).
FULLWIDTH = str.maketrans("０１２３４５６７８９，．：－／", "0123456789,.:-/")

_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL_UNITS) + "".join(_CN_BIG_UNITS)

#: thousands separated by "," ("1,024", "２８,７６４"), or by "，" between full-width digits ("２，２２３": typed
#: in full-width mode, where the comma comes out full-width too)
_ARABIC = (
    r"(?:[０-９]+(?:，[０-９]{3}(?![０-９]))+|[0-9０-９]+(?:,[0-9０-９]{3}(?![0-9０-９]))*)(?:[.．][0-9０-９]+)?(?:\s?[万亿])?"
)
_CHINESE = f"(?<![{_CN_CHARS}])[{_CN_CHARS}]+"

#: Regex source for one number token (no capturing groups, so it can be embedded anywhere).
NUMBER_RE: str = rf"(?:(?<![0-9０-９.．]){_ARABIC}|{_CHINESE})"
_NUMBER = lazy_pattern(NUMBER_RE)
_PLAIN_NUMBER = lazy_pattern(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")


@lru_cache(maxsize=1 << 16)
def decimals_written(token: str) -> int:
    """How many decimals a number is written with ("41.4" → 1, "４１．４５" → 2, "41" → 0)."""
    written = token.strip().translate(FULLWIDTH)
    return len(written.split(".", 1)[1]) if "." in written else 0


def rounds_to(exact: Decimal, written: Decimal, decimals: int) -> bool:
    """Whether ``exact``, rounded half up or truncated to ``decimals``, is ``written`` (percentages
    are written either way: 2 of 3 as "66.7%" or "66.6%")."""
    quantum = Decimal(1).scaleb(-decimals)
    return written in (exact.quantize(quantum, ROUND_HALF_UP), exact.quantize(quantum, ROUND_DOWN))


def parse_number(token: str) -> Decimal | None:
    """The value of one number token: "31", "３１", "1,024", "1.5万", "三十一", "二〇二三", "两".

    Memoised: a pure function of the token (Decimal values are immutable).
    """
    text = token.strip().translate(FULLWIDTH).replace(" ", "")
    if not text:
        return None
    multiplier = 1
    if text[-1] in _CN_BIG_UNITS and text[0].isdigit():
        multiplier, text = _CN_BIG_UNITS[text[-1]], text[:-1]
    if _PLAIN_NUMBER().fullmatch(text):
        try:
            return Decimal(text.replace(",", "")) * multiplier
        except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
            return None
    if multiplier == 1 and all(ch in _CN_CHARS for ch in text):
        value = _parse_chinese(text)
        return None if value is None else Decimal(value)
    return None


def _parse_chinese(text: str) -> int | None:
    """Chinese numeral to int; None when the token is not a well-formed numeral."""
    if all(ch in _CN_DIGITS for ch in text):
        if len(text) == 1:
            return _CN_DIGITS[text]
        if "两" in text or not (len(text) == 4 or any(_CN_DIGITS[ch] == 0 for ch in text)):
            return None  # "三四" is "three or four", not 34
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))  # "二〇二三": digit by digit
    return _parse_chinese_positional(text)


def _parse_chinese_positional(text: str) -> int | None:
    """ "三十一", "一百零五", "十二万三千", "一万五" (colloquial) → int."""
    total, section, digit = 0, 0, None
    last_unit: int | None = None  # last small unit within the current 万/亿 section
    last_big = 0
    zero_since_unit = False
    for ch in text:
        if ch in _CN_DIGITS:
            value = _CN_DIGITS[ch]
            if digit is not None:
                return None
            if value == 0:
                zero_since_unit = True
            else:
                digit = value
        elif ch in _CN_SMALL_UNITS:
            unit = _CN_SMALL_UNITS[ch]
            if last_unit is not None and unit >= last_unit:
                return None
            if digit is None:
                if unit != 10 or section:
                    return None
                digit = 1  # "十二" = 12
            section += digit * unit
            digit, last_unit, zero_since_unit = None, unit, False
        else:
            big = _CN_BIG_UNITS[ch]
            section += digit or 0
            if section == 0 or (last_big and big == last_big):
                return None
            total = (total + section) * big if big > last_big else total + section * big
            section, digit, last_unit, last_big, zero_since_unit = 0, None, None, big, False
    if digit is not None:
        if last_unit and last_unit >= 100 and not zero_since_unit:
            digit *= last_unit // 10  # "一千五" = 1500
        elif last_unit is None and last_big and not zero_since_unit:
            digit *= last_big // 10  # "一万五" = 15000
        section += digit
    return total + section


def find_numbers(text: str, *, chinese: bool = True) -> list[tuple[int, int, Decimal]]:
    """``(start, end, value)`` of every number token in ``text`` (Chinese numerals optional)."""
    out: list[tuple[int, int, Decimal]] = []
    for m in _NUMBER().finditer(text):
        token = m.group()
        if not chinese and not token[0].translate(FULLWIDTH).isdigit():
            continue
        value = parse_number(token)
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out


def format_number(value: Decimal | int) -> str:
    """ "31", "1.5", "15000" (no exponent, no trailing zeros)."""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    return text


# --- dates -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date with parts missing, e.g. "12月31日" (no year) or "2024年1月" (no day)."""

    year: int | None
    month: int | None
    day: int | None

    def complete(self, year: int) -> datetime.date | None:
        """The full date in ``year`` when only the year is missing."""
        if self.year is None and self.month and self.day:
            return _safe_date(year, self.month, self.day)
        return None


DateValue = datetime.date | PartialDate

_YEAR = r"(?:[0-9０-９]{4}|[〇零○一二三四五六七八九]{4})"
_MONTH = r"(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九]|元(?=月))"  # 元月: January
_DAY = r"(?:[0-9０-９]{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DATE = lazy_pattern(
    rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MONTH})\s*月(?:\s*(?P<d>{_DAY})\s*[日号])?"
    rf"|(?<![0-9０-９])(?P<ny>[0-9０-９]{{4}})\s*(?P<sep>[-－./／])\s*(?P<nm>[0-9０-９]{{1,2}})\s*(?P=sep)\s*(?P<nd>[0-9０-９]{{1,2}})(?![0-9０-９])"
    rf"|(?<![0-9０-９年])(?P<om>{_MONTH})\s*月\s*(?P<od>{_DAY})\s*[日号]"
)


def find_dates(text: str) -> list[tuple[int, int, DateValue]]:
    """``(start, end, date)`` for "2024年1月19日", "2024-01-19", "2024年1月", "12月31日", "二〇二四年一月十九日".

    Complete dates are :class:`datetime.date`; dates missing a part are
    :class:`PartialDate`; impossible dates (2月30日) are skipped.
    """
    out: list[tuple[int, int, DateValue]] = []
    for m in _DATE().finditer(text):
        value = _date_from_match(m)
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out


def parse_cn_date(text: str) -> DateValue | None:
    """The date that ``text`` consists of (surrounding spaces and brackets allowed), else None."""
    stripped = text.strip().strip("（）()[]【】 ")
    m = _DATE().fullmatch(stripped)
    return _date_from_match(m) if m else None


def _date_from_match(m: re.Match[str]) -> DateValue | None:
    if m.group("y"):
        year, month, day = _int(m.group("y")), _int(m.group("m")), _int(m.group("d"))
    elif m.group("ny"):
        year, month, day = _int(m.group("ny")), _int(m.group("nm")), _int(m.group("nd"))
    else:
        year, month, day = None, _int(m.group("om")), _int(m.group("od"))
    if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if year is not None and day is not None:
        return _safe_date(year, month, day)
    if day is not None and _safe_date(2000, month, day) is None:  # leap year: 2月29日 is possible
        return None
    return PartialDate(year, month, day)


def _int(token: str | None) -> int | None:
    if token is None:
        return None
    if token == "元":
        return 1
    value = parse_number(token)
    return int(value) if value is not None else None


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


# --- the report year -------------------------------------------------------------------

#: Default title pattern: the year, then (within the title) "…政府信息公开…报告" or "…政务公开…报告";
#: or the name first and the year in brackets after it ("…工作年度报告（2023年度）", group ``year_after``).
YEAR_RE = r"(?:19|20|１９|２０)[0-9０-９]{2}|二[〇零○][〇零○一二三四五六七八九]{2}"
REPORT_TITLE_RE = (
    rf"(?P<year>{YEAR_RE})\s*年度?[^。；;]{{0,40}}?(?:政府信息公开|政务公开|信息公开)[^。；;]{{0,20}}?报告"
    rf"|(?:政府信息公开|政务公开|信息公开)[^。；;（(]{{0,20}}?报告\s*[（(]\s*(?P<year_after>{YEAR_RE})\s*年度?\s*[）)]"
)
_REPORT_TITLE = lazy_pattern(REPORT_TITLE_RE)
_TITLE_MAX_LENGTH = 80
_TITLE_SEARCH_PARAGRAPHS = 12


def report_year(ctx: CheckContext) -> tuple[int, Paragraph, tuple[int, int]] | None:
    """The report year Y from the title "Y年…政府信息公开工作年度报告", with where it was found.

    Looks at the short non-empty paragraphs before the first heading (then at the
    core-properties title, anchored on the first paragraph with an empty span).
    The pack may supply its own pattern as the named pattern ``report-title``
    (group ``year``). Cached in ``ctx.cache``.
    """
    if "report_year" in ctx.cache:
        return ctx.cache["report_year"]
    pattern = title_regex(ctx)
    result = _year_from_title_paragraphs(ctx, pattern) or _year_from_properties(ctx, pattern)
    ctx.cache["report_year"] = result
    return result


def title_regex(ctx: CheckContext) -> re.Pattern[str]:
    """The pattern of a report title: the pack's ``report-title``, else the built-in one."""
    return ctx.pattern("@report-title") if "report-title" in ctx.patterns else _REPORT_TITLE()


def _title_candidates(ctx: CheckContext) -> list[Paragraph]:
    from docxlint.model import Paragraph

    first_heading = min((s.heading.index for s in ctx.sections.root.walk() if s.heading is not None), default=None)
    out: list[Paragraph] = []
    for block in ctx.sections.flow:
        if not isinstance(block, Paragraph):
            continue
        if first_heading is not None and block.index >= first_heading:
            break
        if block.text.strip():
            out.append(block)
        if len(out) >= _TITLE_SEARCH_PARAGRAPHS:
            break
    return out


def _year_from_title_paragraphs(
    ctx: CheckContext, pattern: re.Pattern[str]
) -> tuple[int, Paragraph, tuple[int, int]] | None:
    candidates = _title_candidates(ctx)
    for limit in (_TITLE_MAX_LENGTH, None):
        for para in candidates:
            if limit is not None and len(para.text.strip()) > limit:
                continue
            m = pattern.search(para.text)
            year = _year_value(m)
            if m and year:
                return year, para, m.span(_year_group(m))
    return None


def _year_from_properties(ctx: CheckContext, pattern: re.Pattern[str]) -> tuple[int, Paragraph, tuple[int, int]] | None:
    title = ctx.document.properties.get("title", "")
    m = pattern.search(title) if title else None
    year = _year_value(m)
    paragraphs = [p for p in ctx.document.paragraphs if p.text.strip()]
    if year and paragraphs:
        return year, paragraphs[0], (0, 0)
    return None


def _year_group(m: re.Match[str]) -> str:
    """The group holding the year: ``year``, or ``year_after`` for a title that ends with it ("…报告（2023年度）")."""
    return "year" if m.group("year") is not None or "year_after" not in m.re.groupindex else "year_after"


def _year_value(m: re.Match[str] | None) -> int | None:
    if m is None:
        return None
    token = m.group(_year_group(m))
    value = parse_number(token) if token else None
    if value is None or not 1990 <= value <= 2100:
        return None
    return int(value)


def to_chinese_numeral(value: int) -> str:
    """1 → "一", 10 → "十", 21 → "二十一", 105 → "一百零五" (0 ≤ value < 10000)."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value % 10] if value % 10 else "")
    out = ""
    pending_zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        out += ("零" if pending_zero else "") + digits[digit] + name
        pending_zero = False
    return out
