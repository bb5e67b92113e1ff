"""The ``docxlint`` command: arguments, exit codes and output; no logic of its own.

Exit codes (a contract, see README): 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 usage error, unreadable input, or a broken rule pack.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import NoReturn

import typer

from docxlint.check_command import EXIT_ERROR, EXIT_FINDINGS, FORMATS, LANGS, LEVELS
from docxlint.errors import DocxlintError

app = typer.Typer(
    name="docxlint",
    help="A linter for Word reports: checks a DOCX against a JSON rule pack.",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(help="Validate and test rule packs.", no_args_is_help=True, add_completion=False)
app.add_typer(rules_app, name="rules")


# The choices are defined once, in check_command (its parser of plain command lines checks them too).
Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
Lang = Enum("Lang", {name: name for name in LANGS}, type=str)  # type: ignore[misc]
Level = Enum("Level", {name: name for name in LEVELS}, type=str)  # type: ignore[misc]
DumpFormat = Enum("DumpFormat", {name: name for name in ("text", "json")}, type=str)  # type: ignore[misc]


RulesOpt = typer.Option(None, "--rules", "-r", help="Rule pack: a JSON file or a bundled pack id (default: bundled).")
LangOpt = typer.Option(Lang.zh, "--lang", help="Language of messages.")
PreviousOpt = typer.Option(
    None, "--previous", help="Last year's report of the same agency: its carry-overs and text are compared."
)


def _fail(message: str) -> NoReturn:
    typer.echo(f"docxlint: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _load_pack(rules: str | None, with_examples: bool = False):
    from docxlint.rulepack import load_pack

    try:
        return load_pack(rules, with_examples=with_examples)
    except DocxlintError as exc:
        _fail(str(exc))


@app.command()
def check(
    files: list[Path] = typer.Argument(..., help="DOCX files or folders (searched for *.docx)."),
    rules: str | None = RulesOpt,
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    lang: Lang = LangOpt,
    fail_on: Level = typer.Option(Level.error, "--fail-on", help="Lowest severity that makes the exit code 1."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for many files."),
    annotate_dir: Path | None = typer.Option(
        None, "--annotate-dir", help="Also write each file, with findings as Word comments, into this folder."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    previous: Path | None = PreviousOpt,
) -> None:
    """Lint DOCX files and report findings."""
    from docxlint.check_command import CheckFailed, CheckOptions, run_check

    options = CheckOptions(
        tuple(files), rules, fmt.value, lang.value, fail_on.value, jobs, annotate_dir, output, previous
    )
    try:
        code = run_check(options)
    except CheckFailed as exc:
        _fail(str(exc))
    if code:
        raise typer.Exit(code)


@app.command()
def dump(
    file: Path = typer.Argument(..., help="A DOCX file."),
    rules: str | None = RulesOpt,
    fmt: DumpFormat = typer.Option(DumpFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """Print the document as the linter sees it: one line per paragraph and per table row."""
    import json
    from functools import partial

    from docxlint.checks._util import section_path
    from docxlint.docx import read_document
    from docxlint.dump import dump_json, dump_lines
    from docxlint.engine import check_context

    pack = _load_pack(rules)
    try:
        doc = read_document(file)
    except DocxlintError as exc:
        _fail(str(exc))
    ctx = check_context(doc, pack)  # the text and sections the checks read, paths as findings name them
    path_of = partial(section_path, ctx)
    if fmt is DumpFormat.json:
        typer.echo(json.dumps(dump_json(doc, ctx.sections, path_of), ensure_ascii=False, indent=2))
    else:
        for line in dump_lines(doc, ctx.sections, path_of):
            typer.echo(line)


@app.command()
def annotate(
    file: Path = typer.Argument(..., help="The DOCX to annotate (never modified without --in-place)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Where to write the annotated copy."),
    rules: str | None = RulesOpt,
    lang: Lang = LangOpt,
    in_place: bool = typer.Option(False, "--in-place", help="Annotate FILE itself, keeping FILE.bak."),
    fail_on: Level = typer.Option(Level.error, "--fail-on", help="Lowest severity that makes the exit code 1."),
    previous: Path | None = PreviousOpt,
) -> None:
    """Write a copy of FILE with every finding as a Word comment on the exact text."""
    from docxlint.engine import annotate_report, lint_file, read_previous
    from docxlint.findings import Severity

    if (output is None) == (not in_place):
        _fail("give either -o OUT.docx or --in-place")
    if output is not None:
        from docxlint.check_command import overwritten_input

        replaced = overwritten_input(output, [file, *([previous] if previous is not None else [])])
        if replaced == file:
            _fail("the output would overwrite the input; use --in-place to annotate the file itself")
        if replaced is not None:
            _fail(f"the output would overwrite last year's report {replaced}: give -o another file")
    pack = _load_pack(rules)
    try:
        last_year = read_previous(previous) if previous is not None else None
    except DocxlintError as exc:
        _fail(str(exc))
    report = lint_file(file, pack, keep_document=True, previous=last_year)
    if report.error:
        _fail(f"{file}: {report.error}")
    try:
        result = annotate_report(report, output, lang.value, in_place=in_place)
    except DocxlintError as exc:
        _fail(str(exc))
    target = file if in_place else output
    typer.echo(f"{target}: {result.comments_added} comment(s) added", err=True)
    if result.backup is not None:
        typer.echo(f"{file}: original kept as {result.backup}", err=True)
    for finding in result.unanchored:
        typer.echo(f"docxlint: {file}: could not anchor {finding.rule_id} at {finding.location.describe()}", err=True)
    for note in report.notes:
        typer.echo(f"docxlint: {file}: {note}", err=True)
    for err in report.rule_errors:
        typer.echo(f"docxlint: {file}: internal error: {err}", err=True)
    if report.rule_errors:
        raise typer.Exit(EXIT_ERROR)
    if any(f.severity >= Severity.parse(fail_on.value) for f in report.findings):
        raise typer.Exit(EXIT_FINDINGS)


@rules_app.command("validate")
def rules_validate(
    packs: list[Path] = typer.Argument(None, help="Rule pack files (default: the bundled pack)."),
) -> None:
    """Check rule packs against the schema; print every error with its JSON path."""
    from docxlint.rulepack import bundled_pack_path, validate_pack

    targets = packs or [bundled_pack_path()]
    bad = 0
    for path in targets:
        errors = validate_pack(path)
        for err in errors:
            typer.echo(f"{path}: {err}", err=True)
        if errors:
            bad += 1
        else:
            typer.echo(f"{path}: ok")
    if bad:
        raise typer.Exit(EXIT_ERROR)


@rules_app.command("test")
def rules_test(
    pack: str | None = typer.Argument(None, help="Rule pack (default: the bundled pack)."),
    rule: list[str] = typer.Option(None, "--rule", help="Only these rule ids."),
) -> None:
    """Run every rule's flag/pass examples; exit 1 when one fails."""
    from docxlint.examples import run_examples

    loaded = _load_pack(pack, with_examples=True)
    unknown = sorted(set(rule or ()) - {r.id for r in loaded.rules})
    if unknown:
        _fail(f"no rule {', '.join(unknown)} in {loaded.path}")
    results = run_examples(loaded, rule or None)
    failed = [r for r in results if not r.ok]
    for r in failed:
        typer.echo(f"FAIL {r.describe()}")
    chosen = [r for r in loaded.rules if not rule or r.id in rule]
    untested = [r.id for r in chosen if not (r.examples.get("flag") or r.examples.get("pass"))]
    if untested:
        typer.echo(f"no examples (untested): {', '.join(untested)}")
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if failed:
        raise typer.Exit(EXIT_FINDINGS)


@rules_app.command("list")
def rules_list(pack: str | None = typer.Argument(None, help="Rule pack (default: the bundled pack).")) -> None:
    """List the rules of a pack: id, type, severity, summary."""
    loaded = _load_pack(pack)
    for r in loaded.rules:
        state = "" if r.enabled else " (disabled)"
        typer.echo(f"{r.id}\t{r.type}\t{r.severity}\t{r.summary}{state}")


def _version_callback(value: bool) -> None:
    if value:
        from docxlint import __version__

        typer.echo(f"docxlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Show the version."
    ),
) -> None:
    """docxlint: a linter for Word reports."""


def main() -> None:
    """Console entry point: no traceback reaches the user unless DOCXLINT_DEBUG is set."""
    try:
        app(standalone_mode=True)
    except DocxlintError as exc:
        typer.echo(f"docxlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: one line, unless debugging
        if os.environ.get("DOCXLINT_DEBUG"):
            raise
        typer.echo(
            f"docxlint: internal error: {type(exc).__name__}: {exc} (set DOCXLINT_DEBUG=1 for details)", err=True
        )
        sys.exit(EXIT_ERROR)
