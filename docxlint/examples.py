"""Mini documents from JSON specs, and the runner for the examples of a pack's rules.

A spec is ``{"blocks": [...], "properties": {...}}`` (a bare list of blocks is
accepted too). A block is a paragraph string, ``{"p": text, "style": name,
"style_id": id, "outline_level": n, "label": "一、", "list": n, "list_level": n}`` or ``{"table": rows}``
where a cell string ``"<"`` merges with the cell to its left, ``"^"`` with the
cell above, and ``"\\n"`` separates a cell's paragraphs. The model is built
directly, so examples need no .docx and no reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docxlint.findings import Finding, Severity
from docxlint.model import PIECE_LABEL, PIECE_RUN, Block, Cell, Document, Location, Paragraph, Piece, Table

if TYPE_CHECKING:
    from docxlint.checks.base import Rule
    from docxlint.rulepack import RulePack

MERGE_LEFT = "<"
MERGE_UP = "^"


class _Builder:
    """Numbers paragraphs and tables in document order while blocks are added."""

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []

    def paragraph(self, spec: str | dict[str, Any], location: Location) -> Paragraph:
        spec = {"p": spec} if isinstance(spec, str) else spec
        label = spec.get("label", "")
        text = label + spec["p"]
        pieces = [Piece(0, len(label), PIECE_LABEL)] if label else []
        if len(text) > len(label):
            pieces.append(Piece(len(label), len(text), PIECE_RUN, run=0))
        index = len(self.paragraphs)
        para = Paragraph(
            index=index,
            xml_index=index,
            text=text,
            pieces=tuple(pieces),
            location=_with_paragraph(location, index),
            label=label,
            style_id=spec.get("style_id"),
            style_name=spec.get("style"),
            outline_level=spec.get("outline_level"),
            num_id=spec.get("list") if label else None,
            num_level=spec.get("list_level", 0) if label and spec.get("list") is not None else None,
        )
        self.paragraphs.append(para)
        return para

    def table(self, spec: dict[str, Any], block: int) -> Table:
        rows: list[list[str]] = spec["table"]
        n_cols = max(len(r) for r in rows)
        table = Table(
            index=len(self.tables),
            location=Location(block=block),
            n_rows=len(rows),
            n_cols=n_cols,
            style_name=spec.get("style"),
        )
        self.tables.append(table)
        for r, c, row_span, col_span, text in _logical_cells(rows, n_cols):
            cell = Cell(table=table.index, row=r, col=c, row_span=row_span, col_span=col_span)
            location = Location(block=block, table=table.index, row=r, col=c)
            cell.blocks = [self.paragraph(line, location) for line in text.split("\n")]
            table.cells.append(cell)
        return table


def _with_paragraph(location: Location, index: int) -> Location:
    return Location(block=location.block, paragraph=index, table=location.table, row=location.row, col=location.col)


def _logical_cells(rows: list[list[str]], n_cols: int) -> Iterable[tuple[int, int, int, int, str]]:
    """(row, col, row_span, col_span, text) of each logical cell, row-major by top-left corner."""
    grid = [list(r) + [""] * (n_cols - len(r)) for r in rows]
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text == MERGE_LEFT and c > 0:
                owner[(r, c)] = owner[(r, c - 1)]
            elif text == MERGE_UP and r > 0:
                owner[(r, c)] = owner[(r - 1, c)]
            else:
                owner[(r, c)] = (r, c)
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if owner[(r, c)] != (r, c):
                continue
            covered = [pos for pos, top_left in owner.items() if top_left == (r, c)]
            row_span = max(p[0] for p in covered) - r + 1
            col_span = max(p[1] for p in covered) - c + 1
            yield r, c, row_span, col_span, text


def build_document(spec: dict[str, Any] | list[Any], path: str = "<example>") -> Document:
    """A :class:`Document` straight from an example spec (see the module docstring)."""
    if isinstance(spec, list):
        spec = {"blocks": spec}
    builder = _Builder()
    blocks: list[Block] = []
    for i, item in enumerate(spec.get("blocks", [])):
        if isinstance(item, dict) and "table" in item:
            blocks.append(builder.table(item, i))
        else:
            blocks.append(builder.paragraph(item, Location(block=i)))
    return Document(
        path=path,
        blocks=blocks,
        paragraphs=builder.paragraphs,
        tables=builder.tables,
        properties=dict(spec.get("properties", {})),
    )


# --- running examples ---------------------------------------------------------------------


@dataclass(slots=True)
class ExampleResult:
    """The outcome of one example of one rule."""

    rule_id: str
    kind: str  #: "flag" or "pass"
    index: int  #: position in the rule's ``examples[kind]`` list
    note: str
    passed: bool
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  #: why it failed, one line each

    @property
    def name(self) -> str:
        return f"{self.rule_id}:{self.kind}[{self.index}]"

    @property
    def ok(self) -> bool:
        return self.passed

    def describe(self) -> str:
        """ "rule:flag[0] (note): problem; problem" for a failure report."""
        note = f" ({self.note})" if self.note else ""
        return f"{self.name}{note}: {'; '.join(self.problems) or 'ok'}"


def run_rules(
    document: Document, pack: RulePack, rules: Iterable[Rule] | None = None, previous: Document | None = None
) -> list[Finding]:
    """Run ``rules`` (default: the pack's enabled rules) on an in-memory document (against last
    year's report ``previous``, when given)."""
    from docxlint.checks.base import get_check
    from docxlint.checks.previous_year import previous_year_problem
    from docxlint.engine import check_context
    from docxlint.findings import sort_and_dedup

    ctx = check_context(document, pack, previous)
    if previous_year_problem(ctx) is not None:
        ctx.previous = None
    findings: list[Finding] = []
    for rule in pack.enabled_rules() if rules is None else rules:
        findings.extend(get_check(rule.type)(rule, ctx))
    return sort_and_dedup(findings)


def run_examples(pack: RulePack, rule_ids: Iterable[str] | None = None) -> list[ExampleResult]:
    """Run every flag/pass example of the selected rules (all rules by default, disabled ones too)."""
    wanted = None if rule_ids is None else set(rule_ids)
    results: list[ExampleResult] = []
    for rule in pack.rules:
        if wanted is not None and rule.id not in wanted:
            continue
        for kind in ("flag", "pass"):
            for index, example in enumerate(rule.examples.get(kind, [])):
                results.append(_run_one(pack, rule, kind, index, example))
    return results


def _run_one(pack: RulePack, rule: Rule, kind: str, index: int, example: dict[str, Any]) -> ExampleResult:
    result = ExampleResult(rule.id, kind, index, example.get("note", ""), passed=False)
    try:
        document = build_document(example, path=f"<{rule.id}:{kind}[{index}]>")
        previous = build_document(example["previous"], path="<previous>") if "previous" in example else None
        result.findings = [f for f in run_rules(document, pack, [rule], previous) if f.rule_id == rule.id]
    except Exception as err:  # noqa: BLE001 - a broken check must fail its example, not the run
        result.problems.append(f"check raised {type(err).__name__}: {err}")
        return result
    if kind == "pass":
        result.problems.extend(f"unexpected finding: {_describe(f)}" for f in result.findings)
    elif not result.findings:
        result.problems.append("no finding")
    else:
        result.problems.extend(_unmet_expectations(example.get("expect", []), result.findings))
    result.passed = not result.problems
    return result


def _unmet_expectations(expect: list[dict[str, str]], findings: list[Finding]) -> list[str]:
    problems: list[str] = []
    for wanted in expect:
        if not any(_matches(f, wanted) for f in findings):
            got = "; ".join(_describe(f) for f in findings)
            problems.append(f"no finding with {wanted} (got: {got})")
    return problems


def _matches(finding: Finding, wanted: dict[str, str]) -> bool:
    checks = {
        "excerpt": finding.excerpt,
        "expected": finding.expected,
        "actual": finding.actual,
        "severity": str(finding.severity),
    }
    return all(checks.get(key) == value for key, value in wanted.items())


def _describe(finding: Finding) -> str:
    parts = [f"excerpt={finding.excerpt!r}"]
    if finding.expected is not None:
        parts.append(f"expected={finding.expected!r}")
    if finding.actual is not None:
        parts.append(f"actual={finding.actual!r}")
    if finding.severity != Severity.ERROR:
        parts.append(str(finding.severity))
    return f"{finding.message('en')} [{', '.join(parts)}]"
