"""Rule type ``table``: the arithmetic of a statistics table, addressed by labels.

Options::

    {"table": LOCATOR, "required": false,
     "checks": [
       {"check": "row_sum", "total": "总计", "parts": ["自然人", "商业企业", …], "rows": [...], "groups": [...]},
       {"check": "column_sum", "total": "（七）总计", "parts": ["（一）予以公开", "（三）不予公开/*", …], "columns": [...]},
       {"check": "equation", "axis": "column", "lhs": [ROW, …], "rhs": [ROW, …], "anchor": [ROW, …],
        "blame": [{"check": "row_sum", …}]},
       {"check": "numeric", "rows": [...], "columns": [...], "infer": [{"check": "row_sum", …}]}]}

``row_sum``: on every data row (or the listed ``rows``), total column = Σ part
columns; with ``groups`` the total and parts are relative to each group column
("行政复议" → "行政复议/总计"). ``column_sum``: on every data column, total row =
Σ part rows. A failing sum is reported on its total, unless ``blame`` (as for
``equation``) names the cross sums through its cells: a cell whose cross sum fails
too is the one that is wrong (a part typed wrong breaks its row and its column).
``equation``: ``axis: "column"`` sums rows per column, ``"row"``
sums columns per row; a wrong equation is reported on the first ``anchor`` term
whose corrected value is not negative (default: the first lhs term), unless a
term's own cross sum (``blame``: row_sum/column_sum/equation checks across the
other axis) fails too: that cell is the likely culprit and is reported instead.
``numeric``: every blank, placeholder ("/", "—", "无") or text cell where a number
is expected is its own finding (with ``summarize_after``: a table with more such cells than
that, whose value no ``infer`` sum implies, gets one finding of kind ``cells`` for them, on the
first, ``{count}`` cells; a 总计 left blank keeps its own finding with the value it should
hold). Blank or "/" cells under a blank sub-header cell, or in a column no header names, are not
value cells (a span written without merging). A sum over such cells cannot be verified, except when
the numbers on the side holding them already exceed the other, complete side: the counts cannot
be negative, so it fails whatever they are, and the complete side is reported (expected "≥N").
With ``infer`` (sum checks), the value the other cells imply is given as expected.
A label that names no row or column makes its equation inapplicable (silence);
a label that names several different rows is an error of the rule. A table that
is not found is reported only when ``required`` (message kind ``missing_table``,
anchored on the heading of the locator's section).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from docxlint.checks._util import kind_rule
from docxlint.checks.base import CheckContext, Rule, finding_at_cell, finding_missing, register, section_scope
from docxlint.findings import Finding
from docxlint.model import Cell, Paragraph
from docxlint.tables import NUMBER, TEXT, Axis, CellValue, TableView, ValueKind, describe_number, find_tables

_NUMBER_OF = operator.attrgetter("number")
_FILLERS = (ValueKind.BLANK, ValueKind.PLACEHOLDER)
_KIND_OF = operator.attrgetter("kind")
_STATES = {
    ValueKind.BLANK: ("空白", "blank"),
    ValueKind.PLACEHOLDER: ("占位符", "a placeholder"),
    ValueKind.TEXT: ("文字", "text"),
}


@dataclass(frozen=True, slots=True)
class TermCell:
    """A cell of a failing equation: its side (+1 left, −1 right; 0 when on both) and names."""

    side: int
    row: str
    column: str


@dataclass(frozen=True, slots=True)
class Imbalance:
    """A failing equation on one line (``Finding.extra["equation"]``): Σ left − Σ right, and its cells
    by (table, row, col). :mod:`docxlint.reconcile` reads it with the text's statements of those cells."""

    residual: Decimal
    cells: dict[tuple[int, int, int], TermCell]


@register("table")
def check_table(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Run every arithmetic check of the rule on every table its locator finds."""
    locator = rule.options.get("table", {})
    views = find_tables(ctx, locator)
    if not views:
        if rule.options.get("required"):
            anchor = _missing_table_anchor(ctx, locator)
            if anchor is not None:
                yield finding_missing(kind_rule(rule, "missing_table"), ctx, anchor, expected=_locator_text(locator))
        return
    for view in views:
        for spec in rule.options.get("checks", []):
            yield from _run_check(rule, ctx, view, spec)


def _run_check(rule: Rule, ctx: CheckContext, view: TableView, spec: Mapping[str, Any]) -> Iterable[Finding]:
    kind = spec.get("check")
    if kind == "numeric":
        return _numeric(rule, ctx, view, spec)
    if kind in ("row_sum", "column_sum", "equation"):
        return (f for eq in _equations(ctx, view, spec) for f in _evaluate(rule, ctx, view, eq))
    raise ValueError(f"unknown table check {kind!r}")


# --- equations ---------------------------------------------------------------------------


@dataclass(slots=True)
class Equation:
    """Σ lhs = Σ rhs, the terms being rows (``terms_are_rows``) or columns, on each of ``lines``."""

    terms_are_rows: bool
    lhs: list[Axis]
    rhs: list[Axis]
    anchors: list[Axis]
    lines: list[Axis]
    blame: list[Equation] = field(default_factory=list)  #: cross sums that point at the wrong cell

    def terms(self) -> list[Axis]:
        return [*self.lhs, *(t for t in self.rhs if all(t.index != u.index for u in self.lhs))]

    def has_term(self, axis: Axis) -> bool:
        return any(t.index == axis.index for t in self.terms())

    def has_line(self, axis: Axis) -> bool:
        return any(line.index == axis.index for line in self.lines)

    def in_lhs(self, axis: Axis) -> bool:
        return any(t.index == axis.index for t in self.lhs)


def _equations(ctx: CheckContext, view: TableView, spec: Mapping[str, Any]) -> list[Equation]:
    """The equations a sum check states on ``view``.

    Cached per document, table and check, by the check's content: the rules of a pack repeat
    each other's sums (as ``blame`` and ``infer``), and resolving their labels is the costly part.
    """
    key = ("table-equations", view.table.index, _content_key(ctx, spec))
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = _build_equations(ctx, view, spec)
    return found


def _content_key(ctx: CheckContext, spec: Mapping[str, Any]) -> str:
    """``repr(spec)``, computed once per spec object and document (the entry keeps ``spec`` alive)."""
    key = ("table-check-key", id(spec))
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = (spec, repr(spec))
    return found[1]


def _build_equations(ctx: CheckContext, view: TableView, spec: Mapping[str, Any]) -> list[Equation]:
    kind = spec["check"]
    if kind == "row_sum":
        prefixes = spec.get("groups") or [""]
        return [
            eq
            for prefix in prefixes
            if (eq := _sum_equation(ctx, view, spec, terms_are_rows=False, prefix=prefix)) is not None
        ]
    if kind == "column_sum":
        eq = _sum_equation(ctx, view, spec, terms_are_rows=True, prefix="")
        return [eq] if eq is not None else []
    terms_are_rows = spec.get("axis", "column") == "column"
    lhs = _resolve_all(view, spec.get("lhs", []), terms_are_rows)
    rhs = _resolve_all(view, spec.get("rhs", []), terms_are_rows)
    if lhs is None or rhs is None:
        return []
    anchors = _resolve_anchors(view, spec.get("anchor") or spec.get("lhs", [])[:1], terms_are_rows)
    lines = _lines(view, spec, terms_are_rows)
    blame = [eq for cross in spec.get("blame", []) for eq in _equations(ctx, view, cross)]
    return [Equation(terms_are_rows, lhs, rhs, anchors, lines, blame)]


def _sum_equation(
    ctx: CheckContext, view: TableView, spec: Mapping[str, Any], terms_are_rows: bool, prefix: str
) -> Equation | None:
    def qualified(label: str) -> str:
        return f"{prefix}/{label}" if prefix else label

    total = _resolve_all(view, [qualified(spec["total"])], terms_are_rows)
    parts = _resolve_all(view, [qualified(p) for p in spec.get("parts", [])], terms_are_rows)
    if total is None or parts is None or len(total) != 1:
        return None
    parts = [p for p in parts if p.index != total[0].index]
    blame = [eq for cross in spec.get("blame", []) for eq in _equations(ctx, view, cross)]
    return Equation(terms_are_rows, total, parts, total, _lines(view, spec, terms_are_rows), blame)


def _resolve_all(view: TableView, specs: Sequence[str], terms_are_rows: bool) -> list[Axis] | None:
    """Every axis the specs name, in order, no repeats; None when one spec names nothing."""
    out: list[Axis] = []
    seen: set[int] = set()
    for spec in specs:
        found = _resolve(view, spec, terms_are_rows)
        if not found:
            return None
        _add_new(out, seen, found)
    return out


def _add_new(out: list[Axis], seen: set[int], axes: Iterable[Axis]) -> None:
    """Append the axes whose index is not in ``out`` yet (``seen``: the indexes in ``out``)."""
    for axis in axes:
        if axis.index not in seen:
            seen.add(axis.index)
            out.append(axis)


def _resolve(view: TableView, spec: str, terms_are_rows: bool) -> list[Axis]:
    if spec.rstrip().endswith("*"):
        return view.find_rows(spec) if terms_are_rows else view.find_columns(spec)
    single = view.row(spec) if terms_are_rows else view.column(spec)
    return [single] if single is not None else []


def _resolve_anchors(view: TableView, specs: Sequence[str], terms_are_rows: bool) -> list[Axis]:
    return [a for spec in specs for a in _resolve(view, spec, terms_are_rows)]


def _lines(view: TableView, spec: Mapping[str, Any], terms_are_rows: bool) -> list[Axis]:
    """The columns (terms are rows) or rows (terms are columns) an equation is checked on."""
    key = "columns" if terms_are_rows else "rows"
    if spec.get(key):
        return _resolve_many(view, spec[key], not terms_are_rows)
    return view.data_columns() if terms_are_rows else view.data_rows()


def _evaluate(rule: Rule, ctx: CheckContext, view: TableView, eq: Equation) -> Iterator[Finding]:
    lhs_at, rhs_at = [term.index for term in eq.lhs], [term.index for term in eq.rhs]
    for line in eq.lines:
        values = _line_values(view, eq, line)
        lhs, rhs = _total(values, lhs_at), _total(values, rhs_at)
        if lhs is None or rhs is None:
            finding = _exceeded(rule, ctx, view, eq, line, values, lhs, rhs)
        elif lhs != rhs:
            finding = _unbalanced(rule, ctx, view, eq, line, lhs, rhs)
        else:
            continue
        if finding is not None:
            yield finding


def _exceeded(
    rule: Rule,
    ctx: CheckContext,
    view: TableView,
    eq: Equation,
    line: Axis,
    values: list[CellValue],
    lhs: Decimal | None,
    rhs: Decimal | None,
) -> Finding | None:
    """A side with blank or "/" cells whose numbers alone already exceed the complete other side.

    The unknown cells are counts (not negative), so the sum cannot hold whatever they are: the
    complete side is reported, expected at least its value plus the excess ("≥8").
    """
    if (lhs is None) == (rhs is None):
        return None  # both sides unknown: nothing can be said
    if lhs is None:
        known, complete, complete_side = _known_total(values, eq.lhs), rhs, eq.rhs
    else:
        known, complete, complete_side = _known_total(values, eq.rhs), lhs, eq.lhs
    assert complete is not None
    if known <= complete:
        return None
    anchors = [t for t in eq.anchors if any(t.index == c.index for c in complete_side)] or complete_side
    for term in anchors:
        actual = _value(view, eq, term, line).number
        cell = _cell(view, eq, term, line)
        if actual is None or cell is None:
            continue
        row, col = (term, line) if eq.terms_are_rows else (line, term)
        least = f"≥{describe_number(actual + known - complete)}"
        sides = (f"≥{describe_number(known)}", describe_number(complete))
        lhs_text, rhs_text = sides if lhs is None else sides[::-1]
        return finding_at_cell(rule, ctx, cell, expected=least, actual=describe_number(actual), row=_row_name(row),
                               column=_column_name(view, col), lhs=lhs_text, rhs=rhs_text,
                               lhs_terms=_terms_text(eq.lhs), rhs_terms=_terms_text(eq.rhs))  # fmt: skip
    return None


def _known_total(values: list[CellValue], terms: Sequence[Axis]) -> Decimal:
    """Σ of the numbers among the terms' cells, blank and "/" cells left out."""
    return sum((n for n in (values[t.index].number for t in terms) if n is not None), Decimal(0))


def _value(view: TableView, eq: Equation, term: Axis, line: Axis) -> CellValue:
    return view.value_at(term, line) if eq.terms_are_rows else view.value_at(line, term)


def _cell(view: TableView, eq: Equation, term: Axis, line: Axis) -> Cell | None:
    return view.cell_at(term, line) if eq.terms_are_rows else view.cell_at(line, term)


def _sum(view: TableView, eq: Equation, terms: Sequence[Axis], line: Axis) -> Decimal | None:
    """Σ of the terms on one line; None when a cell holds no number (reported by ``numeric``)."""
    return _total(_line_values(view, eq, line), [term.index for term in terms])


def _line_values(view: TableView, eq: Equation, line: Axis) -> list[CellValue]:
    """The values along one line, indexed by the grid index of the terms."""
    return view.column_values(line) if eq.terms_are_rows else view.row_values(line)


def _total(values: list[CellValue], indexes: Sequence[int]) -> Decimal | None:
    """Σ of the numbers at ``indexes`` of ``values``; None when one of those cells holds no number."""
    try:
        return sum(map(_NUMBER_OF, map(values.__getitem__, indexes)), Decimal(0))
    except TypeError:  # Decimal + None: a blank, placeholder or text cell
        return None


def _unbalanced(
    rule: Rule, ctx: CheckContext, view: TableView, eq: Equation, line: Axis, lhs: Decimal, rhs: Decimal
) -> Finding | None:
    choice = _anchor_choice(view, eq, line, lhs, rhs)
    if choice is None:
        return None
    anchor, expected, actual = choice
    cell = _cell(view, eq, anchor, line)
    if cell is None:
        return None
    row, col = (anchor, line) if eq.terms_are_rows else (line, anchor)
    finding = finding_at_cell(
        rule,
        ctx,
        cell,
        expected=describe_number(expected),
        actual=describe_number(actual),
        row=_row_name(row),
        column=_column_name(view, col),
        lhs=describe_number(lhs),
        rhs=describe_number(rhs),
        lhs_terms=_terms_text(eq.lhs),
        rhs_terms=_terms_text(eq.rhs),
    )
    finding.extra["equation"] = Imbalance(lhs - rhs, _term_cells(view, eq, line))
    return finding


def _term_cells(view: TableView, eq: Equation, line: Axis) -> dict[tuple[int, int, int], TermCell]:
    """The cells of the equation on one line: their side (+1 left, −1 right) and names."""
    out: dict[tuple[int, int, int], TermCell] = {}
    for side, terms in ((1, eq.lhs), (-1, eq.rhs)):
        for term in terms:
            cell = _cell(view, eq, term, line)
            if cell is None:
                continue
            row, col = (term, line) if eq.terms_are_rows else (line, term)
            key = (cell.table, cell.row, cell.col)
            out[key] = TermCell(out[key].side + side if key in out else side, _row_name(row), _column_name(view, col))
    return out


def _anchor_choice(
    view: TableView, eq: Equation, line: Axis, lhs: Decimal, rhs: Decimal
) -> tuple[Axis, Decimal, Decimal] | None:
    """The term to blame and its corrected value.

    First a term whose own cross sum (``blame``) fails too, then the first anchor
    whose corrected value is not negative, then the first anchor.
    """
    candidates: list[tuple[Axis, Decimal, Decimal]] = []
    for anchor in eq.anchors:
        actual = _value(view, eq, anchor, line).number
        if actual is not None:
            candidates.append((anchor, _corrected(eq, anchor, actual, lhs, rhs), actual))
    for term in eq.terms():
        actual = _value(view, eq, term, line).number
        if actual is None or not any(_cross_fails(view, cross, term, line) for cross in eq.blame):
            continue
        expected = _corrected(eq, term, actual, lhs, rhs)
        if expected >= 0:
            return term, expected, actual
    for candidate in candidates:
        if candidate[1] >= 0:
            return candidate
    return candidates[0] if candidates else None


def _corrected(eq: Equation, term: Axis, actual: Decimal, lhs: Decimal, rhs: Decimal) -> Decimal:
    """The value of ``term`` that would make the equation hold."""
    return actual + (rhs - lhs if eq.in_lhs(term) else lhs - rhs)


def _cross_fails(view: TableView, cross: Equation, term: Axis, line: Axis) -> bool:
    """Whether the perpendicular sum through cell (term, line) fails as well."""
    if not (cross.has_line(term) and cross.has_term(line)):
        return False
    lhs, rhs = _sum(view, cross, cross.lhs, term), _sum(view, cross, cross.rhs, term)
    return lhs is not None and rhs is not None and lhs != rhs


def _terms_text(terms: Sequence[Axis]) -> str:
    return "+".join(term.name for term in terms)


def _row_name(row: Axis) -> str:
    return row.name


def _column_name(view: TableView, col: Axis) -> str:
    """A column's path without the labels every column shares ("申请人情况")."""
    shared = 0
    columns = view.columns
    while columns and all(
        len(c.labels) > shared + 1 and c.labels[shared].core == columns[0].labels[shared].core for c in columns
    ):
        shared += 1
    return "/".join(lab.short for lab in col.labels[shared:]) or col.path


# --- numeric cells -----------------------------------------------------------------------


def _numeric(rule: Rule, ctx: CheckContext, view: TableView, spec: Mapping[str, Any]) -> Iterator[Finding]:
    """Each value cell without a number; past ``summarize_after`` such cells of a table whose
    value no sum implies, those are one finding (kind ``cells``) on the first of them."""
    unknown = list(_non_numbers(ctx, view, spec))
    plain = [u for u in unknown if u.shown is None]
    limit = spec.get("summarize_after")
    summarize = limit is not None and len(plain) > limit
    for item in unknown:
        if summarize and item.shown is None:
            if item is plain[0]:
                yield _non_number_finding(kind_rule(rule, "cells"), ctx, view, item, count=len(plain))
            continue
        yield _non_number_finding(rule, ctx, view, item)


@dataclass(slots=True)
class _NonNumber:
    cell: Cell
    value: CellValue
    row: Axis
    col: Axis
    shown: str | None  #: the value a sum implies ("8", "≥8"), if any


def _non_numbers(ctx: CheckContext, view: TableView, spec: Mapping[str, Any]) -> Iterator[_NonNumber]:
    rows = _resolve_many(view, spec["rows"], True) if spec.get("rows") else view.data_rows()
    columns = _resolve_many(view, spec["columns"], False) if spec.get("columns") else view.data_columns()
    infer = [eq for check in spec.get("infer", []) for eq in _equations(ctx, view, check)]
    seen: set[int] = set()
    col_at = [col.index for col in columns]
    unheaded = _unheaded_fillers(view, columns)
    for row in rows:
        values = view.row_values(row)
        if _all_numbers(values, col_at):
            continue
        cells = view.row_cells(row)
        if cells and cells[0] is not None and all(c is cells[0] for c in cells):
            continue  # one cell across the whole row: a note ("注：本表数据统计截至…") or a caption, no values
        for col in columns:
            value, cell = values[col.index], cells[col.index]
            if value.kind is NUMBER or cell is None or id(cell) in seen or (row.index, col.index) in unheaded:
                continue  # a merged cell has one value: a number everywhere, or reported once
            seen.add(id(cell))
            yield _NonNumber(cell, value, row, col, _inferred(view, infer, row, col))


def _unheaded_fillers(view: TableView, columns: Sequence[Axis]) -> set[tuple[int, int]]:
    """(row, column) of blank or "/" cells under a blank cell of the sub-header row above them, or in a
    column the header rows leave unnamed: no quantity is named there. Table 二 is several tables in
    one, each with its own header row ("信息内容 | 本年处理决定数量"); written without merged cells, the
    header and its values fill the first column of a span and leave the others blank, or "/"."""
    out: set[tuple[int, int]] = set()
    unnamed = {col.index for col in columns if not col.labels}  # under the table's own header rows
    for row in view.data_rows():
        values = view.row_values(row)
        kinds = [values[col.index].kind for col in columns]
        if TEXT in kinds and NUMBER not in kinds:  # a sub-header row: labels, and blanks or "/" where none is
            unnamed = {col.index for col in columns if values[col.index].kind in _FILLERS}
            continue
        out.update((row.index, c) for c in unnamed if values[c].kind in _FILLERS)
    return out


def _non_number_finding(rule: Rule, ctx: CheckContext, view: TableView, item: _NonNumber, **params: Any) -> Finding:
    state_zh, state_en = _STATES[item.value.kind]
    shown = item.shown
    return finding_at_cell(
        rule,
        ctx,
        item.cell,
        expected=shown,
        actual=item.value.text,
        row=_row_name(item.row),
        column=_column_name(view, item.col),
        state_zh=state_zh,
        state_en=state_en,
        hint_zh=f"，按表内其他数字应为{shown}" if shown is not None else "",
        hint_en=f"; the other figures imply {shown}" if shown is not None else "",
        **params,
    )


def _all_numbers(values: list[CellValue], indexes: Sequence[int]) -> bool:
    kinds = list(map(_KIND_OF, map(values.__getitem__, indexes)))
    return kinds.count(NUMBER) == len(kinds)


def _inferred(view: TableView, equations: Sequence[Equation], row: Axis, col: Axis) -> str | None:
    """What cell (row, col) must hold by the first equation that says: "8" when every other cell
    of it is a number, "≥8" when the cell stands alone on its side and the other side has blank
    cells besides numbers adding up to 8 (a 总计 left blank next to parts partly blank)."""
    bound: str | None = None
    for eq in equations:
        term, line = (row, col) if eq.terms_are_rows else (col, row)
        if not (eq.has_term(term) and eq.has_line(line)):
            continue
        lhs = _sum(view, eq, [t for t in eq.lhs if t.index != term.index], line)
        rhs = _sum(view, eq, [t for t in eq.rhs if t.index != term.index], line)
        if lhs is not None and rhs is not None:
            value = rhs - lhs if eq.in_lhs(term) else lhs - rhs
            if value >= 0:
                return describe_number(value)
            continue
        own, other = (eq.lhs, eq.rhs) if eq.in_lhs(term) else (eq.rhs, eq.lhs)
        if bound is None and len(own) == 1:
            known = _known_total(_line_values(view, eq, line), other)
            bound = f"≥{describe_number(known)}" if known > 0 else None
    return bound


def _resolve_many(view: TableView, specs: Sequence[str], terms_are_rows: bool) -> list[Axis]:
    """The axes the listed specs name, missing ones skipped."""
    out: list[Axis] = []
    seen: set[int] = set()
    for spec in specs:
        _add_new(out, seen, _resolve(view, spec, terms_are_rows))
    return out


# --- a required table that is missing ----------------------------------------------------


def _missing_table_anchor(ctx: CheckContext, locator: Mapping[str, Any]) -> Paragraph | None:
    """The heading of the section the table belongs in, else the document's first paragraph."""
    for section in section_scope(ctx, locator.get("section") or ()):
        if section.heading is not None:
            return section.heading
    return next((p for p in ctx.document.body_paragraphs() if p.text.strip()), None)


def _locator_text(locator: Mapping[str, Any]) -> str:
    labels = [*locator.get("header", ()), *locator.get("contains", ())]
    return "、".join(str(label) for label in labels)
