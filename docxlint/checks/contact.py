"""``contact``: the report gives an address, postcode, telephone, e-mail and website, and they are well-formed.

Options: ``scope`` (default: the introduction), ``intro_scope`` and ``intro_pattern`` (paragraphs of
those sections that read as the introduction are read too: "如对本报告有疑问，请与…联系" under
"一、总体情况"), ``items`` (which items, their
zh/en names, ``label_pattern`` and ``required``; defaults cover all five),
``short_numbers_pattern`` (service numbers accepted as telephones, e.g. 12345),
``provinces`` (``[{"name", "postcodes": [prefixes], "area_codes": [prefixes]}]``:
a postcode and a landline area code must belong to the same province), and
``messages`` per kind: ``missing`` (params ``missing_zh``/``missing_en``),
``invalid`` (``item_zh``/``item_en``) and ``mismatch`` (``area``, ``province``;
``expected`` is the province's postcode shapes, e.g. "25xxxx/26xxxx/27xxxx").

Items are found by label ("地址", "邮编/邮政编码", "电话/联系电话", "电子邮箱/E-mail",
"网址/网站"; with or without a colon, full-width or not) and, for e-mail,
website and telephone, also by their shape anywhere in scope. Telephones are
parsed with ``phonenumbers`` (region CN), e-mail addresses with
``email_validator`` (no network), URLs by syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docxlint import __version__
from docxlint.checks._util import WHERE_ALL, intro_anchor, kind_rule, scope_sections, scope_units
from docxlint.checks.base import CheckContext, Rule, finding_at_text, finding_missing, register
from docxlint.extract import FULLWIDTH, lazy_pattern
from docxlint.findings import ANCHOR_MISSING, Finding
from docxlint.memo import Memo, module_stamp
from docxlint.model import Paragraph

DEFAULT_ITEMS: dict[str, dict[str, Any]] = {
    "address": {
        "zh": "地址",
        "en": "address",
        "label_pattern": r"(?:通讯|通信|联系|办公|单位|详细|机关)?地址|办公地点",
    },
    "postcode": {"zh": "邮编", "en": "postcode", "label_pattern": r"邮政编码|邮编|邮码"},
    "phone": {
        "zh": "电话",
        "en": "telephone",
        "label_pattern": r"(?:联系|咨询|办公|服务|监督|投诉|举报)?电\s*话|热线|手机|[Tt][Ee][Ll]\b",
    },
    "email": {
        "zh": "电子邮箱",
        "en": "e-mail",
        "label_pattern": r"(?:电子(?:邮箱|信箱|邮件)|邮箱|[Ee]-?[Mm][Aa][Ii][Ll])(?:地址)?",
    },
    "website": {"zh": "网址", "en": "website", "label_pattern": r"网址|(?:门户)?网站(?:地址)?"},
}
DEFAULT_SHORT_NUMBERS = r"1[0-9]{2}|1[0-9]{4}|[48]00[0-9]{7}"

_COLON = lazy_pattern(r"\s*(?:[:：]|为|是)?\s*")
_VALUE_END = lazy_pattern(r"[；;。\n]")
_VALUE_MAX = 60
_EMPTY_VALUE = lazy_pattern(r"^[\s（）()【】\[\]—\-_/、，,.]*(?:无|暂无|空|—+)?[\s（）()，,.]*$")
_ADDRESS_CHARS = lazy_pattern(r"[路街号区市县镇乡楼室巷道村院省州旗]|大厦|广场|中心")
_EMAIL = lazy_pattern(r"[A-Za-z0-9][A-Za-z0-9._%+\-]*\s*[@＠]\s*[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*")
_URL_STOP = r"[!#$%&*+\-./0-9:=?@A-Z_a-z~]"
_URL = lazy_pattern(
    rf"(?i:(?:https?|ftp)\s*[:：]?\s*/{{0,2}}{_URL_STOP}*|www\.{_URL_STOP}+"
    rf"|(?<![@A-Za-z0-9.\-])[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:gov|com|org|net|edu)(?:\.cn)?(?![A-Za-z0-9\-]){_URL_STOP}*)"
)
_SITE_NAME = lazy_pattern(
    r"[“\"「『《][^”\"」』》]{2,40}?(?:网站|门户|网)[”\"」』》]|[\u4e00-\u9fff]{2,20}(?:政府|政务|门户)[\u4e00-\u9fff]{0,4}?网站?"
)
_PHONE_IN_VALUE = lazy_pattern(r"(?:\+?86[\s-]?)?(?:[(（]\s*0[0-9]{2,3}\s*[)）]\s*-?\s*)?[0-9][0-9\s\-—–]{3,}[0-9]")
_PHONE_SHAPE = lazy_pattern(
    r"(?<![0-9])(?:[(（]0[0-9]{2,3}[)）]\s*-?\s*[0-9]{7,8}|0[0-9]{2,3}\s*[-—–]\s*[0-9]{7,8}|0[0-9]{2,3}[0-9]{7,8}"
    r"|1[3-9][0-9]{9}|[48]00-?[0-9]{3}-?[0-9]{4})(?![0-9])"
)
#: a landline with its area code, then an extension of 1-5 digits after a hyphen or dash
_EXTENSION = lazy_pattern(
    r"^(?P<main>(?:[(（]\s*)?0[0-9]{2,3}(?:\s*[)）])?\s*[-—–]?\s*[0-9]{7,8})\s*[-—–]\s*[0-9]{1,5}$"
)
_SPACE_BETWEEN = lazy_pattern(r"[0-9]\s+[0-9]")
#: one number of several side by side: digits and dashes, an area code in brackets before them
_PIECE = lazy_pattern(r"(?:[(（]\s*0[0-9]{2,3}\s*[)）]\s*)?[0-9][0-9\-—–]*[0-9]")
_AREA_THEN_SHORT = lazy_pattern(r"0[0-9]{2,3}(123[0-9]{2})")  # "0532-12366": a 123xx hotline of that city
_POSTCODE_IN_VALUE = lazy_pattern(r"[0-9][0-9\s]*[0-9]|[0-9]")
_POSTCODE_AFTER_ADDRESS = lazy_pattern(r"[（(]\s*(?:邮编|邮政编码)?[:：]?\s*([0-9]{6})\s*[）)]")
_LOOKS_LIKE_ADDRESS = lazy_pattern(r"[A-Za-z0-9._%+\-#@＠]{3,}(?:\.[A-Za-z0-9\-]+)+")
_HOST_LABEL = lazy_pattern(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")
_CLOCK_BEFORE = lazy_pattern(r"[0-9]:$")
_CLOCK_AFTER = lazy_pattern(r":[0-9]{2}")


@dataclass(slots=True)
class Item:
    """A contact item the rule asks for."""

    key: str
    zh: str
    en: str
    label: re.Pattern[str]
    required: bool = True


@dataclass(slots=True)
class Value:
    """One occurrence of an item: where, what, and whether it is well-formed."""

    key: str
    para: Paragraph
    span: tuple[int, int]
    text: str
    valid: bool = True
    area: str | None = None  #: landline area code ("0632") for telephones
    label_start: int | None = None  #: where its label ("电话：") starts, when it has one

    @property
    def extent(self) -> tuple[int, int]:
        """The value with its label."""
        return (self.span[0] if self.label_start is None else min(self.label_start, self.span[0]), self.span[1])


@dataclass(slots=True)
class Found:
    """Every item occurrence found in scope (one per place: a labelled value is not counted twice)."""

    values: list[Value] = field(default_factory=list)

    def add(self, value: Value) -> None:
        if not any(v.para is value.para and _overlap(v.span, value.span) and v.key == value.key for v in self.values):
            self.values.append(value)

    def of(self, key: str) -> list[Value]:
        return [v for v in self.values if v.key == key]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@register("contact")
def check_contact(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    options = rule.options
    items = _items(ctx, options)
    short = ctx.pattern(options.get("short_numbers_pattern", DEFAULT_SHORT_NUMBERS))
    sections = scope_sections(ctx, options.get("scope", ["front-matter"]))
    units = scope_units(ctx, sections, WHERE_ALL) if sections else []
    units += _introductions(ctx, options, {para.index for para, _ in units})
    found = Found()
    for para, offset in units:
        _scan(para, offset, items, short, found)
    yield from _invalid_findings(rule, ctx, found, items)
    yield from _mismatch_findings(rule, ctx, found, options.get("provinces", []))
    missing = [item for item in items.values() if item.required and not found.of(item.key)]
    if missing:
        yield from _missing_finding(rule, ctx, found, missing)


def _introductions(ctx: CheckContext, options: dict[str, Any], taken: set[int]) -> list[tuple[Paragraph, int]]:
    """Paragraphs of the ``intro_scope`` sections that read as the report's introduction (``intro_pattern``:
    "如对本报告有疑问…" under "一、总体情况", where some reports put it)."""
    scope = options.get("intro_scope")
    if not scope or not options.get("intro_pattern"):
        return []
    intro = ctx.pattern(options["intro_pattern"])
    return [
        (para, offset)
        for para, offset in scope_units(ctx, scope_sections(ctx, scope), WHERE_ALL)
        if para.index not in taken and intro.search(para.text, offset)
    ]


def _missing_finding(rule: Rule, ctx: CheckContext, found: Found, missing: list[Item]) -> Iterator[Finding]:
    """One finding naming every missing item, on the contact details given (or the intro's last paragraph)."""
    params = {
        "expected": "、".join(i.zh for i in missing),
        "missing_zh": "、".join(i.zh for i in missing),
        "missing_en": ", ".join(i.en for i in missing),
    }
    missing_rule = kind_rule(rule, "missing")
    para = _contact_paragraph(found)
    if para is None:
        anchor = intro_anchor(ctx)
        if anchor is not None:
            yield finding_missing(missing_rule, ctx, anchor, **params)
        return
    extents = [v.extent for v in found.values if v.para is para]
    finding = finding_at_text(missing_rule, ctx, para, min(e[0] for e in extents), max(e[1] for e in extents), **params)
    finding.anchor = ANCHOR_MISSING
    yield finding


def _items(ctx: CheckContext, options: dict[str, Any]) -> dict[str, Item]:
    specs = options.get("items") or DEFAULT_ITEMS
    out: dict[str, Item] = {}
    for key, spec in specs.items():
        label = spec.get("label_pattern") or DEFAULT_ITEMS.get(key, {}).get("label_pattern")
        out[key] = Item(key, spec["zh"], spec["en"], ctx.pattern(label), spec.get("required", True))
    return out


# --- scanning --------------------------------------------------------------------------


def _scan(para: Paragraph, offset: int, items: dict[str, Item], short: re.Pattern[str], found: Found) -> None:
    text = para.text.translate(FULLWIDTH)
    labels = _labels(text, offset, items)
    for i, (key, start, end) in enumerate(labels):
        limit = labels[i + 1][1] if i + 1 < len(labels) else len(text)
        _read_labelled(para, text, key, start, end, limit, short, found)
    _scan_shapes(para, text, offset, short, found)


def _labels(text: str, offset: int, items: dict[str, Item]) -> list[tuple[str, int, int]]:
    """Non-overlapping label matches (leftmost, then longest)."""
    hits = [(m.start(), -m.end(), key) for key, item in items.items() for m in item.label.finditer(text, offset)]
    out: list[tuple[str, int, int]] = []
    last_end = -1
    for start, neg_end, key in sorted(hits):
        if start >= last_end and -neg_end > start:
            out.append((key, start, -neg_end))
            last_end = -neg_end
    return out


def _read_labelled(
    para: Paragraph, text: str, key: str, start: int, end: int, limit: int, short: re.Pattern[str], found: Found
) -> None:
    colon = _COLON().match(text, end)
    value_start = colon.end() if colon else end
    explicit = bool(colon and text[end : colon.end()].strip())
    stop = _VALUE_END().search(text, value_start)
    value_end = min(limit, stop.start() if stop else len(text), value_start + _VALUE_MAX)
    raw = text[value_start:value_end]
    value_end = value_start + len(raw.rstrip(" ，,、）)】]"))
    known = len(found.values)
    _READERS[key](para, text, value_start, value_end, explicit, short, found)
    for value in found.values[known:]:
        value.label_start = start


def _read_address(para: Paragraph, text: str, start: int, end: int, explicit: bool, short: Any, found: Found) -> None:
    value = text[start:end]
    if not _EMPTY_VALUE().match(value) and (explicit or _ADDRESS_CHARS().search(value)):
        found.add(Value("address", para, (start, end), value))
        bracketed = _POSTCODE_AFTER_ADDRESS().search(text, start, min(len(text), end + 10))
        if bracketed:  # "地址：某市某路126号（264000）": the postcode in brackets after the address
            found.add(Value("postcode", para, bracketed.span(1), bracketed.group(1)))


def _read_postcode(para: Paragraph, text: str, start: int, end: int, explicit: bool, short: Any, found: Found) -> None:
    m = _POSTCODE_IN_VALUE().search(text, start, end)
    if m is None:
        return  # "邮编：" with no number is a missing postcode, reported as such
    digits = re.sub(r"\s", "", m.group())
    valid = len(digits) == 6 and digits != "000000"
    found.add(Value("postcode", para, m.span(), digits, valid=valid))


def _read_phone(
    para: Paragraph, text: str, start: int, end: int, explicit: bool, short: re.Pattern[str], found: Found
) -> None:
    area: str | None = None
    matches = [m for m in _PHONE_IN_VALUE().finditer(text, start, end) if not _is_clock_time(text, m)]
    if not matches and explicit and len(re.findall(r"[0-9]", text[start:end])) >= 3:
        found.add(Value("phone", para, (start, end), text[start:end], valid=False))
    for m in matches:
        values = [_phone_value(para, m.span(), m.group(), short, area)]
        if not values[0].valid and _SPACE_BETWEEN().search(m.group().strip()):
            values = _numbers_side_by_side(para, m, short, area) or values
        for value in values:
            area = value.area or area
            found.add(value)


def _numbers_side_by_side(para: Paragraph, m: re.Match[str], short: re.Pattern[str], area: str | None) -> list[Value]:
    """The numbers of "0519-85682001 0519-85682002" (two numbers with a space between), when each is
    valid on its own; [] when they are not."""
    values: list[Value] = []
    for piece in _PIECE().finditer(m.group()):
        value = _phone_value(para, (m.start() + piece.start(), m.start() + piece.end()), piece.group(), short, area)
        if not value.valid:
            return []
        area = value.area or area
        values.append(value)
    return values if len(values) > 1 else []


def _is_clock_time(text: str, m: re.Match[str]) -> bool:
    """Digits that belong to a time of day ("（工作日9:00-17:00）"), not to a telephone number."""
    return bool(_CLOCK_BEFORE().search(text, 0, m.start()) or _CLOCK_AFTER().match(text, m.end()))


def _read_email(para: Paragraph, text: str, start: int, end: int, explicit: bool, short: Any, found: Found) -> None:
    m = _EMAIL().search(text, start, end)
    if m is None:
        if explicit and _LOOKS_LIKE_ADDRESS().match(text, start, end):
            token = _LOOKS_LIKE_ADDRESS().match(text, start, end)
            assert token is not None
            found.add(Value("email", para, token.span(), token.group(), valid=False))
        return
    found.add(_email_value(para, m))


def _read_website(para: Paragraph, text: str, start: int, end: int, explicit: bool, short: Any, found: Found) -> None:
    m = _URL().search(text, start, end)
    if m is not None:
        found.add(_url_value(para, m))
    elif explicit and not _EMPTY_VALUE().match(text[start:end]):
        found.add(Value("website", para, (start, end), text[start:end]))  # a site name instead of a URL


_READERS = {
    "address": _read_address,
    "postcode": _read_postcode,
    "phone": _read_phone,
    "email": _read_email,
    "website": _read_website,
}


def _scan_shapes(para: Paragraph, text: str, offset: int, short: re.Pattern[str], found: Found) -> None:
    """Items recognisable without a label: e-mail addresses, URLs, site names, telephone numbers."""
    emails = [_email_value(para, m) for m in _EMAIL().finditer(text, offset)]
    for value in emails:
        found.add(value)
    for m in _URL().finditer(text, offset):
        if not any(_overlap(m.span(), e.span) for e in emails):
            found.add(_url_value(para, m))
    for m in _SITE_NAME().finditer(text, offset):
        found.add(Value("website", para, m.span(), m.group()))
    for m in _PHONE_SHAPE().finditer(text, offset):
        found.add(_phone_value(para, m.span(), m.group(), short, None))


# --- validation ------------------------------------------------------------------------


def _phone_value(para: Paragraph, span: tuple[int, int], raw: str, short: re.Pattern[str], area: str | None) -> Value:
    digits = re.sub(r"[^0-9]", "", raw)
    local = _AREA_THEN_SHORT().fullmatch(digits)
    if short.fullmatch(digits) or (local is not None and short.fullmatch(local.group(1))):
        return Value("phone", para, span, raw.strip())  # "12345", and "0572-12345" with the city's area code
    candidates = [raw]
    if area and not digits.startswith(("0", "1")) and len(digits) in (7, 8):
        candidates.append(area + digits)  # "0632-6661666、6661777": the second shares the area code
    extension = _EXTENSION().match(raw.strip())
    if extension is not None:
        candidates.append(extension.group("main"))  # "0536-7595678-8012": the extension after a hyphen
    for candidate in candidates:
        valid, area_code = phone_number_verdict(candidate)
        if valid:
            return Value("phone", para, span, raw.strip(), area=area_code)
    return Value("phone", para, span, raw.strip(), valid=False)


_PHONE_MEMO: Memo | None = None


def phone_number_verdict(candidate: str) -> tuple[bool, str | None]:
    """(valid, landline area code) of a telephone number as written, by libphonenumber (region CN).

    Verdicts are remembered between runs (see :mod:`docxlint.memo`): the same report
    checked again does not pay for importing ``phonenumbers``.
    """
    global _PHONE_MEMO
    if _PHONE_MEMO is None:
        stamp = module_stamp("phonenumbers")
        _PHONE_MEMO = Memo("phone-numbers", f"docxlint {__version__}|{stamp}" if stamp else None)
    known = _PHONE_MEMO.get(candidate)
    if isinstance(known, list) and len(known) == 2:
        return bool(known[0]), known[1]
    verdict = _libphonenumber_verdict(candidate)
    _PHONE_MEMO.put(candidate, list(verdict))
    return verdict


def _libphonenumber_verdict(candidate: str) -> tuple[bool, str | None]:
    import phonenumbers

    try:
        number = phonenumbers.parse(candidate, "CN")
    except phonenumbers.NumberParseException:
        return False, None
    if not phonenumbers.is_valid_number(number):
        return False, None
    length = phonenumbers.length_of_geographical_area_code(number)
    if not length:
        return True, None
    return True, "0" + phonenumbers.national_significant_number(number)[:length]


def _email_value(para: Paragraph, m: re.Match[str]) -> Value:
    address = para.text[m.start() : m.end()]  # validate what is written, full-width characters included
    return Value("email", para, m.span(), address, valid=email_is_valid(address))


#: An address email_validator always accepts: ASCII dot-atom local part, LDH host labels
#: without "--" (IDNA), an alphabetic top-level domain (tests/test_check_contact.py checks
#: the agreement on generated addresses).
_PLAIN_EMAIL = lazy_pattern(
    r"[A-Za-z0-9_+\-]{1,64}(?:\.[A-Za-z0-9_+\-]+)*@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
#: email_validator's SPECIAL_USE_DOMAIN_NAMES (a test keeps the two lists equal).
SPECIAL_USE_DOMAINS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def email_is_valid(address: str) -> bool:
    """Whether ``address`` is a well-formed e-mail address (syntax only, no network).

    Decided by ``email_validator``; the plainest addresses (most of those in reports)
    are accepted without importing it, which costs about 50 ms of a run's start.
    """
    if _is_plain_email(address):
        return True
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _is_plain_email(address: str) -> bool:
    if len(address) > 254 or "--" in address.partition("@")[2] or not _PLAIN_EMAIL().fullmatch(address):
        return False
    local, _, domain = address.partition("@")
    labels = domain.lower().split(".")
    return len(local) <= 64 and len(domain) <= 253 and not SPECIAL_USE_DOMAINS.intersection(labels)


def _url_value(para: Paragraph, m: re.Match[str]) -> Value:
    url = m.group().rstrip(".,:;")
    original = para.text[m.start() : m.start() + len(url)]  # full-width "：" in a URL is a defect
    return Value("website", para, (m.start(), m.start() + len(url)), original, valid=url_is_valid(original))


def url_is_valid(url: str) -> bool:
    """http(s)/ftp URL or "www.host…" / bare "host.gov.cn" with a well-formed host name."""
    scheme = re.match(r"(?i)(?:https?|ftp)", url)
    if scheme:
        m = re.match(r"(?i)(?:https?|ftp)://([^/?#\s]+)", url)
        if m is None:
            return False
        host = m.group(1)
    else:
        host = re.split(r"[/?#]", url, maxsplit=1)[0]
    host = host.split(":", 1)[0] if re.fullmatch(r"[^:]+(?::[0-9]{1,5})?", host) else ""
    labels = host.split(".")
    return (
        len(labels) >= 2
        and all(_HOST_LABEL().match(label) for label in labels)
        and re.fullmatch(r"[A-Za-z]{2,}", labels[-1]) is not None
        and url.isascii()
    )


# --- findings --------------------------------------------------------------------------


def _invalid_findings(rule: Rule, ctx: CheckContext, found: Found, items: dict[str, Item]) -> Iterator[Finding]:
    invalid_rule = kind_rule(rule, "invalid")
    for value in found.values:
        if value.valid or value.key not in items:
            continue
        item = items[value.key]
        start, end = value.span
        yield finding_at_text(
            invalid_rule, ctx, value.para, start, end,
            actual=value.para.text[start:end], item_zh=item.zh, item_en=item.en,
        )  # fmt: skip


def _mismatch_findings(
    rule: Rule, ctx: CheckContext, found: Found, provinces: list[dict[str, Any]]
) -> Iterator[Finding]:
    if not provinces:
        return
    areas = [v.area for v in found.of("phone") if v.valid and v.area]
    mismatch_rule = kind_rule(rule, "mismatch")
    for postcode in found.of("postcode"):
        if not postcode.valid:
            continue
        post_provinces = {p["name"] for p in provinces if any(postcode.text.startswith(x) for x in p["postcodes"])}
        for area in areas:
            province = _province_of_area(area, provinces)
            if province is None or not post_provinces or province["name"] in post_provinces:
                continue
            start, end = postcode.span
            shapes = "/".join(prefix.ljust(6, "x") for prefix in province["postcodes"])
            yield finding_at_text(
                mismatch_rule, ctx, postcode.para, start, end,
                expected=shapes, actual=postcode.text, area=area, province=province["name"],
            )  # fmt: skip
            break


def _province_of_area(area: str, provinces: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The province whose longest area-code prefix matches ``area``."""
    best: tuple[int, dict[str, Any]] | None = None
    for province in provinces:
        for prefix in province["area_codes"]:
            if area.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), province)
    return best[1] if best else None


def _contact_paragraph(found: Found) -> Paragraph | None:
    """The paragraph holding the most contact items."""
    counts: dict[int, tuple[int, Paragraph]] = {}
    for value in found.values:
        n, _ = counts.get(value.para.index, (0, value.para))
        counts[value.para.index] = (n + 1, value.para)
    if not counts:
        return None
    return max(counts.values(), key=lambda item: (item[0], -item[1].index))[1]
