"""The section tree on paragraphs that hold a heading line and body lines (PDF conversions, Shift+Enter)."""

from __future__ import annotations

import pytest

from docxlint.engine import check_context
from docxlint.examples import build_document
from tests.check_helpers import HEADINGS, bundled, make_rule, report, run

ALL_STRUCTURE = make_rule(
    "required-sections",
    {"checks": ["presence", "order", "duplicates", "unknown", "numbering", "sub-numbering", "announced"]},
)
BODY = "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进政务公开工作。"


SECTION_IDS = ["overview", "active-disclosure", "applications", "review-litigation", "problems", "other-matters"]
STRUCTURE = make_rule("required-sections", {"checks": ["presence", "order", "duplicates", "announced"]})


def tree_of(blocks: list[str]):
    return check_context(build_document({"blocks": blocks}), bundled()).sections


def joined(heading: str, *lines: str) -> str:
    """One paragraph: the heading line, then line breaks and body lines, as pdf2docx writes it."""
    return "\t" + "\n\t".join([heading, *lines])


def test_heading_line_followed_by_body_lines_is_a_heading_and_its_body_is_content() -> None:
    headings = [joined(h, BODY) for h in HEADINGS]
    tree = tree_of(report(headings=headings))
    top = [s for s in tree.top() if s.heading is not None]
    assert [(s.number, s.title) for s in top] == [(h[:2], h[2:]) for h in HEADINGS]
    assert all(s.id is not None for s in top)
    assert all(s.heading is not None and s.heading.text[s.body_start :] == "\t" + BODY for s in top)
    assert run(ALL_STRUCTURE, report(headings=headings)) == []


def test_a_fact_in_the_body_lines_of_a_heading_paragraph_is_read() -> None:
    rule = bundled().rule("proposal-count-consistency")
    blocks = report(
        headings=[
            joined(HEADINGS[0], "全年共收到市级政协提案2件、区级政协提案3件，均已按时办复。" + BODY),
            *HEADINGS[1:5],
            joined(HEADINGS[5], "全年共收到市级政协提案6件、区级政协提案3件。" + BODY),
        ],
        bodies={},
    )
    (finding,) = run(rule, blocks)
    assert (finding.excerpt, finding.expected) == ("市级政协提案6件", "2")


def test_two_heading_lines_in_one_paragraph_make_a_section_and_its_first_subsection() -> None:
    fifth = joined(HEADINGS[4], "（一）上年问题整改情况", "一是加强信息发布审核，" + BODY)
    blocks = report(headings=[*HEADINGS[:4], fifth, HEADINGS[5]], bodies={4: ["（二）存在的主要问题", BODY]})
    tree = tree_of(blocks)
    (section,) = tree.find("problems")
    assert [(c.number, c.title) for c in section.children] == [
        ("（一）", "上年问题整改情况"),
        ("（二）", "存在的主要问题"),
    ]
    first = section.children[0]
    assert first.heading is section.heading and first.heading_start == section.body_start
    para = section.heading
    assert para is not None and para.text[slice(*first.heading_span())] == "（一）上年问题整改情况"
    assert [p.index for p in section.paragraphs(include_heading=True)].count(para.index) == 1
    assert run(ALL_STRUCTURE, blocks) == []


def test_a_short_heading_wrapped_onto_two_lines_stays_one_heading() -> None:
    wrapped = "四、政府信息公开行政复议、\n行政诉讼情况"
    tree = tree_of(report(headings=[*HEADINGS[:3], wrapped, *HEADINGS[4:]]))
    (section,) = tree.find("review-litigation")
    assert section.body_start is None and section.heading_span() == (0, len(wrapped))


def test_a_finding_on_such_a_heading_covers_only_the_heading_line() -> None:
    structure = make_rule("required-sections", {"checks": ["presence", "order", "duplicates"]})
    headings = [*HEADINGS[:3], joined("四、行政复议和诉讼", BODY), *HEADINGS[4:]]
    (finding,) = run(structure, report(headings=headings))
    assert (finding.excerpt, finding.actual) == ("四、行政复议和诉讼", "行政复议和诉讼")


def test_a_long_body_paragraph_whose_first_line_is_not_numbered_is_no_heading() -> None:
    tree = tree_of(report(bodies={0: ["本年度工作概述\n" + BODY]}))
    assert len([s for s in tree.root.walk() if s.heading is not None and s.level == 1]) == len(HEADINGS)


def test_a_short_paragraph_of_a_heading_line_and_a_subheading_line_makes_both() -> None:
    fifth = "五、存在的主要问题及改进情况\n（一）存在的主要问题"
    blocks = report(headings=[*HEADINGS[:4], fifth, HEADINGS[5]], bodies={4: [BODY, "（二）改进情况", BODY]})
    (section,) = tree_of(blocks).find("problems")
    assert (section.title, [c.title for c in section.children]) == (
        "存在的主要问题及改进情况",
        ["存在的主要问题", "改进情况"],
    )
    assert run(ALL_STRUCTURE, blocks) == []


def test_a_numbered_item_inside_a_section_is_named_under_it() -> None:
    """ "一、存在的主要问题" inside section 五 is an item of 五: findings and places say so."""
    text_sum = bundled().rule("text-sum")
    items = [
        "一、存在的主要问题",
        "全年主动公开政府信息96条，其中普法宣传信息42条、公共法律服务信息31条、工作动态13条。",
        "二、改进措施",
        BODY,
    ]
    (finding,) = run(text_sum, report(bodies={4: items}))
    assert finding.section == "五、存在的主要问题及改进情况 / 一、存在的主要问题"
    proposals = bundled().rule("proposal-count-consistency")
    blocks = report(
        bodies={0: ["一、建议提案办理情况", "全年共收到市级政协提案2件。"], 5: ["全年共收到市级政协提案6件。"]}
    )
    (finding,) = run(proposals, blocks)
    assert "“一、总体情况”中的“市级政协提案2件”" in finding.message("zh")


def test_section_titles_numbered_in_another_form_are_headings_and_their_numbers_are_reported() -> None:
    """An HTML list that lost its Chinese numbering comes back as "1.总体情况", "2.主动公开…"."""
    numbering = make_rule("required-sections", {"checks": ["numbering"]})
    headings = [f"{i}.{h[2:]}" for i, h in enumerate(HEADINGS, start=1)]
    blocks = report(headings=headings)
    assert run(STRUCTURE, blocks) == []
    findings = run(numbering, blocks)
    assert [(f.excerpt, f.expected) for f in findings] == [(f"{i}.", f"{c}、") for i, c in enumerate("一二三四五六", 1)]


@pytest.mark.parametrize("labels", ["壹贰叁肆伍陆", "甲乙丙丁戊己"])
def test_sections_numbered_with_capital_or_stem_numerals_are_found(labels: str) -> None:
    numbering = make_rule("required-sections", {"checks": ["numbering"]})
    blocks = report(headings=[f"{c}、{h[2:]}" for c, h in zip(labels, HEADINGS, strict=True)])
    assert run(STRUCTURE, blocks) == []
    assert [f.excerpt for f in run(numbering, blocks)] == [f"{c}、" for c in labels]


def test_sections_numbered_one_level_down_are_the_sections_with_their_subsections() -> None:
    """ "（一）总体情况"…"（六）其他需要报告的事项", with "1." sub-headings and an alias among them."""
    headings = [f"（{c}）{h[2:]}" for c, h in zip("一二三四五六", HEADINGS, strict=True)]
    tree = tree_of(report(headings=headings, bodies={0: ["1.主动公开情况", BODY, "2.依申请公开情况", BODY]}))
    top = [s for s in tree.top() if s.heading is not None]
    assert [s.id for s in top] == SECTION_IDS
    assert run(STRUCTURE, report(headings=headings)) == []


def test_titles_make_headings_only_when_no_heading_is_numbered_as_the_format_says() -> None:
    """In a report numbered 一、二、… a short line that is a section's title or alias ("主动公开情况"
    inside 二) stays body text; titles are looked at only when no outermost heading was found."""
    tree = tree_of(report(bodies={1: ["主动公开情况", BODY, "总体情况", BODY]}))
    assert [s.id for s in tree.top() if s.heading is not None] == SECTION_IDS
    unnumbered = tree_of(report(headings=[h[2:] for h in HEADINGS]))
    assert [s.title for s in unnumbered.top() if s.heading is not None] == [h[2:] for h in HEADINGS]


def test_a_table_of_contents_names_sections_without_starting_them() -> None:
    """Word's TOC (styles "toc 1") or a typed one (dot leaders, page numbers) before the body."""
    contents = [
        "目  录",
        {"p": "一、总体情况\t2", "style": "toc 1"},
        "二、主动公开政府信息情况……………3",
        "三、收到和处理政府信息公开申请情况 ....... 4",
        {"p": "四、政府信息公开行政复议、行政诉讼情况", "style": "TOC 1"},
    ]
    blocks = report(intro=[*contents, report()[1]])
    tree = tree_of(blocks)
    assert [s.title for s in tree.root.children if s.heading is not None] == [h[2:] for h in HEADINGS]
    assert run(bundled().rule("report-sections"), blocks) == []
