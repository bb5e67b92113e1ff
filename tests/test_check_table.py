"""Rule type ``table``: sums, equations and unverifiable cells, on model documents.

The helpers at the top (the bundled pack's statistics rules, the sample report as a model) are
shared with the template and consistency tests.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from docxlint.checks.base import CheckContext, Rule, get_check
from docxlint.engine import check_context
from docxlint.examples import build_document, run_examples
from docxlint.findings import ANCHOR_MISSING, Finding, Severity
from docxlint.model import Document
from docxlint.rulepack import RulePack, load_pack
from docxlint.sections import build_tree
from docxlint.tables import AmbiguousLabelError

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "rules" / "gov-info-disclosure-annual-report.json"
STATISTICS_TYPES = {"table", "template", "consistency"}


def fragment_rules() -> list[dict[str, Any]]:
    """The bundled pack's statistics-table rules (table, template and consistency types)."""
    rules = json.loads(BUNDLED.read_text(encoding="utf-8"))["rules"]
    return [r for r in rules if r["type"] in STATISTICS_TYPES]


@functools.cache
def fragment_pack() -> RulePack:
    """The bundled pack, loaded (schema and semantics checked) like any pack."""
    return load_pack(BUNDLED)


def lint(doc: Document, pack: RulePack, rule_ids: set[str] | None = None) -> list[Finding]:
    """Findings of the pack's rules (or some of them) on a model document, prepared as the engine prepares it."""
    ctx = check_context(doc, pack)
    out: list[Finding] = []
    for rule in pack.rules:
        if rule_ids is None or rule.id in rule_ids:
            out.extend(get_check(rule.type)(rule, ctx))
    return out


def run_rule(rule: Rule, blocks: list[Any], pack: RulePack | None = None) -> list[Finding]:
    """One rule on a document built from example blocks."""
    doc = build_document(blocks)
    levels = pack.headings if pack else []
    defs = pack.sections if pack else []
    ctx = CheckContext(document=doc, sections=build_tree(doc, levels, defs), patterns=pack.patterns if pack else {})
    return list(get_check(rule.type)(rule, ctx))


def make_rule(rule_type: str, options: dict[str, Any], severity: Severity = Severity.ERROR) -> Rule:
    messages = {"zh": "{row}|{column}|{expected}|{actual}", "en": "{row}|{column}|{expected}|{actual}"}
    return Rule(id=f"test-{rule_type}", type=rule_type, severity=severity, messages=messages, options=options)


# --- the tables of the format, as example blocks ------------------------------------------------

T3_HEAD = [
    [
        "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）",
        "<",
        "<",
        "申请人情况",
        "<",
        "<",
        "<",
        "<",
        "<",
        "<",
    ],
    ["^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"],
    ["^", "^", "^", "^", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "^"],
]
T3_RESULT_ROWS = [
    ("（一）予以公开", None),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
    ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                    "5.要求行政机关确认或重新\n出具已获取信息"]),
    ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
    ("（七）总计", None),
]  # fmt: skip


def table3(values: dict[str, list[Any]] | None = None, blank: str = "0") -> dict[str, Any]:
    """The complete 2021 table 三; ``values`` by row key ("一", "二", "（一）", "（三）1", "（七）", "四")."""
    values = values or {}

    def cells(key: str) -> list[str]:
        given = [str(v) for v in values.get(key, [])]
        return given + [blank] * (7 - len(given))

    rows = [list(r) for r in T3_HEAD]
    rows.append(["一、本年新收政府信息公开申请数量", "<", "<", *cells("一")])
    rows.append(["二、上年结转政府信息公开申请数量", "<", "<", *cells("二")])
    first = True
    for group, subs in T3_RESULT_ROWS:
        key = group[:3]
        lead = "三、本年度办理结果" if first else "^"
        first = False
        if subs is None:
            rows.append([lead, group, "<", *cells(key)])
            continue
        for i, sub in enumerate(subs):
            rows.append([lead if i == 0 else "^", group if i == 0 else "^", sub, *cells(f"{key}{i + 1}")])
            lead = "^"
    rows.append(["四、结转下年度继续办理", "<", "<", *cells("四")])
    return {"table": rows}


T4_HEAD = [
    ["行政复议", "<", "<", "<", "<", "行政诉讼", "<", "<", "<", "<", "<", "<", "<", "<", "<"],
    ["结果\n维持", "结果纠正", "其他结果", "尚未\n审结", "总\n计", "未经复议直接起诉", "<", "<", "<", "<", "复议后起诉", "<", "<", "<", "<"],
    ["^", "^", "^", "^", "^", "结果维持", "结果纠正", "其他\n结果", "尚未\n审结", "总计", "结果维持", "结果\n纠正", "其他\n结果", "尚未审结", "总计"],
]  # fmt: skip


def table4(values: list[Any] | None = None) -> dict[str, Any]:
    return {"table": [*T4_HEAD, [str(v) for v in (values or [0] * 15)]]}


def table2() -> dict[str, Any]:
    return {"table": [
        ["第二十条第（一）项", "<", "<", "<"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "0", "0", "0"],
        ["第二十条第（五）项", "<", "<", "<"],
        ["信息内容", "本年处理决定数量", "<", "<"],
        ["行政许可", "0", "<", "<"],
        ["第二十条第（六）项", "<", "<", "<"],
        ["信息内容", "本年处理决定数量", "<", "<"],
        ["行政处罚", "0", "<", "<"],
        ["行政强制", "0", "<", "<"],
        ["第二十条第（八）项", "<", "<", "<"],
        ["信息内容", "本年收费金额（单位：万元）", "<", "<"],
        ["行政事业性收费", "0", "<", "<"],
    ]}  # fmt: skip


def sample_blocks(city_proposals_in_six: int = 6) -> list[Any]:
    """The seed report (台儿庄区商务和投资促进局 2023) as example blocks, tables rebuilt, long prose shortened."""
    return [
        "枣庄市台儿庄区商务和投资促进局",
        "2023年政府信息公开工作年度报告",
        "根据《中华人民共和国政府信息公开条例》（国务院令第711号）相关规定……本报告由总体情况、主动公开政府信息情况、"
        "收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项"
        "共六个部分组成。本报告中所列数据的统计时限为2023年1月1日至2023年12月31日。对本报告如有疑问，可与办公室联系"
        "（邮编：277400；电话：0632-6661666）。",
        "一、总体情况",
        "我局认真贯彻落实《中华人民共和国政府信息公开条例》等文件要求，坚持“以公开为常态、不公开为例外”。",
        "（一）主动公开方面。梳理各类应公开的政府信息按照分类予以公开，本年度主动公开政府信息31件，其中机构职能3件，"
        "政策解读4件，规划计划1件，工作信息9件，行政权力运行公开8件，主动公开基本目录1件，政务公开保障机制5件。",
        "（二）依申请公开方面。密切关注申请情况，严格落实依申请公开办理制度，本年度我局收到依申请公开政府信息0件。",
        "（三）政府信息管理方面。严格落实保密审查制度，确保所公开信息符合保密规定。",
        "（六）建议提案办理情况。根据《政府信息公开条例》第二十条第八项要求，对2023年建议提案办理情况进行了公开。"
        "我局高度重视人大代表建议和政协委员提案办理，完善机制、狠抓落实，取得了良好成效。全年共收到市级政协提案2件、"
        "区级政协提案3件。截至目前，承接的建议、提案均在规定的答复时限内答复完毕，答复率达100%。",
        "二、主动公开政府信息情况",
        table2(),
        "三、收到和处理政府信息公开申请情况",
        table3(),
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        table4(),
        "五、存在的主要问题及改进情况",
        "（一）2022年问题整改情况",
        "一是进一步提升政务新媒体账号关注度，实时动态更新政策信息、部门工作动态150余篇，其中包含20余篇权威信息。",
        "六、其他需要报告的事项",
        "1.依据《政府信息公开信息处理费管理办法》，区商务和投资促进局全年没有收取信息公开处理费。",
        f"3.区商务和投资促进局全年共收到市级政协提案{city_proposals_in_six}件、区级政协提案3件。",
        "5.本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。",
        "枣庄市台儿庄区商务和投资促进局",
        "2024年1月19日",
    ]


# --- fixtures (fixtures/manifest.json) ---------------------------------------------------------

MANIFEST = json.loads((ROOT / "fixtures" / "manifest.json").read_text(encoding="utf-8"))


@functools.cache
def fixture_findings(file: str, rule_type: str) -> tuple[Finding, ...]:
    """Findings of the fragment's rules of one type on one fixture file, as the engine gives them (its
    findings reconciled across rules: a table sum the text settles lands on the wrong cell)."""
    pack = fragment_pack()
    ids = {r.id for r in pack.rules if r.type == rule_type}
    return tuple(f for f in _engine_findings(file) if f.rule_id in ids)


@functools.cache
def _engine_findings(file: str) -> tuple[Finding, ...]:
    from docxlint.engine import lint_document

    findings, errors = lint_document(_read_fixture(file), fragment_pack())
    assert errors == [], errors
    return tuple(findings)


@functools.cache
def _read_fixture(file: str) -> Document:
    from docxlint.docx import read_document

    return read_document(ROOT / "fixtures" / file)


def _same_place(finding: Finding, defect: dict[str, Any]) -> bool:
    if finding.excerpt != defect["excerpt"]:
        return False
    cell = defect.get("cell")
    loc = finding.location
    return cell is None or (loc.table, loc.row, loc.col) == (cell["table"], cell["row"], cell["col"])


def assert_fixture(entry: dict[str, Any], rule_type: str) -> None:
    """Every planted defect of ``rule_type`` is found (derived ones may be), and nothing else is."""
    findings = fixture_findings(entry["file"], rule_type)
    planted = [d for d in entry["defects"] if d["rule_type"] == rule_type]
    for defect in planted:
        if defect.get("derived"):
            continue
        hits = [f for f in findings if _same_place(f, defect)]
        assert hits, f"{entry['file']}: {defect['kind']} {defect['excerpt']!r} not found"
        if defect.get("expected") is not None:
            assert any(f.expected == defect["expected"] for f in hits), (defect, [f.expected for f in hits])
    for finding in findings:
        assert any(_same_place(finding, d) for d in planted), (
            f"{entry['file']}: unexpected {finding.rule_id} at {finding.location.describe()}: {finding.message('en')}"
        )


def fixture_ids(entries: list[dict[str, Any]]) -> list[str]:
    return [e["file"] for e in entries]


@pytest.mark.parametrize("entry", MANIFEST, ids=fixture_ids(MANIFEST))
def test_fixture_table_defects(entry: dict[str, Any]) -> None:
    assert_fixture(entry, "table")


# --- the fragment's examples ------------------------------------------------------------------

TABLE_RULES = [r["id"] for r in fragment_rules() if r["type"] == "table"]


@pytest.mark.parametrize("rule_id", TABLE_RULES)
def test_fragment_examples_of_table_rules(rule_id: str) -> None:
    results = run_examples(fragment_pack(), [rule_id])
    assert results, f"{rule_id} has no examples"
    assert {r.kind for r in results} == {"flag", "pass"}
    failed = [f"{r.name}: {'; '.join(r.problems)}" for r in results if not r.passed]
    assert not failed, failed


def test_every_fragment_rule_is_documented() -> None:
    for rule in fragment_rules():
        assert rule["summary"] and rule["rationale"], rule["id"]
        assert set(rule["message"]) >= {"zh", "en"}, rule["id"]
        assert rule["examples"]["flag"] and rule["examples"]["pass"], rule["id"]
        for kind_messages in rule["options"].get("messages", {}).values():
            assert set(kind_messages) >= {"zh", "en"}, rule["id"]


# --- the sample report ------------------------------------------------------------------------


def test_sample_report_tables_are_consistent() -> None:
    assert lint(build_document(sample_blocks()), fragment_pack(), set(TABLE_RULES)) == []


# --- row and column sums ----------------------------------------------------------------------

T3_LOCATOR = {"header": ["自然人", "商业企业"], "contains": ["总计"]}
ROW_SUM = {
    "check": "row_sum",
    "total": "总计",
    "parts": ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
}
COLUMN_SUM = {
    "check": "column_sum",
    "total": "（七）总计",
    "parts": [
        "（一）予以公开",
        "（二）部分公开",
        "（三）不予公开/*",
        "（四）无法提供/*",
        "（五）不予处理/*",
        "（六）其他处理/*",
    ],
}


def test_row_sum_reports_the_total_cell_with_expected_and_actual() -> None:
    rule = make_rule("table", {"table": T3_LOCATOR, "checks": [ROW_SUM]})
    findings = run_rule(rule, [table3({"一": [3, 2, 1, 0, 0, 0, 5], "二": [1, 0, 0, 0, 0, 0, 1]})])
    assert len(findings) == 1
    f = findings[0]
    assert (f.expected, f.actual, f.excerpt) == ("6", "5", "5")
    assert (f.location.row, f.location.col) == (3, 9)
    assert f.messages["zh"].startswith("一、本年新收政府信息公开申请数量|总计|6|5")


def test_row_sum_on_listed_rows_only() -> None:
    options = {"table": T3_LOCATOR, "checks": [{**ROW_SUM, "rows": ["上年结转政府信息公开申请数量"]}]}
    wrong_row_one = table3({"一": [3, 0, 0, 0, 0, 0, 5]})
    assert run_rule(make_rule("table", options), [wrong_row_one]) == []
    wrong_row_two = table3({"二": [3, 0, 0, 0, 0, 0, 5]})
    assert [f.expected for f in run_rule(make_rule("table", options), [wrong_row_two])] == ["3"]


def test_column_sum_counts_every_sub_row_of_a_group() -> None:
    rule = make_rule("table", {"table": T3_LOCATOR, "checks": [COLUMN_SUM]})
    good = {"（一）": [1, 0, 0, 0, 0, 0, 1], "（三）8": [2, 0, 0, 0, 0, 0, 2], "（六）3": [1, 0, 0, 0, 0, 0, 1],
            "（七）": [4, 0, 0, 0, 0, 0, 4]}  # fmt: skip
    assert run_rule(rule, [table3(good)]) == []
    bad = {**good, "（五）5": [1, 0, 0, 0, 0, 0, 1]}
    findings = run_rule(rule, [table3(bad)])
    assert [(f.expected, f.actual, f.messages["en"].split("|")[1]) for f in findings] == [
        ("5", "4", "自然人"),
        ("5", "4", "总计"),
    ]


def test_group_without_sub_rows_counts_as_itself() -> None:
    """The 2019 table 三 has a single （六）其他处理 row: "（六）其他处理/*" is that row."""
    rows = [
        *T3_HEAD,
        ["三、本年度办理结果", "（一）予以公开", "<", "1", "0", "0", "0", "0", "0", "1"],
        ["^", "（二）部分公开", "<", "0", "0", "0", "0", "0", "0", "0"],
        ["^", "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"],
        ["^", "（四）无法提供", "1.本机关不掌握相关政府信息", "0", "0", "0", "0", "0", "0", "0"],
        ["^", "（五）不予处理", "1.信访举报投诉类申请", "0", "0", "0", "0", "0", "0", "0"],
        ["^", "（六）其他处理", "<", "2", "0", "0", "0", "0", "0", "2"],
        ["^", "（七）总计", "<", "3", "0", "0", "0", "0", "0", "2"],
    ]
    findings = run_rule(make_rule("table", {"table": T3_LOCATOR, "checks": [COLUMN_SUM]}), [{"table": rows}])
    assert [(f.location.col, f.expected, f.actual) for f in findings] == [(9, "3", "2")]


def test_unmerged_layout_reads_group_labels_from_above() -> None:
    """Reports that leave the cells under a group label blank instead of merging them."""
    rows = [
        ["", "", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
        ["三、本年度办理结果", "（一）予以公开", "", "1", "0", "0", "0", "0", "0", "1"],
        ["", "（三）不予公开", "1.属于国家秘密", "1", "0", "0", "0", "0", "0", "1"],
        ["", "", "2.其他法律行政法规禁止公开", "1", "0", "0", "0", "0", "0", "1"],
        ["", "（七）总计", "", "2", "0", "0", "0", "0", "0", "3"],
    ]
    options = {"table": T3_LOCATOR, "checks": [
        {"check": "column_sum", "total": "总计", "parts": ["（一）予以公开", "（三）不予公开/*"]}]}  # fmt: skip
    findings = run_rule(make_rule("table", options), [{"table": rows}])
    assert [(f.location.col, f.expected, f.actual) for f in findings] == [(3, "3", "2")]


# --- equations ---------------------------------------------------------------------------------

BALANCE = {
    "check": "equation",
    "axis": "column",
    "lhs": ["本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量"],
    "rhs": ["（七）总计", "结转下年度继续办理"],
    "anchor": ["结转下年度继续办理", "（七）总计"],
}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"一": [5], "二": [1], "（七）": [5], "四": [1]}, []),
        ({"一": [5], "二": [1], "（七）": [5], "四": [0]}, [("四、结转下年度继续办理", "1", "0")]),
        ({"一": [1], "二": [0], "（七）": [3], "四": [0]}, [("（七）总计", "1", "3")]),
        ({"一": [1], "二": [2], "（七）": [1], "四": [0]}, [("四、结转下年度继续办理", "2", "0")]),
    ],
)
def test_balance_blames_carry_over_unless_it_would_be_negative(
    values: dict[str, list[int]], expected: list[tuple[str, str, str]]
) -> None:
    rule = make_rule("table", {"table": T3_LOCATOR, "checks": [BALANCE]})
    findings = run_rule(rule, [table3(values)])
    assert [(f.messages["en"].split("|")[0], f.expected, f.actual) for f in findings] == expected


def test_equation_across_columns_of_each_table4_group() -> None:
    check = {"check": "equation", "axis": "row", "lhs": ["复议后起诉/总计"],
             "rhs": ["复议后起诉/结果维持", "复议后起诉/结果纠正", "复议后起诉/其他结果", "复议后起诉/尚未审结"]}  # fmt: skip
    rule = make_rule("table", {"table": {"header": ["行政复议", "行政诉讼"]}, "checks": [check]})
    assert run_rule(rule, [table4([0] * 10 + [1, 1, 0, 0, 2])]) == []
    findings = run_rule(rule, [table4([0] * 10 + [1, 1, 0, 1, 2])])
    assert [(f.location.col, f.expected, f.actual) for f in findings] == [(14, "3", "2")]
    assert findings[0].messages["en"].split("|")[1] == "行政诉讼/复议后起诉/总计"


def test_table4_groups_are_checked_separately() -> None:
    check = {"check": "row_sum", "groups": ["行政复议", "未经复议直接起诉", "复议后起诉"], "total": "总计",
             "parts": ["结果维持", "结果纠正", "其他结果", "尚未审结"]}  # fmt: skip
    rule = make_rule("table", {"table": {"header": ["行政复议", "行政诉讼"]}, "checks": [check]})
    values = [1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1]
    findings = run_rule(rule, [table4(values)])
    assert [(f.location.col, f.expected, f.actual) for f in findings] == [(9, "1", "0")]


# --- cells that cannot be verified -------------------------------------------------------------


def test_placeholder_and_blank_cells_are_reported_and_their_sums_skipped() -> None:
    numeric = make_rule("table", {"table": T3_LOCATOR, "checks": [{"check": "numeric"}]}, Severity.WARNING)
    sums = make_rule("table", {"table": T3_LOCATOR, "checks": [ROW_SUM, COLUMN_SUM, BALANCE]})
    blocks = [table3({"一": ["/", 0, 0, 0, 0, 0, 3], "（七）": [0, "", 0, 0, 0, 0, 9], "四": ["无"]})]
    flagged = run_rule(numeric, blocks)
    assert [(f.excerpt, f.severity) for f in flagged] == [
        ("/", Severity.WARNING),
        ("", Severity.WARNING),
        ("无", Severity.WARNING),
    ]
    assert [f.anchor for f in flagged] == ["cell"] * 3
    # row 一 (with "/"), column 商业企业 (blank) and column 自然人 (with "/" and "无") are not evaluated;
    # the 总计 column is: (七) says 9, the results add up to 0 and 一 + 二 - 四 is 3.
    assert [(f.location.row, f.location.col, f.expected) for f in run_rule(sums, blocks)] == [
        (26, 9, "0"),
        (26, 9, "3"),
    ]


def test_a_table_left_blank_has_every_value_cell_reported() -> None:
    rule = make_rule("table", {"table": {"header": ["行政复议", "行政诉讼"]}, "checks": [{"check": "numeric"}]})
    findings = run_rule(rule, [table4([""] * 15)])
    assert [(f.location.row, f.location.col) for f in findings] == [(3, c) for c in range(15)]


def test_numeric_check_reads_a_merged_value_cell_once() -> None:
    rule = make_rule("table", {"table": {"contains": ["信息内容"]}, "checks": [
        {"check": "numeric", "rows": ["行政许可", "行政处罚", "规章"]}]})  # fmt: skip
    blocks = [{"table": [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "1", ""],
                         ["信息内容", "本年处理决定数量", "<"], ["行政许可", "/", "<"]]}]  # fmt: skip
    assert sorted(f.excerpt for f in run_rule(rule, blocks)) == ["", "/"]


def test_text_in_a_value_cell_cannot_be_verified() -> None:
    rule = make_rule("table", {"table": T3_LOCATOR, "checks": [{"check": "numeric", "rows": ["（七）总计"]}]})
    findings = run_rule(rule, [table3({"（七）": ["见附件"]})])
    assert [f.actual for f in findings] == ["见附件"]


# --- locating the table ------------------------------------------------------------------------


def test_a_missing_table_is_reported_only_when_required() -> None:
    blocks = [
        "2023年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        "无。",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    options = {"table": {**T3_LOCATOR, "section": ["applications"]}, "checks": [ROW_SUM]}
    assert run_rule(make_rule("table", options), blocks, fragment_pack()) == []
    findings = run_rule(make_rule("table", {**options, "required": True}), blocks, fragment_pack())
    assert [(f.anchor, f.excerpt) for f in findings] == [(ANCHOR_MISSING, "三、收到和处理政府信息公开申请情况")]


def test_locator_section_restricts_where_the_table_may_be() -> None:
    bad = table3({"一": [1, 0, 0, 0, 0, 0, 0]})
    in_wrong_section = ["二、主动公开政府信息情况", bad, "三、收到和处理政府信息公开申请情况"]
    options = {"table": {**T3_LOCATOR, "section": ["applications"]}, "checks": [ROW_SUM]}
    assert run_rule(make_rule("table", options), in_wrong_section, fragment_pack()) == []
    in_right_section = ["三、收到和处理政府信息公开申请情况", bad]
    assert len(run_rule(make_rule("table", options), in_right_section, fragment_pack())) == 1


def test_an_ambiguous_label_is_an_error_of_the_rule() -> None:
    check = {"check": "row_sum", "total": "总计", "parts": ["结果维持"]}
    rule = make_rule("table", {"table": {"header": ["行政复议", "行政诉讼"]}, "checks": [check]})
    with pytest.raises(AmbiguousLabelError, match="总计"):
        run_rule(rule, [table4()])


def test_a_label_missing_from_the_table_makes_the_check_silent() -> None:
    check = {**ROW_SUM, "parts": [*ROW_SUM["parts"], "个体工商户"]}
    rule = make_rule("table", {"table": T3_LOCATOR, "checks": [check]})
    assert run_rule(rule, [table3({"一": [1, 0, 0, 0, 0, 0, 0]})]) == []


def test_unknown_check_kind_is_refused() -> None:
    rule = make_rule("table", {"table": T3_LOCATOR, "checks": [{"check": "average"}]})
    with pytest.raises(ValueError, match="average"):
        run_rule(rule, [table3()])


def test_memo_tables_carry_nothing_from_one_document_to_the_next() -> None:
    """Labels, cell values and lookups are memoised by text across documents: findings must not depend on order."""
    import docxlint.extract
    import docxlint.tables
    from docxlint.engine import lint_file

    def clear_memos() -> None:
        for module in (docxlint.tables, docxlint.extract):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()

    pack = fragment_pack()
    files = [
        ROOT / "fixtures" / name
        for name in ("sample-word.docx", "defect-t3-row-total.docx", "other-city-dept-2024-defect-t3-cell.docx")
    ]
    alone = {}
    for path in files:
        clear_memos()
        alone[path] = [f.to_dict() for f in lint_file(path, pack).findings]
    for path in [*files, *reversed(files)]:
        assert [f.to_dict() for f in lint_file(path, pack).findings] == alone[path]


def test_blank_cells_whose_neighbours_already_exceed_the_total() -> None:
    """Counts are not negative: numbers on one side adding up to more than the complete other side fail the sum."""
    sums = make_rule("table", {"table": T3_LOCATOR, "checks": [ROW_SUM, BALANCE]})
    exceeded = [table3({"（一）": [258, 12, "", "", 1, 1, 270]})]
    assert [(f.location.row, f.location.col, f.expected, f.actual) for f in run_rule(sums, exceeded)] == [
        (5, 9, "≥272", "270")
    ]
    # the blanks could hold the difference: nothing to say but that they are blank
    assert run_rule(sums, [table3({"（一）": [258, 12, "", "", 1, 1, 274]})]) == []
    # 一 + 二 against (七) + 四 with 二 blank: 一 alone is more than the other side; 四 is blamed, as
    # when nothing is blank (the 总计 column, complete, fails the ordinary way)
    balance = [table3({"一": [9, 0, 0, 0, 0, 0, 9], "二": ["", 0, 0, 0, 0, 0, 0], "（一）": [5, 0, 0, 0, 0, 0, 5],
                       "（七）": [5, 0, 0, 0, 0, 0, 5], "四": [2, 0, 0, 0, 0, 0, 2]})]  # fmt: skip
    assert [(f.location.row, f.location.col, f.expected) for f in run_rule(sums, balance)] == [
        (27, 3, "≥4"),
        (27, 9, "4"),
    ]


def test_a_blank_total_next_to_blank_parts_gets_a_lower_bound() -> None:
    infer = {"check": "numeric", "infer": [ROW_SUM]}
    rule = make_rule("table", {"table": T3_LOCATOR, "checks": [infer]}, Severity.WARNING)
    findings = run_rule(rule, [table3({"（一）": [258, 12, "", "", 1, 1, ""]})])
    assert [(f.location.col, f.expected) for f in findings] == [(5, None), (6, None), (9, "≥272")]


def test_many_blank_cells_are_one_finding_but_a_blank_total_keeps_its_own() -> None:
    numeric = {"check": "numeric", "infer": [ROW_SUM], "summarize_after": 5}
    rule = make_rule("table", {"table": T3_LOCATOR, "checks": [numeric]}, Severity.WARNING)
    rule.options["messages"] = {"cells": {"zh": "{count}个单元格", "en": "{count} cells"}}
    # a report that leaves every 0 blank, and one 总计 blank next to numbers
    blocks = [table3({"一": [3, 2, "", "", "", "", 5], "（一）": [3, 2, "", "", "", "", ""]}, blank="")]
    findings = run_rule(rule, blocks)
    summary, *rest = findings
    assert (summary.location.row, summary.location.col, summary.messages["zh"]) == (
        3,
        5,
        "169个单元格",
    )  # 25 rows × 7 - 5 numbers - 1 total
    assert [(f.location.row, f.location.col, f.expected) for f in rest] == [(5, 9, "≥5")]
    # up to the limit, each cell is its own finding
    few = [table3({"一": [3, 2, "", 0, 0, 0, 5]})]
    assert [(f.location.row, f.location.col) for f in run_rule(rule, few)] == [(3, 5)]


def test_unmerged_tables_have_no_blank_value_cells_to_report() -> None:
    """Table 二 written without merged cells: a value of a span fills its first cell, the others stay
    blank under a blank header cell; nothing is missing there."""
    from tests.test_tables import unmerged

    numeric = {
        "check": "numeric",
        "rows": ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"],
    }
    rule = make_rule("table", {"table": {"contains": ["信息内容"]}, "checks": [numeric]}, Severity.WARNING)
    table = unmerged(table2())
    assert run_rule(rule, [table]) == []
    slashed = {"table": [[text or "/" if i and row[0] in ("信息内容", "行政许可", "行政处罚", "行政强制", "行政事业性收费")
                          else text for i, text in enumerate(row)] for row in table["table"]]}  # fmt: skip
    assert run_rule(rule, [slashed]) == []  # "/" written where a span was
    row = next(r for r in table["table"] if r[0] == "行政规范性文件")
    row[2] = ""  # a value under a named column left blank is still reported
    assert [f.excerpt for f in run_rule(rule, [table])] == [""]


def test_a_note_across_the_whole_table_is_not_a_value_cell() -> None:
    rule = make_rule("table", {"table": T3_LOCATOR, "checks": [{"check": "numeric"}]}, Severity.WARNING)
    table = table3()
    table["table"].append(["注：本表数据统计截至2024年12月31日。", *["<"] * 9])
    assert run_rule(rule, [table]) == []


def test_a_cell_finding_anchors_on_the_cell_paragraph_with_text() -> None:
    rule = make_rule("table", {"table": T3_LOCATOR, "checks": [ROW_SUM]})
    table = table3({"一": [3, 2, 1, 0, 0, 0, 5]})
    row = next(r for r in table["table"] if r[0].startswith("一、"))
    row[-1] = "\n5\n"  # empty paragraphs around the number, as some writers leave them
    (finding,) = run_rule(rule, [table])
    assert (finding.excerpt, finding.expected) == ("5", "6")


def test_a_missing_table2_is_reported_and_a_present_one_is_not() -> None:
    from tests.check_helpers import bundled, report, run

    rule = bundled().rule("table2-unverifiable-cells")
    (finding,) = run(rule, report())
    assert finding.anchor == ANCHOR_MISSING and "表二" in finding.message("zh")
    assert run(rule, report(bodies={1: [table2()]})) == []
