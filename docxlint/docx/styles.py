"""``styles.xml``: style names, ``basedOn`` chains, outline levels, style numbering, hidden text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from lxml import etree

from docxlint.docx.xmlparse import VAL, W, int_val, on_off

BODY_TEXT_OUTLINE = 9  #: ``w:outlineLvl w:val="9"`` means "body text", i.e. no outline level
MAX_CHAIN = 64  #: longest ``basedOn`` chain followed (guards against cycles)


class StyleInfo(NamedTuple):
    """One ``w:style`` as written (nothing inherited); a named tuple: Word's own files hold hundreds."""

    id: str
    type: str
    name: str | None
    based_on: str | None
    outline_level: int | None
    num_id: int | None
    num_level: int | None
    vanish: bool | None


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """A paragraph style with its ``basedOn`` chain resolved."""

    id: str | None
    name: str | None
    outline_level: int | None  #: 0-based; None for body text
    num_id: int | None  #: from the first style in the chain with a ``w:numId``
    num_level: int | None
    num_style_id: str | None  #: the style whose ``w:numPr`` gave ``num_id``
    vanish: bool | None  #: hidden text in the style chain's run properties


T = TypeVar("T")
_NAME, _BASED_ON, _PPR, _RPR = W + "name", W + "basedOn", W + "pPr", W + "rPr"
_OUTLINE_LVL, _NUM_PR, _NUM_ID, _ILVL, _VANISH = W + "outlineLvl", W + "numPr", W + "numId", W + "ilvl", W + "vanish"
NO_STYLE = ParagraphStyle(None, None, None, None, None, None, None)


def _style_info(el: etree._Element) -> StyleInfo:
    """The style's own settings, read in one pass over its children (``find`` costs more per call)."""
    name = based_on = None
    outline_level = num_id = num_level = None
    vanish: bool | None = None
    for child in el:
        tag = child.tag
        if tag == _NAME:
            name = child.get(VAL)
        elif tag == _BASED_ON:
            based_on = child.get(VAL)
        elif tag == _PPR:
            for prop in child:
                if prop.tag == _OUTLINE_LVL:
                    outline_level = int_val(prop)
                elif prop.tag == _NUM_PR:
                    num_id, num_level = num_pr_values(prop)
        elif tag == _RPR:
            for prop in child:
                if prop.tag == _VANISH:
                    vanish = on_off(prop)
    return StyleInfo(
        id=el.get(W + "styleId") or "",
        type=el.get(W + "type") or "paragraph",
        name=name,
        based_on=based_on,
        outline_level=outline_level,
        num_id=num_id,
        num_level=num_level,
        vanish=vanish,
    )


def num_pr_values(num_pr: etree._Element) -> tuple[int | None, int | None]:
    """(``w:numId``, ``w:ilvl``) of a ``w:numPr``, in one pass over its children."""
    num_id = num_level = None
    for child in num_pr:
        if child.tag == _NUM_ID:
            num_id = int_val(child)
        elif child.tag == _ILVL:
            num_level = int_val(child)
    return num_id, num_level


class StyleSheet:
    """Lookups over ``styles.xml`` (an empty sheet when the part is missing)."""

    def __init__(self, root: etree._Element | None = None) -> None:
        self.styles: dict[str, StyleInfo] = {}
        self.default_paragraph: str | None = None
        self.default_vanish = False
        self._paragraph_cache: dict[str | None, ParagraphStyle] = {}
        self._char_cache: dict[str, bool | None] = {}
        if root is not None:
            self._load(root)

    def _load(self, root: etree._Element) -> None:
        for el in root.iter(W + "style"):
            info = _style_info(el)
            if info.id and info.id not in self.styles:
                self.styles[info.id] = info
            is_default = (el.get(W + "default") or "").lower() in ("1", "true", "on")
            if info.type == "paragraph" and is_default and self.default_paragraph is None:
                self.default_paragraph = info.id
        if self.default_paragraph is None:
            self.default_paragraph = next(
                (s.id for s in self.styles.values() if s.type == "paragraph" and (s.name or "").lower() == "normal"),
                None,
            )
        defaults = root.find(W + "docDefaults")
        if defaults is not None:
            vanish = defaults.find(f"{W}rPrDefault/{W}rPr/{W}vanish")
            self.default_vanish = on_off(vanish) if vanish is not None else False

    def chain(self, style_id: str | None) -> list[StyleInfo]:
        """``style_id`` and the styles it is based on, nearest first (cycles cut)."""
        out: list[StyleInfo] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and len(out) < MAX_CHAIN:
            info = self.styles.get(style_id)
            if info is None:
                break
            out.append(info)
            seen.add(style_id)
            style_id = info.based_on
        return out

    def name(self, style_id: str | None) -> str | None:
        info = self.styles.get(style_id) if style_id else None
        return info.name if info else None

    def paragraph(self, style_id: str | None) -> ParagraphStyle:
        """The resolved paragraph style (the default paragraph style for None or an unknown id)."""
        cached = self._paragraph_cache.get(style_id)
        if cached is None:
            cached = self._resolve_paragraph(style_id)
            self._paragraph_cache[style_id] = cached
        return cached

    def _resolve_paragraph(self, style_id: str | None) -> ParagraphStyle:
        if not style_id or style_id not in self.styles:
            style_id = self.default_paragraph
        chain = self.chain(style_id)
        if not chain:
            return NO_STYLE
        outline = _first(s.outline_level for s in chain)
        if outline is not None and not 0 <= outline < BODY_TEXT_OUTLINE:
            outline = None
        num_style = next((s for s in chain if s.num_id is not None), None)
        num_level = _first(s.num_level for s in chain)
        return ParagraphStyle(
            id=chain[0].id,
            name=chain[0].name,
            outline_level=outline,
            num_id=num_style.num_id if num_style else None,
            num_level=num_level,
            num_style_id=num_style.id if num_style else None,
            vanish=_first(s.vanish for s in chain),
        )

    @property
    def any_vanish(self) -> bool:
        """Whether some style sets or clears hidden text (otherwise a run's ``w:rStyle`` cannot hide it)."""
        return any(s.vanish is not None for s in self.styles.values())

    def character_vanish(self, style_id: str) -> bool | None:
        """Hidden-text setting of character style ``style_id`` and its chain (None when unset)."""
        if style_id not in self._char_cache:
            self._char_cache[style_id] = _first(s.vanish for s in self.chain(style_id))
        return self._char_cache[style_id]

    def numbering_style_num_id(self, style_id: str) -> int | None:
        """``w:numId`` of numbering style ``style_id`` (for ``w:numStyleLink``)."""
        return _first(s.num_id for s in self.chain(style_id))


def _first(values: Iterable[T | None]) -> T | None:
    for value in values:
        if value is not None:
            return value
    return None
