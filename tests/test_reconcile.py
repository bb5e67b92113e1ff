"""A failing table sum and a text stating one of its cells otherwise: one finding on that cell."""

from __future__ import annotations

from typing import Any

from docxlint.engine import lint_document
from docxlint.examples import build_document
from docxlint.findings import ANCHOR_CELL, ANCHOR_TEXT, Finding
from tests.test_check_table import fragment_pack, table3, table4

RULES = {"table4-group-total", "text-table-consistency", "table3-balance", "table3-column-total", "table3-row-total"}


def findings(blocks: list[Any]) -> list[Finding]:
    found, errors = lint_document(build_document(blocks), fragment_pack())
    assert errors == []
    return [f for f in found if f.rule_id in RULES and f.anchor != "missing"]  # the other table is absent


def review(text: str, upheld: int) -> list[Finding]:
    """Table 四: 复议 维持 ``upheld``, 纠正 1, 其他 0, 未审结 1, 总计 5; no lawsuits."""
    row = [upheld, 1, 0, 1, 5, *[0] * 10]
    return findings(["四、政府信息公开行政复议、行政诉讼情况", text, table4(row)])


def test_the_cell_the_text_states_otherwise_is_blamed_not_the_total() -> None:
    (finding,) = review("被申请行政复议5件，结果维持3件、结果纠正1件、尚未审结1件。", upheld=4)
    assert (finding.rule_id, finding.anchor, finding.excerpt, finding.expected, finding.actual) == (
        "table4-group-total",
        ANCHOR_CELL,
        "4",
        "3",
        "4",
    )
    assert "结果维持3件" in finding.message("zh") and "行政复议/结果维持" in finding.message("zh")


def test_a_text_that_does_not_settle_the_sum_leaves_both_findings() -> None:
    found = review("被申请行政复议5件，结果维持2件、结果纠正1件、尚未审结1件。", upheld=4)
    assert sorted((f.rule_id, f.anchor, f.expected) for f in found) == [
        ("table4-group-total", ANCHOR_CELL, "6"),
        ("text-table-consistency", ANCHOR_TEXT, "4"),
    ]


def test_a_rule_without_the_witnessed_message_keeps_its_findings() -> None:
    """A pack whose table rule does not say how to word the moved finding: both findings stay as they were."""
    import dataclasses

    pack = fragment_pack()
    rules = []
    for rule in pack.rules:
        messages = dict(rule.options.get("messages") or {})
        messages.pop("witnessed", None)
        rules.append(dataclasses.replace(rule, options={**rule.options, "messages": messages}))
    own = dataclasses.replace(pack, rules=rules)
    row = [4, 1, 0, 1, 5, *[0] * 10]
    blocks = ["四、政府信息公开行政复议、行政诉讼情况", "被申请行政复议5件，结果维持3件、结果纠正1件、尚未审结1件。", table4(row)]
    found, errors = lint_document(build_document(blocks), own)
    assert errors == []
    kept = sorted((f.rule_id, f.expected) for f in found if f.rule_id in RULES and f.anchor != "missing")
    assert kept == [("table4-group-total", "6"), ("text-table-consistency", "4")]


def test_without_a_text_the_total_is_blamed_as_before() -> None:
    (finding,) = review("本年度因政府信息公开工作被申请行政复议。", upheld=4)
    assert (finding.rule_id, finding.excerpt, finding.expected) == ("table4-group-total", "5", "6")


def test_statements_of_sums_over_the_corrected_cell_are_settled_too() -> None:
    """Row 二 typed 4 for 3 in 自然人 and 总计 (the row adds up): the balance of both columns fails;
    "上年结转3件" names the 总计 cell, and "需办理申请70件" (新收 67 + 上年结转) is right once it is
    corrected. No text names the 自然人 cell: its column's finding stays as it was."""
    table = table3({"一": [67, 0, 0, 0, 0, 0, 67], "二": [4, 0, 0, 0, 0, 0, 4], "（一）": [64, 0, 0, 0, 0, 0, 64],
                    "（七）": [64, 0, 0, 0, 0, 0, 64], "四": [6, 0, 0, 0, 0, 0, 6]})  # fmt: skip
    text = "全年新收申请67件，上年结转3件，需办理申请70件，办结64件，结转下年度继续办理6件。"
    found = findings(["三、收到和处理政府信息公开申请情况", text, table])
    assert [(f.rule_id, f.anchor, f.expected, f.actual) for f in found if f.anchor == ANCHOR_TEXT] == []
    assert sorted((f.rule_id, f.expected, f.actual, "上年结转3件" in f.message("zh")) for f in found) == [
        ("table3-balance", "3", "4", True),
        ("table3-balance", "7", "6", False),
    ]
