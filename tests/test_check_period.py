"""period: the statistics period covers the report year, in every mention."""

from __future__ import annotations

import pytest

from tests.check_helpers import BODIES, CONTACT, INTRO_PARTS, make_rule, report, run

RULE = make_rule("period", {"accept_year_only": True, "accept_end_only": True})
NO_SIX = {k: v for k, v in BODIES.items() if k != 5}


def intro(statement: str) -> list[str]:
    return [INTRO_PARTS + statement + CONTACT]


@pytest.mark.parametrize(
    "statement",
    [
        "本报告中所列数据的统计时限为2023年1月1日至2023年12月31日。",
        "本年度报告中使用数据统计期限为2023年1月1日至12月31日。",
        "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。",
        "本报告中所列数据统计时间从2023年1月1日到2023年12月31日。",
        "数据统计时段：2023年1月1日—2023年12月31日。",
        "本报告统计期限为２０２３年１月１日至２０２３年１２月３１日。",
        "本报告统计期限为二〇二三年一月一日至二〇二三年十二月三十一日。",
        "本报告所列数据的统计期限为2023.1.1-2023.12.31。",
        "本报告数据统计期间为2023年1月至12月。",
        "本报告数据统计期间为2023年1-12月。",
        "本报告统计时限为2023年度。",
        "本报告数据统计截至2023年12月31日。",
        "报告期为2023年1月1日至2023年12月31日。",
        "报告中所列数据统计期为2023年1月1日至2023年12月31日。",
        "本报告所列统计数据的期限自2023年1月1日起，至2023年12月31日止。",  # a comma after 起
        "本报告统计数据从2023年1月1日至12月31日。",
        "本报告数据统计期间为2023年1月起，至12月止。",
        # a cut-off statement gives the end of the year
        "本报告中数据统计截止时间为2023年12月31日。",
        "本报告数据统计截止日期：2023年12月31日。",
        # looser wordings of the statement
        "报告中的数据，时间范围是2023年1月1日至2023年12月31日。",
        "报告里的数字，统计的是2023年1月1日到2023年12月31日这一年。",
        # the year first, then the dates without it
        "本报告所列数据统计时限为2023年全年（1月1日至12月31日）。",
        "本报告数据统计期限为2023年度（自1月1日起至12月31日止）。",
    ],
)
def test_whole_year_wordings_pass(statement: str) -> None:
    assert run(RULE, report(intro=intro(statement), bodies=NO_SIX)) == []


@pytest.mark.parametrize(
    ("statement", "excerpt"),
    [
        ("本报告中所列数据的统计期限为2022年1月1日至2022年12月31日。", "2022年1月1日至2022年12月31日"),
        ("本报告中所列数据的统计期限为2023年1月1日至2023年6月30日。", "2023年1月1日至2023年6月30日"),
        ("统计时间为2023年1月1日至12月30日。", "2023年1月1日至12月30日"),
        ("统计期限为2023年2月1日至2023年12月31日。", "2023年2月1日至2023年12月31日"),
        ("统计期限自2023年2月1日起，至2023年12月31日止。", "2023年2月1日起，至2023年12月31日止"),
        ("本报告数据统计期间为2023年1月至6月。", "2023年1月至6月"),
        ("本报告统计时限为2022年度。", "2022年度"),
        ("本报告统计期限为2023年1月1日起。", "2023年1月1日"),
        ("本报告中所列数据的统计期限为2023年1月1日至2024年12月31日。", "2023年1月1日至2024年12月31日"),
        ("本报告中数据统计截止时间为2023年6月30日。", "2023年6月30日"),
        ("本报告中数据统计截止时间为2022年12月31日。", "2022年12月31日"),
        ("本报告所列数据统计时限为2023年（1月1日至6月30日）。", "2023年（1月1日至6月30日）"),
        ("本报告所列数据统计时限为2022年全年（1月1日至12月31日）。", "2022年全年（1月1日至12月31日）"),
    ],
)
def test_wrong_or_partial_periods_are_flagged_on_the_range(statement: str, excerpt: str) -> None:
    (finding,) = run(RULE, report(intro=intro(statement), bodies=NO_SIX))
    assert finding.excerpt == excerpt
    assert finding.expected == "2023年1月1日至2023年12月31日"


def test_year_only_and_end_only_can_be_refused() -> None:
    strict = make_rule("period", {"accept_year_only": False, "accept_end_only": False})
    for statement in ("本报告统计时限为2023年度。", "本报告数据统计截至2023年12月31日。"):
        assert len(run(strict, report(intro=intro(statement), bodies=NO_SIX))) == 1


def test_every_mention_must_agree() -> None:
    bodies = {**BODIES, 5: ["本报告中所列数据的统计期限为2022年1月1日至2022年12月31日。"]}
    (finding,) = run(RULE, report(bodies=bodies))
    assert finding.excerpt == "2022年1月1日至2022年12月31日" and finding.section == "六、其他需要报告的事项"


def test_missing_statement_is_reported_on_the_intro() -> None:
    (finding,) = run(RULE, report(intro=intro(""), bodies=NO_SIX))
    assert finding.anchor == "missing" and finding.excerpt == INTRO_PARTS + CONTACT
    assert finding.expected == "2023年1月1日至2023年12月31日"
    optional = make_rule("period", {"required": False})
    assert run(optional, report(intro=intro(""), bodies=NO_SIX)) == []


def test_the_word_alone_is_not_a_statement() -> None:
    text = "严格按照统计时间节点报送数据。"
    (finding,) = run(RULE, report(intro=intro(text), bodies=NO_SIX))
    assert finding.anchor == "missing"


def test_title_year_disagreeing_with_every_statement_is_reported_on_the_title() -> None:
    (finding,) = run(RULE, report(title="某局2022年政府信息公开工作年度报告"))
    assert finding.excerpt == "2022年政府信息公开工作年度报告"
    assert finding.expected == "2023年政府信息公开工作年度报告"
    (finding,) = run(RULE, report(title="某局二〇二二年度政府信息公开工作年度报告"))
    assert finding.expected == "二〇二三年度政府信息公开工作年度报告"


def test_without_a_title_the_mentions_are_compared_with_each_other() -> None:
    bodies = {**BODIES, 5: ["本报告中所列数据的统计期限为2022年1月1日至2022年12月31日。"]}
    (finding,) = run(RULE, report(title=None, bodies=bodies))
    assert finding.excerpt == "2022年1月1日至2022年12月31日"
    assert run(RULE, report(title=None)) == []


def test_kind_messages() -> None:
    rule = make_rule("period", {"messages": {"wrong": {"zh": "应为{expected}", "en": "should be {expected}"}}})
    bodies = {**BODIES, 5: ["统计期限为2022年1月1日至2022年12月31日。"]}
    (finding,) = run(rule, report(bodies=bodies))
    assert finding.messages["en"] == "should be 2023年1月1日至2023年12月31日"
