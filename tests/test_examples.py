"""Example documents: the spec builder, the example runner, and every example of the bundled pack."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from docxlint.examples import build_document, run_examples, run_rules
from docxlint.model import PIECE_LABEL, PIECE_RUN, Paragraph, Table
from docxlint.rulepack import load_pack
from tests._sample_report import sample_spec

TEXT_RULE_TYPES = {"required-sections", "pattern", "period", "contact", "deadline", "sum"}


def test_build_document_paragraphs_and_labels() -> None:
    doc = build_document(
        {
            "blocks": ["标题", {"p": "总体情况", "label": "一、", "style": "heading 1", "outline_level": 0}],
            "properties": {"title": "T"},
        }
    )
    title, heading = doc.paragraphs
    assert [p.index for p in doc.paragraphs] == [0, 1] and doc.blocks == [title, heading]
    assert heading.text == "一、总体情况" and heading.label == "一、"
    assert [(p.start, p.end, p.kind) for p in heading.pieces] == [(0, 2, PIECE_LABEL), (2, 6, PIECE_RUN)]
    assert heading.style_name == "heading 1" and heading.outline_level == 0
    assert heading.location.block == 1 and heading.location.paragraph == 1
    assert doc.properties == {"title": "T"}
    assert build_document(["a", "b"]).paragraphs[1].text == "b"


def test_build_document_tables_with_merged_cells() -> None:
    doc = build_document(
        {
            "blocks": [
                "前",
                {"table": [["说明", "<", "申请人", "<"], ["^", "^", "自然人", "总计"], ["一、新收", "<", "1\n2", "3"]]},
                "后",
            ]
        }
    )
    table = doc.blocks[1]
    assert isinstance(table, Table) and (table.n_rows, table.n_cols) == (3, 4)
    spans = [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells]
    assert spans == [
        (0, 0, 2, 2, "说明"),
        (0, 2, 1, 2, "申请人"),
        (1, 2, 1, 1, "自然人"),
        (1, 3, 1, 1, "总计"),
        (2, 0, 1, 2, "一、新收"),
        (2, 2, 1, 1, "1\n2"),
        (2, 3, 1, 1, "3"),
    ]
    assert table.cell_at(1, 1) is table.cells[0]
    after = doc.blocks[2]
    assert isinstance(after, Paragraph) and after.index == len(doc.paragraphs) - 1
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
    cell_para = table.cells[5].paragraphs[1]
    loc = cell_para.location
    assert (loc.block, loc.table, loc.row, loc.col, loc.paragraph) == (1, 0, 2, 2, cell_para.index)


BUNDLED = load_pack()


@pytest.mark.parametrize("rule_id", [r.id for r in BUNDLED.rules])
def test_bundled_rule_examples(rule_id: str) -> None:
    """Every rule of the bundled pack (merged fragments included) flags its flag examples and passes its pass examples."""
    results = run_examples(BUNDLED, [rule_id])
    kinds = {r.kind for r in results}
    assert kinds == {"flag", "pass"}, f"{rule_id} needs at least one flag and one pass example"
    failures = [r.describe() for r in results if not r.ok]
    assert not failures, "\n".join(failures)


def _broken_copy(rule_id: str, mutate) -> object:  # noqa: ANN001 - tiny test helper
    pack = copy.deepcopy(BUNDLED)
    pack.rules = [dataclasses.replace(r) if r.id == rule_id else r for r in pack.rules]
    mutate(pack.rule(rule_id))
    return pack


def test_runner_reports_a_flag_example_that_is_not_flagged() -> None:
    def swap(rule) -> None:  # noqa: ANN001
        rule.examples = {"flag": rule.examples["pass"], "pass": rule.examples["flag"]}

    results = run_examples(_broken_copy("statistics-period", swap), ["statistics-period"])
    assert results and not any(r.ok for r in results)
    assert any("no finding" in p for r in results if r.kind == "flag" for p in r.problems)
    assert any("unexpected finding" in p for r in results if r.kind == "pass" for p in r.problems)


def test_runner_checks_expectations() -> None:
    def wrong_expectation(rule) -> None:  # noqa: ANN001
        flag = copy.deepcopy(rule.examples["flag"][0])
        flag["expect"] = [{"excerpt": "not in the document"}]
        rule.examples = {"flag": [flag], "pass": []}

    (result,) = run_examples(_broken_copy("text-sum", wrong_expectation), ["text-sum"])
    assert not result.ok and "no finding with {'excerpt': 'not in the document'}" in result.describe()


def test_runner_survives_a_crashing_check() -> None:
    def crash(rule) -> None:  # noqa: ANN001
        rule.options = {**rule.options, "min_parts": "two"}

    results = run_examples(_broken_copy("text-sum", crash), ["text-sum"])
    assert results and all(not r.ok and "check raised TypeError" in r.describe() for r in results)


def test_sample_report_has_no_text_rule_findings() -> None:
    """The real sample report: nothing from the text rule types (its one defect is a table/consistency one)."""
    document = build_document(sample_spec())
    assert len(document.tables) == 3 and any("市级政协提案6件" in p.text for p in document.paragraphs)
    findings = run_rules(document, BUNDLED)
    assert "proposal-count-consistency" in {f.rule_id for f in findings}  # the rules did run: its known defect
    mine = [f for f in findings if BUNDLED.rule(f.rule_id).type in TEXT_RULE_TYPES]
    assert mine == [], [(f.rule_id, f.excerpt, f.message("en")) for f in mine]
