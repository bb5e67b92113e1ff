"""LibreOffice opens annotated files and puts every comment on exactly the finding's text.

All documents are annotated first, then converted to ODT by one ``soffice`` call (plus one
earlier call that makes the LibreOffice-written input), and each comment is looked up in
``content.xml``: an ``office:annotation`` whose range (up to its ``office:annotation-end``)
holds the expected text. Skipped only when LibreOffice is not installed and
``DOCXLINT_REQUIRE_SOFFICE`` is not set (``.ci/run`` installs it and sets it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from docxlint.annotate import annotate
from docxlint.docx import read_document
from docxlint.docx.xmlparse import W
from docxlint.findings import ANCHOR_CELL, ANCHOR_MISSING, Finding
from docxlint.model import Document
from fixtures.wordxml import para, run, simple_para
from tests.test_annotate_support import (
    CHINESE_NUMBERING,
    DEL,
    HUMAN_RANGE,
    INS,
    LINK,
    NUMBERED,
    assert_annotated,
    build_docx,
    comments,
    expected_anchor,
    finding_at,
    finding_on,
    odt_annotations,
    paragraph_with,
    read_part,
    table,
    with_human_comment,
)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NUMBER = re.compile(r"\d+")


@dataclass
class Case:
    """One annotated document and what LibreOffice must show for it."""

    src: Path
    out: Path
    expected: dict[str, str]  #: comment message → anchored text
    humans: list[str] = field(default_factory=list)  #: human comments that must survive


def _annotate(folder: Path, name: str, src: Path, findings_of: Callable[[Document], list[Finding]], **kw) -> Case:
    doc = read_document(src)
    findings = findings_of(doc)
    out = folder / f"{name}.docx"
    result = annotate(src, doc, findings, out)
    assert result.unanchored == [], name
    assert_annotated(src, out, doc, findings)
    return Case(src, out, {f.messages["zh"]: expected_anchor(doc, f) for f in findings}, **kw)


# -- the documents ----------------------------------------------------------------------


def case_runs(folder: Path) -> Case:
    body = para(
        run("本年共收到", "<w:b/>") + run("政府信息公开申请") + run("3") + run("1件，") + run("办结30件。", "<w:i/>")
    )
    src = build_docx(folder, body, name="runs_src.docx")
    return _annotate(
        folder,
        "runs",
        src,
        lambda d: [
            finding_on(d, "信息公开", "单运行内"),
            finding_on(d, "申请31件", "跨运行"),
            finding_on(d, "收到政府", "始于运行中止于另一运行中"),
            finding_on(d, "31", "数字拆分"),
            finding_on(d, "本年共收到政府信息公开申请31件，办结30件。", "整段"),
        ],
    )


def case_links_and_revisions(folder: Path) -> Case:
    field_link = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://www.tez.gov.cn/" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("区政府网站")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    body = (
        para(run("网址：") + LINK.format(run("www.gov.cn") + run("/zhengce")) + run("。"))
        + para(run("本机关") + INS.format(run("依法") + run("及时")) + DEL.format("尽快") + run("答复申请人。"))
        + para(run("详见") + field_link + run("公告。"))
    )
    src = build_docx(folder, body, name="links_src.docx")
    return _annotate(
        folder,
        "links",
        src,
        lambda d: [
            finding_on(d, "gov.cn/zh", "链接内"),
            finding_on(d, "：www", "进入链接"),
            finding_on(d, "zhengce。", "离开链接"),
            finding_on(d, "法及", "插入内"),
            finding_on(d, "关依法", "进入插入"),
            finding_on(d, "及时答复", "越过删除"),
            finding_on(d, "政府网", "域链接内"),
            finding_on(d, "见区政府网站公", "横跨域链接"),
        ],
    )


def case_structure(folder: Path) -> Case:
    rows = [
        [para(run("项目")), para(run("本年处理决定数量"))],
        [para(run("行政许可")), '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>'],
        [para(run("行政处罚")), para(run("12"))],
    ]
    body = (
        para(run("总体情况"), NUMBERED)
        + simple_para("正文第一段。")
        + para(run("主动公开政府信息情况"), NUMBERED)
        + table(rows)
        + "<w:p/>"
        + simple_para("五、存在的主要问题及改进情况")
    )
    src = build_docx(folder, body, name="structure_src.docx", numbering_xml=CHINESE_NUMBERING)

    def findings(d: Document) -> list[Finding]:
        heading = paragraph_with(d, "总体情况")
        grid = d.tables[0]
        empty = grid.cell_at(1, 1).paragraphs[0]
        count = grid.cell_at(2, 1).paragraphs[0]
        blank = next(p for p in d.paragraphs if not p.text and p.location.table is None)
        last = paragraph_with(d, "存在的主要问题")
        return [
            finding_at(heading, 0, len(heading.text), "编号标题"),
            finding_on(d, "公开政府", "第二个编号标题内"),
            finding_at(empty, 0, 0, "空单元格", anchor=ANCHOR_CELL, expected="0"),
            finding_at(count, 0, len(count.text), "数字单元格", anchor=ANCHOR_CELL, expected="11"),
            finding_at(blank, 0, 0, "空段落", anchor=ANCHOR_MISSING),
            finding_at(last, 0, len(last.text), "缺少第六部分", anchor=ANCHOR_MISSING),
        ]

    return _annotate(folder, "structure", src, findings)


def case_fields_and_controls(folder: Path) -> Case:
    smart = (
        '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
        '<w:smartTagPr><w:attr w:name="Year" w:val="2023"/></w:smartTagPr>'
        + run("2023年")
        + "</w:smartTag>"
        + run("工作")
    )
    sdt = (
        '<w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent>'
        + run("某某局办公室")
        + "</w:sdtContent></w:sdt>"
    )
    title = '<w:fldSimple w:instr=" DOCPROPERTY Title ">' + run("年度报告") + "</w:fldSimple>"
    body = para(smart) + para(run("联系：") + sdt) + para(run("标题为") + title + run("。"))
    src = build_docx(folder, body, name="fields_src.docx", title="年度报告")
    return _annotate(
        folder,
        "fields",
        src,
        lambda d: [
            finding_on(d, "23年工", "智能标记"),
            finding_on(d, "某局", "内容控件"),
            finding_on(d, "为年度报告", "整个域结果"),
        ],
    )


def case_replaced(folder: Path) -> Case:
    """A file annotated twice, with a human comment: LibreOffice sees the second run's comments and the human one."""
    base = build_docx(folder, para(run("本年新收申请") + HUMAN_RANGE + run("，结转2件。")), name="human_base.docx")
    src = with_human_comment(folder, base)
    first = _annotate(folder, "replaced_first", src, lambda d: [finding_on(d, "新收申请", "旧批注")])
    return _annotate(
        folder,
        "replaced",
        first.out,
        lambda d: [finding_on(d, "申请31", "新批注一"), finding_on(d, "结转", "新批注二")],
        humans=["请核对数字"],
    )


def word_like_body() -> str:
    """Word's own markup: paraIds, rsids, bookmarks, proofing marks, rendered page breaks, split numbers."""
    rpr = (
        '<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/></w:rPr>'
    )
    ppr = '<w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>'
    return (
        '<w:p w14:paraId="1A2B3C4D" w14:textId="77777777" w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3">'
        + ppr
        + '<w:bookmarkStart w:id="0" w:name="_Hlk156384512"/>'
        + f'<w:r w:rsidRPr="00D4E5F6">{rpr}<w:t>2023年，我局共收到政府信息公开申请</w:t></w:r>'
        + '<w:proofErr w:type="gramStart"/>'
        + f'<w:r w:rsidR="00112233">{rpr}<w:t>3</w:t></w:r><w:r w:rsidR="00445566">{rpr}<w:t>1</w:t></w:r>'
        + '<w:proofErr w:type="gramEnd"/>'
        + f"<w:r>{rpr}<w:t>件</w:t></w:r>"
        + '<w:bookmarkEnd w:id="0"/>'
        + f'<w:r>{rpr}<w:lastRenderedPageBreak/><w:t xml:space="preserve">，办结 </w:t></w:r>'
        + f"<w:r>{rpr}<w:t>30件。</w:t></w:r></w:p>"
        + '<w:p w14:paraId="2B3C4D5E" w14:textId="77777777">'
        + ppr
        + f"<w:r>{rpr}<w:t>电话：0632-</w:t></w:r><w:r>{rpr}<w:t>666</w:t></w:r><w:r>{rpr}<w:t>1666</w:t></w:r>"
        + '<w:bookmarkStart w:id="1" w:name="_GoBack"/><w:bookmarkEnd w:id="1"/></w:p>'
    )


def case_word_like(folder: Path) -> Case:
    src = with_human_comment(folder, build_docx(folder, word_like_body() + para(HUMAN_RANGE), name="word_src.docx"))
    return _annotate(
        folder,
        "word_like",
        src,
        lambda d: [
            finding_on(d, "申请31件", "Word 拆分数字"),
            finding_on(d, "办结 30", "Word 保留空格"),
            finding_on(d, "0632-6661666", "电话"),
            finding_on(d, "2-66", "电话中间"),
        ],
        humans=["请核对数字"],
    )


def number_findings(doc: Document, limit: int = 60) -> list[Finding]:
    """Findings on numbers, in paragraphs LibreOffice does not turn into fields."""
    found: list[Finding] = []
    for p in doc.paragraphs:
        for match in NUMBER.finditer(p.text):
            if len(found) < limit:
                found.append(finding_at(p, match.start(), match.end(), f"N{len(found)}"))
    return found


def fields_free(doc_path: Path, doc: Document) -> Document:
    """``doc`` without the paragraphs holding fields (their results are recomputed by LibreOffice)."""
    root = etree.fromstring(read_part(doc_path, "word/document.xml"))
    xml_paragraphs = list(root.find(W + "body").iter(W + "p"))
    keep = [
        p
        for p in doc.paragraphs
        if xml_paragraphs[p.xml_index].find(f".//{W}fldSimple") is None
        and xml_paragraphs[p.xml_index].find(f".//{W}fldChar") is None
    ]
    return Document(doc.path, doc.blocks, keep, doc.tables)


def case_fixture(folder: Path, name: str) -> Case:
    src = FIXTURES / name
    humans = [c.text.split("\n")[0] for c in comments(src)]
    return _annotate(
        folder, name.removesuffix(".docx"), src, lambda d: number_findings(fields_free(src, d)), humans=humans
    )


def case_libreoffice_written(folder: Path, lo_written: Path) -> Case:
    return _annotate(
        folder,
        "lo_written",
        lo_written,
        lambda d: [
            finding_on(d, "收到申请3", "LO 段落"),
            finding_on(d, "gov.cn", "LO 链接"),
            finding_on(d, "行政许可", "LO 单元格", anchor=ANCHOR_CELL),
            *number_findings(d, limit=10),
        ],
    )


def lo_source(folder: Path) -> Path:
    """A document for LibreOffice to re-save as DOCX (its own XML layout)."""
    rows = [[para(run("项目")), para(run("数量"))], [para(run("行政许可")), para(run("7"))]]
    body = (
        para(run("总体情况"), NUMBERED)
        + para(run("本年收到申请") + run("31件，") + LINK.format(run("www.gov.cn")) + run("。"))
        + table(rows)
        + simple_para("办结30件，结转1件。")
    )
    return build_docx(folder, body, name="lo_source.docx", numbering_xml=CHINESE_NUMBERING)


#: Fixtures as Word, WPS and LibreOffice write them, one converted from PDF, and one with human comments (the others are
#: covered at XML level by test_annotate_fixtures.py; each conversion costs seconds).
FIXTURE_NAMES = [
    "sample-word.docx",
    "sample-wps.docx",
    "sample-libreoffice.docx",
    "sample-pdf-converted.docx",  # the finding's text has spaces the checks did not see ("6 件")
    "robust-comment.docx",
]
CASES = ["runs", "links", "structure", "fields", "replaced", "word_like", "lo_written", *FIXTURE_NAMES]


# -- LibreOffice ------------------------------------------------------------------------


def convert(files: list[Path], outdir: Path, target: str, profile: Path) -> None:
    """One ``soffice`` run converting ``files`` into ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    missing = [f for f in files if not (outdir / (f.stem + "." + target.split(":")[0])).exists()]
    assert not missing, f"soffice did not convert {missing}: {done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Case, Path]]:
    if SOFFICE is None:
        if os.environ.get("DOCXLINT_REQUIRE_SOFFICE"):
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    folder = tmp_path_factory.mktemp("libreoffice")
    profile = folder / "profile"
    source = lo_source(folder)
    convert([source], folder / "lo", "docx:MS Word 2007 XML", profile)
    cases = {
        "runs": case_runs(folder),
        "links": case_links_and_revisions(folder),
        "structure": case_structure(folder),
        "fields": case_fields_and_controls(folder),
        "replaced": case_replaced(folder),
        "word_like": case_word_like(folder),
        "lo_written": case_libreoffice_written(folder, folder / "lo" / source.name),
    }
    cases.update({name: case_fixture(folder, name) for name in FIXTURE_NAMES})
    convert([c.out for c in cases.values()], folder / "odt", "odt", profile)
    return {name: (case, folder / "odt" / (case.out.stem + ".odt")) for name, case in cases.items()}


@pytest.mark.parametrize("name", CASES)
def test_libreoffice_shows_each_comment_on_its_text(converted: dict[str, tuple[Case, Path]], name: str) -> None:
    case, odt = converted[name]
    annotations = odt_annotations(odt)
    ours = {a.message: a.anchored for a in annotations if a.creator == "docxlint"}
    assert ours == case.expected
    assert sum(a.creator == "docxlint" for a in annotations) == len(case.expected)
    humans = [a.message for a in annotations if a.creator != "docxlint"]
    for message in case.humans:
        assert message in humans
