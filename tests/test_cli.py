"""The command line as users script it: dump, check, exit codes, --format, --fail-on, rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docxlint", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def dump(name: str) -> list[str]:
    result = run("dump", str(FIXTURES / name))
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def texts(lines: list[str]) -> list[str]:
    """The content column of dump lines (after the section and location prefix)."""
    return [line.split("\t", 1)[1] if "\t" in line else "" for line in lines]


@pytest.mark.parametrize("name", ["sample-autonum.docx", "sample-libreoffice.docx"])
def test_dump_shows_automatic_heading_numbers(name: str) -> None:
    lines = dump(name)
    assert "一、总体情况" in texts(lines)
    assert "六、其他需要报告的事项" in texts(lines)
    assert any(line.startswith("[一、总体情况 / （一）主动公开方面]") for line in lines)


@pytest.mark.parametrize("name", ["sample-word.docx", "sample-wps.docx", "sample-autonum.docx"])
def test_dump_reads_split_and_tracked_numbers_as_one_string(name: str) -> None:
    joined = "\n".join(dump(name))
    assert "本年度主动公开政府信息31件" in joined
    assert "0632-6661666" in joined


def test_dump_shows_the_accepted_text_of_a_tracked_change() -> None:
    xml_text = _document_xml(FIXTURES / "sample-wps.docx")
    assert "<w:del " in xml_text and "<w:ins " in xml_text  # the fixture really has tracked changes
    lines = "\n".join(dump("sample-wps.docx"))
    assert "本年度主动公开政府信息31件" in lines


def _document_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def test_dump_shows_table_three_as_28_logical_rows_with_merged_header_once() -> None:
    lines = dump("sample-word.docx")
    table3 = [line for line in lines if line.startswith("[三、收到和处理政府信息公开申请情况] T")]
    table_ids = {line.split("] ", 1)[1].split(" ", 1)[0] for line in table3}
    assert len(table_ids) == 1
    assert len(table3) == 28
    contents = texts(table3)
    assert contents[1] == "自然人\t法人或其他组织\t总计"
    assert "申请人情况" in contents[0] and "\t".join(contents).count("申请人情况") == 1
    assert contents[2] == "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"
    assert contents[-2].startswith("（七）总计\t")


def test_dump_json_has_blocks_sections_and_merged_cells() -> None:
    result = run("dump", str(FIXTURES / "sample-word.docx"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    tables = [b for b in data["blocks"] if b["type"] == "table"]
    assert len(tables) == 3
    header = tables[1]["rows"][0]
    assert [c["col_span"] for c in header] == [3, 7] and header[0]["row_span"] == 3
    headings = [b["text"] for b in data["blocks"] if b["type"] == "paragraph" and b["section"].endswith(b["text"])]
    assert "一、总体情况" in headings


def test_check_sample_flags_the_proposals_mismatch_and_exits_1() -> None:
    result = run("check", str(FIXTURES / "sample-word.docx"), "--format", "json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["excerpt"] for f in findings if f["severity"] == "error"] == ["市级政协提案6件"]


def test_check_corrected_sample_is_clean_and_exits_0() -> None:
    result = run("check", str(FIXTURES / "sample-corrected-word.docx"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "错误 0，警告 0，提示 0" in result.stdout


def test_fail_on_info_counts_lower_severities(tmp_path: Path) -> None:
    errors_only = run("check", str(FIXTURES / "defect-t3-slash-cell.docx"), "--format", "json", "--fail-on", "error")
    data = json.loads(errors_only.stdout)
    severities = {f["severity"] for f in data["files"][0]["findings"]}
    assert "warning" in severities
    expected = 1 if "error" in severities else 0
    assert errors_only.returncode == expected
    assert run("check", str(FIXTURES / "defect-t3-slash-cell.docx"), "--fail-on", "warning").returncode == 1


def test_unreadable_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("just some text, not a zip")
    result = run("check", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and str(bad) in result.stderr
    assert "Traceback" not in result.stderr
    assert run("dump", str(bad)).returncode == 2


def test_folder_input_and_sarif(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("sample-word.docx", "sample-corrected-word.docx"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    (folder / "~$lock.docx").write_bytes(b"owner file Word leaves behind")
    result = run("check", str(folder), "--format", "sarif", "--lang", "en")
    assert result.returncode == 1, result.stderr
    sarif = json.loads(result.stdout)
    (res,) = [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    assert res["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].startswith("六、")


def test_folder_scan_takes_any_case_and_reports_broken_links(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "REPORT.DOCX").write_bytes((FIXTURES / "sample-word.docx").read_bytes())
    (folder / "gone.docx").symlink_to(tmp_path / "moved-away.docx")
    result = run("check", str(folder), "--format", "json")
    assert result.returncode == 2, result.stderr
    files = {Path(f["file"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["REPORT.DOCX"]["findings"] and "not found" in files["gone.docx"]["error"]


def test_machine_formats_are_utf8_whatever_the_console_and_the_file_name(tmp_path: Path) -> None:
    """A GBK file name (as unzip leaves archives from Chinese Windows) and a latin-1 console."""
    name = str(tmp_path / os.fsdecode("报告 2023".encode("gbk") + b".docx"))
    Path(name).write_bytes((FIXTURES / "sample-word.docx").read_bytes())
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    for fmt in ("json", "sarif"):
        done = subprocess.run(
            [sys.executable, "-m", "docxlint", "check", name, "--format", fmt], cwd=ROOT, capture_output=True, env=env
        )
        assert done.returncode == 1, done.stderr
        data = json.loads(done.stdout.decode("utf-8"))  # strict UTF-8
        assert "政协提案" in json.dumps(data, ensure_ascii=False)
        if fmt == "json":
            assert data["files"][0]["file"] == name  # the escapes read back to the same name
        else:
            uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert uri.endswith("/%B1%A8%B8%E6%202023.docx")
    text = subprocess.run([sys.executable, "-m", "docxlint", "check", name], cwd=ROOT, capture_output=True, env=env)
    assert text.returncode == 1 and b"Traceback" not in text.stderr and text.stdout.count(b"\n") > 3


def test_rules_validate_and_test_the_bundled_pack() -> None:
    validated = run("rules", "validate")
    assert validated.returncode == 0, validated.stderr
    tested = run("rules", "test")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert tested.stdout.strip().splitlines()[-1].endswith(" 0 failed")


def test_broken_rule_pack_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x", "rules": [')
    result = run("check", str(FIXTURES / "sample-word.docx"), "--rules", str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(bad) in result.stderr


def test_usage_errors_are_exit_2() -> None:
    assert run("check").returncode == 2
    assert run("check", str(FIXTURES / "sample-word.docx"), "--format", "xml").returncode == 2
    assert run("annotate", str(FIXTURES / "sample-word.docx")).returncode == 2  # neither -o nor --in-place


def test_rules_test_with_an_unknown_rule_id_is_a_usage_error() -> None:
    result = run("rules", "test", "--rule", "no-such-rule")
    assert result.returncode == 2 and "no-such-rule" in result.stderr
    only_one = run("rules", "test", "--rule", "statistics-period")
    assert only_one.returncode == 0 and not only_one.stdout.strip().endswith("0 passed, 0 failed")
