"""identity: one agency and one year throughout (reports copied from another agency's or last year's)."""

from __future__ import annotations

import pytest

from docxlint.checks.identity import agree
from tests.check_helpers import BODIES, CONTACT, INTRO_PARTS, PERIOD, bundled, report, run


def pack_rule(rule_id: str):
    return bundled().rule(rule_id)


AGENCY = pack_rule("report-agency")
YEAR = pack_rule("report-year-mentions")
TITLE = "某市某区商务局2023年政府信息公开工作年度报告"
SIGNED = ["某市某区商务局", "2024年1月19日"]


def overview(*paragraphs: str) -> dict[int, list[str]]:
    return {**BODIES, 0: list(paragraphs)}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("枣庄市台儿庄区商务和投资促进局", "台儿庄区商务和投资促进局", True),
        ("枣庄市台儿庄区商务和投资促进局", "区商务和投资促进局", True),
        ("某区人力资源和社会保障局", "区人社局", True),
        ("某县人民政府", "某县人民政府办公室", True),
        ("某区卫生健康委员会（某区中医药管理局）", "某区卫生健康委员会(某区中医药管理局)", True),
        ("枣庄市台儿庄区商务和投资促进局", "枣庄市峄城区商务和投资促进局", False),
        ("某区教育局", "某区体育局", False),
        ("某区商务局", "某区发展和改革局", False),
    ],
)
def test_agree(a: str, b: str, same: bool) -> None:
    assert agree(a, b) is same
    assert agree(b, a) is same


@pytest.mark.parametrize(
    "title",
    [
        [TITLE],
        ["某市某区商务局", "2023年政府信息公开工作年度报告"],
        ["某市某区商务局\n2023年政府信息公开工作年度报告"],
        ["2023年某市某区商务局政府信息公开工作年度报告"],
        ["某市某区商务局政府信息公开工作年度报告（2023年度）"],
    ],
)
def test_the_title_names_the_agency_in_any_layout(title: list[str]) -> None:
    blocks = report(
        title=title[0],
        intro=[*title[1:], INTRO_PARTS + PERIOD + CONTACT],
        signature=["某市另区商务局", "2024年1月19日"],
    )
    (finding,) = run(AGENCY, blocks)
    assert (finding.excerpt, finding.expected, finding.actual) == ("某市另区商务局", "某市某区商务局", "某市另区商务局")
    assert (
        run(AGENCY, report(title=title[0], intro=[*title[1:], INTRO_PARTS + PERIOD + CONTACT], signature=SIGNED)) == []
    )


@pytest.mark.parametrize(
    "signature",
    [["某市另区商务局 2024年1月19日"], ["某市另区商务局", "", "2024年1月19日"], ["某市另区商务局\n2024年1月19日"]],
)
def test_signature_layouts(signature: list[str]) -> None:
    (finding,) = run(AGENCY, report(title=TITLE, signature=signature))
    assert finding.excerpt == "某市另区商务局"


@pytest.mark.parametrize(
    "signature",
    [
        ["区商务局", "2024年1月19日"],  # a short form of the title's name
        ["2024年1月19日"],  # no agency on the signature
        ["（盖章）", "2024年1月19日"],  # not an agency name
        ["六、其他需要报告的事项", "2024年1月19日"],
    ],
)
def test_signatures_that_are_not_another_agency(signature: list[str]) -> None:
    assert run(AGENCY, report(title=TITLE, signature=signature)) == []


def test_without_an_agency_in_the_title_the_signature_is_the_reference() -> None:
    blocks = report(
        bodies=overview("我委认真贯彻落实《条例》。我委还更新了公开指南。"), signature=["某区商务局", "2024年1月19日"]
    )
    (finding,) = run(AGENCY, blocks)
    assert (finding.excerpt, finding.expected, finding.location.paragraph) == ("我委", "某区商务局", 3)
    assert "共2处" in finding.messages["zh"]


def test_nothing_to_compare_without_title_or_signature_agency() -> None:
    assert run(AGENCY, report(bodies=overview("我委认真贯彻落实《条例》。"), signature=["2024年1月19日"])) == []


@pytest.mark.parametrize(
    ("agency", "text", "flagged"),
    [
        ("某区商务局", "我局认真贯彻落实《条例》。", None),
        ("某区商务局", "我委认真贯彻落实《条例》。", "我委"),
        ("某区卫生健康委员会", "我局认真贯彻落实《条例》。", "我局"),
        ("某区卫生健康委员会", "我委认真贯彻落实《条例》，受我委托的单位……", None),
        ("某县人民政府办公室", "我办认真贯彻落实《条例》，我办理了申请。", None),
        ("某县人民政府办公室", "我局认真贯彻落实《条例》。", "我局"),
        ("某县人民政府", "我县认真贯彻落实《条例》，我办牵头。", None),
        ("某镇人民政府", "我镇认真贯彻落实《条例》。", None),
        ("某镇人民政府", "我街道认真贯彻落实《条例》。", "我街道"),
        ("某区商务局", "避免自我局限，我局认真贯彻。", None),
        # a quoted name: the column another agency runs
        ("某市人民政府办公室", "指导市自然资源局完善“我局政务公开”专栏。", None),
        ("某市人民政府办公室", "指导市自然资源局完善“政务公开”专栏，我局认真贯彻。", "我局"),
        ("某市人民政府办公室", "开设“政务公开专栏。我局认真贯彻。", "我局"),  # a quote left open in another sentence
    ],
)
def test_self_references(agency: str, text: str, flagged: str | None) -> None:
    blocks = report(
        title=f"{agency}2023年政府信息公开工作年度报告", bodies=overview(text), signature=[agency, "2024年1月19日"]
    )
    assert [f.excerpt for f in run(AGENCY, blocks)] == ([flagged] if flagged else [])


def test_the_introduction_naming_another_agency_and_year() -> None:
    intro = ["现向社会公布某区发展和改革局2022年度政府信息公开工作年度报告。" + INTRO_PARTS + PERIOD + CONTACT]
    blocks = report(title=TITLE, intro=intro, signature=SIGNED)
    assert [(f.excerpt, f.expected) for f in run(AGENCY, blocks)] == [("某区发展和改革局", "某市某区商务局")]
    assert [(f.excerpt, f.expected) for f in run(YEAR, blocks)] == [("2022年", "2023年")]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("2022年，我局认真贯彻落实《条例》。", "2022年"),
        ("二〇二二年，我局认真贯彻落实《条例》。", "二〇二二年"),
        ("我局认真贯彻落实《条例》。2022年度，我局主动公开信息31件。", "2022年"),
        ("（一）主动公开方面。2022年，我局主动公开信息31件。", "2022年"),
        ("2023年，我局认真贯彻落实《条例》。", None),
        ("2024年，我局将继续加强信息公开工作。", None),  # a plan
        ("2022年，我局收到申请3件，2023年收到5件。", None),  # a comparison
        ("2022年，我局受理申请19件；2023年受理23件，同比增长21.1%。", None),  # …across a "；"
        ("2022年，我局深化政务公开；全年主动公开信息1200条；本年度未收到行政复议申请。", "2022年"),
        ("2022年，我局被申请行政复议1件，本年度已审结。", None),
        ("2019年以来，我局持续推进政务公开。", None),
        ("与2022年相比，申请数量增加。", None),
        ("2022年共受理政府信息公开申请7件。", "2022年"),
        ("2022年度未收取信息处理费。", "2022年"),
        ("2022年12月，我局更新了公开指南。", None),
        ("2022年结转的1件申请已办结。", None),
    ],
)
def test_years_that_open_a_sentence(text: str, flagged: str | None) -> None:
    assert [f.excerpt for f in run(YEAR, report(bodies=overview(text)))] == ([flagged] if flagged else [])


def test_year_follows_the_period_statements_over_a_wrong_title() -> None:
    """A title left at last year, the statements at this year: the title is what is wrong (statistics-period says so)."""
    blocks = report(
        title="2022年政府信息公开工作年度报告", bodies={**overview("2022年，我局认真贯彻落实《条例》。"), 5: [PERIOD]}
    )
    assert [f.excerpt for f in run(YEAR, blocks)] == ["2022年"]


def test_years_outside_the_scope_are_left_alone() -> None:
    bodies = {
        **BODIES,
        4: ["（一）存在的主要问题", "2022年，我局信息更新不够及时，已整改。", "（二）改进情况", "下一步将加强审核。"],
    }
    assert run(YEAR, report(bodies=bodies)) == []


def test_without_a_title_year_the_period_statements_give_it() -> None:
    assert [
        f.excerpt for f in run(YEAR, report(title=None, bodies=overview("2022年，我局认真贯彻落实《条例》。")))
    ] == ["2022年"]


@pytest.mark.parametrize(
    ("agency", "sentence", "flagged"),
    [
        ("某县自然资源局", "如有疑问，请与某县住房和城乡建设局办公室联系。", "某县住房和城乡建设局办公室"),
        ("某县自然资源局", "本报告由某县住房和城乡建设局编制。", "某县住房和城乡建设局"),
        ("某县自然资源局", "如有疑问，请与某县自然资源局办公室联系。", None),
        ("某县自然资源局", "如有疑问，请与某县人民政府办公室联系。", None),  # the government's office: another kind
        ("某县人民政府", "本报告由某县人民政府办公室编制。", None),
        (
            "长沙市岳麓区望月湖街道办事处",
            "请与长沙市岳麓区桔子洲街道党政综合办公室联系。",
            "长沙市岳麓区桔子洲街道党政综合办公室",
        ),
        ("长沙市岳麓区望月湖街道办事处", "请与望月湖街道党政综合办公室联系。", None),
        # the agency calling itself "我局"/"本局" names no other agency
        ("某县自然资源局", "本报告由我局办公室编制。如有疑问，请与本局办公室联系。", None),
        ("某县自然资源局", "现向社会公布我局2023年度政府信息公开工作年度报告。", None),
    ],
)
def test_contacts_and_compilers_of_the_same_kind(agency: str, sentence: str, flagged: str | None) -> None:
    blocks = report(
        title=f"{agency}2023年政府信息公开工作年度报告",
        intro=[sentence + INTRO_PARTS + PERIOD + CONTACT],
        signature=[agency, "2024年1月19日"],
    )
    assert [f.excerpt for f in run(AGENCY, blocks)] == ([flagged] if flagged else [])


@pytest.mark.parametrize(
    ("heading", "flagged"),
    [
        ("（一）2022年问题整改情况", None),
        ("（一）2022年度存在问题整改情况", None),
        ("（一）2021年度问题整改情况", "2021年"),
        ("（一）2023年问题整改情况", "2023年"),
        ("（一）2023年存在的主要问题", None),
        ("（一）2022年存在的主要问题", "2022年"),
    ],
)
def test_years_of_section_five(heading: str, flagged: str | None) -> None:
    bodies = {**BODIES, 4: [heading, "信息更新不够及时，已整改。", "（二）改进情况", "下一步将加强审核。"]}
    assert [f.excerpt for f in run(YEAR, report(bodies=bodies))] == ([flagged] if flagged else [])
