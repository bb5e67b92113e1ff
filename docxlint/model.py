"""The document as the linter sees it: plain dataclasses, no XML.

The reader (``docxlint.docx``) builds these; every later stage (sections, checks,
reporters) only reads them. The annotator is the one stage that goes back to the
XML, and it does so through :class:`Piece`: every character of a paragraph's
``text`` is covered by exactly one piece that says which ``w:r`` (or which
numbering label) it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

#: Piece kinds.
PIECE_RUN = "run"  #: characters that come from a ``w:r`` (text, tab, break, symbol, field result)
PIECE_LABEL = "label"  #: an automatic numbering label and its suffix; not in any run


class Piece(NamedTuple):
    """A stretch ``[start, end)`` of a paragraph's text and where it came from.

    For ``kind == "run"``: ``run`` is the ordinal of the ``w:r`` element among *all*
    ``w:r`` descendants of the paragraph's ``w:p`` in document order (runs inside
    tracked deletions and field instructions are counted too, so the ordinal is
    stable for whoever re-reads the XML), and ``run_offset`` is the offset of
    ``start`` within that run's visible text (see ``docxlint.docx.text``).
    For ``kind == "label"``: ``run`` is -1 and ``run_offset`` is 0.

    A named tuple rather than a frozen dataclass: a document has one or more per
    paragraph, and a tuple is built in well under half the time.
    """

    start: int
    end: int
    kind: str
    run: int = -1
    run_offset: int = 0


class Location(NamedTuple):
    """Where something is.

    ``block`` is the index of the top-level body block (paragraph or table) that
    holds it. ``paragraph`` is :attr:`Paragraph.index`. ``table``/``row``/``col``
    name the innermost table and the logical cell (its top-left grid position).
    A named tuple, like :class:`Piece`, because every paragraph has one.
    """

    block: int
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def describe(self) -> str:
        """Human-readable location, e.g. ``¶12`` or ``table 3 r5c2 ¶40``."""
        parts: list[str] = []
        if self.table is not None:
            parts.append(f"table {self.table + 1} r{(self.row or 0) + 1}c{(self.col or 0) + 1}")
        if self.paragraph is not None:
            parts.append(f"¶{self.paragraph + 1}")
        if not parts:
            parts.append(f"block {self.block + 1}")
        return " ".join(parts)


@dataclass(slots=True)
class Paragraph:
    """A paragraph exactly as a reader sees it.

    ``text`` includes the automatic numbering label (``label``) and its suffix,
    includes tracked insertions and field results, and excludes tracked
    deletions, moved-from text and field instructions.
    """

    index: int  #: ordinal among all paragraphs of the document (document order, cells included)
    xml_index: int  #: ordinal of the ``w:p`` among all ``w:p`` in ``w:body`` (``body.iter(w:p)``)
    text: str
    pieces: tuple[Piece, ...]
    location: Location
    label: str = ""  #: numbering label as displayed, e.g. "一、" (suffix not included)
    style_id: str | None = None
    style_name: str | None = None
    outline_level: int | None = None  #: 0-based ``w:outlineLvl`` from paragraph or style chain
    num_id: int | None = None
    num_level: int | None = None  #: ``w:ilvl`` when the paragraph is numbered

    kind = "paragraph"

    def piece_at(self, offset: int) -> Piece | None:
        """The piece covering character ``offset`` (None past the end)."""
        for piece in self.pieces:
            if piece.start <= offset < piece.end:
                return piece
        return None


@dataclass(slots=True)
class Cell:
    """A logical table cell: a merged cell appears once, with its spans."""

    table: int  #: :attr:`Table.index`
    row: int  #: top grid row
    col: int  #: left grid column
    row_span: int
    col_span: int
    blocks: list[Block] = field(default_factory=list)
    _text: tuple[int, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The cell's own paragraphs (not those of nested tables)."""
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def text(self) -> str:
        """The cell's own paragraphs joined by newlines (computed once per content)."""
        if self._text is None or self._text[0] != len(self.blocks):
            self._text = (len(self.blocks), "\n".join(p.text for p in self.paragraphs))
        return self._text[1]


@dataclass(slots=True)
class Table:
    """A table as a logical grid; merged cells resolved once."""

    index: int  #: ordinal among all tables of the document (document order, nested included)
    location: Location  #: block of the top-level table holding it; parent cell for nested tables
    n_rows: int
    n_cols: int
    cells: list[Cell] = field(default_factory=list)  #: row-major by top-left corner
    style_name: str | None = None

    kind = "table"

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by their top row; a vertically merged cell only in its first row."""
        grouped: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            grouped[cell.row].append(cell)
        return grouped

    def grid(self) -> list[list[Cell | None]]:
        """``grid[r][c]`` is the logical cell covering grid position (r, c), or None."""
        n_rows, n_cols = self.n_rows, self.n_cols
        out: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
        for cell in self.cells:
            row, col = cell.row, cell.col
            if cell.row_span == 1 and cell.col_span == 1:  # most cells: one position
                if row < n_rows and col < n_cols:
                    out[row][col] = cell
                continue
            last = min(col + cell.col_span, n_cols)
            for r in range(row, min(row + cell.row_span, n_rows)) if col < last else ():
                out[r][col:last] = [cell] * (last - col)
        return out

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The logical cell covering grid position (row, col)."""
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.row_span and cell.col <= col < cell.col + cell.col_span:
                return cell
        return None


Block = Paragraph | Table


@dataclass(slots=True)
class Document:
    """A whole document: top-level blocks plus flat indexes of everything."""

    path: str
    blocks: list[Block]  #: top-level body blocks in order
    paragraphs: list[Paragraph]  #: every paragraph, document order; ``paragraphs[i].index == i``
    tables: list[Table]  #: every table, document order; ``tables[i].index == i``
    properties: dict[str, str] = field(default_factory=dict)  #: core properties (title, creator…)
    textbox_chars: int = 0  #: characters of text in text boxes, which are not among ``paragraphs``
    alt_chunks: int = 0  #: embedded documents (``w:altChunk``) Word shows in place, not read

    def iter_paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph in document order, table cells included."""
        return iter(self.paragraphs)

    def body_paragraphs(self) -> list[Paragraph]:
        """Top-level paragraphs only (not inside tables)."""
        return [b for b in self.blocks if isinstance(b, Paragraph)]
