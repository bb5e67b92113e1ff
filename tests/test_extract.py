"""Numbers, dates and the report year."""

from __future__ import annotations

import datetime
import random
import re
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from docxlint.checks.base import CheckContext
from docxlint.examples import build_document
from docxlint.extract import (
    NUMBER_RE,
    PartialDate,
    find_dates,
    find_numbers,
    format_number,
    lazy_pattern,
    parse_cn_date,
    parse_number,
    report_year,
    to_chinese_numeral,
)
from docxlint.sections import build_tree
from tests.check_helpers import bundled


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("31", 31),
        ("３１", 31),
        ("1,024", 1024),
        ("0.5", Decimal("0.5")),
        ("1.5万", 15000),
        ("三十一", 31),
        ("十", 10),
        ("十二", 12),
        ("一百零五", 105),
        ("两", 2),
        ("两千", 2000),
        ("二〇二三", 2023),
        ("二○二四", 2024),
        ("十二万三千", 123000),
        ("一万五", 15000),
        ("壹佰贰拾", 120),
        ("零", 0),
    ],
)
def test_parse_number(token: str, value: int | Decimal) -> None:
    assert parse_number(token) == value


@pytest.mark.parametrize("token", ["", "百", "万", "十百", "三四", "一二", "abc", "1,02"])
def test_parse_number_rejects_non_numerals(token: str) -> None:
    assert parse_number(token) is None


def test_chinese_numerals_agree_with_cn2an() -> None:
    """The built-in parser (used instead of the slow-to-import cn2an) reads what cn2an writes."""
    rng = random.Random(7)
    values = list(range(0, 2001)) + [rng.randrange(0, 10**9) for _ in range(3000)]
    for value in values:
        assert parse_number(cn2an.an2cn(value)) == value, cn2an.an2cn(value)


@given(st.integers(min_value=0, max_value=9999))
def test_to_chinese_numeral_round_trips(value: int) -> None:
    assert parse_number(to_chinese_numeral(value)) == value


def test_find_numbers_spans_and_values() -> None:
    text = "主动公开信息31件，其中机构职能3件，政策解读四件；共1,024条"
    found = [(text[s:e], v) for s, e, v in find_numbers(text)]
    assert found == [("31", 31), ("3", 3), ("四", 4), ("1,024", 1024)]
    assert [v for _, _, v in find_numbers(text, chinese=False)] == [31, 3, 1024]


def test_thousands_in_full_width_digits() -> None:
    text = "主动公开２８,７６４条、２，２２３件，分别为12，345件"
    found = [(text[s:e], v) for s, e, v in find_numbers(text, chinese=False)]
    # "，" separates thousands between full-width digits only: after "12" it is a comma of the sentence
    assert found == [("２８,７６４", 28764), ("２，２２３", 2223), ("12", 12), ("345", 345)]


def test_number_regex_does_not_start_inside_a_numeral() -> None:
    pattern = re.compile(rf"(?<!第)(?P<n>{NUMBER_RE})件")
    assert [m.group("n") for m in pattern.finditer("第十一件和十二件")] == ["十二"]


def test_format_number() -> None:
    assert format_number(Decimal("15000.0")) == "15000"
    assert format_number(Decimal("1.50")) == "1.5"
    assert format_number(7) == "7"


def test_find_dates() -> None:
    text = "统计期限为2023年1月1日至12月31日，落款二〇二四年一月十九日，发布2024-01-20，2024年1月，2月30日"
    found = [(text[s:e], v) for s, e, v in find_dates(text)]
    assert found == [
        ("2023年1月1日", datetime.date(2023, 1, 1)),
        ("12月31日", PartialDate(None, 12, 31)),
        ("二〇二四年一月十九日", datetime.date(2024, 1, 19)),
        ("2024-01-20", datetime.date(2024, 1, 20)),
        ("2024年1月", PartialDate(2024, 1, None)),
    ]


def test_find_dates_full_width_and_impossible_dates() -> None:
    assert find_dates("２０２４年１月１９日") == [(0, 10, datetime.date(2024, 1, 19))]
    assert find_dates("2023年2月29日") == []
    assert PartialDate(None, 12, 31).complete(2023) == datetime.date(2023, 12, 31)


def test_parse_cn_date() -> None:
    assert parse_cn_date(" （2024年1月19日） ") == datetime.date(2024, 1, 19)
    assert parse_cn_date("2024年1月19日前") is None
    assert parse_cn_date("二〇二四年元月二十日") == datetime.date(2024, 1, 20)  # 元月: January
    assert parse_cn_date("2024年元月20日") == datetime.date(2024, 1, 20)
    assert find_dates("元旦前后") == []


def _ctx(blocks: list, properties: dict | None = None) -> CheckContext:
    pack = bundled()
    doc = build_document({"blocks": blocks, "properties": properties or {}})
    return CheckContext(doc, build_tree(doc, pack.headings, pack.sections), pack.patterns, pack)


def test_report_year_from_title_not_from_the_intro() -> None:
    ctx = _ctx(
        [
            "某局",
            "2023年政府信息公开工作年度报告",
            "根据《关于做好2022年政府信息公开工作年度报告编制工作的通知》要求……",
            "一、总体情况",
        ]
    )
    year, para, span = report_year(ctx)  # type: ignore[misc]
    assert year == 2023 and para.text[span[0] : span[1]] == "2023"
    assert ctx.cache["report_year"][0] == 2023


@pytest.mark.parametrize(
    "title",
    [
        "某区人民政府办公室二〇二三年度政府信息公开工作年度报告",
        "关于2023年度政务公开工作年度报告",
        "２０２３年政府信息公开年度报告",
        "某局政府信息公开工作年度报告（2023年度）",
        "某局政府信息公开工作年度报告(二〇二三年)",
    ],
)
def test_report_year_title_variants(title: str) -> None:
    found = report_year(_ctx([title, "一、总体情况"]))
    assert found is not None and found[0] == 2023
    year, para, span = found
    assert para.text[span[0] : span[1]] in ("2023", "２０２３", "二〇二三")


def test_report_year_without_the_pack_pattern_reads_a_year_after_the_name() -> None:
    ctx = _ctx(["某局政府信息公开工作年度报告（2022年度）", "一、总体情况"])
    ctx.patterns = {k: v for k, v in ctx.patterns.items() if k != "report-title"}
    found = report_year(ctx)
    assert found is not None and found[0] == 2022


def test_report_year_falls_back_to_core_properties() -> None:
    found = report_year(_ctx(["正文没有标题", "一、总体情况"], {"title": "2021年政府信息公开工作年度报告"}))
    assert found is not None and found[0] == 2021 and found[2] == (0, 0)
    assert report_year(_ctx(["正文没有标题", "一、总体情况"])) is None


def test_lazy_patterns_compile_once_on_first_use() -> None:
    pattern = lazy_pattern(r"(?P<n>[0-9]+)件", re.ASCII)
    assert pattern() is pattern()
    assert pattern().flags & re.ASCII and pattern().search("共12件").group("n") == "12"


def test_memoised_number_parsing_is_stable() -> None:
    for token in ("1,024", "１.５万", "二〇二三", "三四", ""):
        assert parse_number(token) == parse_number(token)
    assert parse_number("1.5万") == Decimal(15000) and parse_number("三四") is None
