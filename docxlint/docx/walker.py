"""The body walker: WordprocessingML body → model blocks, in Word's accepted view.

One pass in document order over ``w:body``: paragraphs get their visible text
(tracked insertions in, deletions out, field results only, hidden text out,
numbering labels in) and a piece map back to their runs; tables become logical
grids. Numbering counters and complex-field state run across the whole body,
as they do in Word.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from lxml import etree

from docxlint.docx.numbering import Label, NumberingCounter, NumberingDefinitions
from docxlint.docx.styles import ParagraphStyle, StyleSheet, num_pr_values
from docxlint.docx.tables import CONTINUE, RESTART, Grid, RawCell, RawRow, build_grid
from docxlint.docx.text import FIXED_TEXT, RPR, RUBY, R, T, child_text, choose_alternate
from docxlint.docx.xmlparse import MC, VAL, W, int_val, on_off_value
from docxlint.model import PIECE_LABEL, PIECE_RUN, Block, Cell, Location, Paragraph, Piece, Table

P = W + "p"
TBL = W + "tbl"
TR = W + "tr"
TC = W + "tc"
PPR = W + "pPr"
SDT = W + "sdt"
SDT_CONTENT = W + "sdtContent"
ALTERNATE = MC + "AlternateContent"
FLD_CHAR = W + "fldChar"
FLD_CHAR_TYPE = W + "fldCharType"
VANISH = W + "vanish"
SPEC_VANISH = W + "specVanish"
RSTYLE = W + "rStyle"
INSTR_TEXT = W + "instrText"
PSTYLE = W + "pStyle"
NUM_PR = W + "numPr"
OUTLINE_LVL = W + "outlineLvl"
TC_PR = W + "tcPr"
GRID_SPAN = W + "gridSpan"
V_MERGE = W + "vMerge"
H_MERGE = W + "hMerge"
CELL_DEL = W + "cellDel"
TR_PR = W + "trPr"
GRID_BEFORE = W + "gridBefore"
GRID_AFTER = W + "gridAfter"
CUSTOM_XML = W + "customXml"
MAX_SPAN = 4096  #: wider spans are clamped (Word's grid has at most 63 columns)

#: Containers whose content is shown as if they were not there.
INLINE_TRANSPARENT = frozenset(
    W + tag for tag in ("hyperlink", "smartTag", "customXml", "dir", "bdo", "ins", "moveTo", "fldSimple")
)
BLOCK_TRANSPARENT = frozenset(W + tag for tag in ("customXml", "ins", "moveTo"))
#: Paragraph children known to hold no runs: skipped without counting.
NO_RUNS = frozenset(
    W + tag
    for tag in (
        "pPr",
        "proofErr",
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "permStart",
        "permEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
    )
)
DELETED_MARKS = (W + "del", W + "moveFrom")
#: ``tuple.__new__``: builds a named tuple from all its fields without the frame of its ``__new__``.
_new_tuple = tuple.__new__


class _TextBuilder:
    """Accumulates a paragraph's visible text and its run pieces without quadratic copying."""

    __slots__ = ("parts", "pieces", "length")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pieces: list[list[int]] = []  # [start, end, run, run_offset]
        self.length = 0

    def add(self, text: str, run: int, offset: int) -> None:
        end = self.length + len(text)
        last = self.pieces[-1] if self.pieces else None
        if last is not None and last[2] == run and last[1] == self.length and last[3] + last[1] - last[0] == offset:
            last[1] = end
        else:
            self.pieces.append([self.length, end, run, offset])
        self.parts.append(text)
        self.length = end


class _ParagraphProps:
    """The few ``w:pPr`` children the model needs: style, numbering, outline level."""

    __slots__ = ("style_id", "num_pr", "outline_level")

    def __init__(self) -> None:
        self.style_id: str | None = None
        self.num_pr: etree._Element | None = None
        self.outline_level: int | None = None


_NO_PROPS = _ParagraphProps()


def _mark_deleted(p: etree._Element) -> bool:
    """Whether the paragraph mark is a tracked deletion (the paragraph merges with the next)."""
    ppr = p[0] if len(p) and p[0].tag == PPR else None
    rpr = ppr.find(RPR) if ppr is not None else None
    return rpr is not None and any(rpr.find(tag) is not None for tag in DELETED_MARKS)


def _outline_level(props: _ParagraphProps, style: ParagraphStyle) -> int | None:
    own = props.outline_level
    if own is None:
        return style.outline_level
    return own if 0 <= own < 9 else None


class BodyProperties(NamedTuple):
    """What one pass of libxml2 over the body finds (see :func:`body_properties`)."""

    paragraphs: dict[etree._Element, _ParagraphProps]  #: ``w:p`` → style, numbering, outline level
    cells: dict[etree._Element, RawCell[etree._Element]]  #: ``w:tc`` → span and merge flags
    xml_index: dict[etree._Element, int]  #: ``w:p`` → its ordinal among all ``w:p`` (``body.iter(w:p)``)
    runs: dict[etree._Element, list[str | None]]  #: ``w:r`` → [specVanish, vanish, rStyle] values, when asked for


#: Run properties that can hide a run; ``w:rStyle`` only matters when a style sets hidden text.
HIDING_RUN_PROPS = (SPEC_VANISH, VANISH)
_RUN_PROP_SLOT = {SPEC_VANISH: 0, VANISH: 1, RSTYLE: 2}
_ABSENT = "\0absent"  #: a slot's value before its property is found (an attribute value cannot hold NUL)


def body_properties(body: etree._Element, run_props: tuple[str, ...] = ()) -> BodyProperties:
    """Paragraph, cell and (``run_props``) run properties and paragraph ordinals of the whole body, from one
    pass of libxml2 over it.

    Elements without an entry in ``paragraphs``/``cells``/``runs`` have none of the properties; a
    tracked-deleted cell (``w:cellDel``) gets span 0. Only an element's own properties (its
    first child ``w:pPr``/``w:tcPr``/``w:rPr``) count, not the old ones kept in
    ``w:pPrChange``/``w:tcPrChange``/``w:rPrChange``. Looking at every ``w:pPr``/``w:tcPr``/``w:rPr``
    child from Python instead costs more than the rest of a table cell (for ``w:rPr``, as much as
    the rest of the walk), and a second pass over the tree for the ordinals costs as much as this one.
    """
    paragraphs: dict[etree._Element, _ParagraphProps] = {}
    cells: dict[etree._Element, RawCell[etree._Element]] = {}
    xml_index: dict[etree._Element, int] = {}
    runs: dict[etree._Element, list[str | None]] = {}
    for el in body.iter(P, PSTYLE, NUM_PR, OUTLINE_LVL, GRID_SPAN, V_MERGE, H_MERGE, CELL_DEL, *run_props):
        tag = el.tag
        if tag == P:
            xml_index[el] = len(xml_index)
            continue
        props = el.getparent()
        owner = props.getparent() if props is not None else None
        if owner is None or props.getprevious() is not None:
            continue
        if props.tag == PPR and owner.tag == P:
            _set_paragraph_prop(paragraphs, owner, tag, el)
        elif props.tag == TC_PR and owner.tag == TC:
            _set_cell_prop(cells, owner, tag, el)
        elif props.tag == RPR and owner.tag == R and tag in _RUN_PROP_SLOT:
            _set_run_prop(runs, owner, tag, el)
    return BodyProperties(paragraphs, cells, xml_index, runs)


def _set_run_prop(
    found: dict[etree._Element, list[str | None]], r: etree._Element, tag: str, el: etree._Element
) -> None:
    slots = found.get(r)
    if slots is None:
        slots = found[r] = [_ABSENT, _ABSENT, _ABSENT]
    slot = _RUN_PROP_SLOT[tag]
    if slots[slot] is _ABSENT:  # the first one counts, as with ``find``
        slots[slot] = el.get(VAL) if tag != RSTYLE else el.get(VAL) or ""


def _set_paragraph_prop(
    found: dict[etree._Element, _ParagraphProps], p: etree._Element, tag: str, el: etree._Element
) -> None:
    props = found.get(p)
    if props is None:
        props = found[p] = _ParagraphProps()
    if tag == PSTYLE:
        props.style_id = el.get(VAL)
    elif tag == NUM_PR:
        props.num_pr = el
    elif tag == OUTLINE_LVL:
        props.outline_level = int_val(el)


def _set_cell_prop(
    found: dict[etree._Element, RawCell[etree._Element]], tc: etree._Element, tag: str, el: etree._Element
) -> None:
    raw = found.get(tc)
    if raw is None:
        raw = found[tc] = RawCell(tc)
    if tag == GRID_SPAN:
        if raw.span:
            raw.span = min(max(int_val(el, 1) or 1, 1), MAX_SPAN)
    elif tag == V_MERGE:
        raw.v_merge = _merge(el)
    elif tag == H_MERGE:
        raw.h_merge = _merge(el)
    elif tag == CELL_DEL:
        raw.span = 0


def _count_runs(el: etree._Element) -> int:
    return sum(1 for _ in el.iter(R))


class BodyWalker:
    """Builds the model's blocks, paragraphs and tables from one ``w:body``."""

    def __init__(
        self,
        body: etree._Element,
        styles: StyleSheet,
        numbering: NumberingDefinitions,
        hidden_text_possible: bool = True,
    ) -> None:
        self.body = body
        self.styles = styles
        self.numbering = numbering
        self.counter = NumberingCounter(numbering)
        self.check_hidden = hidden_text_possible
        run_props = (*HIDING_RUN_PROPS, RSTYLE) if styles.any_vanish else HIDING_RUN_PROPS
        self.paragraph_props, self.cell_props, self.xml_index, self.run_props = body_properties(
            body, run_props if hidden_text_possible else ()
        )
        self.blocks: list[Block] = []
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.field_stack: list[bool] = []  # True while a field is still in its instruction part
        self.field_code_depth = 0  # fields on the stack that are in their instruction part
        self.run_no = 0
        self.hidden_default = False

    # ---- blocks -------------------------------------------------------------------------------

    def walk(self) -> None:
        """Walk the body; results land in ``blocks``, ``paragraphs`` and ``tables``."""
        for el in block_elements(self.body):
            block = len(self.blocks)
            if el.tag == P:
                para = self.paragraph(el, Location(block))
                if para is not None:
                    self.blocks.append(para)
            else:
                self.blocks.append(self.table(el, Location(block)))

    def container_blocks(self, container: etree._Element, cell: Cell, block: int, drop_empty: bool) -> None:
        """Paragraphs and nested tables of a table cell, appended to ``cell.blocks``."""
        where = _new_tuple(Location, (block, None, cell.table, cell.row, cell.col))
        for child in container:  # block_elements(container), without a generator per cell
            tag = child.tag
            if tag == P:
                para = self.paragraph(child, where, drop_empty)
                if para is not None:
                    cell.blocks.append(para)
            elif tag == TBL:
                cell.blocks.append(self.table(child, where))
            elif tag != TC_PR:
                self._wrapped_cell_blocks(child, cell, where, drop_empty)

    def _wrapped_cell_blocks(self, wrapper: etree._Element, cell: Cell, where: Location, drop_empty: bool) -> None:
        """Blocks inside a content control or other wrapper in a cell (rare)."""
        for el in _wrapped_blocks(wrapper):
            if el.tag == P:
                para = self.paragraph(el, where, drop_empty)
                if para is not None:
                    cell.blocks.append(para)
            else:
                cell.blocks.append(self.table(el, where))

    # ---- tables -------------------------------------------------------------------------------

    def table(self, tbl: etree._Element, where: Location) -> Table:
        """A ``w:tbl`` as a logical grid; nested tables get later indexes than their parent."""
        rows = (raw_row(tr, self.cell_props) for tr in _flatten(tbl, TR))
        grid = build_grid([row for row in rows if row is not None])
        table = Table(
            index=len(self.tables),
            location=where,
            n_rows=grid.n_rows,
            n_cols=grid.n_cols,
            style_name=self._table_style(tbl),
        )
        self.tables.append(table)
        self._fill_cells(table, grid, where.block)
        return table

    def _fill_cells(self, table: Table, grid: Grid[etree._Element], block: int) -> None:
        index = table.index
        table.cells = [Cell(index, g.row, g.col, g.row_span, g.col_span) for g in grid.cells]
        cell_of = {id(g): cell for g, cell in zip(grid.cells, table.cells, strict=True)}
        for tc, g, continued in grid.owners:
            self.container_blocks(tc, cell_of[id(g)], block, continued)

    def _table_style(self, tbl: etree._Element) -> str | None:
        tbl_pr = tbl.find(W + "tblPr")
        style = tbl_pr.find(W + "tblStyle") if tbl_pr is not None else None
        style_id = style.get(VAL) if style is not None else None
        return (self.styles.name(style_id) or style_id) if style_id else None

    # ---- paragraphs ---------------------------------------------------------------------------

    def paragraph(self, p: etree._Element, where: Location, drop_empty: bool = False) -> Paragraph | None:
        """One ``w:p``; None when it does not show (deleted mark and no text, or an empty merged-away cell)."""
        props = self.paragraph_props.get(p, _NO_PROPS)
        style = self.styles.paragraph(props.style_id)
        if self.check_hidden:
            self.hidden_default = self._paragraph_hidden_default(style)
        out = _TextBuilder()
        self.run_no = 0
        self.inline(p, out)
        if not out.parts and (drop_empty or _mark_deleted(p)):
            return None
        numbered = self._numbering(props, style) if props.num_pr is not None or style.num_id else None
        label = self.counter.next_label(*numbered) if numbered else None
        return self._make_paragraph(p, where, out, style, props, numbered, label)

    def _make_paragraph(
        self,
        p: etree._Element,
        where: Location,
        out: _TextBuilder,
        style: ParagraphStyle,
        props: _ParagraphProps,
        numbered: tuple[int, int] | None,
        label: Label | None,
    ) -> Paragraph:
        prefix = label.text + label.suffix if label else ""
        shift = len(prefix)
        if shift:
            pieces = [_new_tuple(Piece, (0, shift, PIECE_LABEL, -1, 0))]
            pieces += [_new_tuple(Piece, (s + shift, e + shift, PIECE_RUN, k, o)) for s, e, k, o in out.pieces]
        else:
            pieces = [_new_tuple(Piece, (s, e, PIECE_RUN, k, o)) for s, e, k, o in out.pieces]
        index = len(self.paragraphs)
        para = Paragraph(
            index,
            self.xml_index.get(p, -1),
            prefix + "".join(out.parts),
            tuple(pieces),
            _new_tuple(Location, (where[0], index, where[2], where[3], where[4])),
            label.text if label else "",
            style.id,
            style.name,
            _outline_level(props, style),
            numbered[0] if numbered and label else None,
            numbered[1] if numbered and label else None,
        )
        self.paragraphs.append(para)
        return para

    def _paragraph_hidden_default(self, style: ParagraphStyle) -> bool:
        if not self.check_hidden:
            return False
        return style.vanish if style.vanish is not None else self.styles.default_vanish

    def _numbering(self, props: _ParagraphProps, style: ParagraphStyle) -> tuple[int, int] | None:
        """(numId, ilvl) from the paragraph's ``w:numPr`` or its style chain; None when not numbered."""
        own_id, own_level = num_pr_values(props.num_pr) if props.num_pr is not None else (None, None)
        num_id = own_id if own_id is not None else style.num_id
        if not num_id or num_id < 0:
            return None
        level = own_level
        if level is None and own_id is None:
            level = style.num_level
            if level is None:
                level = self.numbering.level_of_style(num_id, style.num_style_id)
        return num_id, min(max(level or 0, 0), 8)

    # ---- inline content -----------------------------------------------------------------------

    def inline(self, container: etree._Element, out: _TextBuilder) -> None:
        """Paragraph-level content: runs and the containers around them."""
        for child in container:
            tag = child.tag
            if tag == R:
                self.run(child, out)
            elif tag in NO_RUNS:
                continue
            elif tag in INLINE_TRANSPARENT:
                self.inline(child, out)
            elif tag == SDT:
                self._inline_sdt(child, out)
            elif tag == ALTERNATE:
                self._inline_alternate(child, out)
            else:  # deletions, moved-from text, math, unknown extensions: not shown, runs still counted
                self.run_no += _count_runs(child)

    def _inline_sdt(self, sdt: etree._Element, out: _TextBuilder) -> None:
        for part in sdt:
            if part.tag == SDT_CONTENT:
                self.inline(part, out)
            else:
                self.run_no += _count_runs(part)

    def _inline_alternate(self, ac: etree._Element, out: _TextBuilder) -> None:
        chosen = choose_alternate(ac)
        for branch in ac:
            if branch is chosen:
                self.inline(branch, out)
            else:
                self.run_no += _count_runs(branch)

    def run(self, r: etree._Element, out: _TextBuilder) -> None:
        """One ``w:r``: its visible text, field characters, ruby base text."""
        k = self.run_no
        self.run_no += 1
        hidden = self._run_hidden(r) if self.check_hidden else False
        offset = 0
        for child in r:
            tag = child.tag
            if tag == T:
                text = child.text
            elif tag == RPR or tag == INSTR_TEXT:
                continue
            elif tag == FLD_CHAR:
                self._field_char(child)
                continue
            elif tag == RUBY:
                self._ruby(child, out)
                continue
            else:
                text = FIXED_TEXT.get(tag)  # type: ignore[arg-type]
                if text is None:
                    if len(child):
                        self.run_no += _count_runs(child)
                    text = child_text(child)
            if text:
                if not hidden and not self.field_code_depth:
                    out.add(text, k, offset)
                offset += len(text)

    def _run_hidden(self, r: etree._Element) -> bool:
        slots = self.run_props.get(r)
        if slots is None:
            return self.hidden_default
        spec, vanish, rstyle = slots
        if spec is not _ABSENT and on_off_value(spec):
            return True
        if vanish is not _ABSENT:
            return on_off_value(vanish)
        if rstyle is _ABSENT:
            return self.hidden_default
        char = self.styles.character_vanish(rstyle)  # type: ignore[arg-type]
        return self.hidden_default if char is None else char != self.hidden_default

    def _ruby(self, ruby: etree._Element, out: _TextBuilder) -> None:
        for part in ruby:
            if part.tag == W + "rubyBase":
                self.inline(part, out)
            else:
                self.run_no += _count_runs(part)

    def _field_char(self, fld: etree._Element) -> None:
        kind = fld.get(FLD_CHAR_TYPE)
        if kind == "begin":
            self.field_stack.append(True)
            self.field_code_depth += 1
        elif kind == "separate":
            if self.field_stack and self.field_stack[-1]:
                self.field_stack[-1] = False
                self.field_code_depth -= 1
        elif kind == "end" and self.field_stack:
            if self.field_stack.pop():
                self.field_code_depth -= 1


# ---- structure helpers --------------------------------------------------------------------------


def block_elements(container: etree._Element) -> Iterator[etree._Element]:
    """``w:p`` and ``w:tbl`` of a block container, through content controls and other wrappers."""
    for child in container:
        tag = child.tag
        if tag == P or tag == TBL:
            yield child
        else:
            yield from _wrapped_blocks(child)


def _wrapped_blocks(child: etree._Element) -> Iterator[etree._Element]:
    """The blocks inside a non-block child of a container (none for properties and the like)."""
    tag = child.tag
    if tag == SDT:
        content = child.find(SDT_CONTENT)
        if content is not None:
            yield from block_elements(content)
    elif tag in BLOCK_TRANSPARENT:
        yield from block_elements(child)
    elif tag == ALTERNATE:
        branch = choose_alternate(child)
        if branch is not None:
            yield from block_elements(branch)


def _flatten(container: etree._Element, wanted: str) -> Iterator[etree._Element]:
    for child in container:
        if child.tag == wanted:
            yield child
        else:
            yield from _flatten_one(child, wanted)


def _flatten_one(child: etree._Element, wanted: str) -> Iterator[etree._Element]:
    """The ``wanted`` elements inside one wrapper child (content control, custom XML, alternate content)."""
    tag = child.tag
    if tag == SDT:
        content = child.find(SDT_CONTENT)
        if content is not None:
            yield from _flatten(content, wanted)
    elif tag == CUSTOM_XML:
        yield from _flatten(child, wanted)
    elif tag == ALTERNATE:
        branch = choose_alternate(child)
        if branch is not None:
            yield from _flatten(branch, wanted)


def raw_row(
    tr: etree._Element, cell_props: dict[etree._Element, RawCell[etree._Element]]
) -> RawRow[etree._Element] | None:
    """A row's cells with their spans and merge flags (tracked-deleted cells left out); None for a deleted row.

    ``cell_props`` comes from :func:`body_properties`. One pass over the row's children
    (``find`` costs more than that per call).
    """
    before = after = 0
    cells: list[RawCell[etree._Element]] = []
    for child in tr:
        tag = child.tag
        if tag == TC:
            _add_cell(cells, child, cell_props)
        elif tag == TR_PR:
            for prop in child:
                prop_tag = prop.tag
                if prop_tag in DELETED_MARKS:
                    return None
                if prop_tag == GRID_BEFORE:
                    before = int_val(prop, 0) or 0
                elif prop_tag == GRID_AFTER:
                    after = int_val(prop, 0) or 0
        elif tag == SDT or tag == CUSTOM_XML or tag == ALTERNATE:
            for tc in _flatten_one(child, TC):
                _add_cell(cells, tc, cell_props)
    return RawRow(cells, before, after)


def _add_cell(
    cells: list[RawCell[etree._Element]], tc: etree._Element, cell_props: dict[etree._Element, RawCell[etree._Element]]
) -> None:
    raw = cell_props.get(tc)
    if raw is None:
        cells.append(RawCell(tc))
    elif raw.span:
        cells.append(raw)


def _merge(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return RESTART if el.get(VAL) == RESTART else CONTINUE


__all__ = ["BodyWalker", "block_elements"]
