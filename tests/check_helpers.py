"""Shared helpers for the text-rule tests: a rule from options, a report skeleton, a lint call."""

from __future__ import annotations

from functools import cache
from typing import Any

from docxlint.checks.base import Rule
from docxlint.examples import build_document, run_rules
from docxlint.findings import Finding, Severity
from docxlint.rulepack import RulePack, load_pack

TITLE = "2023年政府信息公开工作年度报告"
INTRO_PARTS = (
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项共六个部分组成。"
)
PERIOD = "本报告中所列数据的统计时限为2023年1月1日至2023年12月31日。"
CONTACT = (
    "本报告在“某市人民政府门户网站”（http://www.example.gov.cn/）公布。如有疑问，请与某局办公室联系"
    "（地址：某市某区运河大道1号；邮编：277400；电话：0632-6661666；电子邮箱：office@example.gov.cn）。"
)
HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
BODIES = {
    0: ["（一）主动公开方面。本年度主动公开政府信息31件，其中机构职能3件，政策解读4件，工作信息24件。"],
    4: ["（一）存在的主要问题", "信息更新不够及时。", "（二）改进情况", "下一步将加强信息发布审核。"],
    5: ["本机关本年度未收取信息处理费。本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。"],
}
SIGNATURE = ["某市某局", "2024年1月19日"]


@cache
def bundled() -> RulePack:
    return load_pack()


def report(
    title: str | None = TITLE,
    intro: list[Any] | None = None,
    headings: list[Any] | None = None,
    bodies: dict[int, list[Any]] | None = None,
    signature: list[Any] | None = None,
) -> list[Any]:
    """The blocks of a small, defect-free report; each argument replaces one part of it."""
    blocks: list[Any] = [title] if title else []
    blocks += [INTRO_PARTS + PERIOD + CONTACT] if intro is None else intro
    bodies = BODIES if bodies is None else bodies
    for i, heading in enumerate(HEADINGS if headings is None else headings):
        blocks.append(heading)
        blocks.extend(bodies.get(i, ["正文。"]))
    blocks += SIGNATURE if signature is None else signature
    return blocks


def make_rule(rule_type: str, options: dict[str, Any] | None = None, severity: Severity = Severity.ERROR) -> Rule:
    """A rule whose message shows expected and actual, so tests can read them back."""
    return Rule(
        id=f"test-{rule_type}",
        type=rule_type,
        severity=severity,
        messages={"zh": "期望{expected}，实为{actual}", "en": "expected {expected}, found {actual}"},
        options=options or {},
    )


def run(
    rule: Rule, blocks: list[Any], properties: dict[str, str] | None = None, pack: RulePack | None = None
) -> list[Finding]:
    """Findings of ``rule`` on a document built from ``blocks`` (bundled pack's headings and sections)."""
    document = build_document({"blocks": blocks, "properties": properties or {}})
    return run_rules(document, pack or bundled(), [rule])


def excerpts(findings: list[Finding]) -> list[str]:
    return [f.excerpt for f in findings]
