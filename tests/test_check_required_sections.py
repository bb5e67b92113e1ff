"""required-sections: presence, order, duplicates, numbering, the intro's announced parts."""

from __future__ import annotations

import re

import pytest

from docxlint.checks.required_sections import DEFAULT_PART_PREFIX, DEFAULT_SEPARATOR, split_parts
from tests.check_helpers import CONTACT, HEADINGS, INTRO_PARTS, PERIOD, bundled, excerpts, make_rule, report, run

STRUCTURE = make_rule("required-sections", {"checks": ["presence", "order", "duplicates"]})
NUMBERING = make_rule("required-sections", {"checks": ["numbering", "sub-numbering"]})
ANNOUNCED = make_rule("required-sections", {"checks": ["announced"]})


def test_complete_report_passes_every_check() -> None:
    rule = make_rule(
        "required-sections",
        {"checks": ["presence", "order", "duplicates", "unknown", "numbering", "sub-numbering", "announced"]},
    )
    assert run(rule, report()) == []


def test_missing_section_is_reported_on_the_heading_it_should_precede() -> None:
    headings = HEADINGS[:3] + ["四、存在的主要问题及改进情况", "五、其他需要报告的事项"]
    (finding,) = run(STRUCTURE, report(headings=headings))
    assert finding.anchor == "missing"
    assert finding.excerpt == "四、存在的主要问题及改进情况"
    assert finding.expected == "政府信息公开行政复议、行政诉讼情况"


def test_missing_last_section_is_reported_on_the_previous_heading() -> None:
    (finding,) = run(STRUCTURE, report(headings=HEADINGS[:5]))
    assert finding.excerpt == HEADINGS[4] and finding.expected == "其他需要报告的事项"


def test_no_headings_at_all_reports_on_the_intro() -> None:
    findings = run(STRUCTURE, report(headings=[], signature=[]))
    assert len(findings) == 6
    assert {f.excerpt for f in findings} == {INTRO_PARTS + PERIOD + CONTACT}


def test_renamed_section_is_reported_once_on_the_stand_in() -> None:
    headings = HEADINGS[:3] + ["四、行政复议和诉讼"] + HEADINGS[4:]
    (finding,) = run(STRUCTURE, report(headings=headings))
    assert (finding.excerpt, finding.expected, finding.actual) == (
        "四、行政复议和诉讼",
        HEADINGS[3][2:],
        "行政复议和诉讼",
    )


def test_unknown_heading_only_when_asked() -> None:
    headings = HEADINGS + ["七、工作亮点"]
    assert run(STRUCTURE, report(headings=headings)) == []
    rule = make_rule("required-sections", {"checks": ["unknown"]})
    assert excerpts(run(rule, report(headings=headings))) == ["七、工作亮点"]


def test_order() -> None:
    headings = HEADINGS[:3] + ["四、存在的主要问题及改进情况", "五、政府信息公开行政复议、行政诉讼情况"] + HEADINGS[5:]
    (finding,) = run(STRUCTURE, report(headings=headings))
    assert (finding.excerpt, finding.expected) == ("五、政府信息公开行政复议、行政诉讼情况", "四、")


def test_duplicates() -> None:
    (finding,) = run(STRUCTURE, report(headings=HEADINGS + ["七、其他需要报告的事项"]))
    assert finding.excerpt == "七、其他需要报告的事项" and finding.actual == "其他需要报告的事项"


def test_wording_variants_are_recognised() -> None:
    headings = HEADINGS[:3] + [
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "五、政府信息公开工作存在的主要问题及改进情况",
        "六、其他需要报告的事项。",
    ]
    assert run(STRUCTURE, report(headings=headings)) == []


def test_per_kind_messages() -> None:
    rule = make_rule(
        "required-sections",
        {"messages": {"missing": {"zh": "缺少“{expected}”", "en": "missing {expected}"}}},
    )
    (finding,) = run(rule, report(headings=HEADINGS[:5]))
    assert finding.messages == {"zh": "缺少“其他需要报告的事项”", "en": "missing 其他需要报告的事项"}


def test_numbering_gap_and_repeat() -> None:
    headings = ["一、总体情况", "二、主动公开政府信息情况", "四、收到和处理政府信息公开申请情况"] + [
        "五、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    findings = run(NUMBERING, report(headings=headings))
    assert [(f.excerpt, f.expected) for f in findings] == [("四、", "三、"), ("五、", "六、")]


def test_numbering_with_automatic_labels_and_arabic_numerals() -> None:
    auto = [{"p": h[2:], "label": h[:2]} for h in HEADINGS]
    assert run(NUMBERING, report(headings=auto)) == []
    rule = make_rule("required-sections", {"checks": ["numbering"], "numbering_pattern": r"(?P<n>\d+)"})
    pack = bundled()
    from docxlint.rulepack import RulePack
    from docxlint.sections import HeadingLevel

    arabic = RulePack(
        **{**{f: getattr(pack, f) for f in pack.__slots__}, "headings": [HeadingLevel(1, re.compile(r"^\d+\."))]}
    )
    findings = run(rule, ["2023年报告", "1.总体情况", "2.主动公开", "4.其他"], pack=arabic)
    assert [(f.excerpt, f.expected) for f in findings] == [("4.", "3.")]


def test_sub_numbering_restarts_under_each_section() -> None:
    bodies = {0: ["（一）甲。", "（二）乙。", "（四）丁。"], 4: ["（一）问题。", "（二）改进。"]}
    findings = run(NUMBERING, report(bodies=bodies))
    assert [(f.excerpt, f.expected) for f in findings] == [("（四）", "（三）")]


def test_announced_count() -> None:
    intro = [INTRO_PARTS.replace("共六个部分", "共5个部分") + PERIOD]
    (finding,) = run(ANNOUNCED, report(intro=intro))
    assert (finding.excerpt, finding.expected, finding.actual) == ("5", "6", "5")
    intro = ["本报告分为五个部分。" + PERIOD]
    (finding,) = run(ANNOUNCED, report(intro=intro))
    assert (finding.excerpt, finding.expected) == ("五", "六")


@pytest.mark.parametrize("opening", ["全文分五部分：", "全文共五个部分：", "本报告包括五个方面："])
def test_announced_count_before_the_list(opening: str) -> None:
    parts = "总体情况；主动公开政府信息情况；收到和处理政府信息公开申请情况；政府信息公开行政复议、行政诉讼情况；存在的主要问题及改进情况。"
    findings = run(ANNOUNCED, report(intro=[opening + parts + PERIOD]))
    assert [(f.excerpt, f.expected) for f in findings] == [("五", "六"), (parts[:-1], "其他需要报告的事项")]


def test_announced_unknown_part_takes_the_place_of_the_unnamed_section() -> None:
    intro = [INTRO_PARTS.replace("存在的主要问题及改进情况", "政府信息公开的收费及减免情况")]
    (finding,) = run(ANNOUNCED, report(intro=intro))
    assert (finding.excerpt, finding.expected) == ("政府信息公开的收费及减免情况", "存在的主要问题及改进情况")


def test_announced_list_missing_a_section() -> None:
    intro = [INTRO_PARTS.replace("存在的主要问题及改进情况、", "").replace("共六个部分", "共六个部分")]
    findings = run(ANNOUNCED, report(intro=intro))
    assert [f.expected for f in findings] == ["存在的主要问题及改进情况"]
    assert findings[0].excerpt.startswith("总体情况、")


@pytest.mark.parametrize(
    "intro",
    [
        INTRO_PARTS,
        "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议、"
        "提起行政诉讼情况、政府信息公开工作存在的主要问题及改进情况和其他需要报告的事项等六部分内容。",
        "本年度报告由“总体情况”、“主动公开政府信息情况”、“收到和处理政府信息公开申请情况”、“政府信息公开行政复议、行政诉讼情况”、"
        "“存在的主要问题及改进情况”以及“其他需要报告的事项”六个部分组成。",
        "本报告分为一、总体情况；二、主动公开政府信息；三、收到和处理政府信息公开申请；四、政府信息公开行政复议、行政诉讼；"
        "五、存在的主要问题及改进情况；六、其他需要报告的事项，共6个部分。",
        "现将本机关2023年政府信息公开工作情况报告如下。",
        "全文分六部分：总体情况；主动公开政府信息情况；收到和处理政府信息公开申请情况；政府信息公开行政复议、行政诉讼情况；"
        "存在的主要问题及改进情况；其他需要报告的事项。",
        # names abridged: the title's characters in order, most of them kept
        "本报告包括总体情况，主动公开政府信息情况，收到和处理政府信息公开申请情况，政府信息公开行政复议、行政诉讼情况，"
        "存在的主要问题及改进情况，其他报告的事项共六个部分。",
        "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和诉讼情况、"
        "存在的主要问题及改进情况、其他需要报告的事项等六个部分。",
        # the compiler named first: "由X编制，由A、B…组成"
        "本报告由某局依据《中华人民共和国政府信息公开条例》编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开"
        "申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分组成。",
    ],
)
def test_announced_wording_variants_pass(intro: str) -> None:
    assert run(ANNOUNCED, report(intro=[intro + PERIOD])) == []


def test_split_parts_joins_names_that_contain_a_separator() -> None:
    text = "总体情况、因政府信息公开被申请行政复议、提起行政诉讼情况、存在的主要问题及改进情况和其他需要报告的事项"
    parts = split_parts(
        text, (0, len(text)), re.compile(DEFAULT_SEPARATOR), re.compile(DEFAULT_PART_PREFIX), bundled().sections
    )
    assert [(p.name, p.section and p.section.id) for p in parts] == [
        ("总体情况", "overview"),
        ("因政府信息公开被申请行政复议、提起行政诉讼情况", "review-litigation"),
        ("存在的主要问题及改进情况", "problems"),
        ("其他需要报告的事项", "other-matters"),
    ]


def test_numbered_items_inside_a_section_are_not_top_headings() -> None:
    bodies = {4: ["存在以下问题。", "一、更新不及时", "具体情况……", "二、加强审核", "下一步……"]}
    rule = make_rule("required-sections", {"checks": ["presence", "order", "numbering", "announced", "unknown"]})
    blocks = report(intro=[INTRO_PARTS + PERIOD + CONTACT], bodies=bodies)
    assert run(rule, blocks) == []


def test_numbered_items_that_name_sections_inside_section_one_are_not_top_headings() -> None:
    """ "一、主动公开情况 … 二、依申请公开情况" under 一、总体情况 restart the count: items, not duplicates."""
    bodies = {0: ["一、主动公开情况", "全年主动公开政府信息31件。", "二、依申请公开情况", "全年收到申请0件。"]}
    rule = make_rule("required-sections", {"checks": ["presence", "order", "duplicates", "numbering", "announced"]})
    assert run(rule, report(bodies=bodies)) == []


def test_a_repeated_section_under_its_own_number_is_still_a_duplicate() -> None:
    (finding,) = run(STRUCTURE, report(headings=HEADINGS + ["六、其他需要报告的事项"]))
    assert finding.actual == "其他需要报告的事项"


def test_a_section_after_a_run_of_items_is_a_heading_again() -> None:
    """Items 一、…五、 inside section 五 are followed by 六、其他需要报告的事项, which continues their count."""
    items = [f"{n}、措施{n}" for n in "一二三四五"]
    bodies = {4: ["存在以下问题。", *items]}
    rule = make_rule("required-sections", {"checks": ["presence", "order", "duplicates", "numbering"]})
    assert run(rule, report(bodies=bodies)) == []


@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        # a list that restarted before section 五: both sections are there, misnumbered
        (["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
          "四、政府信息公开行政复议、行政诉讼情况", "一、存在的主要问题及改进情况", "二、其他需要报告的事项"],
         [("一、", "五、")]),
        # a heading that lost its number, another put one level down
        (["一、总体情况", "二、主动公开政府信息情况", "收到和处理政府信息公开申请情况",
          "三、政府信息公开行政复议、行政诉讼情况", "四、存在的主要问题及改进情况", "五、其他需要报告的事项"],
         [("收到和处理政府信息公开申请情况", "三、"), ("三、", "四、")]),
        # a heading put on the second level of the headings' list (automatic numbering)
        ([{"p": "总体情况", "label": "一、", "list": 3}, {"p": "主动公开政府信息情况", "label": "（六）", "list": 3, "list_level": 1},
          {"p": "收到和处理政府信息公开申请情况", "label": "二、", "list": 3},
          {"p": "政府信息公开行政复议、行政诉讼情况", "label": "三、", "list": 3},
          {"p": "存在的主要问题及改进情况", "label": "四、", "list": 3}, {"p": "其他需要报告的事项", "label": "五、", "list": 3}],
         [("（六）", "二、"), ("二、", "三、")]),
    ],
)  # fmt: skip
def test_misnumbered_sections_are_found_at_their_place(headings: list[str], expected: list[tuple[str, str]]) -> None:
    assert run(bundled().rule("report-sections"), report(headings=headings)) == []
    findings = run(NUMBERING, report(headings=headings))
    assert [(f.excerpt, f.expected) for f in findings] == expected


def test_a_typed_sub_heading_titled_as_a_section_stays_a_sub_heading() -> None:
    """ "（一）主动公开政府信息情况" under 总体情况 (typed, not on the headings' list) is no second section 二."""
    auto = [{"p": h[2:], "label": h[:2], "list": 3} for h in HEADINGS]
    body = {0: ["（一）主动公开政府信息情况", "全年主动公开信息31条。"]}
    for headings in (None, auto):
        assert run(bundled().rule("report-sections"), report(headings=headings, bodies=body)) == []
        assert run(NUMBERING, report(headings=headings, bodies=body)) == []


def test_a_sub_heading_on_the_headings_list_titled_as_a_later_section_stays_a_sub_heading() -> None:
    """ "（一）主动公开政府信息情况" on the second level of the headings' own list, under 总体情况, while
    "二、主动公开政府信息情况" follows: a sub-heading, not section 二 put a level down (rt24)."""
    auto = [{"p": h[2:], "label": h[:2], "list": 3} for h in HEADINGS]
    sub = {"p": "主动公开政府信息情况", "label": "（一）", "list": 3, "list_level": 1}
    body = {0: [sub, "全年主动公开信息31条。"]}
    assert run(bundled().rule("report-sections"), report(headings=auto, bodies=body)) == []
    assert run(NUMBERING, report(headings=auto, bodies=body)) == []
