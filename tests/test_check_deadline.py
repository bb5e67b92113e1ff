"""deadline: the signature date is no later than the publication deadline."""

from __future__ import annotations

import calendar

import pytest

from docxlint.findings import Severity
from tests.check_helpers import BODIES, CONTACT, INTRO_PARTS, PERIOD, make_rule, report, run

RULE = make_rule("deadline")


@pytest.mark.parametrize(
    "signature",
    [
        ["某局", "2024年1月19日"],
        ["某局", "2024年1月31日"],
        ["某局", "二〇二四年一月十九日"],
        ["某局", "２０２４年１月２０日"],
        ["某局 2024年1月19日"],
        ["某局", "2024-01-30"],
        ["某局", "2024年1月"],
        [{"table": [["某局"], ["2024年1月19日"]]}],
    ],
)
def test_on_time_signatures_pass(signature: list) -> None:
    assert run(RULE, report(signature=signature)) == []


@pytest.mark.parametrize(
    ("signature", "excerpt"),
    [
        (["某局", "2024年2月5日"], "2024年2月5日"),
        (["某局", "二〇二四年三月一日"], "二〇二四年三月一日"),
        (["某局", "2024年2月"], "2024年2月"),
        (["某局", "2025年1月10日"], "2025年1月10日"),
    ],
)
def test_late_signature(signature: list, excerpt: str) -> None:
    (finding,) = run(RULE, report(signature=signature))
    assert (finding.excerpt, finding.expected, finding.severity) == (excerpt, "2024年1月31日", Severity.ERROR)


def test_deadline_options() -> None:
    earlier = make_rule("deadline", {"month": 1, "day": 28})
    (finding,) = run(earlier, report(signature=["某局", "2024年1月29日"]))
    assert finding.expected == "2024年1月28日"
    government_level = make_rule("deadline", {"month": 3, "day": 31})
    assert run(government_level, report(signature=["某局", "2024年3月15日"])) == []


def test_date_within_the_report_year_is_a_warning() -> None:
    (finding,) = run(RULE, report(signature=["某局", "2023年12月20日"]))
    assert finding.severity == Severity.WARNING and finding.expected == "2024年1月1日至2024年1月31日"
    quiet = make_rule("deadline", {"flag_early": False})
    assert run(quiet, report(signature=["某局", "2023年12月20日"])) == []


def test_missing_date() -> None:
    (finding,) = run(make_rule("deadline", {"missing_severity": "warning"}), report(signature=["某局"]))
    assert finding.anchor == "missing" and finding.excerpt == "某局" and finding.severity == Severity.WARNING
    assert run(make_rule("deadline", {"require_date": False}), report(signature=["某局"])) == []


def test_long_paragraphs_and_ranges_are_not_signatures() -> None:
    bodies = {5: ["本报告中所列数据的统计期限为2023年1月1日至2023年12月31日，于2024年2月5日前报送上级。"]}
    (finding,) = run(RULE, report(bodies=bodies, signature=["某局", "统计期限：2023年1月1日至12月31日"]))
    assert finding.anchor == "missing"


def test_date_under_the_title() -> None:
    blocks = report(intro=["（2024年2月2日）", INTRO_PARTS + PERIOD + CONTACT], signature=[])
    (finding,) = run(RULE, blocks)
    assert finding.excerpt == "2024年2月2日"


def test_date_pattern_option() -> None:
    rule = make_rule("deadline", {"date_pattern": r"发布日期[:：](?P<date>\S+)"})
    blocks = report(intro=["发布日期：2024年2月3日", INTRO_PARTS + PERIOD + CONTACT])
    (finding,) = run(rule, blocks)
    assert finding.excerpt == "2024年2月3日"


def test_no_report_year_no_finding() -> None:
    """No year in the title and no statistics period anywhere: no deadline to compare with."""
    bodies = {**BODIES, 5: ["本机关本年度未收取信息处理费。"]}
    blocks = report(title="政府信息公开工作年度报告", intro=[INTRO_PARTS + CONTACT], bodies=bodies, signature=["2030年1月1日"])
    assert run(RULE, blocks) == []


def test_wrong_title_year_does_not_make_the_report_late() -> None:
    """Title says 2022 but both period statements say 2023: the period rule reports the title; 2024-01-19 is on time."""
    assert run(RULE, report(title="2022年政府信息公开工作年度报告")) == []


def test_title_deadlines_pick_the_deadline_by_title() -> None:
    rule = make_rule("deadline", {"title_deadlines": [{"pattern": "县人民政府2023年", "month": 3, "day": 31}]})
    government = ["某县人民政府", *report(signature=["某县人民政府", "2024年3月20日"])]
    assert run(rule, government) == []
    department = ["某县人民政府办公室", *report(signature=["某县人民政府办公室", "2024年3月20日"])]
    (finding,) = run(rule, department)
    assert finding.expected == "2024年1月31日"


def test_title_deadlines_read_the_title_line_of_a_paragraph_that_goes_on() -> None:
    """A PDF converted to Word: the agency, the title and the introduction are lines of one paragraph."""
    rule = make_rule("deadline", {"title_deadlines": [{"pattern": "县人民政府2023年", "month": 3, "day": 31}]})
    title, intro, *rest = report(signature=["某县人民政府", "2024年3月20日"])
    for joint in ("\n\t", "\t\t"):
        assert run(rule, [joint.join(["\t某县人民政府", title, intro]), *rest]) == []


@pytest.mark.parametrize("space", [" ", "\u3000", ""])
def test_title_deadlines_read_a_title_the_introduction_follows_on_its_line(space: str) -> None:
    """The tab of a PDF-to-Word layout made a space (pandoc), or nothing: the title is still read."""
    rule = make_rule("deadline", {"title_deadlines": [{"pattern": "县人民政府2023年", "month": 3, "day": 31}]})
    title, intro, *rest = report(signature=["某县人民政府", "2024年3月20日"])
    assert run(rule, [space.join(["某县人民政府" + title, intro]), *rest]) == []


def test_days_in_month_agrees_with_calendar() -> None:
    from docxlint.checks.deadline import _days_in_month

    years = (1900, 2000, 2023, 2024)
    assert all(_days_in_month(y, m) == calendar.monthrange(y, m)[1] for y in years for m in range(1, 13))


def test_without_a_title_the_period_statements_give_the_year() -> None:
    (finding,) = run(RULE, report(title=None, signature=["某局", "2024年2月5日"]))
    assert (finding.excerpt, finding.expected) == ("2024年2月5日", "2024年1月31日")
