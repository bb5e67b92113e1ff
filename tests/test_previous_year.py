"""--previous: this year's report against last year's (carry-overs, section 五 copied)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from docxlint.engine import lint_document, lint_file, read_previous
from docxlint.errors import DocxlintError
from docxlint.examples import build_document
from docxlint.rulepack import load_pack
from tests.test_cli import FIXTURES, run

THIS_YEAR = FIXTURES / "sample-data.docx"
LAST_YEAR = FIXTURES / "previous-2022.docx"
COPIED = FIXTURES / "previous-2022-defect.docx"
CROSS_YEAR_RULES = {"carried-over-from-last-year", "problems-copied-from-last-year"}


@pytest.fixture(scope="module")
def pack():
    return load_pack(None)


def comparable(report) -> list[tuple[str, str, str | None]]:
    return [(f.rule_id, f.excerpt, f.expected) for f in report.findings]


def test_last_year_that_agrees_adds_nothing(pack) -> None:
    alone = lint_file(THIS_YEAR, pack)
    against = lint_file(THIS_YEAR, pack, previous=read_previous(LAST_YEAR))
    assert comparable(against) == comparable(alone) and not against.notes
    assert json.loads((FIXTURES / "expected" / "previous-2022.json").read_text(encoding="utf-8")) == []


def test_carry_over_and_copied_problems(pack) -> None:
    report = lint_file(THIS_YEAR, pack, previous=read_previous(COPIED))
    carried = [
        (f.excerpt, f.expected, f.location.col) for f in report.findings if f.rule_id == "carried-over-from-last-year"
    ]
    assert carried == [("2", "3", 3), ("4", "5", 9)]
    copied = [f for f in report.findings if f.rule_id == "problems-copied-from-last-year"]
    document = lint_file(THIS_YEAR, pack, keep_document=True).document
    long_paragraphs = [
        p.text
        for p in document.paragraphs
        if p.text.startswith(("一是", "二是", "三是", "始终坚持", "明确专人", "加强政府信息公开人员"))
        and len(re.sub("[，。、；：“”]", "", p.text)) >= 20  # min_length: characters, punctuation aside
    ]
    assert sorted(f.excerpt for f in copied) == sorted(long_paragraphs)
    assert {f.section.split(" / ")[0] for f in copied} == {"五、存在的主要问题及改进情况"}
    assert {f.rule_id for f in report.findings} == CROSS_YEAR_RULES


def test_a_report_of_another_year_is_not_compared(pack) -> None:
    report = lint_file(THIS_YEAR, pack, previous=read_previous(THIS_YEAR))
    assert not {f.rule_id for f in report.findings} & CROSS_YEAR_RULES
    assert report.notes == [
        "the previous report is for 2023, not 2022: the checks against last year's report are skipped"
    ]


def test_unreadable_last_year_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "last.docx"
    bad.write_text("not a docx", encoding="utf-8")
    with pytest.raises(DocxlintError, match="last year's report"):
        read_previous(bad)


def test_command_line(tmp_path: Path) -> None:
    copies = [shutil.copy(p, tmp_path / p.name) for p in (THIS_YEAR, COPIED)]
    before = [Path(p).read_bytes() for p in copies]
    result = run("check", str(copies[0]), "--previous", str(copies[1]), "--format", "json")
    assert result.returncode == 1, result.stderr
    rules = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert rules == CROSS_YEAR_RULES
    annotated = tmp_path / "annotated.docx"
    result = run("annotate", str(copies[0]), "-o", str(annotated), "--previous", str(copies[1]))
    assert result.returncode == 1 and "9 comment(s) added" in result.stderr, result.stderr
    assert [Path(p).read_bytes() for p in copies] == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{this}", "{this}", "--previous", "{last}"], "give one input file"),
        (["{this}", "--previous", "{missing}"], "missing.docx (last year's report)"),
    ],
)
def test_command_line_refusals(tmp_path: Path, args: list[str], message: str) -> None:
    names = {"this": str(THIS_YEAR), "last": str(LAST_YEAR), "missing": str(tmp_path / "missing.docx")}
    result = run("check", *(a.format(**names) for a in args))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["check", "annotate"])
def test_a_corrupt_last_year_is_one_line_and_changes_nothing(tmp_path: Path, command: str) -> None:
    """A broken --previous file ends in one line naming it and exit 2; neither input changes, no copy is written."""
    this = tmp_path / "this.docx"
    shutil.copyfile(THIS_YEAR, this)
    last = tmp_path / "last.docx"
    last.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)  # a zip signature, then garbage
    before = {p: p.read_bytes() for p in (this, last)}
    out = tmp_path / "annotated.docx"
    extra = ["-o", str(out)] if command == "annotate" else []
    result = run(command, str(this), "--previous", str(last), *extra)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "last.docx (last year's report)" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (this, last)} == before
    assert not out.exists()


def test_a_report_of_another_agency_is_not_compared(pack, tmp_path: Path) -> None:
    """Last year's report must be the same agency's: another's carry-overs say nothing about this one."""

    def blocks(agency: str, year: int, carried: str) -> list:
        table = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "<", "自然人", "商业企业", "总计"],
                 ["一、本年新收政府信息公开申请数量", "<", "5", "0", "5"],
                 ["二、上年结转政府信息公开申请数量", "<", carried, "0", carried],
                 ["四、结转下年度继续办理", "<", "2", "0", "2"]]  # fmt: skip
        return [f"{agency}{year}年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", {"table": table}]

    this = build_document(blocks("某市某局", 2023, "1"), path="this")
    same = build_document(blocks("某市某局", 2022, "1"), path="last")
    other = build_document(blocks("另县另委员会", 2022, "1"), path="other")
    findings, _ = lint_document(this, pack, previous=same)
    assert any(f.rule_id == "carried-over-from-last-year" for f in findings)
    findings, _ = lint_document(this, pack, previous=other)
    assert not any(f.rule_id == "carried-over-from-last-year" for f in findings)
