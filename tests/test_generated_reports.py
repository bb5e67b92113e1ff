"""Generated reports (benchmarks/make_corpus.py): varied agencies, years, numbering, heading styles and layouts.

A clean one gives no finding at all; one with a planted defect gives exactly the rules that
defect concerns. The generator knows the format, not the linter: a false alarm or a miss on
any variation fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.make_corpus import DEFECTS, batch_specs, write_report
from docxlint.engine import lint_file
from docxlint.rulepack import load_pack

#: The rules each planted defect must trigger, and no other.
EXPECTED_RULES = {
    # the text states what the cells add up to: only the table is blamed
    "table3_sum": {"table3-balance", "table3-column-total", "table3-row-total"},
    "period_year": {"statistics-period"},
    "text_table_mismatch": {"text-table-consistency"},
    "missing_section_6": {"report-sections", "announced-parts"},
    "late_date": {"publication-deadline"},
    "blank_total": {"table3-unverifiable-cells"},
    "slash_cells": {"table4-unverifiable-cells"},
    "other_agency_signature": {"report-agency"},
    "last_year_opening": {"report-year-mentions"},
}
SPECS = [spec for seed in (1, 2) for spec in batch_specs(27, seed=seed)]
#: The same variations as a PDF-to-Word converter lays them out (headings and title lines joined to
#: the next paragraph by line breaks, digits spaced from Han characters, numbering typed).
SPECS += batch_specs(27, seed=3, converted=True)


def test_every_defect_is_covered() -> None:
    assert set(EXPECTED_RULES) == set(DEFECTS)
    planted = {d for spec in SPECS for d in spec.defects}
    assert planted == set(DEFECTS)


@pytest.fixture(scope="module")
def pack():
    return load_pack(None)


@pytest.mark.parametrize("index", range(len(SPECS)), ids=lambda i: f"{i}-{'+'.join(SPECS[i].defects) or 'clean'}")
def test_generated_report_gives_exactly_the_planted_defects(index: int, pack, tmp_path: Path) -> None:
    spec = SPECS[index]
    report = lint_file(write_report(tmp_path / "report.docx", spec), pack)
    assert report.error is None and not report.rule_errors
    expected = set().union(*(EXPECTED_RULES[d] for d in spec.defects))
    found = {f.rule_id for f in report.findings}
    assert found == expected, (spec, [(f.rule_id, f.excerpt) for f in report.findings])
