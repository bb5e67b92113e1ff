"""Automatic numbering (``numbering.xml``, ECMA-376 §17.9) as Word renders it.

Counters follow Word rather than the letter of the standard:

* every ``w:num`` that points at the same ``w:abstractNum`` (after
  ``w:numStyleLink``) shares one set of counters, so lists continue across numIds;
* the first time a numId is used at a level that has a ``w:startOverride`` (or an
  overriding ``w:lvl`` with ``w:start``), that shared level restarts there;
* a level restarts whenever a higher level (smaller ``ilvl``) is used, or only
  when a level above ``w:lvlRestart`` is used; ``w:lvlRestart w:val="0"`` never
  restarts (MS-OI29500 §2.1.282).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree

from docxlint.docx.numfmt import DECIMAL_FORMATS, format_number
from docxlint.docx.styles import StyleSheet
from docxlint.docx.text import choose_alternate, symbol_char
from docxlint.docx.xmlparse import MC, VAL, W, int_val, on_off

MAX_LEVELS = 9
_SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}
_PLACEHOLDER = re.compile(r"%([1-9])")
_MAX_LINK_DEPTH = 8


@dataclass(frozen=True, slots=True)
class Level:
    """One ``w:lvl``."""

    ilvl: int
    start: int = 0
    num_fmt: str = "decimal"
    custom_format: str | None = None
    text: str = ""
    restart: int | None = None
    is_legal: bool = False
    suffix: str = "\t"
    p_style: str | None = None
    hidden: bool = False
    font: str | None = None


@dataclass(slots=True)
class AbstractNum:
    id: int
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None


@dataclass(slots=True)
class NumInstance:
    """One ``w:num``: an abstract definition plus per-level overrides."""

    num_id: int
    abstract_id: int | None
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def parse_level(el: etree._Element) -> Level:
    """A ``w:lvl`` element as a :class:`Level`."""
    ilvl = _int_attr(el, W + "ilvl", 0)
    fmt_el = el.find(W + "numFmt")
    if fmt_el is None:
        fmt_el = _numfmt_in_alternate(el)
    text_el = el.find(W + "lvlText")
    text = ""
    if text_el is not None and not on_off_attr(text_el.get(W + "null")):
        text = text_el.get(VAL) or ""
    suff = el.find(W + "suff")
    rpr = el.find(W + "rPr")
    fonts = rpr.find(W + "rFonts") if rpr is not None else None
    return Level(
        ilvl=ilvl,
        start=int_val(el.find(W + "start"), 0) or 0,
        num_fmt=(fmt_el.get(VAL) if fmt_el is not None else None) or "decimal",
        custom_format=fmt_el.get(W + "format") if fmt_el is not None else None,
        text=text,
        restart=int_val(el.find(W + "lvlRestart")),
        is_legal=on_off(el.find(W + "isLgl")),
        suffix=_SUFFIXES.get(suff.get(VAL) or "tab", "\t") if suff is not None else "\t",
        p_style=_val(el.find(W + "pStyle")),
        hidden=rpr is not None and on_off(rpr.find(W + "vanish")),
        font=(fonts.get(W + "ascii") or fonts.get(W + "hAnsi")) if fonts is not None else None,
    )


def _numfmt_in_alternate(el: etree._Element) -> etree._Element | None:
    for ac in el.iter(MC + "AlternateContent"):
        branch = choose_alternate(ac)
        if branch is not None:
            found = branch.find(W + "numFmt")
            if found is not None:
                return found
    return None


def on_off_attr(raw: str | None) -> bool:
    return raw is not None and raw.lower() in ("1", "true", "on")


def _int_attr(el: etree._Element, name: str, default: int) -> int:
    try:
        return int(el.get(name) or default)
    except ValueError:
        return default


def _val(el: etree._Element | None) -> str | None:
    return el.get(VAL) if el is not None else None


class NumberingDefinitions:
    """The parsed ``numbering.xml`` (empty when the part is missing)."""

    def __init__(self, root: etree._Element | None, styles: StyleSheet) -> None:
        self.abstracts: dict[int, AbstractNum] = {}
        self.instances: dict[int, NumInstance] = {}
        self._styles = styles
        self._resolved: dict[int, tuple[int, dict[int, Level]] | None] = {}
        if root is not None:
            self._load(root)

    def _load(self, root: etree._Element) -> None:
        for el in root.iter(W + "abstractNum"):
            abstract = AbstractNum(
                _int_attr(el, W + "abstractNumId", -1), num_style_link=_val(el.find(W + "numStyleLink"))
            )
            for lvl in el.iter(W + "lvl"):
                level = parse_level(lvl)
                abstract.levels.setdefault(level.ilvl, level)
            self.abstracts.setdefault(abstract.id, abstract)
        for el in root.iter(W + "num"):
            inst = NumInstance(_int_attr(el, W + "numId", -1), int_val(el.find(W + "abstractNumId")))
            for override in el.iter(W + "lvlOverride"):
                ilvl = _int_attr(override, W + "ilvl", 0)
                start = int_val(override.find(W + "startOverride"))
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    level = parse_level(lvl)
                    inst.level_overrides[ilvl] = replace(level, ilvl=ilvl, restart=None)
                    if start is None and lvl.find(W + "start") is not None:
                        start = level.start
                if start is not None:
                    inst.start_overrides[ilvl] = start
            self.instances.setdefault(inst.num_id, inst)

    def resolve(self, num_id: int) -> tuple[int, dict[int, Level]] | None:
        """(counter key, effective levels) of numId ``num_id``, or None when it numbers nothing."""
        if num_id not in self._resolved:
            self._resolved[num_id] = self._resolve(num_id)
        return self._resolved[num_id]

    def _resolve(self, num_id: int) -> tuple[int, dict[int, Level]] | None:
        inst = self.instances.get(num_id)
        if inst is None or inst.abstract_id is None:
            return None
        abstract = self._follow_style_link(inst.abstract_id)
        if abstract is None:
            return None
        levels = {**abstract.levels, **inst.level_overrides}
        return abstract.id, levels

    def _follow_style_link(self, abstract_id: int) -> AbstractNum | None:
        """The abstract definition that holds the levels (``w:numStyleLink`` → numbering style → its list)."""
        abstract = self.abstracts.get(abstract_id)
        for _ in range(_MAX_LINK_DEPTH):
            if abstract is None or not abstract.num_style_link:
                break
            linked_num = self._styles.numbering_style_num_id(abstract.num_style_link)
            inst = self.instances.get(linked_num) if linked_num is not None else None
            target = self.abstracts.get(inst.abstract_id) if inst and inst.abstract_id is not None else None
            if target is None or target is abstract:
                break
            abstract = target
        return abstract

    def level_of_style(self, num_id: int, style_id: str | None) -> int | None:
        """The level whose ``w:pStyle`` names ``style_id`` (how styles pick their list level)."""
        resolved = self.resolve(num_id)
        if resolved is None or not style_id:
            return None
        return next((lvl.ilvl for lvl in resolved[1].values() if lvl.p_style == style_id), None)


@dataclass(frozen=True, slots=True)
class Label:
    """A rendered numbering label."""

    text: str  #: e.g. "一、" (what ``Paragraph.label`` holds)
    suffix: str  #: "\t", " " or ""


class NumberingCounter:
    """Counts numbered paragraphs in document order and renders their labels."""

    def __init__(self, definitions: NumberingDefinitions) -> None:
        self._defs = definitions
        self._values: dict[int, list[int | None]] = {}
        self._seen: set[tuple[int, int]] = set()

    def next_label(self, num_id: int, ilvl: int) -> Label | None:
        """Count one paragraph numbered (num_id, ilvl) and return its label (None: not numbered)."""
        resolved = self._defs.resolve(num_id)
        if resolved is None:
            return None
        key, levels = resolved
        level = levels.get(ilvl)
        if level is None:
            return None
        values = self._values.setdefault(key, [None] * MAX_LEVELS)
        inst = self._defs.instances[num_id]
        if (num_id, ilvl) not in self._seen:
            self._seen.add((num_id, ilvl))
            if ilvl in inst.start_overrides:
                values[ilvl] = None
        current = values[ilvl]
        values[ilvl] = self._start(inst, levels, ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            if _restarts(levels.get(deeper), deeper, ilvl):
                values[deeper] = None
        if level.hidden:
            return Label("", "")
        return Label(self._render(level, levels, values, inst), level.suffix)

    @staticmethod
    def _start(inst: NumInstance, levels: dict[int, Level], ilvl: int) -> int:
        if ilvl in inst.start_overrides:
            return inst.start_overrides[ilvl]
        level = levels.get(ilvl)
        return level.start if level is not None else 0

    def _render(self, level: Level, levels: dict[int, Level], values: list[int | None], inst: NumInstance) -> str:
        if level.num_fmt == "bullet":
            return "".join(symbol_char(level.font, ord(c)) for c in level.text)

        def substitute(match: re.Match[str]) -> str:
            ilvl = int(match.group(1)) - 1
            shown = levels.get(ilvl)
            value = values[ilvl]
            if value is None:
                value = self._start(inst, levels, ilvl)
            fmt = shown.num_fmt if shown is not None else "decimal"
            if level.is_legal and fmt not in DECIMAL_FORMATS and fmt not in ("none", "bullet"):
                fmt = "decimal"
            return format_number(value, fmt, shown.custom_format if shown is not None else None)

        return _PLACEHOLDER.sub(substitute, level.text)


def _restarts(level: Level | None, ilvl: int, used: int) -> bool:
    """Whether level ``ilvl`` restarts when level ``used`` (< ilvl) is used."""
    restart = level.restart if level is not None else None
    if restart is None or restart > ilvl or restart < 0:
        return True
    if restart == 0:
        return False
    return used < restart
