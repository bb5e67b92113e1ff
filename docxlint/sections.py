"""The section tree: the body's blocks in reading order (top-level blocks, layout tables
unwrapped) grouped under the report's headings, a heading being a paragraph or its first lines.

Heading levels and section definitions come from a rule pack (``headings`` and
``sections``); this module only applies them to the document model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import attrgetter

from docxlint.model import Block, Document, Paragraph, Table
from docxlint.regex_cache import lazy_pattern

FRONT_MATTER = "front-matter"
_INDEX = attrgetter("index")
_BLOCKS = attrgetter("blocks")
_TITLE_END = lazy_pattern(r"[。：:；;]")
_CONTENTS_STYLE = lazy_pattern(r"^(?:toc|TOC|目录)\s*[1-9]$")
_PAGE_NUMBER_END = lazy_pattern(r"(?:\t|[.…·．\u2026]{2,})\s*[0-9]{1,4}\s*$")
#: A numbering label of another form than the level's ("1.", "1、", "（1）", "第一部分"): split off a
#: heading's title all the same, so that the section is known and its numbering can be reported.
_OTHER_LABEL = lazy_pattern(
    r"^(?:第[一二三四五六七八九十0-9]+部分|[0-9０-９]{1,2}\s*[.．、]|[（(][0-9０-９]{1,2}[)）]"
    r"|[（(][一二三四五六七八九十]{1,3}[)）]|[壹贰叁肆伍陆柒捌玖拾]{1,3}\s*[、.．]|[甲乙丙丁戊己庚辛壬癸]\s*[、.．])\s*"
)
#: a label of a deeper level ("（一）"): a heading titled exactly as a section is that section all the same
_DEEPER_LABEL = lazy_pattern(r"^[（(][一二三四五六七八九十]{1,3}[)）]\s*")
#: Longest first line taken as a heading of its own in front of body lines (a level without ``max_length``).
HEADING_LINE_MAX = 40


def heading_line_end(text: str, max_length: int | None) -> int | None:
    """Where the heading ends when a paragraph holds a heading line and then body lines.

    PDF-to-Word converters, and drafters pressing Shift+Enter, put "一、总体情况⏎我局认真贯彻…"
    in one paragraph. That is a heading line when the paragraph as a whole is too long to be a
    heading (over ``max_length``, or :data:`HEADING_LINE_MAX` when the level sets none) and its
    first line is not: the offset of the first line break is returned. A short paragraph with a
    line break ("四、政府信息公开行政复议、⏎行政诉讼情况") is one heading, and None is returned.
    """
    limit = max_length if max_length is not None else HEADING_LINE_MAX
    end = text.find("\n")
    if end < 0 or len(text.strip()) <= limit:
        return None
    first = text[:end].strip()
    return end if first and len(first) <= limit else None


@dataclass(slots=True)
class HeadingLevel:
    """How to recognise a heading of ``level`` (1 = outermost)."""

    level: int
    pattern: re.Pattern[str] | None = None
    styles: tuple[str, ...] = ()
    outline_levels: tuple[int, ...] = ()
    max_length: int | None = None

    def matches(self, para: Paragraph) -> bool:
        text = para.text.strip()
        if not text:
            return False
        line_end = heading_line_end(para.text, self.max_length) if "\n" in text else None
        if line_end is not None:
            text = para.text[:line_end].strip()
        if self.max_length is not None and len(text) > self.max_length:
            by_pattern = False
        else:
            by_pattern = bool(self.pattern and self.pattern.search(text))
        by_style = bool(para.style_name and para.style_name in self.styles) or bool(
            para.style_id and para.style_id in self.styles
        )
        by_outline = para.outline_level is not None and para.outline_level in self.outline_levels
        return by_pattern or ((by_style or by_outline) and len(text) <= (self.max_length or 200))


@dataclass(slots=True)
class SectionDef:
    """A section the report type expects (from the rule pack)."""

    id: str
    title: str
    aliases: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    required: bool = True
    order: int = 0
    level: int = 1

    def matches(self, title: str) -> bool:
        norm = normalize_title(title)
        if self.pattern and self.pattern.search(norm):
            return True
        return norm in map(normalize_title, (self.title, *self.aliases))


@dataclass(eq=False, slots=True)
class Section:
    """A node of the section tree."""

    id: str | None  #: the matched :class:`SectionDef` id, FRONT_MATTER, "document", or None
    title: str  #: heading text without its numbering label ("总体情况")
    level: int  #: 0 for the document root, 1 for 一、, 2 for （一）…
    heading: Paragraph | None = None
    number: str = ""  #: the numbering as written or rendered ("一、", "（六）")
    #: where the heading line starts in ``heading.text`` (after the lines of the sections above it
    #: that share the paragraph: "五、存在的主要问题及改进情况⏎（一）上年问题整改情况⏎…")
    heading_start: int = 0
    #: where body text starts in ``heading.text``: after the heading line when body lines follow it
    #: (:func:`heading_line_end`), after the first 。：; of a run-in heading ("（一）概况。本年度…");
    #: None when the paragraph is all heading
    body_start: int | None = None
    blocks: list[Block] = field(default_factory=list)  #: content directly under this heading
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None

    @property
    def path(self) -> str:
        """ "一、总体情况 / （六）建议提案办理情况" (empty for the root)."""
        names: list[str] = []
        node: Section | None = self
        while node is not None and node.level > 0:
            names.append(node.display)
            node = node.parent
        return " / ".join(reversed(names))

    def heading_span(self) -> tuple[int, int]:
        """(start, end) of the heading line in ``heading.text``, surrounding spaces excluded."""
        assert self.heading is not None
        text = self.heading.text
        end = self.body_start - 1 if self.body_start is not None else len(text)
        line = text[self.heading_start : end]
        start = self.heading_start + len(line) - len(line.lstrip())
        return start, max(self.heading_start + len(line.rstrip()), start)

    @property
    def display(self) -> str:
        if self.id == FRONT_MATTER:
            return "（前言）"
        return f"{self.number}{self.title}"

    def walk(self) -> Iterator[Section]:
        """This section and all below it, document order."""
        out: list[Section] = []
        stack = [self]
        while stack:  # depth first without a generator per level: the tree is walked by every lookup
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return iter(out)

    def all_blocks(self, include_heading: bool = False) -> Iterator[Block]:
        """Every top-level block in this section and its subsections, document order."""
        out: list[Block] = []
        for node in self.walk():  # a list, not a generator per subsection: scopes are read by many rules
            heading = node.heading
            # a subsection whose heading line shares its parent's paragraph adds that paragraph once
            if heading is not None and (include_heading or node is not self) and not (out and out[-1] is heading):
                out.append(heading)
            out.extend(node.blocks)
        return iter(out)

    def paragraphs(self, include_heading: bool = False, include_tables: bool = False) -> Iterator[Paragraph]:
        """Paragraphs of the section (optionally those inside its tables too)."""
        for block in self.all_blocks(include_heading):
            if isinstance(block, Paragraph):
                yield block
            elif include_tables:
                yield from table_paragraphs(block)

    def tables(self) -> Iterator[Table]:
        for block in self.all_blocks():
            if isinstance(block, Table):
                yield block

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs(include_heading=True))


def table_paragraphs(table: Table) -> list[Paragraph]:
    """The paragraphs of a table's cells, those of nested tables included, in document order."""
    return table_contents(table)[0]


def table_contents(table: Table) -> tuple[list[Paragraph], list[Table]]:
    """The paragraphs of a table's cells and the tables nested in them, at any depth, in document order."""
    blocks = list(chain.from_iterable(map(_BLOCKS, table.cells)))
    if set(map(type, blocks)) <= {Paragraph}:
        return blocks, []  # no nested table (the usual case): no test per paragraph
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(block)
        else:
            inner_paragraphs, inner_tables = table_contents(block)
            paragraphs += inner_paragraphs
            tables += [block, *inner_tables]
    return paragraphs, tables


@dataclass(slots=True)
class SectionTree:
    """The root section plus a paragraph → section index."""

    root: Section
    by_paragraph: dict[int, Section]
    by_table: dict[int, Section]
    #: the blocks in reading order, layout tables unwrapped (:func:`reading_flow`): what "top-level"
    #: means for every stage after this one
    flow: list[Block]

    def find(self, section_id: str) -> list[Section]:
        return [s for s in self.root.walk() if s.id == section_id]

    def top(self) -> list[Section]:
        """Level-1 sections (front matter included when present)."""
        return list(self.root.children)

    def section_of_paragraph(self, index: int) -> Section:
        return self.by_paragraph.get(index, self.root)

    def section_of_table(self, index: int) -> Section:
        return self.by_table.get(index, self.root)

    def release(self) -> None:
        """Unlink every section from its parent once the checks are done.

        Parent and child links make cycles, which reference counting cannot free: the tree and
        every paragraph and cell it holds would wait for the cyclic collector, whose next pass
        then walks the whole model (a tenth of the time to check a large report). Unlinked,
        they go as soon as the document is dropped.
        """
        for section in self.root.walk():
            section.parent = None


@lru_cache(maxsize=4096)
def normalize_title(text: str) -> str:
    """Title for comparison: no spaces, no trailing punctuation."""
    return "".join(text.split()).rstrip("。：:；;，,.")  # split() drops exactly what r"\s" matches


def split_heading(text: str, level: HeadingLevel | None) -> tuple[str, str]:
    """("一、", "总体情况") from "一、总体情况"; a run-in heading stops at 。 or ：."""
    text = text.strip()
    number = ""
    m = level.pattern.match(text) if level is not None and level.pattern is not None else None
    if m is None or m.end() == 0:
        m = _OTHER_LABEL().match(text)
    if m and m.end() > 0:
        number, text = text[: m.end()].rstrip(), text[m.end() :]
    m = _TITLE_END().search(text)
    title = text[: m.start()] if m else text
    return number, title.strip()


def is_layout_table(table: Table) -> bool:
    """A one-column table: a frame around text (a report pasted from a web page sits in one), not data."""
    return table.n_cols == 1


def reading_flow(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` with every layout table (:func:`is_layout_table`) replaced by its cells' blocks, in order.

    A report copied from a web page into Word often arrives inside a one-cell table, statistics
    tables nested in it; its headings and paragraphs are the report's all the same.
    """
    if not any(isinstance(b, Table) and is_layout_table(b) for b in blocks):
        return list(blocks)
    flow: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and is_layout_table(block):
            for cell in block.cells:
                flow += reading_flow(cell.blocks)
        else:
            flow.append(block)
    return flow


def build_tree(doc: Document, levels: Sequence[HeadingLevel], defs: Sequence[SectionDef] = ()) -> SectionTree:
    """Group the blocks of the reading flow (:func:`reading_flow`) under headings, nested by level.

    When no paragraph is an outermost heading by the levels' patterns, styles or outline levels, the
    headings are looked for again by the sections' titles (:func:`_titled_level`): a report whose
    list numbering came back from HTML as "1." "2." still has its sections.
    """
    ordered = sorted(levels, key=lambda lv: lv.level)
    flow = reading_flow(doc.blocks)
    root = _group(flow, ordered, defs, by_title=False)
    if defs and ordered and not any(s.heading is not None and s.level == ordered[0].level for s in root.walk()):
        root = _group(flow, ordered, defs, by_title=True)
    return _indexed(root, flow)


def _group(
    flow: Sequence[Block], ordered: Sequence[HeadingLevel], defs: Sequence[SectionDef], by_title: bool
) -> Section:
    root = Section(id="document", title="", level=0)
    stack: list[Section] = [root]
    front: Section | None = None
    form = _titled_form(flow, ordered, defs) if by_title else None
    seen: set[str | None] = set()
    top_list: int | None = None  #: the numbering list of the last outermost heading found by its label, style…
    found = [
        _heading_level(block, ordered, defs if by_title else (), form) if isinstance(block, Paragraph) else None
        for block in flow
    ]
    last_top = {title: i for i, title in _outermost_titles(flow, found, ordered)}  # where each is met last
    titles = {d.id: normalize_title(d.title) for d in defs}
    for i, block in enumerate(flow):
        level = found[i]
        if not by_title and isinstance(block, Paragraph):
            if level is not None and level is ordered[0]:
                top_list = block.num_id if block.num_id is not None else (top_list or 0)
            elif top_list is not None:  # only once the report's headings are known to be labelled
                coming = {d for d, title in titles.items() if last_top.get(title, -1) > i}  # met later, labelled
                level = _unseen_section_title(block, ordered, defs, seen | coming, top_list) or level
        if level is None:
            target = stack[-1]
            if target is root:
                if front is None:
                    front = Section(id=FRONT_MATTER, title="", level=1, parent=root)
                    root.children.append(front)
                target = front
            target.blocks.append(block)
            continue
        assert isinstance(block, Paragraph)
        start = 0
        while level is not None:  # each heading line of the paragraph
            while stack[-1].level >= level.level:
                stack.pop()
            section = _section(block, level, start, ordered, defs, stack[-1])
            seen.add(section.id)
            stack[-1].children.append(section)
            stack.append(section)
            if section.body_start is None or block.text[section.body_start - 1] != "\n":
                break  # all heading, or a run-in heading's body: no heading line follows
            start = section.body_start
            level = _line_level(block.text[start:], ordered, level.level)
    return root


def _outermost_titles(
    flow: Sequence[Block], found: Sequence[HeadingLevel | None], ordered: Sequence[HeadingLevel]
) -> list[tuple[int, str]]:
    """(position, normalized title) of the outermost headings found by their labels, styles…"""
    if not ordered:
        return []
    top = ordered[0]
    out: list[tuple[int, str]] = []
    for i, (block, level) in enumerate(zip(flow, found, strict=True)):
        if level is top and isinstance(block, Paragraph):
            out.append((i, normalize_title(split_heading(block.text.split("\n", 1)[0], level)[1])))
    return out


def _unseen_section_title(
    para: Paragraph,
    ordered: Sequence[HeadingLevel],
    defs: Sequence[SectionDef],
    seen: set[str | None],
    top_list: int,
) -> HeadingLevel | None:
    """The outermost level for a paragraph that is exactly the title of an outermost section not met yet,
    unnumbered, or numbered one level down in the list of the outermost headings (``top_list``): a heading
    whose list numbering was lost ("收到和处理政府信息公开申请情况" between "二、" and "四、") or put on the
    list's second level ("（六）主动公开政府信息情况"). A typed "（一）主动公开政府信息情况" under 总体情况 is
    a sub-heading of its own."""
    if not defs or not ordered or is_contents_entry(para):
        return None
    top = ordered[0]
    text = para.text.strip()
    if not text or len(text) > HEADING_LINE_MAX or "\n" in text:
        return None
    deeper = _DEEPER_LABEL().match(text)
    if deeper is not None and (not top_list or para.num_id != top_list):
        return None
    if deeper is None and _OTHER_LABEL().match(text):
        return None  # "1.总体情况": a whole list in another form is read by the titles' pass (build_tree)
    title = normalize_title(text[deeper.end() :] if deeper else text)
    for d in defs:
        if d.level == top.level and d.id not in seen and title == normalize_title(d.title):
            return top
    return None


def _section(
    para: Paragraph,
    level: HeadingLevel,
    start: int,
    levels: Sequence[HeadingLevel],
    defs: Sequence[SectionDef],
    parent: Section,
) -> Section:
    """The section headed by the line of ``para`` starting at ``start``."""
    text = para.text[start:]
    line_end = _heading_end(text, level, levels) if "\n" in text else None
    number, title = split_heading(text if line_end is None else text[:line_end], level)
    if line_end is not None:
        body_start: int | None = start + line_end + 1
    else:  # a run-in heading: its body follows the first 。：; ("（一）概况。本年度…")
        m = _TITLE_END().search(text)
        body_start = start + m.end() if m is not None and text[m.end() :].strip() else None
    return Section(
        id=_match_def(title, level.level, defs),
        title=title,
        level=level.level,
        heading=para,
        number=number,
        heading_start=start,
        body_start=body_start,
        parent=parent,
    )


def _heading_end(text: str, level: HeadingLevel, levels: Sequence[HeadingLevel]) -> int | None:
    """End of the heading line at the start of ``text``: :func:`heading_line_end`, or the first line break
    of a short paragraph whose next line is a deeper heading ("五、存在的主要问题及改进情况⏎（一）存在的主要问题")."""
    end = heading_line_end(text, level.max_length)
    if end is None:
        first_break = text.find("\n")
        if _line_level(text[first_break + 1 :], levels, level.level) is not None:
            end = first_break
    return end


def _line_level(text: str, levels: Sequence[HeadingLevel], below: int) -> HeadingLevel | None:
    """The level of a heading line deeper than ``below`` that starts ``text`` (body lines of a heading paragraph)."""
    for level in levels:
        if level.level <= below or level.pattern is None:
            continue
        line_end = heading_line_end(text, level.max_length) if "\n" in text else None
        line = (text if line_end is None else text[:line_end]).strip()
        too_long = level.max_length is not None and len(line) > level.max_length
        if line and not too_long and level.pattern.search(line):
            return level
    return None


def _heading_level(
    para: Paragraph, levels: Sequence[HeadingLevel], defs: Sequence[SectionDef] = (), form: str | None = None
) -> HeadingLevel | None:
    """The level of the heading ``para`` is, if any. With ``defs`` (headings found by their titles), a
    paragraph named as a section by an alias counts only when labelled like the first titled one
    (``form``, when that has a label): "（一）总体情况" makes "1.主动公开情况" below it a sub-heading,
    not section 二."""
    if is_contents_entry(para):
        return None
    same_form = not form or label_form(para.text) == form  # unlabelled first: labels may have been lost
    if defs and _DEEPER_LABEL().match(para.text.strip()):
        titled = _titled_level(para, levels, defs, titles_only=True)
        if titled is not None:
            return titled  # "（一）总体情况"…"（六）其他需要报告的事项": the sections, one level up
    for level in levels:
        if level.matches(para):
            return level
    return _titled_level(para, levels, defs, titles_only=not same_form)


def _titled_form(flow: Sequence[Block], levels: Sequence[HeadingLevel], defs: Sequence[SectionDef]) -> str | None:
    """The label form of the first paragraph titled as a section (see :func:`label_form`)."""
    for block in flow:
        if isinstance(block, Paragraph) and not is_contents_entry(block):
            deeper = _DEEPER_LABEL().match(block.text.strip()) is not None
            if _titled_level(block, levels, defs, titles_only=deeper) is not None:
                return label_form(block.text)
    return None


def label_form(text: str) -> str:
    """A heading label's shape, numbers aside: "（三）" → "（一）", "12." → "9.", "第二部分" → "第一部分",
    "" without a label."""
    m = _OTHER_LABEL().match(text.strip())
    label = "".join(m.group().split()) if m else ""
    for numbers, first in _LABEL_NUMBERS:
        label = numbers().sub(first, label)
    return label


#: the numbers of each kind of label, and what they are written as in a label's shape
_LABEL_NUMBERS = (
    (lazy_pattern(r"[0-9０-９]+"), "9"),
    (lazy_pattern(r"[一二三四五六七八九十]+"), "一"),
    (lazy_pattern(r"[壹贰叁肆伍陆柒捌玖拾]+"), "壹"),
    (lazy_pattern(r"[甲乙丙丁戊己庚辛壬癸]"), "甲"),
)


def is_contents_entry(para: Paragraph) -> bool:
    """A line of a table of contents ("一、总体情况……2"): a "toc N" / "目录 N" style, or text ending with
    a tab or a dot leader and a page number. It names a section; it does not start one."""
    name = para.style_name or para.style_id or ""
    return bool(_CONTENTS_STYLE().match(name) or _PAGE_NUMBER_END().search(para.text))


def _titled_level(
    para: Paragraph, levels: Sequence[HeadingLevel], defs: Sequence[SectionDef], titles_only: bool = False
) -> HeadingLevel | None:
    """The level of a short paragraph that is exactly a section's title or alias (only its title with
    ``titles_only``), unnumbered or numbered in another form ("1.总体情况", "壹、总体情况"); only asked
    when no outermost heading was found otherwise, since an alias such as 主动公开情况 also names
    sub-headings."""
    text = para.text.strip()
    if not text or len(text) > HEADING_LINE_MAX or "\n" in text:
        return None
    m = _OTHER_LABEL().match(text)
    title = normalize_title(text[m.end() :] if m else text)
    for level in levels:
        for d in defs:
            names = (d.title,) if titles_only else (d.title, *d.aliases)
            if d.level == level.level and title in map(normalize_title, names):
                return level
    return None


def _match_def(title: str, level: int, defs: Sequence[SectionDef]) -> str | None:
    for d in defs:
        if d.level == level and d.matches(title):
            return d.id
    return None


def _indexed(root: Section, flow: list[Block]) -> SectionTree:
    by_paragraph: dict[int, Section] = {}
    by_table: dict[int, Section] = {}
    for section in root.walk():
        if section.heading is not None:
            by_paragraph[section.heading.index] = section
        for block in section.blocks:
            if isinstance(block, Paragraph):
                by_paragraph[block.index] = section
            else:
                paragraphs, nested = table_contents(block)
                by_table[block.index] = section
                by_table.update(dict.fromkeys(map(_INDEX, nested), section))
                by_paragraph.update(dict.fromkeys(map(_INDEX, paragraphs), section))
    return SectionTree(root=root, by_paragraph=by_paragraph, by_table=by_table, flow=flow)
