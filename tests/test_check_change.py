"""change: "较上年增长/减少P%" matches this year's and last year's counts stated with it."""

from __future__ import annotations

import pytest

from tests.check_helpers import bundled, make_rule, report, run

RULE = make_rule("change", {})


def body(text: str) -> list:
    return report(bodies={0: [text]})


@pytest.mark.parametrize(
    ("text", "excerpt", "expected"),
    [
        ("本年度新收政府信息公开申请43件，较上年减少16.0%（上年为50件）。", "减少16.0%", "减少14.0%"),
        ("主动公开政府信息528条，较上年增长21.6%（上年为469条）。", "增长21.6%", "增长12.6%"),
        ("主动公开政府信息528条，较上年的469条减少12.6%。", "减少12.6%", "增长12.6%"),
        ("新收申请43件，同比下降20%（2022年为50件）。", "下降20%", "减少14%"),
        ("新收申请４３件，较上年减少１６％（上年为５０件）。", "减少１６％", "减少14%"),
        ("新收申请43件，较上年减少16.0 %（上年为50件）。", "减少16.0 %", "减少14.0%"),  # a space before "%"
        # the count just before the change is the one compared, not an earlier one of the list
        ("收到市级政协提案2件、区级政协提案3件（较上年增长50.0%，上年为1件）。", "增长50.0%", "增长200.0%"),
        # words with numerals in them are not another count; full-width thousands are one number
        ("新收申请43件，一次性告知后较上年减少16.0%（上年为50件）。", "减少16.0%", "减少14.0%"),
        ("主动公开政府信息２８,７６４条，较上年的２７,０５９条增长9.9%。", "增长9.9%", "增长6.3%"),
        # a change in counts, alone or before the percentage
        ("本年度新收政府信息公开申请186件，较上年增加12件（上年为165件）。", "增加12件", "增加21件"),
        ("本年度新收政府信息公开申请186件，较上年减少21件（上年为165件）。", "减少21件", "增加21件"),
        ("新收申请186件，较上年的165件增加20件。", "增加20件", "增加21件"),
        ("主动公开信息2,317条，同比增加183条（上年为2,143条）。", "增加183条", "增加174条"),
        ("新收申请186件，同比增加21件、增长12.0%（上年为165件）。", "增长12.0%", "增长12.7%"),
        ("收到申请162件，较上年减少18件（上年为180件），下降11.1%。", "下降11.1%", "减少10.0%"),  # % after the bracket
        # the counts listed together, nearer what is written than the last of them
        ("全年承办市人大代表建议26件、市政协提案31件，较上年的52件增加6件。", "增加6件", "增加5件"),
    ],
)
def test_a_change_that_does_not_fit_its_counts(text: str, excerpt: str, expected: str) -> None:
    (finding,) = run(RULE, body(text))
    assert (finding.excerpt, finding.expected) == (excerpt, expected)
    # the same statement deep in a long paragraph (read only around "较"/"比")
    (finding,) = run(RULE, body("全年组织各类培训活动，" * 220 + text))
    assert (finding.excerpt, finding.expected) == (excerpt, expected)


def test_brackets_between_the_count_and_the_comparison_in_a_long_paragraph() -> None:
    brackets = "".join(f"（第{i}项说明：" + "相关情况" * 8 + "）" for i in range(4))
    text = "本年度新收政府信息公开申请43件" + brackets + "，较上年减少16.0%（上年为50件）。"
    for filler in ("", "全年组织各类培训活动，" * 220):
        (finding,) = run(RULE, body(filler + text))
        assert (finding.excerpt, finding.expected) == ("减少16.0%", "减少14.0%")


def test_a_packs_pattern_without_the_groups_reads_nothing() -> None:
    rule = make_rule("change", {"patterns": ["(?P<n>[0-9]+)件，较上年减少(?P<pct>[0-9.]+)%"]})
    assert run(rule, body("新收申请43件，较上年减少16.0%（上年为50件）。")) == []


@pytest.mark.parametrize(
    "text",
    [
        "本年度新收政府信息公开申请43件，较上年减少14.0%（上年为50件）。",
        "主动公开政府信息528条，较上年的469条增长12.5%。",  # truncated
        "主动公开政府信息528条，较上年的469条增长12.6%。",  # rounded
        "新收申请43件，同比下降14%。",  # last year's count not stated
        "本年度新收政府信息公开申请186件，较上年增加21件（上年为165件）。",
        "新收申请186件，同比增加21件、增长12.7%（上年为165件）。",
        "新收申请186件，较上年增加21件。",  # last year's count not stated
        "收到申请162件，较上年减少18件（上年为180件），下降10.0%。",
        # the comparison names its own subject: the count before it is of something else
        "2023年共受理政府信息公开申请79件（含上年结转4件），新收申请较上年减少9件（2022年为84件）。",
        "2023年共受理政府信息公开申请79件（含上年结转4件），新收申请同比下降10.7%（2022年为84件）。",
        "本局共收到政府信息公开申请162件，另有上年结转申请6件，新收申请较上年减少18件（上年为180件）。",
        # the change of the counts listed together
        "办理县人大代表建议十二件、县政协提案二十件，已全部办结，较上年的二十八件增加四件。",
        "办理县人大代表建议12件、县政协提案20件，较上年的28件增长14.3%。",
        "主动公开信息2,317条，较上年增加0.02万条（上年为2,134条）。",  # rounded to 万
        "答复率较上年提高5个百分点（上年为95%）。",  # points, not a count
        "新收申请3件，较上年增长100%（上年为0件）。",  # no base to divide by
        "新收申请43件，较上年减少14%；上年结转2件。",  # the count after is not last year's
        # this year's count, then its parts in brackets: the count before the brackets is compared
        "本年度新收申请72件（自然人52件、法人或其他组织20件），较上年的64件增长12.5%。",
        "本年度新收申请72件（其中自然人52件），较上年增长12.5%（上年为64件）。",
        # an earlier count in Chinese numerals is not the one compared
        "全年受理申请二十六件，其中新收二十三件，较上年的十九件增长21.1%。",
        "主动公开政府信息２８,７６４条，较上年的２７,０５９条增长6.3%。",
        # a count rounded to 万 cannot settle the percentage
        "全年主动公开政府信息0.49万条，较上年的4,315条增长12.7%。",
        # the change is of a part named after "其中", not of the count before the brackets
        "全年共需办理申请二十六件（本年新收二十三件、上年结转三件），其中新收申请较上年的十九件增长21.1%。",
    ],
)
def test_changes_that_fit_or_cannot_be_checked(text: str) -> None:
    assert run(RULE, body(text)) == []


def test_the_message_names_both_counts() -> None:
    rule = make_rule("change", {})
    rule.messages = {"en": "{actual}: {now} against {before}, expected {expected}"}
    (finding,) = run(rule, body("新收申请43件，较上年减少16%（上年为50件）。"))
    assert finding.message("en") == "减少16%: 43件 against 50件, expected 减少14%"


def test_last_year_named_by_the_wrong_year() -> None:
    """"同比减少20%（2022年为15件）" in a 2024 report: last year is 2023."""
    rule = bundled().rule("year-on-year-change")
    flagged = run(rule, ["2024年政府信息公开工作年度报告", "一、总体情况", "新收申请12件，同比减少20%（2022年为15件）。"])
    assert [(f.excerpt, f.expected) for f in flagged] == [("2022年", "2023年")]
    assert run(rule, ["2024年政府信息公开工作年度报告", "一、总体情况", "新收申请12件，同比减少20%（2023年为15件）。"]) == []
    assert run(rule, ["一、总体情况", "新收申请12件，同比减少20%（2022年为15件）。"]) == []  # no report year known
