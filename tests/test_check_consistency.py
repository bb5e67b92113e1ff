"""Rule type ``consistency``: one fact, one value, wherever the report states it."""

from __future__ import annotations

from typing import Any

import pytest

from docxlint.checks.base import Rule
from docxlint.examples import build_document, run_examples
from docxlint.findings import ANCHOR_CELL, ANCHOR_TEXT, Severity
from tests.test_check_table import (
    MANIFEST,
    assert_fixture,
    fixture_ids,
    fragment_pack,
    fragment_rules,
    lint,
    run_rule,
    sample_blocks,
    table3,
    table4,
)

CONSISTENCY_RULES = [r["id"] for r in fragment_rules() if r["type"] == "consistency"]
ALL_RULES = {r["id"] for r in fragment_rules()}
T3 = {"header": ["自然人", "商业企业"]}
T4 = {"header": ["行政复议", "行政诉讼"]}
COUNT = r"(?P<n>{{number}})件"


def consistency_rule(*facts: dict[str, Any], patterns: dict[str, str] | None = None) -> Rule:
    messages = {"zh": "{excerpt}≠{other}", "en": "{excerpt} != {other_en}"}
    return Rule(id="test-consistency", type="consistency", severity=Severity.ERROR, messages=messages,
                options={"facts": list(facts)})  # fmt: skip


def fact(*sources: dict[str, Any]) -> dict[str, Any]:
    return {"name": "test", "sources": list(sources)}


def fragment_rule(rule_id: str) -> Rule:
    return fragment_pack().rule(rule_id)


# --- the fragment and the sample report --------------------------------------------------------


@pytest.mark.parametrize("rule_id", CONSISTENCY_RULES)
def test_fragment_examples_of_consistency_rules(rule_id: str) -> None:
    results = run_examples(fragment_pack(), [rule_id])
    failed = [f"{r.name}: {'; '.join(r.problems)}" for r in results if not r.passed]
    assert results and not failed, failed


def test_the_sample_report_has_exactly_the_proposals_finding() -> None:
    findings = lint(build_document(sample_blocks()), fragment_pack(), ALL_RULES)
    assert [(f.rule_id, f.excerpt, f.expected, f.actual) for f in findings] == [
        ("proposal-count-consistency", "市级政协提案6件", "2", "6")
    ]
    f = findings[0]
    assert f.section == "六、其他需要报告的事项"
    assert "一、总体情况" in f.messages["zh"] and "市级政协提案2件" in f.messages["zh"]
    assert "市级政协提案2件" in f.messages["en"]


def test_the_corrected_sample_report_has_no_finding() -> None:
    assert lint(build_document(sample_blocks(city_proposals_in_six=2)), fragment_pack(), ALL_RULES) == []


# --- keys ----------------------------------------------------------------------------------------


def test_keys_split_a_fact_and_each_key_must_agree() -> None:
    rule = consistency_rule(fact({"pattern": r"(?P<key>[市区]级提案)" + COUNT}))
    blocks = ["收到市级提案2件、区级提案3件。", "收到市级提案2件、区级提案4件。"]
    findings = run_rule(rule, blocks)
    assert [(f.excerpt, f.expected, f.actual, f.location.paragraph) for f in findings] == [("区级提案4件", "3", "4", 1)]


def test_several_key_groups_make_one_key() -> None:
    rule = consistency_rule(fact({"pattern": r"(?P<key_role>主办|协办)?(?P<key>提案)" + COUNT}))
    assert run_rule(rule, ["主办提案2件，协办提案4件，提案6件。", "提案6件。"]) == []
    assert [f.actual for f in run_rule(rule, ["主办提案2件。", "主办提案3件。"])] == ["3"]


def test_the_value_stated_most_often_wins() -> None:
    rule = consistency_rule(fact({"pattern": r"提案" + COUNT}))
    findings = run_rule(rule, ["提案2件。", "提案6件。", "提案6件。"])
    assert [(f.location.paragraph, f.expected, f.actual) for f in findings] == [(0, "6", "2")]


def test_a_single_statement_is_never_a_finding() -> None:
    assert run_rule(consistency_rule(fact({"pattern": r"提案" + COUNT})), ["提案2件。"]) == []


# --- text against tables ------------------------------------------------------------------------


RECEIVED_CELL = {"cell": {"table": T3, "row": "本年新收政府信息公开申请数量", "col": "总计"}}


def test_text_disagreeing_with_a_table_is_anchored_on_the_text() -> None:
    rule = consistency_rule(fact({"pattern": r"收到申请" + COUNT}, RECEIVED_CELL))
    blocks = ["本年收到申请5件。", table3({"一": [4, 0, 0, 0, 0, 0, 4]}), "共收到申请4件。"]
    findings = run_rule(rule, blocks)
    assert [(f.anchor, f.excerpt, f.expected, f.actual) for f in findings] == [(ANCHOR_TEXT, "收到申请5件", "4", "5")]
    assert "本年新收政府信息公开申请数量" in findings[0].messages["zh"]


def test_tables_outweigh_repeated_text() -> None:
    rule = consistency_rule(fact({"pattern": r"收到申请" + COUNT}, RECEIVED_CELL))
    blocks = ["收到申请5件。", "收到申请5件。", table3({"一": [4, 0, 0, 0, 0, 0, 4]})]
    assert [f.expected for f in run_rule(rule, blocks)] == ["4", "4"]


def test_any_of_accepts_either_reading_of_received() -> None:
    either = {"any_of": [
        RECEIVED_CELL,
        {"cell": {"table": T3, "rows": ["本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量"], "col": "总计"}},
    ]}  # fmt: skip
    rule = consistency_rule(fact({"pattern": r"收到申请" + COUNT}, either))
    table = table3({"一": [5, 0, 0, 0, 0, 0, 5], "二": [1, 0, 0, 0, 0, 0, 1]})
    assert run_rule(rule, ["收到申请5件。", table]) == []
    assert run_rule(rule, ["收到申请6件。", table]) == []
    assert [(f.expected, f.actual) for f in run_rule(rule, ["收到申请7件。", table])] == [("5", "7")]


def test_a_cell_sum_over_columns_of_a_one_row_table() -> None:
    litigation = {"cell": {"table": T4, "cols": ["未经复议直接起诉/总计", "复议后起诉/总计"]}}
    rule = consistency_rule(fact({"pattern": r"行政诉讼" + COUNT}, litigation))
    table = table4([0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1])
    assert run_rule(rule, ["行政诉讼2件。", table]) == []
    assert [(f.expected, f.actual) for f in run_rule(rule, ["行政诉讼1件。", table])] == [("2", "1")]


def test_an_unverifiable_cell_gives_no_observation() -> None:
    rule = consistency_rule(fact({"pattern": r"收到申请" + COUNT}, RECEIVED_CELL))
    assert run_rule(rule, ["收到申请5件。", table3({"一": [4, 0, 0, 0, 0, 0, "/"]})]) == []


def test_two_cells_that_disagree_are_reported_on_the_later_cell() -> None:
    carried = {"cell": {"table": T3, "row": "结转下年度继续办理", "col": "总计"}}
    rule = consistency_rule(fact(RECEIVED_CELL, carried))
    findings = run_rule(rule, [table3({"一": [2, 0, 0, 0, 0, 0, 2], "四": [3, 0, 0, 0, 0, 0, 3]})])
    assert [(f.anchor, f.excerpt, f.expected) for f in findings] == [(ANCHOR_CELL, "3", "2")]


def test_a_constant_value_source_states_zero() -> None:
    rule = consistency_rule(fact({"pattern": r"未收到申请", "value": 0}, RECEIVED_CELL))
    assert run_rule(rule, ["本年度未收到申请。", table3()]) == []
    findings = run_rule(rule, ["本年度未收到申请。", table3({"一": [1, 0, 0, 0, 0, 0, 1]})])
    assert [(f.excerpt, f.expected, f.actual) for f in findings] == [("未收到申请", "1", "0")]


def test_named_patterns_and_scope() -> None:
    pack = fragment_pack()
    rule = consistency_rule(fact({"pattern": "收到{{application-noun}}" + COUNT, "scope": ["overview"]}, RECEIVED_CELL))
    blocks = ["一、总体情况", "收到公开申请0件。", "五、存在的主要问题及改进情况", "2022年收到公开申请3件。", table3()]
    assert run_rule(rule, blocks, pack) == []
    unscoped = consistency_rule(fact({"pattern": "收到{{application-noun}}" + COUNT}, RECEIVED_CELL))
    assert [f.actual for f in run_rule(unscoped, blocks, pack)] == ["3"]


# --- the fragment's text patterns on wordings seen in reports -----------------------------------


@pytest.mark.parametrize(
    ("text", "row_one", "flagged"),
    [
        ("本年度我局收到依申请公开政府信息0件。", 0, []),
        ("本年度共收到政府信息公开申请3件，上年结转1件。", 3, []),
        ("本年度新收政府信息公开申请3件。", 2, ["3"]),
        ("本年度收到政府信息公开申请0件，上年结转申请1件，已全部办结。", 0, []),
        ("本年度未收到政府信息公开申请。", 0, []),
        ("本年度未收到政府信息公开申请。", 2, ["0"]),
        ("共受理依申请公开申请2件，均在法定期限内答复。", 2, []),
        ("全年答复建议提案5件。", 0, []),
        ("收到人大代表建议3件、政协提案2件。", 0, []),
        ("收到行政复议申请2件。", 0, []),
        ("全年受理行政许可申请1200件。", 0, []),
        ("收到申请人补正材料2件。", 0, []),
        # 有 / 共有 between the noun and the count
        ("本年度收到的政府信息公开申请共有3件。", 3, []),
        ("本年度收到的政府信息公开申请共有3件。", 1, ["3"]),
        # the count before the noun, 数量为, the short noun 申请
        ("全年共有3件政府信息公开申请。", 3, []),
        ("全年共有3件政府信息公开申请。", 1, ["3"]),
        ("全年政府信息公开申请数量为3件。", 1, ["3"]),
        ("全年收到政府信息公开申请，总量为3件。", 1, ["3"]),
        ("全年收到申请3件。", 1, ["3"]),
        ("全年收到行政复议申请3件。", 1, []),
        ("从受理机关看，县政府办公室收到申请3件。", 1, []),
        ("全省各市州生态环境局共收到申请1032件，不在本报告统计范围内。", 1, []),
    ],
)
def test_received_wordings(text: str, row_one: int, flagged: list[str]) -> None:
    table = table3({"一": [row_one, 0, 0, 0, 0, 0, row_one], "二": [1, 0, 0, 0, 0, 0, 1],
                    "（一）": [row_one + 1, 0, 0, 0, 0, 0, row_one + 1], "（七）": [row_one + 1, 0, 0, 0, 0, 0, row_one + 1]})  # fmt: skip
    findings = run_rule(fragment_rule("text-table-consistency"), ["一、总体情况", text, table], fragment_pack())
    assert [f.actual for f in findings] == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("本年度共收到政府信息公开申请140件，上年结转5件，办结139件，结转下年度继续办理6件。", []),
        ("本年度共收到政府信息公开申请140件，上年结转5件，办结138件，结转下年度继续办理6件。", ["办结138件"]),
        (
            "本年度共收到政府信息公开申请140件，上年结转4件，办结139件，结转下年度继续办理5件。",
            ["上年结转4件", "结转下年度继续办理5件"],
        ),
        ("共办结政府信息公开申请139件。", []),
        ("收到政府信息公开申请140件，上年结转的申请已办结1件。", []),
        # the count of completed applications opening the next sentence
        ("本年度共收到政府信息公开申请140件，上年结转5件。全年办结138件。", ["办结138件"]),
        ("本年度共收到政府信息公开申请140件；上年结转5件。已办结138件。", ["办结138件"]),
        (
            "本年度收到政府信息公开申请140件，均为自然人提出。加上上年结转5件，全年应办理145件，办结138件。",
            ["办结138件"],
        ),
        ("本年度收到政府信息公开申请140件。全年承办人大代表建议12件，办结12件。", []),
        ("本年度共收到政府信息公开申请140件，均为自然人申请。截至12月31日，已办结139件。", []),
        # "申请" alone after the verb
        ("共答复申请138件。", ["答复申请138件"]),
        ("共办结申请139件，答复行政复议申请2件。", []),
        ("本年度共收到政府信息公开申请140件。全年办结人大代表建议12件，办结政协提案8件。", []),
        # the count before the verb, carry-overs named by 办理 or by the next year, 转结, 现已
        ("本年度共收到政府信息公开申请140件，上年度结转办理5件，现已办结139件，另有6件申请结转下年度继续办理。", []),
        (
            "本年度共收到政府信息公开申请140件，上年度转结申请4件，现已办结138件，尚有7件申请结转至2024年继续办理。",
            ["上年度转结申请4件", "办结138件"],  # a year-named carry-over needs the report year: below
        ),
        (
            "收到政府信息公开申请140件，上年结转5件，其中结转下年度7件，其余138件已办结。",
            ["结转下年度7件", "138件已办结"],
        ),
        ("本年度共有138件申请已办结。", ["138件申请已办结"]),
        # new plus carried-in: the applications to handle
        ("本年度共收到政府信息公开申请140件，加上上年结转5件，共需办理145件。", []),
        ("本年度共收到政府信息公开申请140件，加上上年结转5件，共需办理146件。", ["共需办理146件"]),
        ("全年需办理人大代表建议12件。", []),
        # "另有…" after the outcomes, in a sentence of its own
        ("本年度共收到政府信息公开申请140件，上年结转5件，办结139件；另有6件结转下年度办理。", []),
        (
            "本年度共收到政府信息公开申请140件，上年结转5件，办结139件；另有7件转入下一年度继续办理。",
            ["7件转入下一年度继续办理"],
        ),
        ("本年度共收到政府信息依申请公开件140件。", []),
        ("办结的139件申请中，予以公开139件。", []),
        ("办结的142件申请中，予以公开139件。", ["142件申请"]),
        ("被申请行政复议5件，已办结的4件中维持3件。", []),  # reviews, not applications
        ("本年度共收到政府信息依申请公开件141件。", ["收到政府信息依申请公开件141件"]),
        # "余…" opens a clause of its own about the rest of the applications
        ("本年度共收到政府信息公开申请140件，上年结转5件，办结139件；余六件结转下年度办理。", []),
        ("本年度共收到政府信息公开申请140件，上年结转5件，办结139件；余二件结转下年度办理。", ["二件结转下年度办理"]),
        ("受理群众信访件23件，办结21件；余2件结转下年度办理。", []),
        # the carry-over as a state at the year's end
        ("本年度共收到政府信息公开申请140件，截至2023年12月31日，尚有6件申请正在办理中。", []),
        ("本年度共收到政府信息公开申请140件，截至2023年12月31日，尚有7件申请正在办理中。", ["7件申请正在办理"]),
        ("本年度共收到政府信息公开申请140件，年度内未办结的7件已结转下年度。", ["年度内未办结的7件"]),
        ("本年度共收到政府信息公开申请140件，截至目前，尚有2件申请正在办理中。", []),  # not the year's end
        # "none carried": zero
        ("本年度共收到政府信息公开申请140件，无上年结转，无结转下年度办理的申请。", ["无上年结转", "无结转下年度"]),
        ("本年度共收到政府信息公开申请140件，没有上年结转的申请。", ["没有上年结转"]),
        # not these facts
        ("全年承办人大代表建议12件，共有12件已办结。", []),
        ("2022年度结转2023年度办理的申请3件已全部办结。", []),
        # counts of hotline tickets, petitions, arbitration cases and permits are other things
        ("全年受理12345热线工单386件，有379件已办结。", []),
        ("受理群众信访件23件，已办结21件，结转下年度继续办理2件。", []),
        ("受理劳动人事争议仲裁案件3812件，结案3645件，结转下年度167件。", []),
        ("建议提案无上年结转。", []),
        # last year's carry-over to its next year, and counts of a whole province's system
        ("本年度结转下年度继续办理6件，上年度结转下年度5件，上年同期结转下年度4件。", []),
        ("全省农业农村系统共收到政府信息公开申请1326件，办结1298件，结转下年度28件。", []),
        ("全省各级农业农村部门共办结政府信息公开申请1298件。", []),
        ("上年结转的5件申请已办结。", []),  # 5 carried in, not 5 completed in all
        ("全年受理行政许可申请1526件，作出行政许可决定1498件，其中结转2023年度28件。", []),
        # a count before its verb is an application's only in a sentence about applications
        ("全年受理网民留言236件均已办结。", []),
        ("全年共处理网民诉求120件，其中98件已办结，22件结转下年度继续办理。", []),
    ],
)
def test_handled_and_carried_wordings(text: str, flagged: list[str]) -> None:
    table = table3({"一": [140, 0, 0, 0, 0, 0, 140], "二": [5, 0, 0, 0, 0, 0, 5], "（一）": [139, 0, 0, 0, 0, 0, 139],
                    "（七）": [139, 0, 0, 0, 0, 0, 139], "四": [6, 0, 0, 0, 0, 0, 6]})  # fmt: skip
    findings = run_rule(fragment_rule("text-table-consistency"), ["一、总体情况", text, table], fragment_pack())
    assert sorted(f.excerpt for f in findings) == sorted(flagged)


def flagged_in_2023_report(text: str) -> list[str]:
    """Excerpts text-table-consistency flags in ``text``, in section 一 of a 2023 report whose table 三
    says 140 new, 5 carried in, 139 completed, 6 carried over."""
    table = table3({"一": [140, 0, 0, 0, 0, 0, 140], "二": [5, 0, 0, 0, 0, 0, 5], "（七）": [139, 0, 0, 0, 0, 0, 139],
                    "四": [6, 0, 0, 0, 0, 0, 6]})  # fmt: skip
    blocks = ["某局2023年政府信息公开工作年度报告", "一、总体情况", text, table]
    return [f.excerpt for f in run_rule(fragment_rule("text-table-consistency"), blocks, fragment_pack())]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("加上2022年结转的5件，全年共办理申请145件。", []),
        ("加上2022年结转的4件，全年共办理申请144件。", ["2022年结转的4件"]),
        ("2022年结转至2023年的4件已全部办结。", ["2022年结转至2023年的4件"]),
        ("2021年结转至2022年的4件已于上年办结。", []),  # the year before last: another fact
        ("其中结转2024年度6件。", []),
        ("其中结转2024年度7件。", ["结转2024年度7件"]),
        ("3件申请结转至2023年继续办理。", []),  # into the report year: not a carry-over to next year
        ("尚有7件申请结转至2024年继续办理。", ["7件申请结转至2024年继续办理"]),
    ],
)
def test_carry_overs_named_by_year(text: str, flagged: list[str]) -> None:
    """A carry-over that names its year is last year's (into this one) or this year's (into the next)."""
    assert flagged_in_2023_report(text) == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # last year's figures: the sentence names an earlier year before them
        ("去年同期新收政府信息公开申请102件。", []),
        ("上年度新收政府信息公开申请102件，办结99件，结转3件。", []),
        ("2022年，我局新收政府信息公开申请102件，本年度新收政府信息公开申请140件。", []),
        ("2022年，我局新收政府信息公开申请102件，本年度新收政府信息公开申请141件。", ["新收政府信息公开申请141件"]),
        ("新收政府信息公开申请140件，较上年减少15.7%（2022年：新收政府信息公开申请166件）。", []),
        ("无上年结转（上年未收到政府信息公开申请）。", ["无上年结转"]),
        ("2022年全年，我局新收政府信息公开申请102件。", []),
        ("去年全年新收政府信息公开申请102件。", []),
        ("2024年以来，已新收政府信息公开申请6件。", []),
        ("和上年度相比，新收政府信息公开申请141件。", ["新收政府信息公开申请141件"]),
        ("和2022年度相比，新收政府信息公开申请141件。", ["新收政府信息公开申请141件"]),
        ("相较于上年，新收政府信息公开申请141件。", ["新收政府信息公开申请141件"]),
        # a remark on last year in brackets ends with its bracket
        ("新收政府信息公开申请140件，同比增长10%（上年为127件），上年结转4件。", ["上年结转4件"]),
        # a comparison, "上年结转" and a later year do not make the rest last year's
        ("较上年增长10%，全年新收政府信息公开申请141件。", ["新收政府信息公开申请141件"]),
        ("与2022年相比，新收政府信息公开申请141件。", ["新收政府信息公开申请141件"]),
        ("上年结转5件，新收政府信息公开申请141件。", ["新收政府信息公开申请141件"]),
        ("结转2024年度6件；2023年全年新收政府信息公开申请141件。", ["新收政府信息公开申请141件"]),
        # a part of the whole: subordinate offices, the government's own level
        ("各辖市区分局共新收政府信息公开申请34件，均已纳入本表统计。", []),
        ("其中，市局本级新收政府信息公开申请52件。", []),
        ("与上年（新收政府信息公开申请120件）相比有所增加。", []),  # last year's, in its bracket
        ("与2022年（新收政府信息公开申请120件）相比有所增加。", []),
        ("我分局新收政府信息公开申请141件。", ["新收政府信息公开申请141件"]),
    ],
)
def test_last_years_figures_and_parts_of_the_whole(text: str, flagged: list[str]) -> None:
    assert flagged_in_2023_report(text) == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # parts of a county's figures: a department, a street, the government's own level
        ("县自然资源局收到政府信息公开申请41件。", []),
        ("城关街道收到政府信息公开申请9件，东城街道7件。", []),
        ("县政府本级办结31件，结转下年度1件。", []),
        ("某县人民政府收到政府信息公开申请141件。", ["收到政府信息公开申请141件"]),  # the report's own name
        ("2023年，县政府收到政府信息公开申请141件。", ["收到政府信息公开申请141件"]),
        ("2023年区政府（含区政府办公室）收到政府信息公开申请141件。", ["收到政府信息公开申请141件"]),
        # the government's general office, county departments, one channel: parts of the government's figures
        ("县政府办公室收到政府信息公开申请41件。", []),
        ("其中，县直部门新收政府信息公开申请52件。", []),
        ("其中，通过网上平台新收政府信息公开申请52件。", []),
        ("通过网站、信函等渠道共收到政府信息公开申请141件。", ["收到政府信息公开申请141件"]),  # every channel
        # a combined count, a later period
        ("新收和上年结转的145件申请中，已办结139件。", []),
        ("2024年1月以来，已新收政府信息公开申请6件。", []),
        # the agency's other review and lawsuit cases
        ("全年县政府作为被申请人的行政复议案件共3件，其中涉及政府信息公开的1件。", []),
        ("办理卫生健康行政复议案件4件（均不涉及政府信息公开）。", []),
        ("全年我局作为被告的行政诉讼案件共14件，主要涉及房屋征收补偿。", []),
        ("全年被申请行政复议和提起行政诉讼共11件，其中行政复议1件、行政诉讼10件。", []),
        ("全年被申请行政复议3件。", ["被申请行政复议3件"]),
        # documents checked for their disclosure attribute are not applications
        ("全年对1368件公文进行公开属性审查，其中主动公开712件、依申请公开135件、不予公开521件。", []),
    ],
)
def test_parts_of_the_whole_other_cases_and_other_periods(text: str, flagged: list[str]) -> None:
    table = table3({"一": [140, 0, 0, 0, 0, 0, 140], "二": [5, 0, 0, 0, 0, 0, 5], "（七）": [139, 0, 0, 0, 0, 0, 139],
                    "四": [6, 0, 0, 0, 0, 0, 6]})  # fmt: skip
    review = table4([1, 0, 0, 0, 1, 10, 0, 0, 0, 10, 0, 0, 0, 0, 0])
    blocks = ["某县人民政府", "2023年政府信息公开工作年度报告", "一、总体情况", text, table,
              "四、政府信息公开行政复议、行政诉讼情况", review]  # fmt: skip
    findings = run_rule(fragment_rule("text-table-consistency"), blocks, fragment_pack())
    assert [f.excerpt for f in findings] == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # the text agrees with the cells the wrong 总计 should add up: the table rule blames the table
        ("本年度共收到政府信息公开申请140件。", []),
        ("本年度共收到政府信息公开申请141件。", []),
        ("本年度共收到政府信息公开申请142件。", ["收到政府信息公开申请142件"]),
    ],
)
def test_a_total_its_own_cells_contradict_backs_either_value(text: str, flagged: list[str]) -> None:
    table = table3({"一": [139, 1, 0, 0, 0, 0, 141], "二": [0, 0, 0, 0, 0, 0, 0]})
    findings = run_rule(fragment_rule("text-table-consistency"), ["一、总体情况", text, table], fragment_pack())
    assert [f.excerpt for f in findings] == flagged
    if findings:
        assert findings[0].expected == "141"


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("予以公开60件，部分公开12件，不予公开9件，无法提供41件，不予处理10件，其他处理7件。", []),
        (
            "予以公开61件，部分公开12件，不予公开8件，无法提供41件，不予处理11件，其他处理6件。",
            ["予以公开61件", "不予公开8件", "不予处理11件", "其他处理6件"],
        ),
        ("予以公开及部分公开72件，无法提供41件。", []),
        ("予以公开和部分公开70件，其中部分公开12件。", ["予以公开和部分公开70件"]),
        ("因本机关不掌握等原因无法提供40件。", ["无法提供40件"]),
        # a part of a group, other units, other things refused are other facts
        ("不予公开中属于国家秘密的2件。", []),
        ("主动公开政府信息60条，不予公开的信息3条。", []),
        ("对行政许可申请不予处理的情形未发生。", []),
        ("受理政务服务事项2000件，其中30件予以公开。", []),
        ("办理结果中，有61件予以公开，另部分公开12件。", ["61件予以公开"]),  # outcomes name the topic
        # the count first, or after 的有
        ("办结的申请中，有60件予以公开，12件部分公开，无法提供的有41件，不予处理的有10件，7件作其他处理。", []),
        (
            "办结的申请中，有61件予以公开，部分公开的有13件，不予公开的有8件。",
            ["61件予以公开", "部分公开的有13件", "不予公开的有8件"],
        ),
    ],
)
def test_outcome_counts_against_table_three(text: str, flagged: list[str]) -> None:
    """Each outcome group of table 三 stated in the text: （三）–（六） are the sums of their items."""
    table = table3({"（一）": [55, 5, 0, 0, 0, 0, 60], "（二）": [12, 0, 0, 0, 0, 0, 12], "（三）1": [2, 0, 0, 0, 0, 0, 2],
                    "（三）8": [7, 0, 0, 0, 0, 0, 7], "（四）1": [40, 1, 0, 0, 0, 0, 41], "（五）2": [10, 0, 0, 0, 0, 0, 10],
                    "（六）1": [3, 0, 0, 0, 0, 0, 3], "（六）3": [4, 0, 0, 0, 0, 0, 4]})  # fmt: skip
    findings = run_rule(
        fragment_rule("text-table-consistency"), ["三、收到和处理政府信息公开申请情况", text, table], fragment_pack()
    )
    assert sorted(f.excerpt for f in findings) == sorted(flagged)


def test_outcome_counts_against_a_table_with_blank_cells() -> None:
    """A published report with 0s left blank: a count below what the filled cells add up to is wrong."""
    table = table3({"（一）": [258, 12, "", "", 1, 1, ""], "（二）": [3, "", "", "", "", "", ""]}, blank="")
    text = "予以公开及部分公开258件，予以公开272件。"
    findings = run_rule(
        fragment_rule("text-table-consistency"), ["三、收到和处理政府信息公开申请情况", text, table], fragment_pack()
    )
    assert [(f.excerpt, f.expected) for f in findings] == [("予以公开及部分公开258件", "≥275")]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("本年度发生政府信息公开行政复议1件、行政诉讼2件。", []),
        ("本年度被申请行政复议2件。", ["2"]),
        ("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", ["0", "0"]),
        ("全年未发生因信息公开引发的行政复议和诉讼。", ["0", "0"]),
        ("行政复议结果维持1件。", []),
        ("未发生行政复议被纠错的情况，行政诉讼2件。", []),
        # cases the agency handles as the reviewing body or as counsel are not cases against it
        ("全年办理行政复议案件86件，代理行政诉讼案件15件。", []),
        ("县政府行政复议机构全年收到行政复议申请312件，依法受理286件。", []),
        ("审理行政复议案件20件；本机关被申请行政复议2件。", ["2"]),
        ("县政府作为行政复议机关，全年共受理涉及政府信息公开的行政复议申请21件。", []),
        ("县政府作为行政复议机关，全年共受理涉及政府信息公开的行政复议申请21件；本机关被申请行政复议3件。", ["3"]),
        # lawsuits named short after the reviews
        ("行政复议1件，诉讼2件，均获维持。", []),
        ("行政复议1件，诉讼3件。", ["3"]),
        ("复议后起诉2件。", ["2"]),  # the group's total (1 in table 四), not all lawsuits
        # outcomes of reviews and lawsuits against table 四's columns
        ("行政复议结果维持2件。", ["2"]),
        ("行政复议被纠正1件。", ["1"]),
        ("行政诉讼被法院判决驳回诉讼请求1件。", []),
        ("行政诉讼案件尚未审结2件。", ["2"]),
        ("行政复议结果维持1件，行政诉讼结果维持1件，尚未审结1件。", []),
        ("县政府作为行政复议机关，维持原行政行为12件。", []),
        ("被申请行政复议1件，行政复议结果维持1件、纠正1件。", ["1"]),  # a list after the group's name
        ("法院判决驳回诉讼请求2件。", ["2"]),
        ("法院判决驳回诉讼请求1件。", []),
        # earlier years' cases and all lawsuits of every kind are not this year's table
        ("上年度被申请行政复议7件、被提起行政诉讼4件。", []),
        ("2021年被提起的行政诉讼2件，本年度均已审结。", []),
        ("全年市政府作为被告的各类行政诉讼案件共213件。", []),
        ("全县行政机关作为被告应诉的政府信息公开行政诉讼案件3件。", ["3"]),
        # outcomes of one group of lawsuits, of a reviewing body's cases, of an earlier year's case
        ("直接起诉的案件中，法院判决驳回诉讼请求2件。", []),
        ("区政府作为行政复议机关，全年受理行政复议申请86件。其中涉及政府信息公开的16件，行政复议结果维持9件。", []),
        ("2022年被申请行政复议的1件案件于本年审结，行政复议结果维持3件。", []),
        ("区政府作为第三人参加的行政诉讼尚未审结2件。", []),
        # outcomes in the sentence after the count of reviews, opened by 其中
        ("本年度被申请行政复议1件。其中，结果维持1件。", []),
        ("本年度被申请行政复议1件。其中，结果维持2件。", ["2"]),
        # outcomes after the groups in brackets
        ("被提起行政诉讼2件（未经复议直接起诉1件、复议后起诉1件），其中结果维持1件、尚未审结1件。", []),
        ("被提起行政诉讼2件（未经复议直接起诉1件、复议后起诉1件），其中结果维持2件。", ["2"]),
    ],
)
def test_review_and_litigation_wordings(text: str, flagged: list[str]) -> None:
    table = table4([1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1])
    findings = run_rule(fragment_rule("text-table-consistency"), ["一、总体情况", text, table], fragment_pack())
    assert [f.actual for f in findings] == flagged


@pytest.mark.parametrize(
    ("first", "second", "flagged"),
    [
        ("全年共收到市级政协提案2件、区级政协提案3件。", "全年共收到市级政协提案6件、区级政协提案3件。", ["6"]),
        ("承办人大代表建议和政协提案共8件。", "其中政协提案3件。", []),
        ("收到建议提案8件，其中建议5件、提案3件。", "建议5件、提案3件均已办结。", []),
        ("主办市级人大代表建议2件。", "协办市级人大代表建议4件。", []),
        ("收到省级政协提案十件。", "省级政协提案10件已全部办结。", []),
        ("收到市级人大代表建议4件。", "办结市级人大代表建议3件。", []),
        ("收到市政协提案2件。", "收到市级政协提案5件。", ["5"]),
        ("共提出意见建议3条。", "办理建议提案5件。", []),
        ("2022年收到市级政协提案5件。", "收到市级政协提案2件。", []),
        ("2023年共收到市级政协提案2件。", "收到市级政协提案6件。", ["6"]),
        ("上年收到市级政协提案5件，本年收到市级政协提案2件。", "市级政协提案2件已办结。", []),
        # the second count of a list of counts is a fact of its own
        ("全年共收到市级政协提案2件、区级政协提案3件。", "全年共收到市级政协提案2件、区级政协提案4件。", ["4"]),
        ("收到市级政协提案2件和区级政协提案3件。", "区级政协提案4件均已办结。", ["4"]),
        # …but an item of a combined count is not
        ("承办人大代表建议、政协提案共8件。", "政协提案3件已办结。", []),
        # other names of the same thing
        ("承办县人大代表建议156件、县政协委员提案218件。", "承办县人大建议156件、县政协提案281件。", ["281"]),
        ("收到市人大代表建议4件。", "收到市级代表建议5件。", ["5"]),
        # a role or 累计 at the start of a list qualifies every count of its clause
        (
            "主办区人大代表建议2件、区政协提案3件，协办区人大代表建议1件、区政协提案2件。",
            "共办理区人大代表建议3件、区政协提案5件。",
            [],
        ),
        ("机构组建以来累计办理区政协提案14件、区人大代表建议9件。", "全年共承办区人大代表建议3件、区政协提案5件。", []),
        ("主办区政协提案3件、区人大代表建议2件。", "主办区人大代表建议4件。", ["4"]),
    ],
)
def test_proposal_wordings(first: str, second: str, flagged: list[str]) -> None:
    blocks = ["2023年政府信息公开工作年度报告", "一、总体情况", first, "六、其他需要报告的事项", second]
    findings = run_rule(fragment_rule("proposal-count-consistency"), blocks, fragment_pack())
    assert [f.actual for f in findings] == flagged


@pytest.mark.parametrize("entry", MANIFEST, ids=fixture_ids(MANIFEST))
def test_fixture_consistency_defects(entry: dict[str, Any]) -> None:
    assert_fixture(entry, "consistency")


@pytest.mark.parametrize(
    ("text", "t4", "flagged"),
    [
        ("本年度被申请行政复议2件，均被复议机关维持。", [2, 0, 0, 0, 2] + [0] * 10, []),
        ("本年度被申请行政复议2件，均被复议机关维持。", [1, 1, 0, 0, 2] + [0] * 10, ["1"]),
        ("被申请行政复议1件，结果维持；未被提起行政诉讼。", [0, 0, 0, 1, 1] + [0] * 10, ["1"]),
        ("被提起行政诉讼3件，全部胜诉。", [0] * 5 + [2, 0, 0, 1, 3] + [0] * 5, ["1"]),
        ("被提起行政诉讼3件，均被法院判决驳回原告诉讼请求。", [0] * 5 + [3, 0, 0, 0, 3] + [0] * 5, []),
        # a count of upheld cases, not a claim about all of them
        ("行政复议2件，其中结果维持1件、结果纠正1件。", [1, 1, 0, 0, 2] + [0] * 10, []),
        # the agency as the reviewing body
        ("全年收到行政复议申请2件，均已办结，结果均为维持。", [1, 1, 0, 0, 2] + [0] * 10, []),
        # cells left blank: the known ones already contradict the claim, or say nothing
        ("被申请行政复议7件，均获维持。", [5, "", "", 2, 7] + [""] * 10, ["≥2"]),
        ("被申请行政复议7件，均获维持。", [7, "", "", "", 7] + [""] * 10, []),
        ("被申请行政复议7件，均获维持。", [7, "/", "0", "", 7] + [""] * 10, []),
    ],
)
def test_outcome_claims_against_table_four(text: str, t4: list[int], flagged: list[str]) -> None:
    blocks = ["一、总体情况", text, "四、政府信息公开行政复议、行政诉讼情况", table4(t4)]
    findings = run_rule(fragment_rule("review-outcome-claims"), blocks, fragment_pack())
    assert [f.expected for f in findings] == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("本年度制发行政规范性文件2件，废止1件，现行有效12件。", []),
        ("本年度制发行政规范性文件3件，废止1件，现行有效12件。", ["制发行政规范性文件3件"]),
        ("我局现行有效行政规范性文件21件，本年制发2件、废止1件。", ["现行有效行政规范性文件21件"]),
        ("我局现行有效行政规范性文件12件，本年制发2件、废止2件。", ["废止2件"]),
        # cumulative, other years, participation and clean-up counts are other facts
        ("截至2023年底，累计制发行政规范性文件56件。2022年制发行政规范性文件5件，废止3件。", []),
        ("参与制发市政府规范性文件3件，配合清理规范性文件12件，废止3件。", []),
        ("参与制发规范性文件3件，协助废止规范性文件2件。", []),
        ("审查行政规范性文件8件，现行有效2件。", []),
    ],
)
def test_normative_document_counts_against_table_two(text: str, flagged: list[str]) -> None:
    from tests.test_check_table import table2

    table = table2()
    for row in table["table"]:
        if row[0] == "行政规范性文件":
            row[1:] = ["2", "1", "12"]
    blocks = ["2023年政府信息公开工作年度报告", "一、总体情况", text, "二、主动公开政府信息情况", table]
    findings = run_rule(fragment_rule("regulatory-documents-consistency"), blocks, fragment_pack())
    assert sorted(f.excerpt for f in findings) == sorted(flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("全年作出行政许可决定1268件，行政处罚决定86件，行政强制决定2件。", []),
        ("全年作出行政许可决定1286件，行政处罚决定86件。", ["作出行政许可决定1286件"]),
        ("行政处罚决定书68份。", ["行政处罚决定书68份"]),
        # applications, and decisions of other years, are other counts
        ("受理行政许可申请1300件，申请行政许可决定公开3件。", []),
        ("全年作出行政许可决定0.13万件。", []),  # a rounded figure in 万
    ],
)
def test_decision_counts_against_table_two(text: str, flagged: list[str]) -> None:
    from tests.test_check_table import table2

    table = table2()
    for row in table["table"]:
        if row[0] in ("行政许可", "行政处罚", "行政强制"):
            row[1] = {"行政许可": "1268", "行政处罚": "86", "行政强制": "2"}[row[0]]
    blocks = ["2023年政府信息公开工作年度报告", "一、总体情况", text, "二、主动公开政府信息情况", table]
    findings = run_rule(fragment_rule("text-table-consistency"), blocks, fragment_pack())
    assert sorted(f.excerpt for f in findings) == sorted(flagged)


def test_proposals_handled_with_another_agency_and_a_citys_documents_are_other_counts() -> None:
    proposals = [
        "一、总体情况",
        "全年承办市政协提案23件。",
        "六、其他需要报告的事项",
        "会同市发展改革委办理市政协提案5件。",
    ]
    assert run_rule(fragment_rule("proposal-count-consistency"), proposals, fragment_pack()) == []
    documents = ["一、总体情况", "全市各部门全年制发行政规范性文件86件。", "全年制发行政规范性文件15件。"]
    assert run_rule(fragment_rule("regulatory-documents-consistency"), documents, fragment_pack()) == []
    documents[1] = "全年制发行政规范性文件86件。"
    assert [f.actual for f in run_rule(fragment_rule("regulatory-documents-consistency"), documents, fragment_pack())]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("全年新收政府信息公开申请140件，其中自然人申请130件，法人或其他组织申请10件。", []),
        (
            "全年新收政府信息公开申请140件，其中自然人申请131件，法人或其他组织申请9件。",
            ["自然人申请131件", "法人或其他组织申请9件"],
        ),
        ("从申请主体看，自然人提出申请131件。", ["自然人提出申请131件"]),
        # new plus carried-in
        ("需办理的145件中，自然人申请134件，法人或其他组织申请11件。", []),
        # a share of last year's carry-over, the rest of the legal persons
        ("上年结转5件中，自然人申请3件。", []),
        ("其中商业企业申请6件，其他各类法人或其他组织申请4件。", []),
        # each kind of legal person against its own column
        ("其中商业企业申请8件，科研机构申请1件。", ["商业企业申请8件"]),
        ("社会公益组织提出申请1件、法律服务机构提出申请2件。", ["法律服务机构提出申请2件"]),
        # a respective list: each count in its name's place
        ("自然人、商业企业、科研机构、社会公益组织、法律服务机构和其他组织分别提出130件、6件、1件、1件、1件、1件。", []),
        ("自然人、商业企业、科研机构、社会公益组织、法律服务机构和其他组织分别提出130件、8件、1件、1件、1件、1件。", ["8件"]),
        ("自然人和法人或其他组织申请分别为131件、9件。", ["131件", "9件"]),
        ("自然人、商业企业分别提出130件、6件、1件。", []),  # two names, three counts: not read
        # lists of something else: channels, the carried-in or completed applications
        ("网上申请、信函申请、当面申请及其他分别为120件、10件、5件、5件。", []),
        ("上年结转的自然人、商业企业申请分别为3件、1件。", []),
        ("自然人和法人申请的办结数量分别为47件、17件。", []),
        # new plus carried-in: a reading the text rules out when it counts the carried-in apart
        ("其中商业企业申请7件。", []),
        ("全年新收申请140件；另有上年结转申请5件。其中商业企业申请7件。", ["商业企业申请7件"]),
        ("全年受理申请145件（含上年结转申请5件），其中商业企业申请7件。", []),
        ("全年共受理申请145件，其中本年新收140件、上年结转5件。商业企业申请7件。", []),
        ("全年共受理政府信息公开申请145件，其中本年度新收140件，上年度结转5件。", []),
        ("全年共收到政府信息公开申请145件，其中2023年度新收申请140件，上年结转申请5件。", []),
        ("全年共受理政府信息公开申请145件，其中当年申请140件，上年结转申请5件。", []),
        ("全年共收到政府信息公开申请145件，办结139件。上年结转申请中有5件已办结。", []),
        ("本局受理政府信息公开申请145件（本年新收140件，上年结转5件）。", []),
    ],
)
def test_applicant_counts_against_table3(text: str, flagged: list[str]) -> None:
    table = table3({"一": [130, 6, 1, 1, 1, 1, 140], "二": [4, 1, 0, 0, 0, 0, 5], "（七）": [139, 0, 0, 0, 0, 0, 139]})
    findings = run_rule(fragment_rule("text-table-consistency"), ["一、总体情况", text, table], fragment_pack())
    assert sorted(f.excerpt for f in findings) == sorted(flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("全年办结146件，予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的分别为54件、21件、6件、47件、11件、7件。", []),
        ("全年办结146件，予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的分别为54件、21件、6件、47件、11件、9件。", ["9件"]),
        ("办理结果中，予以公开和部分公开分别为21件、54件。", ["21件", "54件"]),
    ],
)
def test_outcomes_in_a_respective_list(text: str, flagged: list[str]) -> None:
    table = table3({"（一）": [54, 0, 0, 0, 0, 0, 54], "（二）": [21, 0, 0, 0, 0, 0, 21], "（三）4": [6, 0, 0, 0, 0, 0, 6],
                    "（四）1": [47, 0, 0, 0, 0, 0, 47], "（五）1": [11, 0, 0, 0, 0, 0, 11], "（六）1": [7, 0, 0, 0, 0, 0, 7],
                    "（七）": [146, 0, 0, 0, 0, 0, 146]})  # fmt: skip
    findings = run_rule(fragment_rule("text-table-consistency"), ["一、总体情况", text, table], fragment_pack())
    assert sorted(f.excerpt for f in findings) == sorted(flagged)


def test_the_reports_own_agency_named_before_a_count_is_still_checked() -> None:
    """With the bundled pack the reporting agency is known: its own name is not another agency's."""
    from tests.check_helpers import run as run_bundled

    table = table3({"一": [140, 0, 0, 0, 0, 0, 140], "二": [5, 0, 0, 0, 0, 0, 5], "（七）": [139, 0, 0, 0, 0, 0, 139]})
    rule = fragment_rule("text-table-consistency")
    for text, flagged in [("县自然资源局收到政府信息公开申请141件。", ["收到政府信息公开申请141件"]),
                          ("县住房和城乡建设局收到政府信息公开申请41件。", [])]:  # fmt: skip
        blocks = ["某县自然资源局", "2023年政府信息公开工作年度报告", "一、总体情况", text, table, "某县自然资源局",
                  "2024年1月19日"]  # fmt: skip
        assert [f.excerpt for f in run_bundled(rule, blocks)] == flagged, text


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("被申请行政复议9件，其中结果维持5件、结果纠正2件、其他结果1件、尚未审结1件。", []),
        ("被申请行政复议9件，其中结果维持4件、结果纠正3件、其他结果1件、尚未审结1件。", ["结果维持4件", "结果纠正3件"]),
        ("被申请行政复议9件。行政复议中，结果维持5件、结果纠正2件、其他结果1件、尚未审结2件。", ["尚未审结2件"]),
        ("被提起行政诉讼8件，其中结果维持4件、结果纠正1件、尚未审结3件。", []),
        ("被提起行政诉讼8件，其中结果维持3件、结果纠正1件、尚未审结4件。", ["维持3件", "尚未审结4件"]),
        # the outcomes right after the count, without "其中"
        ("被申请行政复议9件，结果维持5件、结果纠正2件、其他结果1件、尚未审结1件。", []),
        ("被申请行政复议9件，结果维持4件、结果纠正3件、其他结果1件、尚未审结1件。", ["结果维持4件", "结果纠正3件"]),
        ("被提起行政诉讼8件，结果维持3件、结果纠正1件、尚未审结4件。", ["维持3件", "尚未审结4件"]),
        ("被申请行政复议9件，较上年减少2件，结果维持6件。", ["结果维持6件"]),
        # the count before the outcome
        ("发生行政复议9件，5件维持，2件纠正，1件其他结果，1件尚未审结。", []),
        ("发生行政复议9件，4件维持，3件纠正。", ["4件维持", "3件纠正"]),
        ("发生行政诉讼8件，4件维持，1件纠正，3件尚未审结。", []),
        ("发生行政诉讼8件，5件维持，3件尚未审结。", ["5件维持"]),
        # lawsuits broken down by route, then the outcomes of the concluded ones
        ("被提起行政诉讼8件，其中未经复议直接起诉8件，已审结的5件中维持4件、纠正1件，尚未审结3件。", []),
        ("被提起行政诉讼8件，其中未经复议直接起诉8件，已审结的5件中维持3件、纠正2件，尚未审结3件。", ["维持3件", "纠正2件"]),
        # lawsuits' outcomes in a respective list are not the reviews'
        ("被提起行政诉讼8件，其中结果维持、尚未审结分别为4件、3件。", []),
        # a subordinate unit's cases, named or not
        ("此外，厅属单位省公路事业发展中心因政府信息公开被申请行政复议2件，1件维持，1件尚未审结。", []),
        ("此外，厅属单位因政府信息公开工作被申请行政复议2件，1件维持，1件尚未审结。", []),
        # the reviewing body's cases, the subject carried over "；"
        ("市政府作为行政复议机关，审结901件；涉及政府信息公开的行政复议案件87件，其中结果维持41件，尚未审结9件。", []),
    ],
)
def test_outcomes_listed_after_a_comma_or_under_their_group(text: str, flagged: list[str]) -> None:
    # 复议: 维持5 纠正2 其他1 未结1 总计9; 直接起诉: 维持4 纠正1 其他0 未结3 总计8; 复议后起诉: none
    review = table4([5, 2, 1, 1, 9, 4, 1, 0, 3, 8, 0, 0, 0, 0, 0])
    blocks = ["四、政府信息公开行政复议、行政诉讼情况", text, review]
    findings = run_rule(fragment_rule("text-table-consistency"), blocks, fragment_pack())
    assert sorted(f.excerpt for f in findings) == sorted(flagged)


def test_corrected_cases_restated_among_the_problems() -> None:
    review = table4([5, 2, 1, 1, 9, 4, 1, 0, 3, 8, 0, 0, 0, 0, 0])
    for text, flagged in [("一是部分答复说理不够充分，被复议纠正2件。", []), ("一是部分答复说理不够充分，被复议纠正3件。", ["纠正3件"])]:
        blocks = ["四、政府信息公开行政复议、行政诉讼情况", review, "五、存在的主要问题及改进情况", text]
        findings = run_rule(fragment_rule("text-table-consistency"), blocks, fragment_pack())
        assert [f.excerpt for f in findings] == flagged, text


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("不予公开的12件中，保护第三方合法权益6件、属于行政执法案卷4件、属于行政查询事项2件。", []),
        (
            "不予公开的12件中，保护第三方合法权益6件、属于行政执法案卷2件、属于行政查询事项4件。",
            ["属于行政执法案卷2件", "属于行政查询事项4件"],
        ),
        ("无法提供的9件中，本机关不掌握相关政府信息7件，需要另行制作2件。", []),
        ("无法提供的9件中，本机关不掌握相关政府信息8件，需要另行制作1件。", ["本机关不掌握相关政府信息8件", "需要另行制作1件"]),
        ("不予处理的5件均为信访举报投诉类申请5件。", []),
        ("不予处理的5件中，重复申请3件。", ["重复申请3件"]),
        ("其中重复申请3件。", []),  # no outcome named in the sentence: not read as a sub-reason
        # the count before the reason
        ("不予公开的12件中，6件涉及保护第三方合法权益，4件属于行政执法案卷，2件属于行政查询事项。", []),
        ("不予公开的12件中，3件涉及保护第三方合法权益，4件属于行政执法案卷。", ["3件涉及保护第三方合法权益"]),
        ("无法提供的9件中，8件系本机关不掌握相关政府信息，1件需另行制作。", ["8件系本机关不掌握相关政府信息", "1件需另行制作"]),
        ("其中3件涉及保护第三方合法权益。", []),  # no outcome named in the sentence
        ("有9件因本机关不掌握相关信息等原因无法提供。", []),  # several reasons: the whole (9), not the sub-reason
        # all of an outcome's count given one reason
        ("不予处理5件，均为信访举报投诉类申请。", []),
        ("无法提供9件（均为本机关不掌握相关政府信息）。", ["9件（均为本机关不掌握相关政府信息"]),
        # not the sub-reason: a negation, the consultation of third parties
        ("经审查，不属于国家秘密的信息共8件。", []),
        ("不涉及第三方合法权益的申请3件已全部公开。", []),
        ("对涉及第三方合法权益的申请3件，均依法书面征求了第三方意见。", []),
        # a sub-reason written with its outcome: the sub-reason's count, not the outcome's
        ("因保护第三方合法权益不予公开的6件。", []),
        ("因保护第三方合法权益不予公开的5件。", ["因保护第三方合法权益不予公开的5件"]),
        ("不予公开的12件中，以属于行政执法案卷为由不予公开的4件。", []),
        ("因保护第三方合法权益等原因不予公开的11件。", ["不予公开的11件"]),  # several reasons: the whole (12)
        # two sub-reasons together, the words in another sense, a department's part
        ("不予公开的12件中，属于行政执法案卷和行政查询事项的合计6件。", []),
        ("全年受理群众信访举报投诉1,256件。", []),
        ("区住房和城乡建设局承办的申请中，因本机关不掌握相关政府信息无法提供的3件。", []),
    ],
)
def test_sub_reasons_against_their_rows_of_table3(text: str, flagged: list[str]) -> None:
    table = table3({"（三）4": [6, 0, 0, 0, 0, 0, 6], "（三）7": [4, 0, 0, 0, 0, 0, 4], "（三）8": [2, 0, 0, 0, 0, 0, 2],
                    "（四）1": [7, 0, 0, 0, 0, 0, 7], "（四）2": [2, 0, 0, 0, 0, 0, 2],
                    "（五）1": [5, 0, 0, 0, 0, 0, 5], "（五）2": [0, 0, 0, 0, 0, 0, 0], "（三）1": [0, 0, 0, 0, 0, 0, 0]})  # fmt: skip
    findings = run_rule(fragment_rule("text-table-consistency"), ["三、收到和处理政府信息公开申请情况", text, table],
                        fragment_pack())  # fmt: skip
    assert sorted(f.excerpt for f in findings) == sorted(flagged)


def test_a_fact_stated_thousands_of_times_is_read_a_bounded_number_of_times() -> None:
    """A hostile paragraph repeating one sentence with random counts: the work (and the findings) stay bounded."""
    from docxlint.checks.consistency import MAX_OBSERVATIONS

    text = "".join(f"全年发布政策解读{n}篇。" for n in range(1, 3 * MAX_OBSERVATIONS))
    findings = run_rule(fragment_rule("repeated-count-consistency"), ["一、总体情况", text], fragment_pack())
    assert 0 < len(findings) < MAX_OBSERVATIONS


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # 同意公开 is 予以公开; the 其他 column of legal persons
        ("已办结139件，其中同意公开130件、同意部分公开9件。", []),
        ("已办结139件，其中同意公开131件、同意部分公开8件。", ["同意公开131件", "部分公开8件"]),
        ("其中自然人申请130件，其他组织提出1件。", []),
        ("其中自然人申请130件，其他组织提出2件。", ["其他组织提出2件"]),
        # "other kinds" after the kinds named: the rest of the legal persons together (1 + 1 here)
        ("其中自然人申请130件、商业企业申请1件，其他类型申请人申请1件。", []),
        # a carry-over given with its reason
        ("另有6件申请因在法定答复期限内，结转下年度继续办理。", []),
        ("另有5件申请因在法定答复期限内，结转下年度继续办理。", ["5件申请因在法定答复期限内，结转下年度继续办理"]),
    ],
)
def test_outcome_applicant_and_carry_over_wordings(text: str, flagged: list[str]) -> None:
    table = table3({"一": [130, 1, 0, 0, 0, 1, 132], "（一）": [130, 0, 0, 0, 0, 0, 130], "（二）": [9, 0, 0, 0, 0, 0, 9],
                    "四": [6, 0, 0, 0, 0, 0, 6]})  # fmt: skip
    findings = run_rule(fragment_rule("text-table-consistency"), ["一、总体情况", text, table], fragment_pack())
    assert sorted(f.excerpt for f in findings) == sorted(flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("被提起行政诉讼2件，其中未经复议直接起诉1件、复议后起诉1件。", []),
        ("被提起行政诉讼2件，其中未经复议直接起诉2件、复议后起诉0件。", ["2", "0"]),
        ("被申请行政复议1件，其中其他结果1件。", ["1"]),
    ],
)
def test_lawsuit_groups_and_other_outcomes(text: str, flagged: list[str]) -> None:
    table = table4([1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1])
    findings = run_rule(fragment_rule("text-table-consistency"), ["一、总体情况", text, table], fragment_pack())
    assert sorted(f.actual for f in findings) == sorted(flagged)
