"""Table geometry: from ``w:tr``/``w:tc`` with spans and merges to a logical grid.

Pure structure, no text: :func:`build_grid` takes each row's cells with their
``w:gridSpan``, ``w:vMerge`` and legacy ``w:hMerge`` and returns one
:class:`GridCell` per logical (merged) cell, plus, in document order, which
logical cell each XML cell feeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

E = TypeVar("E")

RESTART = "restart"
CONTINUE = "continue"


@dataclass(slots=True)
class RawCell(Generic[E]):
    """A ``w:tc`` as written: ``element`` is opaque here."""

    element: E
    span: int = 1
    v_merge: str | None = None  #: None, "restart" or "continue"
    h_merge: str | None = None


@dataclass(slots=True)
class RawRow(Generic[E]):
    cells: list[RawCell[E]]
    grid_before: int = 0
    grid_after: int = 0


@dataclass(slots=True)
class GridCell:
    """A logical cell: top-left grid position and spans."""

    row: int
    col: int
    row_span: int
    col_span: int


@dataclass(slots=True)
class Grid(Generic[E]):
    n_rows: int
    n_cols: int
    cells: list[GridCell]  #: row-major by top-left corner
    #: every XML cell in document order: (element, its logical cell, True when merged into a cell begun earlier)
    owners: list[tuple[E, GridCell, bool]] = field(default_factory=list)


def build_grid(rows: list[RawRow[E]]) -> Grid[E]:
    """Resolve spans and merges once; rows of unequal length are allowed."""
    grid: Grid[E] = Grid(len(rows), 0, [])
    above: dict[int, GridCell] = {}  # start column -> logical cell covering the previous row there
    for r, row in enumerate(rows):
        col = max(0, row.grid_before)
        here: dict[int, GridCell] = {}
        for first, span, extra in _fold_h_merges(row.cells):
            cell = _vertical_continuation(above.get(col), first, span, r)
            continued = cell is not None
            if cell is None:
                cell = GridCell(r, col, 1, span)
                grid.cells.append(cell)
            grid.owners.append((first.element, cell, continued))
            if extra:
                grid.owners.extend((element, cell, True) for element in extra)
            here[col] = cell
            col += span
        grid.n_cols = max(grid.n_cols, col + max(0, row.grid_after))
        above = here
    grid.cells.sort(key=lambda c: (c.row, c.col))
    return grid


def _fold_h_merges(raw_cells: list[RawCell[E]]) -> list[tuple[RawCell[E], int, list[E]]]:
    """Fold legacy ``hMerge="continue"`` cells into the cell before them: (first, total span, merged elements)."""
    folded: list[tuple[RawCell[E], int, list[E]]] = []
    for raw in raw_cells:
        span = max(1, raw.span)
        if raw.h_merge == CONTINUE and folded:
            first, total, extra = folded[-1]
            extra.append(raw.element)
            folded[-1] = (first, total + span, extra)
        else:
            folded.append((raw, span, []))
    return folded


def _vertical_continuation(candidate: GridCell | None, raw: RawCell[E], span: int, row: int) -> GridCell | None:
    """Extend ``candidate`` when ``raw`` continues it (vMerge continue, same start column and width)."""
    if raw.v_merge != CONTINUE or candidate is None:
        return None
    if candidate.col_span != span or candidate.row + candidate.row_span != row:
        return None
    candidate.row_span += 1
    return candidate
