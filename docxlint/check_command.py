"""``docxlint check``: what the command does, and a parser for its plain command lines.

The command's work lives here, free of typer, so that both ways in share it: the typer
command in :mod:`docxlint.cli`, and :func:`parse_check_argv`, which reads the command lines
drafters and scripts type every time (``docxlint check FILE… [--format json] [--jobs 2] …``)
without importing typer and click. Importing those costs about 50 ms, a fifth of a whole
``check`` of a report. The parser accepts only what it is sure typer would read the same way
and declines everything else (help, unknown or repeated options, odd values), which then
goes to typer: ``tests/test_check_command.py`` compares the two on generated command lines.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple, TextIO

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

FORMATS = ("text", "json", "sarif")
LANGS = ("zh", "en")
LEVELS = ("error", "warning", "info")


class CheckOptions(NamedTuple):
    """The parameters of ``docxlint check``, with their defaults."""

    files: tuple[Path, ...]
    rules: str | None = None
    fmt: str = "text"
    lang: str = "zh"
    fail_on: str = "error"
    jobs: int = 1
    annotate_dir: Path | None = None
    output: Path | None = None
    previous: Path | None = None  #: last year's report (one input file only)


class CheckFailed(Exception):
    """Ends the command with one message on stderr and exit code 2."""


def run_check(options: CheckOptions) -> int:
    """Lint the files, write the report, and return the exit code (a broken pack raises :class:`CheckFailed`)."""
    from docxlint.console import startup_finished
    from docxlint.engine import expand_inputs, lint_many, read_previous
    from docxlint.errors import DocxlintError
    from docxlint.findings import Severity
    from docxlint.report import get_writer
    from docxlint.rulepack import load_pack

    err = sys.stderr
    try:
        pack = load_pack(options.rules, with_examples=False)
    except DocxlintError as exc:
        raise CheckFailed(str(exc)) from None
    finally:
        startup_finished()
    paths = expand_inputs(options.files)
    folder = options.annotate_dir
    if folder is not None and folder.is_dir() and not any(_inside(Path(f), folder) for f in options.files):
        # its annotated copies, from an earlier run into a folder inside the scanned one, are not inputs
        paths = [p for p in paths if not _inside(p, folder)]
    if not paths:
        raise CheckFailed("no .docx files found in " + ", ".join(map(str, options.files)))
    previous = None
    if options.previous is not None:
        if len(paths) != 1:
            raise CheckFailed("--previous compares one report with last year's: give one input file")
        try:
            previous = read_previous(options.previous)
        except DocxlintError as exc:
            raise CheckFailed(str(exc)) from None
    _refuse_overwriting_inputs(options, paths)
    if options.annotate_dir is not None:
        _prepare_annotate_dir(options.annotate_dir, paths, options.previous)
    reports = list(
        lint_many(
            paths,
            pack,
            options.rules,
            jobs=options.jobs,
            annotate_dir=options.annotate_dir,
            lang=options.lang,
            previous=previous,
        )
    )
    for report in reports:
        if report.error:
            _say(err, f"docxlint: {report.file}: {report.error}")
        for problem in report.rule_errors:
            _say(err, f"docxlint: {report.file}: internal error: {problem}")
        for note in report.notes:
            _say(err, f"docxlint: {report.file}: {note}")
    try:
        out = (
            open(options.output, "w", encoding="utf-8", errors="backslashreplace")
            if options.output
            else _stdout_for(options.fmt)
        )
    except OSError as exc:
        raise CheckFailed(f"cannot write the report to {options.output}: {exc.strerror or exc}") from None
    try:
        get_writer(options.fmt)(reports, pack, options.lang, out)
    finally:
        if options.output:
            out.close()
        elif out is not sys.stdout:
            out.detach()  # flushes; sys.stdout keeps its buffer
    if any(r.error or r.rule_errors for r in reports):
        return EXIT_ERROR
    threshold = Severity.parse(options.fail_on)
    if any(f.severity >= threshold for r in reports for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _refuse_overwriting_inputs(options: CheckOptions, paths: list[Path]) -> None:
    """``-o`` naming one of the documents would replace it with the report: refuse (nothing lost)."""
    if options.output is None:
        return
    replaced = overwritten_input(options.output, [*paths, *([options.previous] if options.previous else [])])
    if replaced is not None:
        raise CheckFailed(f"the report would overwrite the input {replaced}: give -o another file")


def overwritten_input(output: Path, inputs: list[Path]) -> Path | None:
    """The input (this year's reports, last year's) that writing ``output`` would replace, if any."""
    if not output.exists():
        return None
    return next((path for path in inputs if _same_file(output, path)), None)


def _prepare_annotate_dir(folder: Path, paths: list[Path], previous: Path | None = None) -> None:
    """Create ``--annotate-dir``; refuse when it is not a folder, when two inputs share a file name,
    or when an annotated copy would replace its own input (the folder holding the inputs)."""
    from docxlint.engine import annotated_name

    if folder.exists() and not folder.is_dir():
        raise CheckFailed(f"--annotate-dir {folder}: not a folder")
    seen: dict[Path, Path] = {}
    for path in paths:
        target = annotated_name(path, folder)
        if target in seen:
            raise CheckFailed(
                f"--annotate-dir: {seen[target]} and {path} share the file name {path.name}; annotate them separately"
            )
        seen[target] = path
        replaced = overwritten_input(target, [*paths, *([previous] if previous else [])])
        if replaced is not None:
            raise CheckFailed(
                f"--annotate-dir would overwrite the input {replaced} with an annotated copy: choose another folder"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CheckFailed(f"cannot create --annotate-dir {folder}: {exc.strerror or exc}") from None


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _stdout_for(fmt: str) -> TextIO:
    """Standard output for the report: JSON and SARIF are UTF-8 whatever the console's encoding (they
    are read by programs); text keeps the console's, showing what it cannot encode as escapes."""
    import io

    # a file name that is not UTF-8 ("报告.docx" in GBK bytes, as unzip leaves it) comes out as
    # "\udcb1…" escapes: valid JSON that reads back to the same name
    if fmt != "text" and hasattr(sys.stdout, "buffer"):
        sys.stdout.flush()
        return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="backslashreplace", newline="\n")
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    return sys.stdout


def _say(stream: TextIO, line: str) -> None:
    stream.write(line + "\n")
    stream.flush()


# --- the fast parser ------------------------------------------------------------------------

#: option spelling → (field, allowed values or None for any value); every option takes one value.
_OPTIONS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--rules": ("rules", None),
    "-r": ("rules", None),
    "--format": ("fmt", FORMATS),
    "-f": ("fmt", FORMATS),
    "--lang": ("lang", LANGS),
    "--fail-on": ("fail_on", LEVELS),
    "--jobs": ("jobs", None),
    "-j": ("jobs", None),
    "--annotate-dir": ("annotate_dir", None),
    "--output": ("output", None),
    "-o": ("output", None),
    "--previous": ("previous", None),
}


def parse_check_argv(argv: list[str]) -> CheckOptions | None:
    """``argv`` (without the program name) read as ``check`` options, or None to leave it to typer.

    None for anything but ``check`` followed by file names and the options above, each given
    at most once, as ``--opt VALUE`` or ``--opt=VALUE``, with a value that does not start with
    ``-`` and, for choices, is one of them: typer then reads the line itself and prints help
    or the error.
    """
    if not argv or argv[0] != "check":
        return None
    found: dict[str, str] = {}
    files: list[str] = []
    args = iter(argv[1:])
    for arg in args:
        if not arg or arg == "-" or arg.isspace():
            return None
        if not arg.startswith("-"):
            files.append(arg)
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if not eq:
            value = next(args, "")
        spec = _OPTIONS.get(name)
        if spec is None or not value or value.startswith("-"):
            return None
        field, choices = spec
        if field in found or (choices is not None and value not in choices):
            return None
        found[field] = value
    if not files:
        return None
    return _options(files, found)


def _options(files: list[str], found: dict[str, str]) -> CheckOptions | None:
    jobs = found.get("jobs", "1")
    if not (jobs.isascii() and jobs.isdigit() and len(jobs) <= 6) or int(jobs) < 1:
        return None
    annotate_dir = found.get("annotate_dir")
    output = found.get("output")
    previous = found.get("previous")
    return CheckOptions(
        files=tuple(Path(f) for f in files),
        rules=found.get("rules"),
        fmt=found.get("fmt", "text"),
        lang=found.get("lang", "zh"),
        fail_on=found.get("fail_on", "error"),
        jobs=int(jobs),
        annotate_dir=Path(annotate_dir) if annotate_dir is not None else None,
        output=Path(output) if output is not None else None,
        previous=Path(previous) if previous is not None else None,
    )
