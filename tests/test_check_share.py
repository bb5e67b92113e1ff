"""share: "A件，占P%" matches A over a total the text states."""

from __future__ import annotations

from decimal import Decimal

import pytest

from docxlint.checks.share import Share, explains
from tests.check_helpers import bundled, make_rule, report, run

RULE = make_rule("share", {"min_shares": 2})
LEAD = "2024年，我局共受理政府信息公开申请155件，办结152件。"


def body(text: str) -> list:
    return report(bodies={0: [text]})


@pytest.mark.parametrize(
    ("text", "excerpt", "expected"),
    [
        (LEAD + "予以公开68件，占47.4%；部分公开17件，占11.2%；无法提供53件，占34.9%。", "47.4%", "44.7%"),
        (LEAD + "自然人申请128件，占82.6%；法人或其他组织申请27件，占27.4%。", "27.4%", "17.4%"),
        (LEAD + "予以公开68件（占44.7%），部分公开17件（占比为12.2%），无法提供53件（占34.9%）。", "12.2%", "11.2%"),
        (LEAD + "予以公开68件，占45%；部分公开17件，占11%；无法提供53件，占53%。", "53%", "35%"),
    ],
)
def test_a_share_that_does_not_fit_the_lists_total(text: str, excerpt: str, expected: str) -> None:
    (finding,) = run(RULE, body(text))
    assert (finding.excerpt, finding.actual, finding.expected) == (excerpt, excerpt, expected)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # two shares of the count the list breaks down: one that fits settles the denominator
        ("2023年共收到申请74件。已办结69件，其中予以公开24件，占43.8%；部分公开10件，占14.5%；不予公开4件。", ["43.8%"]),
        ("2023年共收到申请74件。已办结69件，其中予以公开24件，占34.8%；部分公开10件，占14.9%；不予公开4件。", ["14.9%"]),
        ("2023年共收到申请74件。已办结69件，其中予以公开24件，占34.8%；部分公开10件，占14.5%；不予公开4件。", []),
        # neither share fits the count before "其中": its denominator is not stated
        ("2023年共收到申请74件。已办结69件，其中予以公开24件，占30%；部分公开10件，占20%。", []),
    ],
)
def test_two_shares_of_the_count_the_list_breaks_down(text: str, flagged: list[str]) -> None:
    assert [f.excerpt for f in run(bundled().rule("share-of-total"), body(text))] == flagged


@pytest.mark.parametrize(
    ("text", "excerpt", "expected"),
    [
        (LEAD + "予以公开68件，约占55%；部分公开17件，约占11%；无法提供53件，约占35%。", "55%", "45%"),
        (LEAD + "予以公开68件，同比增长10%，占54.7%；部分公开17件，占11.2%；无法提供53件，占34.9%。", "54.7%", "44.7%"),
        (
            LEAD + "予以公开68件，占44.7%；部分公开17件，较上年减少2件，占12.2%；无法提供53件，占34.9%。",
            "12.2%",
            "11.2%",
        ),
        # two parallel lists: the n-th count goes with the n-th percentage
        (LEAD + "予以公开、部分公开、无法提供分别为68件、17件、53件，分别占54.7%、11.2%、34.9%。", "54.7%", "44.7%"),
        (LEAD + "自然人、法人分别提出申请128件、27件，分别占82.6%、27.4%。", "27.4%", "17.4%"),
        (LEAD + "予以公开68件、部分公开17件，分别占办结总数的44.7%和12.2%；无法提供53件，占34.9%。", "12.2%", "11.2%"),
        # a count of the list is no denominator for the next share
        (LEAD + "予以公开68件，占44.7%；部分公开17件，占25.0%；无法提供53件，占34.9%。", "25.0%", "11.2%"),
        # parallel lists after other counts of the sentence
        (
            "全年受理申请155件，办结152件，予以公开68件、部分公开17件、无法提供53件，分别占54.7%、11.2%、34.9%。",
            "54.7%",
            "44.7%",
        ),
        (LEAD + "予以公开68件，占比约为45%；部分公开17件，占比约为11%；无法提供53件，占比约为55%。", "55%", "35%"),
        # approximate, but not that far off
        (LEAD + "予以公开68件，约占47%；部分公开17件，约占11%；无法提供53件，约占35%。", "47%", "45%"),
    ],
)
def test_approximate_compared_and_respective_shares(text: str, excerpt: str, expected: str) -> None:
    (finding,) = run(bundled().rule("share-of-total"), body(text))
    assert (finding.excerpt, finding.expected) == (excerpt, expected)


@pytest.mark.parametrize(
    "text",
    [
        LEAD + "予以公开68件，约占45%；部分公开17件，约占11%；无法提供53件，约占35%。",
        LEAD + "予以公开68件，同比增长10%，占44.7%；部分公开17件，占11.2%；无法提供53件，占34.9%。",
        LEAD + "予以公开、部分公开、无法提供分别为68件、17件、53件，分别占44.7%、11.2%、34.9%。",
        LEAD + "自然人、法人分别提出申请128件、27件，分别占82.6%、17.4%。",
        LEAD + "予以公开68件、部分公开17件，分别占办结总数的44.7%和11.2%；无法提供53件，占34.9%。",
        # "约": within one of the last digit written
        LEAD + "予以公开68件，约占44%；部分公开17件，约占12%；无法提供53件，约占35%。",
        # a share of a count of the list itself, not of the list's total
        "2023年，我厅新收政府信息公开申请64件。全年办结60件。予以公开24件、部分公开8件，分别占办结总数的40%和13.3%；"
        "无法提供19件，其中本机关不掌握相关政府信息17件，占89.5%。",
        # another total
        LEAD + "予以公开68件、部分公开17件，分别占全市的24.7%、11.2%；无法提供53件，占34.9%。",
        # lists of different lengths cannot be paired
        LEAD + "予以公开、部分公开分别为68件、17件、53件，分别占54.7%、11.2%。",
        # a rise, not a share
        LEAD + "予以公开、部分公开分别为68件、17件，分别增长54.7%、11.2%。",
        # percentages of last year's counts, not shares of a total
        LEAD + "予以公开68件、部分公开17件、无法提供53件，分别为上年的44.7%、11.2%、50%。",
        LEAD + "予以公开68件、部分公开17件、无法提供53件，分别为去年同期的44.7%、11.2%和120%。",
    ],
)
def test_approximate_compared_and_respective_shares_that_fit(text: str) -> None:
    assert run(bundled().rule("share-of-total"), body(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        # each list has its own total: applicants of the 155 received, results of the 152 completed
        LEAD
        + "自然人申请128件，占82.6%；法人或其他组织申请27件，占17.4%。予以公开68件，占44.7%；无法提供53件，占34.9%。",
        # truncated instead of rounded
        LEAD + "自然人申请128件，占82.5%；法人或其他组织申请27件，占17.4%。",
        # the denominator is not in the text
        "全年主动公开政府信息2746条，其中政策文件312条，占全市的12.5%；工作动态1200条，占比40%；人事信息80条，占比3%。",
        # a single share cannot be blamed on a list
        LEAD + "予以公开68件，占50%。",
        # whole percentages that fit
        LEAD + "予以公开68件，占45%；部分公开17件，占11%。",
        # one share fitting a stated count by chance is no evidence that the other is wrong
        "全年主动公开政府信息2746条，其中工作动态1200条，占比40%；人事信息80条，占比3%。",
        # shares of counts in another unit are another list
        LEAD + "答复申请人152人次，占100%；公开信息68条，占44.7%。",
    ],
)
def test_shares_that_fit_or_cannot_be_judged(text: str) -> None:
    assert run(RULE, body(text)) == []


def test_a_list_whose_shares_no_stated_count_explains_is_left_alone() -> None:
    text = LEAD + "予以公开68件，占40%；部分公开17件，占10%；无法提供53件，占30%。"
    assert run(RULE, body(text)) == []


def test_explains_rounds_or_truncates_to_the_written_decimals() -> None:
    share = Share(Decimal(1), "件", Decimal("33.3"), 1, (0, 0), 0)
    assert explains(share, Decimal(3))
    assert not explains(share, Decimal(4))
    assert explains(Share(Decimal(2), "件", Decimal("66.7"), 1, (0, 0), 0), Decimal(3))
    assert explains(Share(Decimal(2), "件", Decimal("66.6"), 1, (0, 0), 0), Decimal(3))
    assert not explains(Share(Decimal(5), "件", Decimal("100"), 0, (0, 0), 0), Decimal(3))


def test_message_names_part_and_total() -> None:
    rule = make_rule("share", {})
    rule.messages = {"en": "{part}/{total}={expected}, not {actual}"}
    (finding,) = run(rule, body(LEAD + "予以公开68件，占47.4%；部分公开17件，占11.2%；无法提供53件，占34.9%。"))
    assert finding.message("en") == "68件/152件=44.7%, not 47.4%"


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("本年度办结申请10件，其中予以公开4件，占办结总数的50.0%。", ["50.0%"]),
        ("予以公开4件，占全部办结申请的40%。", []),
        ("新收申请10件，其中自然人申请9件，占新收申请的80%。", ["80%"]),
        ("予以公开4件，占全市申请总数的12%。", []),  # another total, not in the tables
        # one share without a name: its count's own label says what it is a share of
        ("予以公开4件，占比60%。", ["60%"]),
        ("予以公开4件，占比40%。", []),
        ("全年自然人申请9件，占90%。", []),
        ("全年自然人申请9件，占80%。", ["80%"]),
        ("全年收到群众来信4件，占比60%。", []),  # nothing says what this is a share of
        ("全年自然人申请9件，占全年需办理申请总数的90%。", []),
        # approximate shares, and a comparison with last year between the count and its share
        ("予以公开4件，约占办结总数的50%。", ["50%"]),
        ("予以公开4件，约占办结总数的40%。", []),
        ("予以公开4件，同比增长33.3%，占办结总数的50%。", ["50%"]),
        ("予以公开4件，较上年增加1件，占办结总数的40%。", []),
    ],
)
def test_a_share_that_names_its_denominator_is_checked_alone(text: str, flagged: list[str]) -> None:
    table = {"table": [["", "<", "自然人", "商业企业", "总计"], ["一、本年新收政府信息公开申请数量", "<", "9", "1", "10"],
                       ["三、本年度办理结果", "（七）总计", "9", "1", "10"]]}  # fmt: skip
    blocks = ["2023年政府信息公开工作年度报告", "一、总体情况", text, "三、收到和处理政府信息公开申请情况", table]
    assert [f.excerpt for f in run(bundled().rule("share-of-total"), blocks)] == flagged
