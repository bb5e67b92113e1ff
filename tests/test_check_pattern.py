"""pattern: require / forbid a regex in a scope."""

from __future__ import annotations

from tests.check_helpers import HEADINGS, excerpts, make_rule, report, run


def test_forbid_reports_every_match_in_scope_only() -> None:
    rule = make_rule("pattern", {"pattern": "不及时", "mode": "forbid", "scope": ["problems"]})
    bodies = {0: ["更新不及时。"], 4: ["一是更新不及时。二是解读不及时。"]}
    findings = run(rule, report(bodies=bodies))
    assert excerpts(findings) == ["不及时", "不及时"]
    assert {f.section for f in findings} == {HEADINGS[4]}
    assert [f.span for f in findings] == [(4, 7), (12, 15)]


def test_require_anchors_on_the_section_heading() -> None:
    rule = make_rule("pattern", {"pattern": "改进", "mode": "require", "scope": ["problems"]})
    (finding,) = run(rule, report(bodies={4: ["信息更新不够及时。"]}))
    assert finding.anchor == "missing" and finding.excerpt == HEADINGS[4]
    assert run(rule, report(bodies={4: ["下一步将改进。"]})) == []


def test_require_in_a_missing_section_reports_nothing() -> None:
    rule = make_rule("pattern", {"pattern": "改进", "mode": "require", "scope": ["problems"]})
    assert run(rule, report(headings=HEADINGS[:4] + HEADINGS[5:])) == []


def test_where_selects_headings_cells_or_body_text() -> None:
    blocks = report(bodies={1: [{"table": [["信息内容", "本年新制作数量"], ["规章", "0"]]}]})
    forbid = {"pattern": "本年新制作数量|主动公开", "mode": "forbid", "scope": ["active-disclosure"]}
    assert excerpts(run(make_rule("pattern", {**forbid, "where": "cells"}), blocks)) == ["本年新制作数量"]
    assert excerpts(run(make_rule("pattern", {**forbid, "where": "headings"}), blocks)) == ["主动公开"]
    assert excerpts(run(make_rule("pattern", {**forbid, "where": "paragraphs"}), blocks)) == []
    assert sorted(excerpts(run(make_rule("pattern", {**forbid, "where": "all"}), blocks))) == [
        "主动公开",
        "本年新制作数量",
    ]


def test_paragraphs_include_the_run_in_text_of_headings() -> None:
    rule = make_rule("pattern", {"pattern": r"\S", "mode": "require", "scope": ["problems"]})
    assert len(run(rule, report(bodies={4: []}))) == 1
    assert len(run(rule, report(bodies={4: ["（一）存在的问题", "（二）改进情况"]}))) == 1
    assert run(rule, report(bodies={4: ["（一）存在的问题。更新不及时。"]})) == []


def test_join_matches_the_whole_section_text() -> None:
    rule = make_rule(
        "pattern", {"pattern": r"\A\s*(?:无|暂无)[。.]?\s*\Z", "mode": "forbid", "scope": ["problems"], "join": True}
    )
    assert excerpts(run(rule, report(bodies={4: ["无。"]}))) == ["无。"]
    assert run(rule, report(bodies={4: ["无。", "下一步将加强审核。"]})) == []
    headings = HEADINGS[:4] + ["五、存在的主要问题及改进情况：暂无"] + HEADINGS[5:]
    (finding,) = run(rule, report(headings=headings, bodies={4: []}))
    assert finding.excerpt == "暂无" and finding.span == (15, 17)


def test_first_paragraphs_limits_the_search_to_the_title_lines() -> None:
    rule = make_rule(
        "pattern", {"pattern": "年度报告$", "mode": "require", "scope": ["front-matter"], "first_paragraphs": 1}
    )
    assert run(rule, report()) == []
    findings = run(rule, report(title="某局", intro=["2023年政府信息公开工作年度报告"]))
    assert len(findings) == 1 and findings[0].excerpt == "某局"


def test_join_adjacent_reads_a_title_set_on_two_lines() -> None:
    options = {"pattern": r"^[^。]*20[0-9]{2}年[^。]*年度报告$", "mode": "require", "scope": ["front-matter"]}
    two_lines = report(title="某镇2023年", intro=["政府信息公开工作年度报告", "根据《条例》编制本报告。"])
    assert len(run(make_rule("pattern", {**options, "first_paragraphs": 3}), two_lines)) == 1
    assert run(make_rule("pattern", {**options, "first_paragraphs": 3, "join_adjacent": True}), two_lines) == []
    apart = report(title="某镇2023年", intro=["根据《条例》编制本报告。", "政府信息公开工作年度报告"])
    assert len(run(make_rule("pattern", {**options, "first_paragraphs": 3, "join_adjacent": True}), apart)) == 1


def test_named_pattern_reference() -> None:
    rule = make_rule("pattern", {"pattern": "@year", "mode": "forbid", "scope": ["other-matters"], "where": "all"})
    assert excerpts(run(rule, report())) == ["2023", "2023", "2024"]  # the signature belongs to the last section


def test_a_section_written_as_numbered_items_keeps_its_text() -> None:
    """Section 五 as "一、存在的主要问题 … 二、改进措施 …": the items' text belongs to section 五."""
    rule = make_rule("pattern", {"pattern": r"\S", "mode": "require", "scope": ["problems"]})
    items = ["一、存在的主要问题", "信息更新不够及时。", "二、改进措施", "下一步将加强审核。"]
    assert run(rule, report(bodies={4: items})) == []
    (finding,) = run(rule, report(bodies={4: ["一、存在的主要问题", "二、改进措施"]}))
    assert finding.excerpt == HEADINGS[4]
