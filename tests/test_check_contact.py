"""contact: address, postcode, telephone, e-mail and website present and well-formed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docxlint.checks.contact import _PLAIN_EMAIL, SPECIAL_USE_DOMAINS, _is_plain_email, email_is_valid, url_is_valid
from tests.check_helpers import CONTACT, INTRO_PARTS, PERIOD, bundled, make_rule, report, run

PROVINCES = [
    {"name": "山东", "postcodes": ["25", "26", "27"], "area_codes": ["053", "0632"]},
    {"name": "北京", "postcodes": ["10"], "area_codes": ["010"]},
]
RULE = make_rule("contact", {"provinces": PROVINCES})


def intro(contact: str) -> list[str]:
    return [INTRO_PARTS + PERIOD + contact]


@pytest.mark.parametrize(
    "contact",
    [
        CONTACT,
        "本报告可在www.example.gov.cn查阅。联系地址某市某区运河大道1号，邮政编码２７７４００，"
        "联系电话（０６３２）６６６１６６６、6661777，E-mail：office@example.gov.cn。",
        "本报告在某区人民政府网站公布。如有疑问，请联系：某区司法局，地址：某区人民路88号，邮编：276800，"
        "联系电话：0633-8888888，电子邮箱：rzsfj@163.com。",
        "联系方式：某区人民政府办公室，地址：某区建设路1号，邮政编码：266000；电话/传真：0532-88888888；"
        "电子信箱：abc@qd.gov.cn。本报告电子版可在“某区人民政府网”（www.abc.gov.cn）下载。",
        "网址：https://www.example.gov.cn/col/index.html，地址：某路1号，邮编：277400，咨询电话：12345，手机：13800138000，"
        "电子邮件地址：a.b-c@example.com.cn",
        # office hours after the number are not a second, malformed number
        "网址：www.example.gov.cn。咨询电话：0632-6661666（工作日9:00-17:00，12:00—13:30除外）；"
        "电子邮箱：office@example.gov.cn；通讯地址：某市某区运河大道1号（邮编：277400）。",
        # an extension after a hyphen
        CONTACT.replace("0632-6661666", "0632-6661666-8012"),
        CONTACT.replace("0632-6661666", "（0632）6661666—12"),
        # a city's 123xx hotline after its area code, and two numbers side by side
        CONTACT.replace("0632-6661666", "0632-12345"),
        CONTACT.replace("0632-6661666", "0632—12366"),
        CONTACT.replace("0632-6661666", "0632-6661666 0632-6661777"),
        CONTACT.replace("0632-6661666", "0632-6661666　6661777"),
    ],
)
def test_complete_contact_details_in_other_wordings_pass(contact: str) -> None:
    assert run(RULE, report(intro=intro(contact))) == []


def test_contact_lines_as_separate_paragraphs() -> None:
    lines = [
        "通讯地址：北京市西城区某街10号",
        "邮政编码：100032",
        "联系电话：010-12345678",
        "电子邮箱：office@example.gov.cn",
    ]
    blocks = report(
        intro=[INTRO_PARTS + PERIOD, "本报告在北京市人民政府门户网站（http://www.beijing.gov.cn）公布。", *lines]
    )
    assert run(RULE, blocks) == []


def test_missing_items_are_named_in_one_finding_on_the_contact_paragraph() -> None:
    contact = "本报告在某市人民政府门户网站公布。如有疑问，请与某局办公室联系（地址：某路1号；电话：0632-6661666）。"
    (finding,) = run(make_rule("contact"), report(intro=intro(contact)))
    assert finding.anchor == "missing" and finding.expected == "邮编、电子邮箱"
    assert finding.excerpt.startswith("本报告在某市人民政府门户网站") and finding.excerpt.endswith("电话：0632-6661666")
    rule = make_rule("contact", {"messages": {"missing": {"zh": "缺少{missing_zh}", "en": "missing {missing_en}"}}})
    (finding,) = run(rule, report(intro=intro(contact)))
    assert finding.messages == {"zh": "缺少邮编、电子邮箱", "en": "missing postcode, e-mail"}


def test_no_contact_at_all_is_reported_on_the_intro() -> None:
    (finding,) = run(make_rule("contact"), report(intro=[INTRO_PARTS + PERIOD]))
    assert finding.expected == "地址、邮编、电话、电子邮箱、网址" and finding.excerpt == INTRO_PARTS + PERIOD


def test_items_can_be_made_optional() -> None:
    items = {
        key: {"zh": key, "en": key, "required": key != "email"}
        for key in ("address", "postcode", "phone", "email", "website")
    }
    contact = CONTACT.replace("；电子邮箱：office@example.gov.cn", "")
    assert run(make_rule("contact", {"items": items}), report(intro=intro(contact))) == []
    assert len(run(make_rule("contact"), report(intro=intro(contact)))) == 1


@pytest.mark.parametrize(
    ("old", "new", "excerpt"),
    [
        ("0632-6661666", "0632-666166", "0632-666166"),
        ("0632-6661666", "010-6666666", "010-6666666"),
        ("0632-6661666", "0632-666166-8012", "0632-666166-8012"),
        ("0632-6661666", "0632-6661666-801234", "0632-6661666-801234"),
        ("0632-6661666", "0632-16616", "0632-16616"),  # not a 123xx hotline: digits missing
        ("0632-6661666", "0632-6661666 0632-666177", "0632-6661666 0632-666177"),
        ("277400", "27740", "27740"),
        ("277400", "2774000", "2774000"),
        ("office@example.gov.cn", "office#example.gov.cn", "office#example.gov.cn"),
        ("office@example.gov.cn", "office@example", "office@example"),
        ("office@example.gov.cn", "office＠example.gov.cn", "office＠example.gov.cn"),
        ("http://www.example.gov.cn/", "http//www.example.gov.cn/", "http//www.example.gov.cn/"),
        ("http://www.example.gov.cn/", "http：//www.example.gov.cn/", "http：//www.example.gov.cn/"),
    ],
)
def test_malformed_items_are_flagged_on_the_value(old: str, new: str, excerpt: str) -> None:
    findings = run(make_rule("contact"), report(intro=intro(CONTACT.replace(old, new))))
    assert [f.excerpt for f in findings] == [excerpt]


def test_postcode_and_area_code_in_different_provinces() -> None:
    (finding,) = run(RULE, report(intro=intro(CONTACT.replace("277400", "100010"))))
    assert (finding.excerpt, finding.expected) == ("100010", "25xxxx/26xxxx/27xxxx")
    assert run(make_rule("contact"), report(intro=intro(CONTACT.replace("277400", "100010")))) == []
    mobile_only = CONTACT.replace("277400", "100010").replace("0632-6661666", "13800138000")
    assert run(RULE, report(intro=intro(mobile_only))) == []


def test_bundled_province_table_is_consistent_with_itself() -> None:
    provinces = bundled().rule("contact-details").options["provinces"]
    prefixes = [p for province in provinces for p in province["postcodes"]]
    assert len(prefixes) == len(set(prefixes))
    assert {"山东", "北京", "广东", "新疆"} <= {p["name"] for p in provinces}
    rule = make_rule("contact", {"provinces": provinces})
    for postcode, phone in [("510000", "020-12345678"), ("830000", "0991-1234567"), ("050000", "0311-12345678")]:
        contact = CONTACT.replace("277400", postcode).replace("0632-6661666", phone)
        assert run(rule, report(intro=intro(contact))) == [], (postcode, phone)
    # places whose postcodes are those of a neighbouring province: 兴安盟, 阿拉善左旗, 额济纳旗 (内蒙古)
    for postcode, phone in [("137400", "0482-8213001"), ("750300", "0483-8332001"), ("735400", "0483-6522001")]:
        contact = CONTACT.replace("277400", postcode).replace("0632-6661666", phone)
        assert run(rule, report(intro=intro(contact))) == [], (postcode, phone)
    wrong = CONTACT.replace("277400", "510000").replace("0632-6661666", "0991-1234567")
    assert len(run(rule, report(intro=intro(wrong)))) == 1


def test_scope_outside_the_intro() -> None:
    bodies = {5: ["联系地址：某路1号，邮编：277400，电话：0632-6661666，电子邮箱：a@b.cn，网址：www.b.cn。"]}
    blocks = report(intro=[INTRO_PARTS + PERIOD], bodies=bodies)
    assert len(run(make_rule("contact"), blocks)) == 1
    assert run(make_rule("contact", {"scope": ["front-matter", "other-matters"]}), blocks) == []


def test_an_introduction_under_section_one_is_read() -> None:
    """The introduction placed under "一、总体情况" (as published by some agencies): its contact details
    count; other paragraphs of 一 are not read for them."""
    intro_under_one = (
        "本报告电子版可在某局网站（http://www.example.gov.cn）查阅。如对本报告有疑问，请与某局办公室联系（地址："
        "某市某区运河大道1号；邮编：277400；电话：0632-6661666；电子邮箱：office@example.gov.cn）。"
    )
    rule = bundled().rule("contact-details")
    assert run(rule, report(intro=[], bodies={0: [intro_under_one, "全年主动公开信息31条。"]})) == []
    hotline = "开通咨询电话0632-6661666，地址：某市某区运河大道1号，邮编：277400。"  # not an introduction
    assert len(run(rule, report(intro=[], bodies={0: [hotline]}))) == 1


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("http://www.tez.gov.cn/", True),
        ("https://www.example.gov.cn:8080/a?b=c", True),
        ("www.example.gov.cn", True),
        ("example.gov.cn/index.html", True),
        ("http//www.example.gov.cn", False),
        ("http:/www.example.gov.cn", False),
        ("http://www", False),
        ("http://www.exa_mple.cn", False),
        ("http://www.example.c", False),
    ],
)
def test_url_syntax(url: str, valid: bool) -> None:
    assert url_is_valid(url) is valid


# --- the e-mail fast path agrees with email_validator ------------------------------------------


def test_special_use_domains_match_email_validator() -> None:
    import email_validator

    assert set(email_validator.SPECIAL_USE_DOMAIN_NAMES) == SPECIAL_USE_DOMAINS


_LABEL = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?", fullmatch=True)
_ADDRESSES = st.one_of(
    st.from_regex(_PLAIN_EMAIL().pattern, fullmatch=True),
    st.builds(
        lambda local, labels, tld: f"{local}@{'.'.join(labels)}.{tld}",
        st.from_regex(r"[A-Za-z0-9_+.\-]{1,70}", fullmatch=True),
        st.lists(
            st.one_of(_LABEL, st.sampled_from(["test", "local", "xn--abc", "ab--cd", "-a", "a" * 64])), max_size=3
        ),
        st.one_of(st.sampled_from(["cn", "com", "test", "onion", "arpa", "c", "123", "localhost"]), _LABEL),
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ADDRESSES)
def test_plain_addresses_are_exactly_what_email_validator_accepts(address: str) -> None:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
        library = True
    except EmailNotValidError:
        library = False
    if _is_plain_email(address):
        assert library, address  # the fast path never accepts what the library refuses
    assert email_is_valid(address) == library


def test_unusual_addresses_are_still_judged_by_email_validator() -> None:
    assert email_is_valid("abc@x.c")  # one-letter TLD: not plain, the library accepts it
    assert not email_is_valid("a@localhost")
    assert not email_is_valid("a..b@x.cn")
    assert email_is_valid("张三@例子.中国")


def test_a_postcode_in_brackets_after_the_address_counts() -> None:
    from tests.check_helpers import INTRO_PARTS, PERIOD, bundled, report, run

    contact = (
        "如有疑问，请联系：地址：某市某区运河大道126号（264000）；电话：0632-6661666；"
        "电子邮箱：office@example.gov.cn；网址：http://www.example.gov.cn。"
    )
    assert run(bundled().rule("contact-details"), report(intro=[INTRO_PARTS + PERIOD + contact])) == []
    bad = contact.replace("（264000）", "（26400）")
    assert [f.expected for f in run(bundled().rule("contact-details"), report(intro=[INTRO_PARTS + PERIOD + bad]))]
