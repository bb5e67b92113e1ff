"""Text the checks do not read is never passed off as a clean report.

A body without content is refused; text that lives in text boxes (LibreOffice's PDF import
puts every line in one) or in embedded ``w:altChunk`` documents is named in a note.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from docxlint.engine import lint_file
from docxlint.rulepack import load_pack
from fixtures import build_fixtures as bf
from fixtures.wordxml import make_docx
from tests.reader_helpers import read, wpara, wrun

ROOT = Path(__file__).resolve().parent.parent
LINES = [
    "2023年政府信息公开工作年度报告",
    "一、总体情况",
    "本年度共收到政府信息公开申请31件。",
    "二、主动公开政府信息情况",
]


def in_text_box(text: str) -> str:
    """A paragraph anchoring a text box (DrawingML with its VML fallback copy) that holds ``text``."""
    return wpara(bf.TEXTBOX_ALTERNATE_CONTENT.replace(bf.TEXTBOX_TEXT, text))


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docxlint", *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def test_text_box_text_is_counted_once_and_is_not_body_text() -> None:
    doc = read("".join(in_text_box(line) for line in LINES))
    assert doc.textbox_chars == sum(map(len, LINES))  # the fallback copy is not counted again
    assert [p.text for p in doc.paragraphs] == [""] * len(LINES)


def test_a_report_in_text_boxes_gets_a_note_and_its_findings(tmp_path: Path) -> None:
    path = tmp_path / "converted.docx"
    make_docx(path, "".join(in_text_box(line) for line in LINES))
    result = cli("check", path, "--format", "json")
    assert result.returncode == 1, result.stderr  # the missing sections are reported, on the first paragraph
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["findings"] and any("text boxes" in note for note in entry["notes"])
    assert "text boxes" in result.stderr
    sarif = json.loads(cli("check", path, "--format", "sarif").stdout)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["note"] and "text boxes" in notes[0]["message"]["text"]


def test_a_text_box_beside_the_body_text_gets_no_note() -> None:
    report = lint_file(ROOT / "fixtures" / "robust-textbox.docx", load_pack())
    assert report.error is None and report.notes == []


def test_an_embedded_alt_chunk_document_gets_a_note(tmp_path: Path) -> None:
    path = tmp_path / "chunk.docx"
    make_docx(path, wpara(wrun("一、总体情况")) + '<w:altChunk r:id="rIdChunk1"/>' + wpara(wrun("结束")))
    report = lint_file(path, load_pack())
    assert any("altChunk" in note for note in report.notes), report.notes


def test_an_empty_body_is_refused_not_reported_clean(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    make_docx(path, "")
    original = path.read_bytes()
    result = cli("check", path)
    assert result.returncode == 2 and result.stdout.count("empty.docx") <= 1
    assert result.stderr.strip().splitlines() == [f"docxlint: {path}: nothing to check: the document body is empty"]
    out = tmp_path / "out.docx"
    assert cli("annotate", path, "-o", out).returncode == 2 and not out.exists()
    assert cli("annotate", path, "--in-place").returncode == 2
    assert path.read_bytes() == original and not list(tmp_path.glob("*.bak"))


def test_a_title_in_a_text_box_gets_a_note(tmp_path: Path) -> None:
    """Less than most of the text, but more than a seal's label: the reader should know it was not read."""
    path = tmp_path / "title-box.docx"
    title = "某市某区商务局2023年政府信息公开工作年度报告"
    make_docx(path, in_text_box(title) + wpara(wrun("一、总体情况")) + wpara(wrun("正文" * 40)))
    report = lint_file(path, load_pack())
    assert report.notes == [
        f"{len(title)} characters in text boxes are not checked (a title or an introduction in a text box?);"
        " findings about missing content may be wrong"
    ]
