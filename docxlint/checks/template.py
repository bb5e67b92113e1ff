"""Rule type ``template``: a statistics table follows the expected version of its template.

Options::

    {"from_year": 2021,
     "tables": [
       {"name": {"zh": "表二", "en": "table 2"}, "table": LOCATOR,
        "labels": ["第二十条第（一）项", "本年制发件数", …],      # anywhere in the table(s) or their section
        "rows": ["（六）其他处理/3.其他", …], "columns": ["行政复议/总计", …],   # label paths (docxlint.tables),
                                                                         # a group label ("三、本年度办理结果") too
        "legacy_labels": {"本年新制作数量": "本年制发件数", "本年增/减": null, …},  # cells of the superseded
        "legacy_leaf_rows": {"（六）其他处理": "1.申请人…"}}],        # template (→ 2021 label); a list is fine too
     "messages": {"legacy": MSG, "missing": MSG, "renamed": MSG}}

All tables a locator finds are read together (table 二 is often split in four).
A table carrying a legacy marker in a report for ``from_year`` or later is on the
superseded template: one finding on the first marker, and no label findings for
that table. Otherwise each expected label must be present: a missing label with
a similar unexpected label in its place is reported as renamed (on that cell),
the others are listed in one finding on the table.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from docxlint.checks._util import kind_rule
from docxlint.checks.base import CheckContext, Rule, finding_at_cell, register
from docxlint.extract import report_year
from docxlint.findings import Finding
from docxlint.model import Cell, Paragraph
from docxlint.tables import (
    Label,
    PathSpec,
    SegmentSpec,
    TableView,
    display_text,
    find_tables,
    normalize_text,
)

_T = TypeVar("_T")

#: How close an unexpected label must be to a missing one to be called a renaming.
RENAME_SIMILARITY = 0.6
_MIN_CONTAINED_LABEL = 4  #: shorter labels are only matched as whole cells, never inside a paragraph


@dataclass(slots=True)
class _Labels:
    """What the located tables show: their label cells and the paragraphs of their sections.

    Expected labels are looked up by name rather than compared with every cell or row: candidates
    are those whose (last) label has the core or the full text of one of the wordings sought, a
    superset of the matches since :meth:`SegmentSpec.matches` requires one of the two.
    """

    views: list[TableView]
    cells: list[tuple[Cell, Label]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    _cells_by_name: dict[str, list[tuple[Cell, Label]]] | None = None
    _paths_by_name: dict[str, dict[str, list[tuple[Label, ...]]]] = field(default_factory=dict)

    def cells_named(self, segment: SegmentSpec) -> list[tuple[Cell, Label]]:
        """The label cells that may match ``segment`` (possibly repeated)."""
        if self._cells_by_name is None:
            self._cells_by_name = _by_name([(label, (cell, label)) for cell, label in self.cells])
        return _candidates(self._cells_by_name, segment)

    def paths_named(self, kind: str, segment: SegmentSpec) -> list[tuple[Label, ...]]:
        """The label paths of the rows or columns (``kind``), and their leading parts, that may end in ``segment``."""
        index = self._paths_by_name.get(kind)
        if index is None:
            index = self._paths_by_name[kind] = _by_name(self._paths(kind))
        return _candidates(index, segment)

    def _paths(self, kind: str) -> list[tuple[Label, tuple[Label, ...]]]:
        """(last label, path) for every label path of the rows or columns and each of its leading parts."""
        entries: list[tuple[Label, tuple[Label, ...]]] = []
        seen: set[tuple[int, ...]] = set()
        for view in self.views:
            for axis in view.rows if kind == "row" else view.columns:
                key = tuple(map(id, axis.labels))  # tables that read alike give the same label objects
                if key not in seen:
                    seen.add(key)
                    entries.extend((label, axis.labels[: end + 1]) for end, label in enumerate(axis.labels))
        return entries


def _by_name(entries: list[tuple[Label, _T]]) -> dict[str, list[_T]]:
    """Entries under the core and the full text of their label."""
    index: dict[str, list[_T]] = {}
    for label, entry in entries:
        index.setdefault(label.core, []).append(entry)
        if label.full != label.core:
            index.setdefault(label.full, []).append(entry)
    return index


def _candidates(index: dict[str, list[_T]], segment: SegmentSpec) -> list[_T]:
    return [
        entry
        for alt in segment.alternatives
        if alt.core
        for name in (alt.core, alt.full)
        for entry in index.get(name, ())
    ]


@register("template")
def check_template(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Flag tables on the superseded template and missing or renamed labels."""
    year_found = report_year(ctx)
    year = year_found[0] if year_found else None
    current = year is not None and year >= int(rule.options.get("from_year", 0))
    for spec in rule.options.get("tables", []):
        views = find_tables(ctx, spec.get("table", {}))
        if not views:
            continue
        labels = _collect(ctx, views)
        legacy = _legacy_markers(spec, labels)
        if legacy:
            if current:
                yield _legacy_finding(rule, ctx, spec, legacy, year)
            continue
        yield from _label_findings(rule, ctx, spec, labels)


def _collect(ctx: CheckContext, views: list[TableView]) -> _Labels:
    found = _Labels(views=views)
    sections = []
    for view in views:
        found.cells.extend((cell, Label.parse(cell.text)) for cell in view.text_cells())
        section = ctx.sections.section_of_table(view.table.index)
        if all(section is not s for s in sections):
            sections.append(section)
    found.paragraphs = [normalize_text(p.text) for s in sections for p in _own_paragraphs(s)]
    return found


def _own_paragraphs(section: Any) -> Iterator[Paragraph]:
    for block in section.blocks:
        if isinstance(block, Paragraph):
            yield block


# --- the superseded template ---------------------------------------------------------------


def _legacy_markers(spec: Mapping[str, Any], labels: _Labels) -> list[tuple[Cell, str | None]]:
    """Cells that only the superseded template has, in document order, with their 2021 counterparts."""
    markers: dict[int, tuple[Cell, str | None]] = {}
    for text, replacement in _mapping(spec.get("legacy_labels", [])):
        wanted = SegmentSpec.parse(text)
        for cell, label in labels.cells_named(wanted):
            if wanted.matches(label):
                markers.setdefault(id(cell), (cell, replacement))
    for row_spec, replacement in _mapping(spec.get("legacy_leaf_rows", [])):
        for view in labels.views:
            for row in view.find_rows(row_spec):
                cell = view.label_cell(row)
                if not row.is_group and cell is not None:
                    markers.setdefault(id(cell), (cell, replacement))
    return sorted(markers.values(), key=lambda m: (m[0].table, m[0].row, m[0].col))


def _mapping(items: Sequence[str] | Mapping[str, str | None]) -> list[tuple[str, str | None]]:
    """A list of labels, or labels mapped to what replaced them."""
    return list(items.items()) if isinstance(items, Mapping) else [(item, None) for item in items]


def _legacy_finding(
    rule: Rule, ctx: CheckContext, spec: Mapping[str, Any], markers: list[tuple[Cell, str | None]], year: int | None
) -> Finding:
    first, replacement = markers[0]
    names = "、".join(dict.fromkeys(display_text(cell.text) for cell, _ in markers))
    return finding_at_cell(
        kind_rule(rule, "legacy"),
        ctx,
        first,
        expected=replacement,
        actual=display_text(first.text),
        markers=names,
        year=year,
        from_year=rule.options.get("from_year", ""),
        **_names(spec),
    )


# --- expected labels -----------------------------------------------------------------------

_KINDS = (("labels", "label"), ("rows", "row"), ("columns", "column"))


def _label_findings(rule: Rule, ctx: CheckContext, spec: Mapping[str, Any], labels: _Labels) -> Iterator[Finding]:
    expected = [(text, kind) for key, kind in _KINDS for text in spec.get(key, [])]
    missing = [(text, kind) for text, kind in expected if not _present(text, kind, labels)]
    if not missing:
        return
    unexpected = [(c, lab) for c, lab in labels.cells if not any(_names_cell(lab, t, k) for t, k in expected)]
    still_missing: list[str] = []
    for text, kind in missing:
        name = _display(text, kind)
        candidate = _closest(name, unexpected)
        if candidate is None:
            still_missing.append(name)
            continue
        unexpected = [(c, lab) for c, lab in unexpected if c is not candidate]
        actual = display_text(candidate.text)
        yield finding_at_cell(kind_rule(rule, "renamed"), ctx, candidate, expected=name, actual=actual, **_names(spec))
    if still_missing:
        first = labels.views[0].table.cells[0]
        listed = "、".join(still_missing)
        yield finding_at_cell(kind_rule(rule, "missing"), ctx, first, expected=listed, actual="", **_names(spec))


def _present(text: str, kind: str, labels: _Labels) -> bool:
    if kind in ("row", "column"):
        spec = PathSpec.parse(text)  # it names a row, a column or a group of them
        return bool(spec.segments) and any(map(spec.matches_suffix, labels.paths_named(kind, spec.segments[-1])))
    wanted = SegmentSpec.parse(text)
    if any(wanted.matches(label) for _, label in labels.cells_named(wanted)):
        return True
    needles = [alt.full for alt in wanted.alternatives if len(alt.full) >= _MIN_CONTAINED_LABEL]
    return any(needle in para for needle in needles for para in labels.paragraphs)


def _names_cell(label: Label, text: str, kind: str) -> bool:
    """Whether a cell label is an expected label (for a row or column spec: one of its segments)."""
    segments = [text] if kind == "label" else [s for s in text.split("/") if s.strip() and s.strip() != "*"]
    return any(SegmentSpec.parse(segment).matches(label) for segment in segments)


def _closest(name: str, candidates: Sequence[tuple[Cell, Label]]) -> Cell | None:
    """The unexpected label most similar to ``name``, when similar enough to be its renaming."""
    import difflib  # only when a label is missing (~2 ms of import)

    target = Label.parse(name).core
    best_ratio, best = RENAME_SIMILARITY, None
    for cell, label in candidates:
        ratio = difflib.SequenceMatcher(None, target, label.core).ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best_ratio, best = ratio, cell
    return best


def _display(text: str, kind: str) -> str:
    """The most specific label of a spec, first wording ("（六）其他处理/3.其他" → "3.其他")."""
    last = text.split("/")[-1] if kind != "label" else text
    return last.split("|")[0]


# --- messages ------------------------------------------------------------------------------


def _names(spec: Mapping[str, Any]) -> dict[str, str]:
    name = spec.get("name", "")
    if isinstance(name, str):
        return {"table": name, "table_en": name}
    return {"table": name.get("zh", ""), "table_en": name.get("en", name.get("zh", ""))}
