"""Verdicts kept between runs: the same answers as the library, dropped when it changes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from docxlint.checks import contact
from docxlint.memo import Memo, module_stamp

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "fixtures" / "sample-word.docx"
NUMBERS = ["0632-6661666", "（0632）6661666", "010-12345678", "13800138000", "0632-666166", "12345", "0000-1234567"]


@pytest.fixture
def memo_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("DOCXLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(contact, "_PHONE_MEMO", None)
    return tmp_path


def test_remembered_verdicts_equal_libphonenumber(memo_home: Path) -> None:
    first = [contact.phone_number_verdict(n) for n in NUMBERS]
    assert first == [contact._libphonenumber_verdict(n) for n in NUMBERS]
    assert first[0] == (True, "0632") and first[4][0] is False
    assert contact._PHONE_MEMO is not None
    contact._PHONE_MEMO.save()
    stored = json.loads((memo_home / "docxlint" / "phone-numbers.json").read_text(encoding="utf-8"))
    assert set(stored["entries"]) == set(NUMBERS)
    contact._PHONE_MEMO = None
    assert [contact.phone_number_verdict(n) for n in NUMBERS] == first
    assert contact._PHONE_MEMO is not None and not contact._PHONE_MEMO.added  # all from the file


def test_another_library_version_starts_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    old = Memo("m", "phonenumbers 1")
    old.put("x", [True, None])
    old.save()
    assert Memo("m", "phonenumbers 1").get("x") == [True, None]
    assert Memo("m", "phonenumbers 2").get("x") is None


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", '{"version": "v", "entries": 3}'])
def test_a_damaged_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "docxlint").mkdir()
    (tmp_path / "docxlint" / "m.json").write_text(content, encoding="utf-8")
    memo = Memo("m", "v")
    assert memo.get("x") is None
    memo.put("x", 1)
    memo.save()
    assert Memo("m", "v").get("x") == 1


def test_no_cache_and_unknown_version_keep_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    unversioned = Memo("m", None)
    unversioned.put("x", 1)
    unversioned.save()
    monkeypatch.setenv("DOCXLINT_NO_CACHE", "1")
    disabled = Memo("n", "v")
    disabled.put("x", 1)
    disabled.save()
    assert not (tmp_path / "docxlint").exists()


def test_module_stamp_finds_without_importing() -> None:
    code = "import sys; from docxlint.memo import module_stamp; s = module_stamp('phonenumbers'); "
    code += "print(bool(s), 'phonenumbers' in sys.modules, module_stamp('no_such_module_here'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.split() == ["True", "False", "None"]
    assert module_stamp("phonenumbers") == module_stamp("phonenumbers")


def test_a_second_check_of_the_same_report_does_not_import_phonenumbers(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom docxlint.cli import main\nsys.argv = ['docxlint', 'check', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint('imported' if 'phonenumbers' in sys.modules else 'not imported', file=sys.stderr)\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    runs = [
        subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True, cwd=REPO, env=env)
        for _ in range(2)
    ]
    assert runs[0].stderr.strip().endswith("imported") and not runs[0].stderr.strip().endswith("not imported")
    assert runs[1].stderr.strip().endswith("not imported")
    assert runs[0].stdout == runs[1].stdout and "市级政协提案" in runs[0].stdout


def test_pattern_literals_are_read_once_and_remembered(memo_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from docxlint import literals

    monkeypatch.setattr(literals, "_LITERALS_MEMO", None)
    patterns = [re.compile(p) for p in (r"规范性文件\d+件", r"(?:收到|受理)申请", r"\d+", r"[甲乙]方")]
    literals.required_literals.cache_clear()
    first = [literals.required_literals(p) for p in patterns]
    assert first == [literals._parsed_literals(p) for p in patterns]
    assert first[0] == ("规范性文件",) and first[2] is None
    assert literals._LITERALS_MEMO is not None
    literals._LITERALS_MEMO.save()
    monkeypatch.setattr(literals, "_LITERALS_MEMO", None)
    literals.required_literals.cache_clear()

    def no_parsing(regex: re.Pattern[str]) -> None:
        raise AssertionError(f"parsed {regex.pattern} again")

    monkeypatch.setattr(literals, "_parsed_literals", no_parsing)
    assert [literals.required_literals(p) for p in patterns] == first
    literals.required_literals.cache_clear()


def test_memos_saved_by_two_processes_keep_both_entries(memo_home: Path) -> None:
    first, second = Memo("shared", "v1"), Memo("shared", "v1")
    first.put("a", 1)
    second.put("b", 2)
    second.save()
    first.save()
    assert Memo("shared", "v1").entries == {"a": 1, "b": 2}
