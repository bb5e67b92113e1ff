"""Layouts other writers save, on a real DOCX: a generated clean report written with a table of
contents before it, zero-width spaces inside its numbers and a line break inside its title still
gives no finding (each of these made false findings before it was handled)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.make_corpus import ReportSpec, report_body
from docxlint.engine import lint_file
from docxlint.rulepack import load_pack
from fixtures.wordxml import make_docx

SPEC = ReportSpec(seed=7, agency="某区卫生健康局", year=2023)
TOC = "".join(
    f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>{entry}</w:t></w:r><w:r><w:tab/></w:r>'
    f"<w:r><w:t>{page}</w:t></w:r></w:p>"
    for page, entry in enumerate(
        ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
         "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
        start=2,
    )
)  # fmt: skip
_TEXT = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")


def with_toc(body: str) -> str:
    """The contents after the two title paragraphs, as Word inserts them."""
    end = body.index("</w:p>", body.index("</w:p>") + 1) + len("</w:p>")
    return body[:end] + '<w:p><w:r><w:t xml:space="preserve">目  录</w:t></w:r></w:p>' + TOC + body[end:]


def with_zero_width_spaces(body: str) -> str:
    """A zero-width space after the first digit of every number of two digits or more."""
    return _TEXT.sub(lambda m: m[1] + re.sub(r"(?<![0-9])([0-9])(?=[0-9])", "\\1\u200b", m[2]) + m[3], body)


def with_title_break(body: str) -> str:
    """A manual line break inside the title line ("…公开工作⏎年度报告")."""
    assert body.count(">年政府信息公开工作年</w:t>") == 1
    return body.replace(">年政府信息公开工作年</w:t>", ">年政府信息公开工作</w:t><w:br/><w:t>年</w:t>")


@pytest.mark.parametrize("change", [with_toc, with_zero_width_spaces, with_title_break, lambda b: b])
def test_a_clean_report_stays_clean_in_other_layouts(change, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    make_docx(path, change(report_body(SPEC)), title=f"{SPEC.year}年政府信息公开工作年度报告")
    report = lint_file(path, load_pack(None))
    assert report.error is None and [(f.rule_id, f.excerpt) for f in report.findings] == []
