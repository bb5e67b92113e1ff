"""Number formats of ``w:numFmt`` (ECMA-376 §17.18.59 ST_NumberFormat) rendered as Word shows them."""

from __future__ import annotations

import re
from collections.abc import Callable

_CN_DIGITS = "〇一二三四五六七八九"
_CN_ZERO = "零"
_CN_UNITS = ("", "十", "百", "千")
_CN_BIG_SIMPLIFIED = ("", "万", "亿", "万亿")
_CN_BIG_TRADITIONAL = ("", "萬", "億", "兆")
_LEGAL_SIMPLIFIED = ("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"), ("", "万", "亿", "万亿"))
_LEGAL_TRADITIONAL = ("零壹貳參肆伍陸柒捌玖", ("", "拾", "佰", "仟"), ("", "萬", "億", "兆"))
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def cjk_group(n: int, digits: str, units: tuple[str, ...], zero: str) -> str:
    """0 < n < 10000 in counting form, e.g. 1010 → 一千零一十."""
    out: list[str] = []
    pending_zero = False
    for pos in (3, 2, 1, 0):
        d = n // 10**pos % 10
        if d == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        out.append(digits[d] + units[pos])
    return "".join(out)


def cjk_counting(
    n: int, digits: str, units: tuple[str, ...], big: tuple[str, ...], zero: str, short_ten: bool = True
) -> str:
    """n in the full counting system: 10 → 十, 101 → 一百零一, 10001 → 一万零一."""
    if n == 0:
        return zero
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    if len(groups) > len(big):
        return "".join(digits[int(c)] for c in str(sum(g * 10000**i for i, g in enumerate(groups))))
    out = ""
    gap = False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or g < 1000):
            out += zero
        out += cjk_group(g, digits, units, zero) + big[i]
        gap = False
    lead = digits[1] + units[1]
    if short_ten and out.startswith(lead):
        out = out[1:]
    return out


def cjk_digital(n: int, digits: str = _CN_DIGITS) -> str:
    """Digit by digit: 102 → 一〇二."""
    return "".join(digits[int(c)] for c in str(n))


def chinese_counting(n: int) -> str:
    """``chineseCounting``: counting form below 100 (十一, 二十一), digit by digit from 100 (一〇〇)."""
    if 0 < n < 100:
        return cjk_counting(n, _CN_DIGITS, _CN_UNITS, _CN_BIG_SIMPLIFIED, _CN_ZERO)
    return cjk_digital(n)


def chinese_counting_thousand(n: int) -> str:
    """``chineseCountingThousand``: full counting form (一百零一, 一千, 一万)."""
    return cjk_counting(n, _CN_DIGITS, _CN_UNITS, _CN_BIG_SIMPLIFIED, _CN_ZERO)


def taiwanese_counting_thousand(n: int) -> str:
    """``taiwaneseCountingThousand``: full counting form with traditional large units (萬, 億)."""
    return cjk_counting(n, _CN_DIGITS, _CN_UNITS, _CN_BIG_TRADITIONAL, _CN_ZERO)


def chinese_legal(n: int, traditional: bool = False) -> str:
    """``chineseLegalSimplified`` (壹贰叁, 壹拾) / ``ideographLegalTraditional`` (壹貳參)."""
    digits, units, big = _LEGAL_TRADITIONAL if traditional else _LEGAL_SIMPLIFIED
    return cjk_counting(n, digits, units, big, digits[0], short_ten=False)


def japanese_counting(n: int) -> str:
    """``japaneseCounting``: counting form without zeros or leading 一 before 十/百/千 (百一)."""
    if n <= 0:
        return str(n)
    text = cjk_counting(n, _CN_DIGITS, _CN_UNITS, _CN_BIG_TRADITIONAL, "")
    return re.sub("一(?=[十百千])", "", text)


def _cyclic(symbols: str) -> Callable[[int], str]:
    def fmt(n: int) -> str:
        return symbols[n - 1] if 1 <= n <= len(symbols) else str(n)

    return fmt


def sexagenary(n: int) -> str:
    """``ideographZodiacTraditional``: 甲子, 乙丑, … (60 combinations)."""
    if not 1 <= n <= 60:
        return str(n)
    return _HEAVENLY_STEMS[(n - 1) % 10] + _EARTHLY_BRANCHES[(n - 1) % 12]


def enclosed(base: int, count: int) -> Callable[[int], str]:
    """Code points ``base`` … ``base + count - 1`` for 1 … count, plain digits beyond."""

    def fmt(n: int) -> str:
        return chr(base + n - 1) if 1 <= n <= count else str(n)

    return fmt


def letters(n: int, upper: bool) -> str:
    """A … Z, AA … ZZ, AAA … (Word repeats the letter)."""
    if n <= 0:
        return str(n)
    letter = chr((ord("A") if upper else ord("a")) + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def roman(n: int, upper: bool) -> str:
    if n <= 0:
        return str(n)
    out: list[str] = []
    for value, symbol in _ROMAN:
        count, n = divmod(n, value)
        out.append(symbol * count)
    text = "".join(out)
    return text if upper else text.lower()


def full_width(n: int) -> str:
    return "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in str(n))


def decimal_zero(n: int) -> str:
    return f"0{n}" if 0 <= n < 10 else str(n)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def cardinal_words(n: int) -> str:
    """English words for 0 ≤ n < 10**9 (``cardinalText``, capitalised as Word does)."""
    return _capitalise(_words(n)) if 0 <= n < 10**9 else str(n)


def ordinal_words(n: int) -> str:
    """``ordinalText``: First, Second, Twenty-first."""
    if not 0 < n < 10**9:
        return str(n)
    words = _words(n)
    head, sep, last = words.rpartition("-") if "-" in words.split(" ")[-1] else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return _capitalise(head + sep + last)


def _words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + ("-" + _ONES[ones] if ones else "")
    for size, name in ((10**6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            head, rest = divmod(n, size)
            return f"{_words(head)} {name}" + (f" {_words(rest)}" if rest else "")
    return str(n)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def custom(n: int, pattern: str | None) -> str:
    """``w:numFmt w:val="custom" w:format="001, 002, 003, ..."``: zero-padded decimal when recognised."""
    first = (pattern or "").split(",")[0].strip()
    if first.isdigit() and first.isascii():
        return str(n).zfill(len(first))
    if first and all("０" <= c <= "９" for c in first):
        return full_width(n).rjust(len(first), "０")
    return str(n)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": decimal_zero,
    "decimalFullWidth": full_width,
    "decimalFullWidth2": full_width,
    "decimalEnclosedCircle": enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": enclosed(0x2460, 20),
    "decimalEnclosedFullstop": enclosed(0x2488, 20),
    "decimalEnclosedParen": enclosed(0x2474, 20),
    "ideographEnclosedCircle": enclosed(0x3280, 10),
    "upperLetter": lambda n: letters(n, True),
    "lowerLetter": lambda n: letters(n, False),
    "upperRoman": lambda n: roman(n, True),
    "lowerRoman": lambda n: roman(n, False),
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting_thousand,
    "chineseLegalSimplified": chinese_legal,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": taiwanese_counting_thousand,
    "taiwaneseDigital": cjk_digital,
    "ideographDigital": cjk_digital,
    "japaneseDigitalTenThousand": cjk_digital,
    "ideographLegalTraditional": lambda n: chinese_legal(n, traditional=True),
    "ideographTraditional": _cyclic(_HEAVENLY_STEMS),
    "ideographZodiac": _cyclic(_EARTHLY_BRANCHES),
    "ideographZodiacTraditional": sexagenary,
    "japaneseCounting": japanese_counting,
    "ordinal": ordinal,
    "cardinalText": cardinal_words,
    "ordinalText": ordinal_words,
    "hex": lambda n: format(n, "X"),
    "numberInDash": lambda n: f"- {n} -",
    "bullet": lambda n: "",
    "none": lambda n: "",
}

#: Formats that ``w:isLgl`` leaves alone (already Arabic digits).
DECIMAL_FORMATS = frozenset({"decimal", "decimalHalfWidth", "decimalZero"})


def format_number(n: int, fmt: str | None, custom_pattern: str | None = None) -> str:
    """``n`` in number format ``fmt`` (decimal for unknown formats)."""
    if fmt == "custom":
        return custom(n, custom_pattern)
    return FORMATS.get(fmt or "decimal", str)(n)
