"""The committed fixtures: up to date, described truthfully, and readable by other tools.

Also checks the raw writer (``fixtures/wordxml.py``) that other tests use to build documents.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx2python import docx2python

from fixtures import build_fixtures as bf
from fixtures.wordxml import IdPool, Mark, RunFormat, make_docx, parse_changes, render_inline, simple_para, split_marks

FIXTURES = Path(bf.__file__).resolve().parent
MANIFEST: list[dict] = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
BY_FILE = {entry["file"]: entry for entry in MANIFEST}
ENTRY_KEYS = {"file", "base", "description", "clean", "defects"}
DEFECT_KEYS = {"kind", "rule_type", "excerpt", "expected", "section"}
OPTIONAL_KEYS = {"actual", "cell", "derived", "occurrence", "also_at", "anchor", "note"}
SECTIONS = {"front-matter", "一", "二", "三", "四", "五", "六"}
#: docx2python is slow (1–2 s a file): read the files that exercise different writers.
D2P_FILES = ["sample-wps.docx", "sample-libreoffice.docx", "clean-tracked-fix.docx"]


def test_committed_files_are_what_the_script_builds(tmp_path: Path) -> None:
    assert bf.build(FIXTURES, check_only=True) == []


def test_build_is_deterministic(tmp_path: Path) -> None:
    fixture = next(f for f in bf.all_fixtures() if f.file == "sample-wps.docx")
    assert fixture.build() == fixture.build()


def test_manifest_lists_every_docx_once() -> None:
    names = [entry["file"] for entry in MANIFEST]
    assert len(names) == len(set(names))
    others = {entry["file"] for entry in json.loads((FIXTURES / "other-manifest.json").read_text(encoding="utf-8"))}
    assert set(names) == {p.name for p in FIXTURES.glob("*.docx")} - others


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["file"])
def test_manifest_entry_is_well_formed(entry: dict) -> None:
    assert set(entry) == ENTRY_KEYS
    assert entry["base"] == bf.SEED_NAME or entry["base"] in BY_FILE
    primary = [d for d in entry["defects"] if not d.get("derived")]
    assert entry["clean"] is (not primary)
    for defect in entry["defects"]:
        assert DEFECT_KEYS <= set(defect) <= DEFECT_KEYS | OPTIONAL_KEYS
        assert defect["rule_type"] in bf.RULE_TYPES
        assert defect["section"] in SECTIONS
        if "cell" not in defect:
            assert defect["excerpt"], "a text excerpt must not be empty"


@pytest.mark.parametrize("name", sorted(BY_FILE), ids=str)
def test_python_docx_opens_every_file(name: str) -> None:
    document = docx.Document(str(FIXTURES / name))
    assert len(document.paragraphs) > 20
    body_tables = document.element.body.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl")
    if name == bf.PDF_CONVERTED.file:  # pdf2docx splits a table where the page broke
        assert len(body_tables) > 3
    else:
        assert len(body_tables) == 3


@pytest.mark.parametrize("name", D2P_FILES)
def test_docx2python_reads_the_excerpts(name: str) -> None:
    with docx2python(str(FIXTURES / name)) as extracted:
        text = extracted.text
    assert "本报告中所列数据的统计时限为2023年1月1日至2023年12月31日" in text
    for defect in BY_FILE[name]["defects"]:
        if defect["excerpt"] and "cell" not in defect:
            assert defect["excerpt"] in text
    if name == "clean-tracked-fix.docx":  # deleted text is not what the reader sees
        assert "市级政协提案2件" in text and "市级政协提案6件" not in text


def test_libreoffice_file_is_libreoffices_and_kept_the_text() -> None:
    with zipfile.ZipFile(FIXTURES / "sample-libreoffice.docx") as package:
        app = package.read("docProps/app.xml").decode()
        numbering = package.read("word/numbering.xml").decode()
    assert "LibreOffice" in app
    assert re.search(r'w:numFmt w:val="(chineseCounting|chineseCountingThousand|taiwaneseCountingThousand)"', numbering)
    bf.verify_libreoffice(FIXTURES / "sample-libreoffice.docx", bf.LIBREOFFICE.report)


def test_pdf_converted_file_has_what_pdf_conversion_does_and_kept_the_text() -> None:
    """The file still shows what its manifest entry promises the reader will meet."""
    path = FIXTURES / bf.PDF_CONVERTED.file
    with zipfile.ZipFile(path) as package:
        core = package.read("docProps/core.xml").decode()
        body = package.read("word/document.xml").decode()
    assert "python-docx" in core  # pdf2docx writes through python-docx
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert any(p.strip().startswith("一、总体情况\n") for p in paragraphs)  # heading and body lines in one paragraph
    assert any(p.strip().startswith("五、存在的主要问题及改进情况\n（一）") for p in paragraphs)  # two heading lines
    assert re.search(r"市级政协提案</w:t>.*?<w:t>6</w:t>.*?<w:t xml:space=\"preserve\"> 件", body)
    bf.verify_pdf_converted(path, bf.PDF_CONVERTED.report)


def test_data_report_satisfies_the_format_and_defects_break_it() -> None:
    report = bf.data_report()
    assert bf.report_violations(report) == set()
    bf.set_value(report, "t3", "(一)", 2, "2")
    assert bf.report_violations(report) == {"t3-row:(一)", "t3-column:2"}


def test_catalogue_check_rejects_a_false_manifest_entry() -> None:
    fixture = next(f for f in bf.all_fixtures() if f.file == "defect-t3-row-total.docx")
    fixture.defects = fixture.defects[:1]  # drop the derived column violation
    with pytest.raises(AssertionError, match="declared"):
        bf.check_fixture(fixture)
    fixture = next(f for f in bf.all_fixtures() if f.file == "defect-phone.docx")
    fixture.defects[0]["excerpt"] = "0632-6661666"
    with pytest.raises(AssertionError, match="excerpt"):
        bf.check_fixture(fixture)


# --------------------------------------------------------------------------- wordxml


def test_parse_changes_keeps_insertions_and_drops_deletions() -> None:
    text, marks = parse_changes("本年度主动公开政府信息3{-2-}{+1+}件")
    assert text == "本年度主动公开政府信息31件"
    assert [(m.kind, m.start, m.end, m.value) for m in marks] == [("del", 12, 12, "2"), ("ins", 12, 13, None)]


def test_render_inline_splits_runs_without_changing_text() -> None:
    text = "电话：0632-6661666；网站http://x.cn/"
    marks = split_marks(text, "0632-|666|1666") + [Mark(text.index("http"), len(text), "hyperlink", "rId8")]
    xml = render_inline(text, marks, RunFormat(split_scripts=True, rsids=("00AA", "00BB")), IdPool())
    shown = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    assert shown == text
    assert "<w:t>0632-</w:t>" in xml and "<w:t>666</w:t>" in xml and "<w:t>1666</w:t>" in xml
    assert xml.count('w:hint="eastAsia"') == xml.count("<w:t>电话：</w:t>") + xml.count("<w:t>；网站</w:t>")
    assert '<w:hyperlink r:id="rId8"' in xml


def test_render_inline_rejects_overlapping_wrappers() -> None:
    with pytest.raises(ValueError):
        render_inline("abcdef", [Mark(0, 4, "ins"), Mark(2, 6, "hyperlink", "rId1")], RunFormat(), IdPool())


def test_make_docx_is_readable_and_deterministic() -> None:
    first = make_docx(io.BytesIO(), simple_para("你好"))
    assert first == make_docx(io.BytesIO(), simple_para("你好"))
    assert [p.text for p in docx.Document(io.BytesIO(first)).paragraphs] == ["你好"]
