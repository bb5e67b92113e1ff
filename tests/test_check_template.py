"""Rule type ``template``: the 2021 table format, the 2019 trial format, missing and renamed labels."""

from __future__ import annotations

from typing import Any

import pytest

from docxlint.checks.base import Rule
from docxlint.examples import build_document, run_examples
from docxlint.findings import Severity
from tests.test_check_table import (
    MANIFEST,
    T3_HEAD,
    assert_fixture,
    fixture_ids,
    fragment_pack,
    fragment_rules,
    lint,
    run_rule,
    sample_blocks,
    table2,
    table3,
    table4,
)

TEMPLATE_RULES = [r["id"] for r in fragment_rules() if r["type"] == "template"]
T2_LABELS = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "行政规范性文件",
             "第二十条第（五）项", "本年处理决定数量", "行政许可", "第二十条第（六）项", "行政处罚", "行政强制",
             "第二十条第（八）项", "本年收费金额（单位：万元）", "行政事业性收费"]  # fmt: skip
T2_LEGACY = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "其他对外管理服务事项",
             "第二十条第（九）项", "政府集中采购", "采购项目数量", "采购总金额"]  # fmt: skip
MESSAGES = {
    "legacy": {"zh": "legacy {table} {year} {markers}", "en": "legacy {table_en} {year} {markers}"},
    "missing": {"zh": "missing {table} {expected}", "en": "missing {table_en} {expected}"},
    "renamed": {"zh": "renamed {table} {actual}->{expected}", "en": "renamed {table_en} {actual}->{expected}"},
}
T2_SPEC = {"name": {"zh": "表二", "en": "table 2"}, "table": {"contains": ["信息内容"]}, "labels": T2_LABELS,
           "legacy_labels": T2_LEGACY}  # fmt: skip
T3_SPEC = {
    "name": "表三",
    "table": {"header": ["自然人", "商业企业"]},
    "rows": ["本年新收政府信息公开申请数量", "（六）其他处理/3.其他", "（七）总计", "结转下年度继续办理"],
    "columns": ["自然人", "法人或其他组织/法律服务机构", "总计"],
    "legacy_leaf_rows": ["（六）其他处理"],
}
TABLE2_2019 = {"table": [
    ["第二十条第（一）项", "<", "<", "<"],
    ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
    ["规章", "0", "0", "0"],
    ["规范性文件", "1", "1", "4"],
    ["第二十条第（九）项", "<", "<", "<"],
    ["信息内容", "采购项目数量", "采购总金额", "<"],
    ["政府集中采购", "0", "0", "<"],
]}  # fmt: skip


def template_rule(*specs: dict[str, Any]) -> Rule:
    options = {"from_year": 2021, "tables": list(specs), "messages": MESSAGES}
    return Rule(id="test-template", type="template", severity=Severity.ERROR, messages={"zh": "?", "en": "?"},
                options=options)  # fmt: skip


def titled(year: int, *blocks: Any) -> list[Any]:
    return [f"{year}年政府信息公开工作年度报告", *blocks]


@pytest.mark.parametrize("rule_id", TEMPLATE_RULES)
def test_fragment_examples_of_template_rules(rule_id: str) -> None:
    results = run_examples(fragment_pack(), [rule_id])
    failed = [f"{r.name}: {'; '.join(r.problems)}" for r in results if not r.passed]
    assert results and not failed, failed


def test_sample_report_follows_the_2021_format() -> None:
    assert lint(build_document(sample_blocks()), fragment_pack(), set(TEMPLATE_RULES)) == []


def test_2019_trial_table_in_a_2023_report_is_one_finding_on_its_first_marker() -> None:
    findings = run_rule(template_rule(T2_SPEC), titled(2023, TABLE2_2019))
    assert len(findings) == 1
    f = findings[0]
    assert (f.excerpt, f.location.row, f.location.col) == ("本年新制作数量", 1, 1)
    assert f.messages["zh"] == "legacy 表二 2023 本年新制作数量、本年新公开数量、对外公开总数量、第二十条第（九）项、采购项目数量、采购总金额、政府集中采购"
    assert f.messages["en"].startswith("legacy table 2 2023")


@pytest.mark.parametrize("title", ["2020年政府信息公开工作年度报告", "政府信息公开工作年度报告"])
def test_2019_trial_table_is_accepted_before_2021_or_when_the_year_is_unknown(title: str) -> None:
    assert run_rule(template_rule(T2_SPEC), [title, TABLE2_2019]) == []


def test_2019_table3_without_sub_rows_under_other_handling() -> None:
    rows = [
        *T3_HEAD,
        ["一、本年新收政府信息公开申请数量", "<", "<", "0", "0", "0", "0", "0", "0", "0"],
        ["三、本年度办理结果", "（六）其他处理", "<", "0", "0", "0", "0", "0", "0", "0"],
        ["^", "（七）总计", "<", "0", "0", "0", "0", "0", "0", "0"],
        ["四、结转下年度继续办理", "<", "<", "0", "0", "0", "0", "0", "0", "0"],
    ]
    findings = run_rule(template_rule(T3_SPEC), titled(2022, {"table": rows}))
    assert [(f.excerpt, f.messages["zh"]) for f in findings] == [("（六）其他处理", "legacy 表三 2022 （六）其他处理")]


def test_complete_2021_tables_pass_even_when_table2_is_split_with_captions() -> None:
    split = [
        "（一）第二十条第（一）项",
        {"table": [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"],
                   ["行政规范性文件", "0", "0", "0"]]},
        {"table": [["第二十条第（五）项", "<"], ["信息内容", "本年处理决定数量"], ["行政许可", "0"]]},
        {"table": [["第二十条第（六）项", "<"], ["信息内容", "本年处理决定数量"], ["行政处罚", "0"], ["行政强制", "0"]]},
        {"table": [["第二十条第（八）项", "<"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "0"]]},
    ]  # fmt: skip
    assert run_rule(template_rule(T2_SPEC), titled(2023, *split)) == []
    assert run_rule(template_rule(T2_SPEC, T3_SPEC), titled(2023, table2(), table3())) == []


def test_renamed_label_is_reported_on_its_cell() -> None:
    table = table2()
    table["table"][1][2] = "本年度废止件数"
    findings = run_rule(template_rule(T2_SPEC), titled(2023, table))
    assert [(f.excerpt, f.expected, f.actual, f.location.col) for f in findings] == [
        ("本年度废止件数", "本年废止件数", "本年度废止件数", 2)
    ]
    assert findings[0].messages["en"] == "renamed table 2 本年度废止件数->本年废止件数"


def test_missing_rows_and_columns_are_listed_in_one_finding() -> None:
    rows = [r for r in table3()["table"] if not r[2].startswith("3.其他")]
    rows = [r[:7] + r[8:] for r in rows]  # drop 法律服务机构
    findings = run_rule(template_rule(T3_SPEC), titled(2023, {"table": rows}))
    assert [(f.expected, f.location.row, f.location.col) for f in findings] == [("3.其他、法律服务机构", 0, 0)]
    assert findings[0].messages["zh"] == "missing 表三 3.其他、法律服务机构"


def test_tables_the_locator_does_not_find_are_not_judged() -> None:
    assert run_rule(template_rule(T2_SPEC, T3_SPEC), titled(2023, table4())) == []


@pytest.mark.parametrize("entry", MANIFEST, ids=fixture_ids(MANIFEST))
def test_fixture_template_defects(entry: dict[str, Any]) -> None:
    assert_fixture(entry, "template")
