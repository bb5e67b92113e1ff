"""Findings that explain each other: a table cell the text states otherwise, in a sum that fails.

A statistics table's sum that does not add up is reported on its total (or on a part whose cross sum
fails too); a text stating a table cell otherwise is reported on the text. When the text's value for
one cell of a failing equation is exactly what makes the equation hold ("结果维持3件" where table 四's
结果维持 is 4 and the group's 总计 5 is one short of the parts), the two findings are one defect: that
cell. They become one finding on the cell, expecting the text's value (message kind ``witnessed`` of
the table rule, ``{witness}`` quoting the text), and other sums the same correction settles are
dropped. Only rules that define the ``witnessed`` message are reconciled.

This reads only findings (``Finding.extra``: the table check's ``equation``, the consistency check's
``witness``), never the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from docxlint.checks._util import kind_rule
from docxlint.checks.base import CheckContext, finding_at_cell
from docxlint.checks.consistency import Witness
from docxlint.checks.table import Imbalance
from docxlint.findings import Finding
from docxlint.model import Cell
from docxlint.rulepack import RulePack
from docxlint.tables import describe_number


def reconcile(findings: list[Finding], ctx: CheckContext, pack: RulePack) -> list[Finding]:
    """``findings`` with each table finding a text's statement explains moved onto the wrong cell."""
    sums = [f for f in findings if isinstance(f.extra.get("equation"), Imbalance)]
    texts = [f for f in findings if isinstance(f.extra.get("witness"), Witness)]
    if not sums or not texts:
        return findings
    dropped: set[int] = set()
    added: list[Finding] = []
    corrections: dict[tuple[int, int, int], Decimal] = {}
    for text in texts:
        witness: Witness = text.extra["witness"]  # type: ignore[assignment]
        if len(witness.cells) != 1 or witness.cells[0] in corrections:
            continue
        settled = [f for f in sums if id(f) not in dropped and _settles(f.extra["equation"], witness)]  # type: ignore[arg-type]
        moved = _moved(settled[0], text, witness, ctx, pack) if settled else None
        if moved is None:
            continue
        added.append(moved)
        dropped.update(id(f) for f in (*settled, text))
        corrections[witness.cells[0]] = witness.text_value - witness.table_value
    if not added:
        return findings
    for text in texts:  # other statements of sums over a corrected cell that the correction makes right
        witness = text.extra["witness"]  # type: ignore[assignment]
        change = sum((corrections.get(cell, Decimal(0)) for cell in witness.cells), Decimal(0))
        if change and witness.table_value + change == witness.text_value:
            dropped.add(id(text))
    return [f for f in findings if id(f) not in dropped] + added


def _settles(equation: Imbalance, witness: Witness) -> bool:
    """Whether the text's value in the one witnessed cell makes the equation hold."""
    term = equation.cells.get(witness.cells[0])
    if term is None or term.side == 0:
        return False
    return equation.residual + term.side * (witness.text_value - witness.table_value) == 0


def _moved(sum_finding: Finding, text: Finding, witness: Witness, ctx: CheckContext, pack: RulePack) -> Finding | None:
    """The sum's finding on the witnessed cell, expecting the text's value."""
    try:
        rule = pack.rule(sum_finding.rule_id)
    except KeyError:
        return None
    if "witnessed" not in (rule.options.get("messages") or {}):
        return None  # a rule that does not say how to word it keeps its own finding, and the text its own
    cell = _cell(ctx, witness.cells[0])
    if cell is None:
        return None
    equation: Imbalance = sum_finding.extra["equation"]  # type: ignore[assignment]
    term = equation.cells[witness.cells[0]]
    return finding_at_cell(
        kind_rule(rule, "witnessed"), ctx, cell, expected=describe_number(witness.text_value),
        actual=describe_number(witness.table_value), row=term.row, column=term.column, witness=text.excerpt,
    )  # fmt: skip


def _cell(ctx: CheckContext, key: tuple[int, int, int]) -> Cell | None:
    table, row, col = key
    tables = ctx.document.tables
    if not 0 <= table < len(tables):
        return None
    return next(_at(tables[table].cells, row, col), None)


def _at(cells: Iterable[Cell], row: int, col: int) -> Iterable[Cell]:
    return (c for c in cells if c.row == row and c.col == col)
