"""``docxlint check`` without typer: the fast parser reads a line as typer does, or leaves it to typer."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docxlint.check_command import CheckOptions, parse_check_argv

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

#: Words of command lines: file names, every option spelling, good and bad values, and things typer treats specially.
TOKENS = [
    "a.docx",
    "reports",
    "b c.docx",
    "check",
    "x=y.docx",
    "报告.docx",
    "--rules",
    "-r",
    "pack.json",
    "--format",
    "-f",
    "json",
    "text",
    "sarif",
    "JSON",
    "--format=json",
    "--format=",
    "--lang",
    "en",
    "zh",
    "--lang=en",
    "--fail-on",
    "warning",
    "info",
    "--fail-on=info",
    "--jobs",
    "-j",
    "2",
    "0",
    "-1",
    "01",
    "+2",
    " 3",
    "3_0",
    "--jobs=2",
    "-j2",
    "-r=p.json",
    "-rpack.json",
    "--annotate-dir",
    "out",
    "--output",
    "-o",
    "report.txt",
    "--output=r.txt",
    "--previous",
    "last.docx",
    "--previous=l.docx",
    "--",
    "-",
    "",
    " ",
    "-h",
    "--help",
    "--version",
    "--rul",
    "--Format",
    "-x",
    "--output=-x",
]


def typer_params(argv: list[str]) -> dict[str, Any] | None:
    """What typer's ``check`` command reads from ``argv`` (after ``check``), normalised; None when it refuses."""
    import typer.main

    from docxlint.cli import app

    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            ctx = command.make_context("check", list(argv))
    except (Exception, SystemExit):  # usage errors, and --help (which exits)
        return None
    return {name: _plain(value) for name, value in ctx.params.items()}


def fast_params(options: CheckOptions) -> dict[str, Any]:
    return {name: _plain(value) for name, value in options._asdict().items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, Path):
        return str(value)
    return value


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=8))
def test_fast_parser_reads_a_line_as_typer_does_or_declines(tokens: list[str]) -> None:
    fast = parse_check_argv(["check", *tokens])
    if fast is None:
        return  # typer reads it (or refuses it) itself
    expected = typer_params(tokens)
    assert expected is not None, f"typer refuses {tokens!r} but the fast parser accepted it"
    assert fast_params(fast) == expected


@pytest.mark.parametrize(
    "line",
    [
        "check a.docx",
        "check reports --jobs 2",
        "check a.docx b.docx --format json --fail-on warning",
        "check -f sarif -o out.sarif --rules pack.json a.docx",
        "check a.docx --lang=en --annotate-dir annotated -j 4",
    ],
)
def test_fast_parser_takes_the_lines_people_type(line: str) -> None:
    argv = line.split()
    fast = parse_check_argv(argv)
    assert fast is not None
    assert fast_params(fast) == typer_params(argv[1:])


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["dump", "a.docx"],
        ["check"],
        ["check", "--help"],
        ["check", "a.docx", "--format", "JSON"],
        ["check", "a.docx", "--jobs", "0"],
        ["check", "a.docx", "--jobs", "2", "--jobs", "3"],
        ["check", "a.docx", "--"],
        ["check", "a.docx", "--rules"],
        ["--version"],
    ],
)
def test_fast_parser_leaves_the_rest_to_typer(argv: list[str]) -> None:
    assert parse_check_argv(argv) is None


# --- the two ways in behave alike ----------------------------------------------------------

_TYPER_ENTRY = "import sys\nfrom docxlint.cli import main\nsys.argv[0] = 'docxlint'\nmain()\n"


def _run(entry: list[str], args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*entry, *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{fixtures}/defect-phone.docx"],
        ["check", "{fixtures}/defect-phone.docx", "--format", "json", "--fail-on", "info"],
        ["check", "{fixtures}/sample-corrected-word.docx", "{tmp}/not-there.docx", "--lang", "en"],
        ["check", "{tmp}/empty-folder"],
        ["check", "{fixtures}/defect-phone.docx", "--rules", "{tmp}/broken.json"],
        ["check", "{fixtures}/defect-phone.docx", "{tmp}/copy/defect-phone.docx", "--annotate-dir", "{tmp}/out"],
        ["check", "{fixtures}/defect-phone.docx", "-o", "{tmp}/no-such-folder/report.txt"],
    ],
    ids=["findings", "json-info", "missing-file", "no-docx", "broken-pack", "annotate-name-clash", "unwritable-output"],
)
def test_fast_path_and_typer_give_the_same_output_and_exit_code(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "defect-phone.docx").write_bytes((FIXTURES / "defect-phone.docx").read_bytes())
    argv = [a.format(fixtures=FIXTURES, tmp=tmp_path) for a in args]
    assert parse_check_argv(argv) is not None
    fast = _run([sys.executable, "-m", "docxlint"], argv, tmp_path)
    slow = _run([sys.executable, "-c", _TYPER_ENTRY], argv, tmp_path)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert fast.returncode in (0, 1, 2)
    assert "Traceback" not in fast.stderr


def test_plain_check_does_not_import_typer(tmp_path: Path) -> None:
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('typer loaded:', 'typer' in sys.modules, file=sys.stderr))\n"
        "from docxlint.console import main\n"
        f"sys.argv = ['docxlint', 'check', {str(FIXTURES / 'sample-corrected-word.docx')!r}]\n"
        "main()\n"
    )
    result = _run([sys.executable, "-c", probe], [], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "typer loaded: False" in result.stderr


@pytest.mark.parametrize("argv", [["check", "{sample}", "{sample}"], ["dump", "{sample}"]])
def test_the_collector_is_back_on_once_started(argv: list[str], tmp_path: Path) -> None:
    """Start-up runs without the cyclic collector; a batch of files (or any other command) does not."""
    sample = str(FIXTURES / "sample-corrected-word.docx")
    probe = (
        "import atexit, gc, sys\n"
        "seen = []\n"
        "import docxlint.engine as engine\n"
        "real = engine.lint_file\n"
        "engine.lint_file = lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k)\n"
        "atexit.register(lambda: print('collector:', gc.isenabled(), seen, file=sys.stderr))\n"
        "from docxlint.console import main\n"
        f"sys.argv = ['docxlint', *{[a.format(sample=sample) for a in argv]!r}]\n"
        "main()\n"
    )
    result = _run([sys.executable, "-c", probe], [], tmp_path)
    assert result.returncode in (0, 1), result.stderr
    expected = "collector: True [True, True]" if argv[0] == "check" else "collector: True []"
    assert expected in result.stderr


def test_help_still_comes_from_typer(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "docxlint"], ["check", "--help"], tmp_path)
    assert result.returncode == 0
    assert "--fail-on" in result.stdout and "--jobs" in result.stdout


def test_an_unwritable_report_path_is_one_clear_line(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "report.txt"
    result = _run(
        [sys.executable, "-m", "docxlint"], ["check", str(FIXTURES / "defect-phone.docx"), "-o", str(target)], tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"docxlint: cannot write the report to {target}: No such file or directory"
    ]
