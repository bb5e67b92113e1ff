"""Tables addressed the way a reviewer reads them: by labels, not by indexes.

A :class:`TableView` detects a table's header rows (the top rows made of labels)
and its label columns (the left columns made of labels), gives every data column
a label path from the header ("申请人情况/法人或其他组织/商业企业") and every data
row a label path from the label columns ("三、本年度办理结果/（三）不予公开/1.属于国家秘密"),
and classifies every cell value (number, blank, placeholder, text).

Rules name rows and columns by *label specs*: a path whose segments are matched
against the end of a label path after normalisation (whitespace, line breaks,
width, brackets, punctuation and trailing notes in brackets are ignored; the
numbering "（七）" may be written or left out). ``"a|b"`` in a segment accepts
either wording; a last segment ``"*"`` names a group's sub-rows ("（三）不予公开/*").
A literal slash inside a label is written full-width ("本年增／减").

Tables are found by a *locator*: ``{"header": [...], "contains": [...], "section": [...]}``;
every label must occur in some cell of the table, and the table must sit in one of
the named sections (ignored when the document has none of them).
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docxlint.errors import RulePackError
from docxlint.extract import format_number, lazy_pattern, parse_number
from docxlint.model import Cell, Table

if TYPE_CHECKING:
    from docxlint.checks.base import CheckContext
    from docxlint.sections import Section

#: Cell texts that stand for "no number here" ("/", dashes, "无").
PLACEHOLDERS = frozenset(
    {"/", "\\", "-", "--", "—", "——", "–", "―", "─", "一一", "无", "暂无", "空", "×", "x", "n/a", "na", "none"}
)
_UNIT_SUFFIX = lazy_pattern(r"(?:件|个|条|项|次|宗|起|人|家|万元|元)$")
_PUNCT_CATEGORIES = ("P", "S", "Z", "C")
_KIND_OF = operator.attrgetter("kind")
_TEXT_OF = operator.attrgetter("text")
_NUMBERING = lazy_pattern(
    r"^(?:(?P<cn>[一二三四五六七八九十]+)[、.．]"
    r"|\((?P<pcn>[一二三四五六七八九十]+)\)"
    r"|(?P<num>\d{1,2})(?:[.、]|\)(?!\d))(?!\d)"
    r"|\((?P<pnum>\d{1,2})\)"
    r"|(?P<circled>[\u2460-\u2473]))"
)
_CJK_GAP = lazy_pattern(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")
_TRAILING_NOTE = lazy_pattern(r"\([^()]*\)$")
_DISPLAY_NOTE = lazy_pattern(r"[（(][^（）()]*[）)]$")
_DASHES = lazy_pattern(r"[-—–―─/\\]+")


class AmbiguousLabelError(RulePackError):
    """A label spec of a rule names several different rows or columns of a table."""


# --- normalisation ---------------------------------------------------------------------


#: Bound of the memo tables keyed by text (labels, cell texts, specs): a pure function of an
#: immutable string, so sharing results between documents is safe; the bound caps memory in batches.
MEMO_SIZE = 1 << 16


@lru_cache(maxsize=MEMO_SIZE)
def normalize_text(text: str) -> str:
    """Comparable form: NFKC (full-width → ASCII), lower case, no whitespace, punctuation or symbols."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if not unicodedata.category(ch).startswith(_PUNCT_CATEGORIES))


def _compact(text: str) -> str:
    """NFKC, no whitespace; brackets kept (numbering and notes are read from them)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if not ch.isspace())


@dataclass(frozen=True, slots=True)
class Label:
    """One label as written, with its numbering and its comparable core.

    ``Label.parse("（二）部分公开（区分处理的，只计这一情形）")`` has numbering ``"2"``
    and core ``"部分公开"``: a trailing note in brackets is not part of the name.
    """

    raw: str
    numbering: str | None
    core: str
    full: str  #: normalised text of the whole label (note and numbering included)

    @classmethod
    def parse(cls, text: str) -> Label:
        """Memoised: a pure function of ``text`` (the same labels recur in every rule and table)."""
        return _parse_label(text)

    def __str__(self) -> str:
        return display_text(self.raw)

    @property
    def short(self) -> str:
        """The label as displayed without trailing notes in brackets ("总计（本列数据的勾稽关系为…）" → "总计")."""
        text = display_text(self.raw)
        while (m := _DISPLAY_NOTE().search(text)) and m.start() > 0:
            text = text[: m.start()].rstrip()
        return text


@lru_cache(maxsize=MEMO_SIZE)
def _parse_label(text: str) -> Label:
    compact = _compact(text)
    numbering: str | None = None
    m = _NUMBERING().match(compact)
    if m and m.end() < len(compact):
        numbering = _ordinal(next(g for g in m.groups() if g))
        compact = compact[m.end() :]
    stripped = compact
    while True:
        shorter = _TRAILING_NOTE().sub("", stripped)
        if shorter == stripped or not normalize_text(shorter):
            break
        stripped = shorter
    return Label(raw=text, numbering=numbering, core=normalize_text(stripped), full=normalize_text(text))


def display_text(text: str) -> str:
    """A cell's text on one line: breaks between Chinese characters vanish, others become one space."""
    return _CJK_GAP().sub("", " ".join(text.split()))


def _ordinal(token: str) -> str:
    """Numbering compared by value, not by form: "七" → "7", "12" → "12", "⑦" → "7"."""
    if token.isdigit():
        return str(int(token))
    if len(token) == 1 and 0x2460 <= ord(token) <= 0x2473:
        return str(ord(token) - 0x2460 + 1)
    value = parse_number(token)
    return format_number(value) if value is not None else token


@dataclass(frozen=True, slots=True)
class SegmentSpec:
    """One segment of a label spec: alternatives ("a|b"), each a parsed label."""

    alternatives: tuple[Label, ...]

    @classmethod
    def parse(cls, text: str) -> SegmentSpec:
        """Memoised, like :meth:`Label.parse`."""
        return _parse_segment(text)

    def matches(self, label: Label) -> bool:
        # Same core or same full text, and no contradicting numbering (the innermost loop of every lookup).
        for alt in self.alternatives:
            if (
                alt.core
                and (alt.core == label.core or alt.full == label.full)
                and (alt.numbering is None or label.numbering is None or alt.numbering == label.numbering)
            ):
                return True
        return False


@lru_cache(maxsize=MEMO_SIZE)
def _parse_segment(text: str) -> SegmentSpec:
    return SegmentSpec(tuple(Label.parse(alt) for alt in text.split("|") if alt.strip()))


@dataclass(frozen=True, slots=True)
class PathSpec:
    """A label spec: segments matched against the end of a label path; ``wildcard`` for "…/*"."""

    text: str
    segments: tuple[SegmentSpec, ...]
    wildcard: bool = False

    @classmethod
    def parse(cls, text: str) -> PathSpec:
        """Memoised, like :meth:`Label.parse`."""
        return _parse_path(text)

    def matches_suffix(self, path: Sequence[Label]) -> bool:
        """The spec's segments match the last segments of ``path``."""
        segments = self.segments
        k = len(segments)
        offset = len(path) - k
        if k == 0 or offset < 0:
            return False
        for i in range(k - 1, -1, -1):  # the last segment first: it tells most labels apart
            if not segments[i].matches(path[offset + i]):
                return False
        return True

    def matches_group(self, path: Sequence[Label]) -> bool:
        """The spec's segments match a run of ``path`` that has at least one segment after it."""
        k = len(self.segments)
        return any(self.matches_suffix(path[:end]) for end in range(k, len(path)))


@lru_cache(maxsize=MEMO_SIZE)
def _parse_path(text: str) -> PathSpec:
    parts = [p for p in text.split("/") if p.strip()]
    wildcard = bool(parts) and parts[-1].strip() == "*"
    if wildcard:
        parts = parts[:-1]
    return PathSpec(text=text, segments=tuple(SegmentSpec.parse(p) for p in parts), wildcard=wildcard)


# --- cell values -----------------------------------------------------------------------


class ValueKind(str, Enum):
    NUMBER = "number"
    BLANK = "blank"
    PLACEHOLDER = "placeholder"
    TEXT = "text"


#: The kinds as plain module names for the loops that test one per cell: on Python 3.11 every
#: ``ValueKind.X`` goes through ``EnumType.__getattr__``, ten times the cost of a global name.
NUMBER, BLANK, PLACEHOLDER, TEXT = ValueKind.NUMBER, ValueKind.BLANK, ValueKind.PLACEHOLDER, ValueKind.TEXT


@dataclass(frozen=True, slots=True)
class CellValue:
    """What a cell holds where a number is expected."""

    kind: ValueKind
    text: str
    number: Decimal | None = None

    @property
    def is_number(self) -> bool:
        return self.kind is NUMBER


_BLANK = CellValue(BLANK, "")


@lru_cache(maxsize=MEMO_SIZE)
def cell_value(text: str) -> CellValue:
    """Classify a cell's text: "12", "１２", "3.5", "-2", "十二", "12件" are numbers; "", "/", "—", "无" are not.

    Memoised: a pure function of the text (a 100-page report classifies ~50,000 cells, most of them alike).
    """
    stripped = " ".join(text.split())
    if not stripped:
        return _BLANK
    compact = unicodedata.normalize("NFKC", stripped).replace(" ", "").lower()
    if compact in PLACEHOLDERS or _DASHES().fullmatch(compact):
        return CellValue(PLACEHOLDER, stripped)
    sign = -1 if compact[0] in "-−" else 1
    unsigned = compact[1:] if compact[0] in "+-−" else compact
    number = parse_number(_UNIT_SUFFIX().sub("", unsigned) or unsigned)
    if number is not None:
        return CellValue(NUMBER, stripped, sign * number)
    return CellValue(TEXT, stripped)


# --- the view --------------------------------------------------------------------------


@dataclass(slots=True)
class Axis:
    """A data row or data column: its grid index and its label path."""

    index: int
    labels: tuple[Label, ...]
    is_group: bool = False  #: a row that only heads sub-rows (all its values blank)

    @property
    def path(self) -> str:
        return "/".join(str(lab) for lab in self.labels)

    @property
    def name(self) -> str:
        """The most specific label ("（七）总计"), without trailing notes, for messages."""
        return self.labels[-1].short if self.labels else ""

    def key(self) -> tuple[tuple[str | None, str], ...]:
        return tuple((lab.numbering, lab.core) for lab in self.labels)


@dataclass(slots=True)
class TableView:
    """A table seen through its labels; build with :meth:`of`."""

    table: Table
    header_rows: int
    label_cols: int
    rows: list[Axis] = field(default_factory=list)  #: data rows, top to bottom (group rows included)
    columns: list[Axis] = field(default_factory=list)  #: data columns, left to right
    _grid: list[list[Cell | None]] = field(default_factory=list, repr=False)
    _values: list[list[CellValue]] = field(default_factory=list, repr=False)  #: cell_value of every grid position
    _text_cells: list[Cell] = field(default_factory=list, repr=False)  #: cells of ``table`` whose value is text
    #: Lookups already made on this view (spec → axes); the view is per document and never changes.
    _found: dict[tuple[bool, str | PathSpec], list[Axis]] = field(default_factory=dict, repr=False, compare=False)
    _shapes: dict[bool, _Shape] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, table: Table, continuations: Sequence[Table] = ()) -> TableView:
        """The view of ``table``; ``continuations`` are tables that carry on its rows (a split table)."""
        return cls._build(
            table, continuations, [[cell.text for cell in part.cells] for part in [table, *continuations]]
        )

    @classmethod
    def _build(cls, table: Table, continuations: Sequence[Table], texts: Sequence[Sequence[str]]) -> TableView:
        """:meth:`of`, given the text of every cell of ``table`` and of each continuation (``texts[i][j]``)."""
        grid, values, text_cells = _layout(table, texts[0])
        head_rows = _count_header_rows(grid, [list(map(_KIND_OF, row)) for row in values]) if continuations else 0
        for part, part_texts in zip(continuations, texts[1:], strict=True):
            more_grid, more_values, _ = _layout(part, part_texts)
            repeated = head_rows if _row_texts(more_grid[:head_rows]) == _row_texts(grid[:head_rows]) else 0
            grid += more_grid[repeated:]  # a header repeated on the next page is not read twice
            values += more_values[repeated:]
        grid, values = _without_empty_columns(grid, values)
        kinds = [list(map(_KIND_OF, row)) for row in values]
        header_rows = _count_header_rows(grid, kinds)
        if header_rows:
            grid, values, text_cells = _without_repeated_header(grid, values, text_cells, header_rows)
            kinds = [list(map(_KIND_OF, row)) for row in values]
        label_cols = _count_label_cols(grid, kinds, header_rows)
        view = cls(table, header_rows, label_cols, _grid=grid, _values=values, _text_cells=text_cells)
        view.columns = _data_columns(grid, kinds, header_rows, label_cols)
        view.rows = _data_rows(grid, kinds, header_rows, label_cols)
        return view

    # -- iteration ------------------------------------------------------------------------

    def data_rows(self) -> list[Axis]:
        """Data rows that hold values (group heading rows left out)."""
        return [r for r in self.rows if not r.is_group]

    def data_columns(self) -> list[Axis]:
        return list(self.columns)

    def text_cells(self) -> list[Cell]:
        """The cells of :attr:`table` (not of its continuations) that hold text rather than a value, in order."""
        return list(self._text_cells)

    def iter_values(self, row: Axis) -> Iterator[tuple[Axis, Cell | None, CellValue]]:
        """``(column, cell, value)`` along a data row."""
        for col in self.columns:
            cell = self.cell_at(row, col)
            yield col, cell, self.value_at(row, col)

    # -- lookup ---------------------------------------------------------------------------

    def find_rows(self, spec: str | PathSpec) -> list[Axis]:
        """Every data row a spec names (a "…/*" spec: the group's sub-rows, else the row itself)."""
        return list(self._lookup(self.rows, spec, rows=True))

    def find_columns(self, spec: str | PathSpec) -> list[Axis]:
        return list(self._lookup(self.columns, spec, rows=False))

    def _lookup(self, axes: list[Axis], spec: str | PathSpec, rows: bool) -> list[Axis]:
        """:func:`_find`, remembered per view and spec, and shared by views whose labels read alike.

        The list returned is the memo itself: callers copy it before handing it out.
        """
        key = (rows, spec)
        found = self._found.get(key)
        if found is None:
            shape = self._shapes.get(rows)
            if shape is None:
                shape = self._shapes[rows] = _shape(axes)
            found = self._found[key] = [axes[i] for i in _find_positions(shape, spec, rows)]
        return found

    def row(self, spec: str | PathSpec) -> Axis | None:
        """The one data row ``spec`` names; None when absent or duplicated in the document.

        Raises :class:`AmbiguousLabelError` when the spec fits rows with different paths.
        """
        return _single(self._lookup(self.rows, spec, rows=True), spec, self, "row")

    def column(self, spec: str | PathSpec) -> Axis | None:
        return _single(self._lookup(self.columns, spec, rows=False), spec, self, "column")

    def cell(self, row_path: str | PathSpec, col_path: str | PathSpec) -> Cell | None:
        row, col = self.row(row_path), self.column(col_path)
        if row is None or col is None:
            return None
        return self.cell_at(row, col)

    def value(self, row_path: str | PathSpec, col_path: str | PathSpec) -> CellValue | None:
        row, col = self.row(row_path), self.column(col_path)
        if row is None or col is None:
            return None
        return self.value_at(row, col)

    def cell_at(self, row: Axis, col: Axis) -> Cell | None:
        return self._grid[row.index][col.index]

    def value_at(self, row: Axis, col: Axis) -> CellValue:
        return self._values[row.index][col.index]

    def row_cells(self, row: Axis) -> list[Cell | None]:
        """The cells along a row, indexed by grid column: ``row_cells(row)[col.index]`` is ``cell_at(row, col)``."""
        return list(self._grid[row.index])

    def row_values(self, row: Axis) -> list[CellValue]:
        """The values along a row, indexed by grid column: ``row_values(row)[col.index]`` is ``value_at(row, col)``."""
        return list(self._values[row.index])

    def column_values(self, col: Axis) -> list[CellValue]:
        """The values down a column, indexed by grid row: ``column_values(col)[row.index]`` is ``value_at(row, col)``."""
        return [values[col.index] for values in self._values]

    def label_cell(self, row: Axis) -> Cell | None:
        """The cell holding a data row's most specific label."""
        for c in range(self.label_cols - 1, -1, -1):
            cell = self._grid[row.index][c]
            if cell is not None and cell.text.strip():
                return cell
        return None


def _spec(spec: str | PathSpec) -> PathSpec:
    return spec if isinstance(spec, PathSpec) else PathSpec.parse(spec)


def _find(axes: Sequence[Axis], spec: PathSpec, leaf_filter: bool) -> list[Axis]:
    if spec.wildcard:
        members = [a for a in axes if spec.matches_group(a.labels) and not (leaf_filter and a.is_group)]
        if members:
            return members
    return [a for a in axes if spec.matches_suffix(a.labels)]


@dataclass(frozen=True, slots=True)
class _Shape:
    """What :func:`_find` reads of a list of axes: each axis's labels as written and whether it heads a group.

    Hashed once: it keys the lookups of every view, and recomputing the hash of a whole table's labels
    on each lookup would cost more than the lookup.
    """

    axes: tuple[tuple[tuple[str, ...], bool], ...]
    hash: int = field(compare=False, repr=False)

    def __hash__(self) -> int:
        return self.hash


def _shape(axes: Sequence[Axis]) -> _Shape:
    shape = tuple([(tuple([label.raw for label in axis.labels]), axis.is_group) for axis in axes])
    return _Shape(shape, hash(shape))


@lru_cache(maxsize=4096)
def _find_positions(shape: _Shape, spec: str | PathSpec, leaf_filter: bool) -> tuple[int, ...]:
    """Positions of the axes :func:`_find` returns; a pure function of the label texts (many tables read alike)."""
    axes = [
        Axis(index=i, labels=tuple(map(Label.parse, raws)), is_group=group)
        for i, (raws, group) in enumerate(shape.axes)
    ]
    return tuple(axis.index for axis in _find(axes, _spec(spec), leaf_filter))


def _single(found: list[Axis], spec: str | PathSpec, view: TableView, what: str) -> Axis | None:
    if len(found) <= 1:
        return found[0] if found else None
    if len({a.key() for a in found}) == 1:
        return None  # the document repeats a row: a defect of the document, not of the rule
    paths = "; ".join(a.path for a in found)
    raise AmbiguousLabelError(
        f"{what} label {_spec(spec).text!r} is ambiguous in table {view.table.index + 1}: it matches {paths}"
    )


# --- structure detection ---------------------------------------------------------------


def _layout(table: Table, texts: Sequence[str]) -> tuple[list[list[Cell | None]], list[list[CellValue]], list[Cell]]:
    """``table.grid()``, the value of every grid position and the cells holding text (``texts``: of each cell)."""
    grid = table.grid()
    value_of: dict[int, CellValue] = {}
    text_cells: list[Cell] = []
    for cell, value in zip(table.cells, map(cell_value, texts), strict=True):
        value_of[id(cell)] = value
        if value.kind is TEXT:
            text_cells.append(cell)
    values = [[_BLANK if cell is None else value_of[id(cell)] for cell in row] for row in grid]
    return grid, values, text_cells


def _without_empty_columns(
    grid: list[list[Cell | None]], values: list[list[CellValue]]
) -> tuple[list[list[Cell | None]], list[list[CellValue]]]:
    """The grid without columns no cell covers in any row (``w:gridBefore``/``w:gridAfter`` on every
    row: the table is drawn indented, its first or last grid column left empty)."""
    width = max(map(len, grid), default=0)
    empty = {c for c in range(width) if all(c >= len(row) or row[c] is None for row in grid)}
    if not empty:
        return grid, values
    keep = [c for c in range(width) if c not in empty]
    return (
        [[row[c] if c < len(row) else None for c in keep] for row in grid],
        [[row[c] if c < len(row) else _BLANK for c in keep] for row in values],
    )


def _starts_in_row(cell: Cell | None, row: int) -> bool:
    return cell is not None and cell.row == row


def _without_repeated_header(
    grid: list[list[Cell | None]], values: list[list[CellValue]], text_cells: list[Cell], header_rows: int
) -> tuple[list[list[Cell | None]], list[list[CellValue]], list[Cell]]:
    """The rows without copies of the header inside the table (a drafter repeating it on the next page
    by hand, or pasting two pages of a table into one): they are neither data nor unfilled cells."""
    rows = _row_texts(grid)  # each row's texts once (a table's rows are compared with its header in turn)
    head = rows[:header_rows]
    keep = list(range(header_rows))
    dropped: set[int] = set()
    r = header_rows
    while r < len(grid):
        if rows[r] == head[0] and rows[r : r + header_rows] == head:
            dropped.update(id(cell) for row in grid[r : r + header_rows] for cell in row if cell is not None)
            r += header_rows
            continue
        keep.append(r)
        r += 1
    if not dropped:
        return grid, values, text_cells
    kept_cells = [cell for cell in text_cells if id(cell) not in dropped]
    return [grid[r] for r in keep], [values[r] for r in keep], kept_cells


def _count_header_rows(grid: list[list[Cell | None]], kinds: list[list[ValueKind]]) -> int:
    """Top rows made of labels: no number or placeholder, a label of their own, not a numbered row label."""
    count = 0
    for r, row in enumerate(grid):
        own = [kinds[r][c] for c, cell in enumerate(row) if _starts_in_row(cell, r)]
        if NUMBER in own or PLACEHOLDER in own or TEXT not in own:
            break
        first = row[0] if row else None
        if _starts_in_row(first, r) and first is not None and Label.parse(first.text).numbering is not None:
            break
        count += 1
    return min(count, max(len(grid) - 1, 0))


def _count_label_cols(grid: list[list[Cell | None]], kinds: list[list[ValueKind]], header_rows: int) -> int:
    """Left columns whose data-row cells are labels or blank (at least one label)."""
    n_cols = len(grid[0]) if grid else 0
    data = range(header_rows, len(grid))
    count = 0
    for c in range(n_cols - 1):
        column = [kinds[r][c] for r in data]
        if NUMBER in column or PLACEHOLDER in column or TEXT not in column:
            break
        count += 1
    return count


def _data_columns(
    grid: list[list[Cell | None]], kinds: list[list[ValueKind]], header_rows: int, label_cols: int
) -> list[Axis]:
    n_cols = len(grid[0]) if grid else 0
    columns: list[Axis] = []
    for c in range(label_cols, n_cols):
        if c > label_cols and all(row[c] is row[c - 1] for row in grid):
            continue  # a column that only repeats a merged neighbour
        columns.append(Axis(index=c, labels=_labels_of(*_column_label_cells(grid, kinds, c, header_rows, label_cols))))
    return columns


def _column_label_cells(
    grid: list[list[Cell | None]], kinds: list[list[ValueKind]], c: int, header_rows: int, label_cols: int
) -> tuple[list[Cell | None], list[ValueKind]]:
    """The header cells of column ``c`` and their kinds; a blank header cell with a label below it takes
    the label to its left (a group header written once over unmerged columns: "法人或其他组织", "", "")."""
    return _borrow_labels(
        [grid[r][c] for r in range(header_rows)],
        [kinds[r][c] for r in range(header_rows)],
        lambda r: ((grid[r][left], kinds[r][left]) for left in range(c - 1, label_cols - 1, -1)),
    )


def _data_rows(
    grid: list[list[Cell | None]], kinds: list[list[ValueKind]], header_rows: int, label_cols: int
) -> list[Axis]:
    rows: list[Axis] = []
    empty: list[Axis] = []
    for r in range(header_rows, len(grid)):
        if r > header_rows and len(grid[r]) == len(grid[r - 1]) and all(map(operator.is_, grid[r], grid[r - 1])):
            continue  # a row that only repeats a merged neighbour
        labels = _labels_of(*_row_label_cells(grid, kinds, r, header_rows, label_cols))
        row_values = kinds[r][label_cols:]
        values_blank = row_values.count(BLANK) == len(row_values)
        (rows if labels or not values_blank else empty).append(Axis(r, labels, values_blank))
    if not rows:
        return [Axis(index=a.index, labels=a.labels) for a in empty]  # a table left entirely blank
    for i, row in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        row.is_group = row.is_group and nxt is not None and _extends(nxt.labels, row.labels)
    return rows


def _row_label_cells(
    grid: list[list[Cell | None]], kinds: list[list[ValueKind]], r: int, header_rows: int, label_cols: int
) -> tuple[list[Cell | None], list[ValueKind]]:
    """The label cells of row ``r`` and their kinds; a blank group cell takes the label above it (unmerged layouts)."""
    return _borrow_labels(
        grid[r][:label_cols],
        kinds[r][:label_cols],
        lambda c: ((grid[above][c], kinds[above][c]) for above in range(r - 1, header_rows - 1, -1)),
    )


def _borrow_labels(
    cells: list[Cell | None],
    found: list[ValueKind],
    earlier: Callable[[int], Iterable[tuple[Cell | None, ValueKind]]],
) -> tuple[list[Cell | None], list[ValueKind]]:
    """Each blank label of ``cells`` with a label after it takes the nearest label ``earlier(i)`` yields
    (the cells above it, or to its left): a label written once over cells that were not merged."""
    for i in range(len(found) - 1):
        if found[i] is not BLANK or found[i + 1 :].count(BLANK) == len(found) - i - 1:
            continue  # a label of its own, or no label after it
        for cell, kind in earlier(i):
            if kind is not BLANK:
                cells[i], found[i] = cell, kind
                break
    return cells, found


def _labels_of(cells: Sequence[Cell | None], kinds: Sequence[ValueKind]) -> tuple[Label, ...]:
    """The labels of the cells that hold text (a merged cell once); ``kinds[i]`` is the kind of ``cells[i]``."""
    labels: list[Label] = []
    seen: list[int] = []
    for i, cell in enumerate(cells):
        if cell is None or kinds[i] is BLANK or id(cell) in seen:
            continue
        seen.append(id(cell))
        labels.append(_parse_label(cell.text))
    return tuple(labels)


def _extends(longer: Sequence[Label], prefix: Sequence[Label]) -> bool:
    if len(longer) <= len(prefix):
        return False
    return all(
        a.core == b.core and a.numbering == b.numbering for a, b in zip(longer[: len(prefix)], prefix, strict=True)
    )


# --- locating tables -------------------------------------------------------------------


def table_view(ctx: CheckContext, table: Table) -> TableView:
    """The (cached) view of one table, with the tables that continue it."""
    key = f"tableview:{table.index}"
    view = ctx.cache.get(key)
    if view is None:
        continuations = _continuations(ctx).get(table.index, [])
        texts = [_texts_of(ctx, part) for part in [table, *continuations]]
        view = ctx.cache[key] = TableView._build(table, continuations, texts)
    return view


def _texts_of(ctx: CheckContext, table: Table) -> list[str]:
    """The text of each cell of ``table``, in order (cached per document: locating and viewing both read it)."""
    key = ("cell-text-list", table.index)
    texts = ctx.cache.get(key)
    if texts is None:
        texts = ctx.cache[key] = list(map(_TEXT_OF, table.cells))
    return texts


def find_tables(ctx: CheckContext, locator: Mapping[str, Any]) -> list[TableView]:
    """Tables matching a locator, in document order (a split table counts once, from its first part).

    Cached per document and locator: many rules locate the same tables.
    """
    header, contains, section = locator.get("header", ()), locator.get("contains", ()), locator.get("section") or ()
    try:
        key = ("find_tables", tuple(map(str, header)), tuple(map(str, contains)), tuple(section))
        found = ctx.cache.get(key)
    except TypeError:  # an unhashable section id: not cached
        key, found = None, None
    if found is None:
        found = _find_tables(ctx, [*header, *contains], section)
        if key is not None:
            ctx.cache[key] = found
    return list(found)


def _find_tables(ctx: CheckContext, wanted: Sequence[Any], section_ids: Sequence[str]) -> list[TableView]:
    labels = [normalize_text(str(lab)) for lab in wanted]
    labels = [label for label in labels if label]
    sections = _located_sections(ctx, section_ids)
    continuations = _continuations(ctx)
    parts = {t.index for tables in continuations.values() for t in tables}
    out: list[TableView] = []
    for table in ctx.document.tables:
        if table.index in parts or (sections is not None and not _in_sections(ctx, table, sections)):
            continue
        text = _cell_texts(ctx, table, continuations.get(table.index, []))
        if all(label in text for label in labels):
            out.append(table_view(ctx, table))
    return out


def _continuations(ctx: CheckContext) -> dict[int, list[Table]]:
    """For each top-level table, the tables right after it that carry on its rows.

    Word splits a table where a page break or a stray empty paragraph was inserted, and drafters
    put a "续表" line between the parts; the rest has the same columns and starts with data rows, or with the first part's header
    rows repeated (a drafter copying the header onto the next page).
    """
    key = "table-continuations"
    found = ctx.cache.get(key)
    if found is not None:
        return found
    found = {}
    head: Table | None = None
    for block in ctx.sections.flow:
        if isinstance(block, Table):
            if head is not None and _continues(head, block):
                found.setdefault(head.index, []).append(block)
                continue
            head = block
        elif block.text.strip() and not _CONTINUED().match(block.text):
            head = None
    ctx.cache[key] = found
    return found


#: A line between the parts of a split table that says the table goes on ("续表", "续表三", "表三（续）")
_CONTINUED = lazy_pattern(
    r"^\s*(?:[（(]?\s*(?:续表|续上表|接上表)\s*[一二三四五六七八九十0-9]*\s*[）)]?"
    r"|表?\s*[一二三四五六七八九十0-9]*\s*[（(]\s*续\s*[）)])\s*[：:]?\s*$"
)


def _continues(head: Table, block: Table) -> bool:
    """Same columns, no header of its own (or the head's header repeated), and numbers in it."""
    if block.n_cols != head.n_cols:
        return False
    own = TableView.of(block).header_rows
    if own:
        header = TableView.of(head).header_rows
        head_grid, block_grid = head.grid(), block.grid()
        if own != header or _row_texts(block_grid[:own]) != _row_texts(head_grid[:own]):
            return False
    return any(cell_value(cell.text).is_number for cell in block.cells)


def _row_texts(rows: Sequence[Sequence[Cell | None]]) -> list[tuple[str, ...]]:
    """The normalised text of every grid position of ``rows``: two header rows alike read alike."""
    return [tuple(normalize_text(cell.text) if cell is not None else "" for cell in row) for row in rows]


def _cell_texts(ctx: CheckContext, table: Table, continuations: Sequence[Table]) -> str:
    """The distinct normalised texts of the cells of ``table`` and its continuations, joined by NUL.

    :func:`normalize_text` drops control characters, so a normalised label is found in the result
    exactly when one cell holds it. Cached per document.
    """
    key = f"table-texts:{table.index}"
    text = ctx.cache.get(key)
    if text is None:
        distinct = set().union(*(_texts_of(ctx, part) for part in [table, *continuations]))
        text = ctx.cache[key] = "\0".join(map(normalize_text, distinct))
    return text


def _located_sections(ctx: CheckContext, ids: Sequence[str]) -> list[Section] | None:
    """The named sections; None (no restriction) when none is given or none is in the document."""
    if not ids:
        return None
    found = [s for sid in ids for s in ctx.sections.find(sid)]
    return found or None


def _in_sections(ctx: CheckContext, table: Table, sections: Sequence[Section]) -> bool:
    node: Section | None = ctx.sections.section_of_table(table.index)
    while node is not None:
        if any(node is s for s in sections):
            return True
        node = node.parent
    return False


def describe_number(value: Decimal | None) -> str:
    """A number as a reviewer writes it ("12", "3.5")."""
    return "" if value is None else format_number(value)
