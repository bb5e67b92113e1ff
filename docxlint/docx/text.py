"""Visible text of runs: the single definition shared by the walker and the annotator.

:func:`run_content` lists a ``w:r``'s content children with the text each one
contributes; a run's *visible text* is the join of those texts, and
``Piece.run_offset`` counts characters in exactly that string.
"""

from __future__ import annotations

from lxml import etree

from docxlint.docx.styles import StyleSheet
from docxlint.docx.xmlparse import MC, UNDERSTOOD_NAMESPACES, W16SE, W, on_off

R = W + "r"
T = W + "t"
RPR = W + "rPr"
RUBY = W + "ruby"

#: Run children that contribute a fixed string.
FIXED_TEXT: dict[str, str] = {
    W + "tab": "\t",
    W + "ptab": "\t",
    W + "br": "\n",
    W + "cr": "\n",
    W + "noBreakHyphen": "-",
    W + "softHyphen": "",
}

# Symbol-font code points (Adobe Symbol encoding) that have a Unicode meaning worth showing.
_SYMBOL_FONT = dict(
    zip(
        range(0x20, 0x7F),
        " !∀#∃%&∋()∗+,−./0123456789:;<=>?≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼",
        strict=True,
    )
)
_SYMBOL_FONT.update(
    zip(
        range(0xA1, 0xDF + 1),
        "ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓",
        strict=True,
    )
)
# Wingdings glyphs common in Chinese documents (bullets, ticks and boxes).
_WINGDINGS = {
    0x6C: "●",
    0x6E: "■",
    0x6F: "□",
    0x71: "❑",
    0x75: "◆",
    0x76: "❖",
    0x77: "◆",
    0x9F: "•",
    0xA1: "○",
    0xA7: "▪",
    0xA8: "◻",
    0xD8: "➢",
    0xE8: "➔",
    0xF0: "⇨",
    0xFB: "✗",
    0xFC: "✓",
    0xFD: "☒",
    0xFE: "☑",
}
_SYMBOL_FONTS = {"symbol": _SYMBOL_FONT, "wingdings": _WINGDINGS}
_PICTURE_FONTS = ("wingdings", "webdings", "zapf", "dingbats", "marlett", "mt extra", "symbol")


def symbol_char(font: str | None, code: int) -> str:
    """The character Word shows for ``code`` in ``font`` (``w:sym``, bullet level text).

    Symbol-font private-use code points ``F0xx`` are mapped to ``xx`` in that
    font's encoding: to Unicode for Symbol and common Wingdings glyphs, to the
    Latin character for ordinary text fonts, and kept as is otherwise.
    """
    low = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    family = (font or "").strip().lower()
    table = next((t for name, t in _SYMBOL_FONTS.items() if family.startswith(name)), None)
    if table is not None and low in table:
        return table[low]
    if code == low:
        return chr(code) if 0 <= code < 0x110000 else ""
    if not family.startswith(_PICTURE_FONTS) and 0x20 <= low < 0x7F:
        return chr(low)
    return chr(code)


def sym_text(el: etree._Element) -> str:
    """Text of a ``w:sym`` (or ``w16se:symEx``) element."""
    ns = W if el.tag == W + "sym" else W16SE
    raw = el.get(ns + "char") or ""
    try:
        code = int(raw, 16)
    except ValueError:
        return ""
    return symbol_char(el.get(ns + "font"), code)


def choose_alternate(ac: etree._Element) -> etree._Element | None:
    """The one branch of ``mc:AlternateContent`` Word would read.

    The first ``mc:Choice`` whose ``Requires`` prefixes all name namespaces Word
    understands, else ``mc:Fallback``, else None.
    """
    fallback = None
    for branch in ac:
        if branch.tag == MC + "Choice":
            if _requirements_met(branch):
                return branch
        elif branch.tag == MC + "Fallback" and fallback is None:
            fallback = branch
    return fallback


def _requirements_met(choice: etree._Element) -> bool:
    prefixes = (choice.get("Requires") or "").split()
    if not prefixes:
        return False
    nsmap = choice.nsmap
    return all(nsmap.get(prefix) in UNDERSTOOD_NAMESPACES for prefix in prefixes)


def child_text(child: etree._Element) -> str:
    """The visible text one content child of a ``w:r`` contributes (see :func:`run_content`)."""
    tag = child.tag
    if tag == T:
        return child.text or ""
    fixed = FIXED_TEXT.get(tag)  # type: ignore[arg-type]
    if fixed is not None:
        return fixed
    if tag == W + "sym" or tag == W16SE + "symEx":
        return sym_text(child)
    if tag == MC + "AlternateContent":
        branch = choose_alternate(child)
        return "".join(child_text(c) for c in branch) if branch is not None else ""
    return ""


def run_content(r: etree._Element) -> list[tuple[etree._Element, str]]:
    """The run's content children in order, each with the visible text it contributes.

    ``w:t`` → its text; ``w:tab``/``w:ptab`` → "\\t"; ``w:br``, ``w:cr`` → "\\n";
    ``w:noBreakHyphen`` → "-"; ``w:softHyphen`` → ""; ``w:sym`` → the character of
    ``w:char`` (see :func:`symbol_char`); ``mc:AlternateContent`` → the text of the
    branch Word reads (e.g. an emoji ``w16se:symEx``); ``w:delText``,
    ``w:instrText``, ``w:delInstrText``, ``w:fldChar``, drawings, ``w:ruby`` (its
    base text lives in its own nested runs) and anything else → "".
    ``w:rPr`` is not content and is not listed. The run's visible text is the join.
    """
    return [(child, child_text(child)) for child in r if child.tag != RPR]


def run_text(r: etree._Element) -> str:
    """The run's visible text: ``"".join`` of :func:`run_content`'s texts."""
    return "".join(child_text(child) for child in r if child.tag != RPR)


def run_is_visible(r: etree._Element, styles: StyleSheet | None = None, paragraph_style: str | None = None) -> bool:
    """Whether ``r`` shows in Word's accepted view, judged from the run and its ancestors.

    False inside ``w:del``/``w:moveFrom`` (up to the enclosing ``w:p``), and for
    hidden text: ``w:vanish``/``w:specVanish`` in the run's ``w:rPr`` or, when
    ``styles`` (a :class:`~docxlint.docx.styles.StyleSheet`) is given, in its
    character style or ``paragraph_style`` chain. Field-code state (text between
    ``fldChar begin`` and ``separate``) needs the preceding runs and is not judged
    here: the model's pieces already exclude it.
    """
    parent = r.getparent()
    while parent is not None and parent.tag != W + "p":
        if parent.tag in (W + "del", W + "moveFrom"):
            return False
        parent = parent.getparent()
    return not run_hidden(r, styles, paragraph_style)


def run_hidden(r: etree._Element, styles: StyleSheet | None = None, paragraph_style: str | None = None) -> bool:
    """Hidden-text formatting of a run (direct, then character style XOR paragraph style)."""
    rpr = r.find(RPR)
    if rpr is not None:
        if on_off(rpr.find(W + "specVanish")):
            return True
        vanish = rpr.find(W + "vanish")
        if vanish is not None:
            return on_off(vanish)
    if styles is None:
        return False
    rstyle = rpr.find(W + "rStyle") if rpr is not None else None
    char = styles.character_vanish(rstyle.get(W + "val") or "") if rstyle is not None else None
    para = styles.paragraph(paragraph_style).vanish
    if char is None and para is None:
        return styles.default_vanish
    return bool(char) != bool(para)
