"""Nothing lost: no command alters its input, annotated output is atomic and keeps every visible character.

* Every command (check, dump, annotate -o, check --annotate-dir) leaves the input's bytes and
  mtime alone and leaves no stray file beside it; ``annotate --in-place`` keeps a ``.bak`` equal
  to the original.
* When the output cannot be written (a file-size limit makes every write past N bytes fail, the
  way a full disk does), no partial or temporary file is left and the input is intact.
* Over every fixture and a few generated variants, the annotated file shows exactly the same
  text as the original (paragraphs and table cells, read back with the reader), every original
  part is still there, and parts the annotator has no business with are byte-identical.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from benchmarks.make_corpus import ReportSpec, write_report
from tests.hostile_files import REPO, Outcome, run_cli

OLD_MTIME_NS = 1_577_836_800_000_000_000  #: 2020-01-01: a rewrite within the same second still shows
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: Parts the annotator may change or add (architecture: document, comments, styles, content types, rels).
MAY_CHANGE = {"word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}


def _may_change(part: str) -> bool:
    name = part.lower()
    return part in MAY_CHANGE or "comments" in name or name == "word/people.xml"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """name -> (sha256, mtime_ns) of every file in ``folder``."""
    return {p.name: (sha256(p), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


def generated_inputs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    specs = {
        "typed-numbering.docx": ReportSpec(seed=11, defects=("table3_sum", "period_year")),
        "auto-numbering.docx": ReportSpec(seed=12, auto_numbering=True, heading_style=True, defects=("late_date",)),
        "blank-cells.docx": ReportSpec(seed=13, defects=("blank_total", "slash_cells", "text_table_mismatch")),
    }
    return [write_report(folder / name, spec) for name, spec in specs.items()]


def corpus(folder: Path) -> list[Path]:
    """Every fixture DOCX of the project plus generated variants."""
    return sorted((REPO / "fixtures").glob("*.docx")) + generated_inputs(folder)


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    """A report with defects (so that annotation has comments to add), mtime set in the past."""
    src = tmp_path / "in" / "年度报告.docx"
    src.parent.mkdir()
    write_report(src, ReportSpec(seed=5, defects=("table3_sum", "period_year", "late_date")))
    os.utime(src, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return src


COMMANDS = {
    "check": lambda src, out: ["check", src],
    "check-json": lambda src, out: ["check", src, "--format", "json", "-o", out / "report.json"],
    "check-sarif": lambda src, out: ["check", src, "--format", "sarif"],
    "dump": lambda src, out: ["dump", src],
    "dump-json": lambda src, out: ["dump", src, "--format", "json"],
    "annotate": lambda src, out: ["annotate", src, "-o", out / "annotated.docx"],
    "check-annotate-dir": lambda src, out: ["check", src, "--annotate-dir", out / "annotated"],
    "check-folder": lambda src, out: ["check", src.parent, "--jobs", "2", "--annotate-dir", out / "annotated"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_input_untouched(report: Path, tmp_path: Path, command: str) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    before = snapshot(report.parent)
    result = run_cli(*COMMANDS[command](report, out_dir))
    assert result.code in (0, 1), result.stderr
    assert snapshot(report.parent) == before, "the input changed or a file appeared beside it"


def test_annotate_dir_writes_annotated_copies(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "annotated"
    result = run_cli("check", report, "--annotate-dir", target)
    assert result.code in (0, 1), result.stderr
    assert [p.name for p in target.iterdir()] == [report.name]
    assert visible_text(target / report.name) == visible_text(report)


def test_in_place_keeps_backup(report: Path) -> None:
    original = report.read_bytes()
    result = run_cli("annotate", report, "--in-place")
    assert result.code in (0, 1), result.stderr
    backup = report.with_name(report.name + ".bak")
    assert backup.read_bytes() == original
    assert report.read_bytes() != original, "the findings should have been added as comments"
    assert visible_text(report) == visible_text(backup)
    assert sorted(p.name for p in report.parent.iterdir()) == sorted([report.name, backup.name])


def test_in_place_twice_keeps_the_original(report: Path) -> None:
    """Running --in-place again must not overwrite the only copy of the untouched original."""
    original = report.read_bytes()
    for _ in range(2):
        result = run_cli("annotate", report, "--in-place")
        assert result.code in (0, 1), result.stderr
    survivors = [p for p in report.parent.iterdir() if p.read_bytes() == original]
    assert survivors, f"the original bytes are gone after two in-place runs: {sorted(os.listdir(report.parent))}"


# ---------------------------------------------------------------------------------------------
# Atomic output: writes that fail midway leave nothing behind
# ---------------------------------------------------------------------------------------------


def assert_clean_failure(result: Outcome, named: Path) -> None:
    assert result.code == 2, f"exit {result.code}: {result.stderr}"
    lines = [ln for ln in result.stderr.splitlines() if ln.strip() and "comment(s) added" not in ln]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert named.name in lines[0], f"the error should name {named.name}: {lines[0]!r}"
    assert "internal error" not in lines[0], f"a full disk is not a docxlint bug: {lines[0]!r}"


def test_annotate_output_is_atomic(report: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    before = snapshot(report.parent)
    target = out_dir / "annotated.docx"
    result = run_cli("annotate", report, "-o", target, fsize=report.stat().st_size // 2)
    assert result.code == 2, result.stderr
    assert list(out_dir.iterdir()) == [], "a partial or temporary file was left behind"
    assert snapshot(report.parent) == before
    assert_clean_failure(result, target)


def test_annotate_does_not_replace_existing_output_on_failure(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "annotated.docx"
    target.write_bytes(b"previous output")
    result = run_cli("annotate", report, "-o", target, fsize=report.stat().st_size // 2)
    assert result.code == 2
    assert target.read_bytes() == b"previous output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotated.docx", "in"]


def test_in_place_failure_keeps_the_original(report: Path) -> None:
    original = report.read_bytes()
    result = run_cli("annotate", report, "--in-place", fsize=len(original) // 2)
    assert result.code == 2, result.stderr
    assert report.read_bytes() == original
    leftovers = [p.name for p in report.parent.iterdir() if p != report and p.read_bytes() != original]
    assert leftovers == [], f"partial files left: {leftovers}"
    assert_clean_failure(result, report)


def test_annotate_dir_failure_is_reported_per_file(report: Path, tmp_path: Path) -> None:
    """A write failure in --annotate-dir is that file's error line; the run does not crash."""
    target = tmp_path / "annotated"
    result = run_cli("check", report, "--annotate-dir", target, fsize=report.stat().st_size // 2)
    assert result.code == 2, result.stderr
    assert list(target.iterdir()) == [], "a partial or temporary file was left behind"
    assert_clean_failure(result, report)


@pytest.mark.parametrize(
    "args",
    [
        lambda src: ["check", src, "-o", src],
        lambda src: ["check", src, "--format", "json", "-o", src],
        lambda src: ["check", src, "--annotate-dir", src.parent],
        lambda src: ["check", src.parent, "--annotate-dir", src.parent / "." / ""],
    ],
    ids=["report-onto-input", "json-onto-input", "annotate-dir-is-inputs-folder", "folder-into-itself"],
)
def test_outputs_onto_the_inputs_are_refused(report: Path, args) -> None:
    before = snapshot(report.parent)
    result = run_cli(*args(report))
    assert_clean_failure(result, report)
    assert "overwrite" in result.stderr
    assert snapshot(report.parent) == before


def test_last_years_report_is_never_an_output(report: Path, tmp_path: Path) -> None:
    last = tmp_path / "2022" / report.name
    last.parent.mkdir()
    last.write_bytes(report.read_bytes())
    before = sha256(last)
    for args in (
        ["check", report, "--previous", last, "--annotate-dir", last.parent],
        ["check", report, "--previous", last, "-o", last],
        ["annotate", report, "-o", last, "--previous", last],
    ):
        result = run_cli(*args)
        assert result.code == 2 and "overwrite" in result.stderr, (args, result.stderr)
    assert sha256(last) == before


def test_annotated_copies_inside_the_scanned_folder_are_not_inputs_next_time(report: Path) -> None:
    folder, target = report.parent, report.parent / "annotated"
    first = run_cli("check", folder, "--annotate-dir", target)
    again = run_cli("check", folder, "--annotate-dir", target, "--format", "json")
    assert first.code == again.code == 1, again.stderr
    assert [Path(f["file"]).name for f in json.loads(again.stdout)["files"]] == [report.name]


def test_unusable_annotate_dir_is_one_clear_line(report: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    result = run_cli("check", report, "--annotate-dir", a_file)
    assert_clean_failure(result, a_file)
    assert "not a folder" in result.stderr
    twin = tmp_path / "twin" / report.name
    twin.parent.mkdir()
    twin.write_bytes(report.read_bytes())
    result = run_cli("check", report, twin, "--annotate-dir", tmp_path / "out")
    assert_clean_failure(result, report)
    assert str(twin) in result.stderr and not (tmp_path / "out").exists()


def test_in_place_through_a_symbolic_link_annotates_the_report_it_points_to(report: Path) -> None:
    original = report.read_bytes()
    link = report.parent / "link.docx"
    link.symlink_to(report.name)
    result = run_cli("annotate", link, "--in-place")
    assert result.code == 1, result.stderr
    assert link.is_symlink() and report.read_bytes() != original
    assert (report.parent / (report.name + ".bak")).read_bytes() == original


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_destination(report: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "ro"
    out_dir.mkdir()
    out_dir.chmod(0o555)
    try:
        result = run_cli("annotate", report, "-o", out_dir / "annotated.docx")
        assert_clean_failure(result, out_dir / "annotated.docx")
        assert list(out_dir.iterdir()) == []
    finally:
        out_dir.chmod(0o755)


# ---------------------------------------------------------------------------------------------
# Annotated output keeps every visible character and every part
# ---------------------------------------------------------------------------------------------


def visible_text(path: Path) -> tuple[list[str], list[tuple[int, int, int, str]]]:
    """Paragraph texts and (table, row, col, text) of every cell, as the reader sees them."""
    from docxlint.docx import read_document

    doc = read_document(path)
    cells = [(t.index, c.row, c.col, c.text) for t in doc.tables for c in t.cells]
    return [p.text for p in doc.paragraphs], cells


def raw_text(data: bytes) -> str:
    """All ``w:t`` text of document.xml, independent of the reader."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return "".join(t.text or "" for t in root.iter(f"{{{W_NS}}}t"))


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def annotate_in_process(src: Path, dest: Path) -> int:
    import docxlint
    from docxlint.engine import annotate_report

    report = docxlint.lint(src)
    assert report.error is None, report.error
    assert report.rule_errors == [], report.rule_errors
    result = annotate_report(report, dest, "zh")
    return result.comments_added


def test_annotation_keeps_visible_text(tmp_path: Path) -> None:
    inputs = corpus(tmp_path / "gen")
    (tmp_path / "out").mkdir()
    commented = 0
    for src in inputs:
        dest = tmp_path / "out" / src.name
        original = src.read_bytes()
        commented += annotate_in_process(src, dest) > 0
        assert src.read_bytes() == original, f"{src.name}: input modified"
        assert visible_text(dest) == visible_text(src), f"{src.name}: visible text changed"
        assert raw_text(dest.read_bytes()) == raw_text(original), f"{src.name}: w:t text changed"
        before, after = parts(original), parts(dest.read_bytes())
        assert set(before) <= set(after), f"{src.name}: parts lost: {sorted(set(before) - set(after))}"
        changed = sorted(p for p in before if before[p] != after[p] and not _may_change(p))
        assert not changed, f"{src.name}: parts rewritten without reason: {changed}"
    assert commented >= 3, "the generated variants carry defects: their annotation must add comments"


def comment_count(path: Path) -> int:
    comments = parts(path.read_bytes()).get("word/comments.xml")
    return 0 if comments is None else len(etree.fromstring(comments).findall(f"{{{W_NS}}}comment"))


def test_reannotating_an_annotated_file_keeps_text(tmp_path: Path) -> None:
    """Annotating the annotated copy again replaces docxlint's comments: same text, no duplicates."""
    src = generated_inputs(tmp_path)[0]
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    added = annotate_in_process(src, once)
    annotate_in_process(once, twice)
    assert visible_text(twice) == visible_text(src)
    assert comment_count(once) == comment_count(twice) == added > 0
