"""Rule type ``rate``: 办结率 and 公开率 quoted in the text fit the counts of table 三."""

from __future__ import annotations

from typing import Any

import pytest

from docxlint.checks.base import Rule
from docxlint.findings import Severity
from tests.test_check_table import fragment_pack, run_rule, table3


def natural(n: int | str) -> list[int | str]:
    """A row of table 三 whose applications all come from natural persons."""
    return [n, 0, 0, 0, 0, 0, n]


# 新收 67 + 上年结转 3 = 70; 办结 64 (予以公开 24, 部分公开 7, 其他处理 33); 结转下年度 6
COUNTS = {"一": 67, "二": 3, "（一）": 24, "（二）": 7, "（六）": 33, "（七）": 64, "四": 6}
TABLE = table3({key: natural(n) for key, n in COUNTS.items()})


def rates() -> Rule:
    return fragment_pack().rule("application-rates")


def flagged(
    text: str, table: dict[str, Any] = TABLE, section: str = "三、收到和处理政府信息公开申请情况"
) -> list[tuple[str, str]]:
    findings = run_rule(rates(), [section, text, table], fragment_pack())
    return [(f.excerpt, f.expected) for f in findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年需办理申请70件，已办结64件，办结率94.1%。", [("94.1%", "91.4%")]),
        ("已办结64件，办结率达95.5%。", [("95.5%", "91.4%")]),  # over the new applications only
        ("已办结64件，办结率100%。", [("100%", "91%")]),
        ("办结率91.5%。", [("91.5%", "91.4%")]),  # 64 ÷ 70 = 91.43%: neither rounded nor truncated
        ("公开率（含部分公开）为44.8%。", [("44.8%", "48.4%")]),
        ("依申请公开率为50%。", [("50%", "48%")]),
    ],
)
def test_a_rate_that_fits_no_pair_of_table_three(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "全年需办理申请70件，已办结64件，办结率91.4%。",
        "已办结64件，办结率91.42%。",
        "公开率（含部分公开）为48.4%，予以公开率37.5%。",  # 31 of 64, 24 of 64
        "公开率44.3%。",  # 31 of the 70 to handle
        "按时办结率100%，及时答复率100%。",  # timeliness: not in table 三
        "全年办理网民留言60条，办结率100%。",  # the rate of something else
        "12345热线工单办结率98.5%。",
        "主动公开率100%。",
        "办结率91.4%，其中新收申请办结率89.6%；上年办结率为80.6%。",  # other rates than this year's
        # rates of other things than the applications
        "重大行政决策预公开率达100%，财政预决算公开率100%，行政规范性文件公开率达100%。",
        "全年主动公开政府信息1200条，政府信息公开率100%。",
    ],
)
def test_rates_that_fit_or_are_about_something_else(text: str) -> None:
    assert flagged(text) == []


def test_rates_in_section_one_are_read_too() -> None:
    blocks = [
        "一、总体情况",
        "全年共办结政府信息公开申请64件，办结率94.1%。",
        "三、收到和处理政府信息公开申请情况",
        TABLE,
    ]
    assert [(f.excerpt, f.expected, f.severity) for f in run_rule(rates(), blocks, fragment_pack())] == [
        ("94.1%", "91.4%", Severity.WARNING)
    ]


def test_a_packs_pattern_without_the_percentage_reads_nothing() -> None:
    rule = rates()
    own = Rule(
        id=rule.id, type=rule.type, severity=rule.severity, messages=rule.messages,
        options={"rates": [{**rule.options["rates"][0], "pattern": "办结率"}]},
    )  # fmt: skip
    assert run_rule(own, ["三、收到和处理政府信息公开申请情况", "办结率94.1%。", TABLE], fragment_pack()) == []


def test_nothing_is_said_without_the_counts() -> None:
    assert flagged("办结率94.1%。", table3({"一": natural(67), "二": natural(3), "四": natural(6)}, blank="")) == []
    assert flagged("办结率94.1%。", table3({})) == []  # no application at all: no denominator
    assert run_rule(rates(), ["三、收到和处理政府信息公开申请情况", "办结率94.1%。"], fragment_pack()) == []


def test_the_message_names_the_counts() -> None:
    (finding,) = run_rule(rates(), ["三、收到和处理政府信息公开申请情况", "办结率94.1%。", TABLE], fragment_pack())
    assert (
        finding.message("zh") == "“94.1%”与表三不符：按表三（七）总计（64）÷表三新收与上年结转申请之和（70）应为91.4%"
    )
