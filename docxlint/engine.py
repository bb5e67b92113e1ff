"""Run a rule pack over documents: the one path the CLI, the API and the tests share."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docxlint.errors import DocxlintError
from docxlint.findings import Finding, Severity, sort_and_dedup

if TYPE_CHECKING:
    from docxlint.checks.base import CheckContext
    from docxlint.model import Document
    from docxlint.rulepack import RulePack
    from docxlint.sections import SectionTree


@dataclass(slots=True)
class Report:
    """The outcome for one file: findings, or the reason it could not be read."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  #: one line, set when the file was refused
    rule_errors: list[str] = field(default_factory=list)  #: a rule that crashed (a docxlint bug)
    notes: list[str] = field(default_factory=list)  #: things the user should know (e.g. a comment not placed)
    document: Document | None = None  #: kept only when asked for (annotation)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


def section_tree(doc: Document, pack: RulePack) -> SectionTree:
    """The section tree of ``doc`` under the pack's heading and section definitions."""
    from docxlint.sections import build_tree

    return build_tree(doc, pack.headings, pack.sections)


def check_context(doc: Document, pack: RulePack, previous: Document | None = None) -> CheckContext:
    """What every check of ``pack`` reads about ``doc``: its section tree, the pack's patterns, a cache,
    and last year's report read the same way (``previous``), when given.

    Spaces between Han characters and digits ("申请 5 件") are first dropped from ``doc``'s
    paragraphs, in place (:mod:`docxlint.spacing`).
    """
    from docxlint.checks.base import CheckContext
    from docxlint.spacing import drop_cjk_spaces

    drop_cjk_spaces(doc)
    ctx = CheckContext(document=doc, sections=section_tree(doc, pack), patterns=pack.patterns, pack=pack)
    if previous is not None:
        ctx.previous = check_context(previous, pack)
    return ctx


def lint_document(doc: Document, pack: RulePack, previous: Document | None = None) -> tuple[list[Finding], list[str]]:
    """Every enabled rule of ``pack`` over ``doc``: (sorted findings, rule errors)."""
    findings, errors, _ = _lint(doc, pack, previous)
    return findings, errors


def _lint(doc: Document, pack: RulePack, previous: Document | None) -> tuple[list[Finding], list[str], list[str]]:
    """(sorted findings, rule errors, notes about last year's report)."""
    from docxlint.checks.base import get_check
    from docxlint.checks.previous_year import previous_year_problem
    from docxlint.reconcile import reconcile

    ctx = check_context(doc, pack, previous)
    notes: list[str] = []
    try:
        problem = previous_year_problem(ctx)
    except Exception as exc:  # a bug must not cost the report its findings: compare nothing instead
        problem = f"last year's report could not be matched with this one ({type(exc).__name__}: {exc})"
    if problem is not None:
        notes.append(f"{problem}: the checks against last year's report are skipped")
        if ctx.previous is not None:
            ctx.previous.sections.release()
        ctx.previous = None
    findings: list[Finding] = []
    errors: list[str] = []
    try:
        for rule in pack.rules:
            if not rule.enabled:
                continue
            try:
                findings.extend(get_check(rule.type)(rule, ctx))
            except Exception as exc:  # a crashing rule must not hide the others' findings
                errors.append(f"rule {rule.id} ({rule.type}) failed: {type(exc).__name__}: {exc}")
        try:
            findings = reconcile(findings, ctx, pack)
        except Exception as exc:  # noqa: BLE001 - the findings as the rules gave them are still right
            errors.append(f"reconciling findings failed: {type(exc).__name__}: {exc}")
    finally:
        _release(ctx)
    return sort_and_dedup(findings), errors, notes


def _release(ctx: CheckContext) -> None:
    """Free the section trees by reference counting (:meth:`SectionTree.release`)."""
    ctx.sections.release()
    if ctx.previous is not None:
        ctx.previous.sections.release()


def lint_file(
    path: str | os.PathLike[str], pack: RulePack, keep_document: bool = False, previous: Document | None = None
) -> Report:
    """Read and lint one file (against last year's report ``previous``, when given); an unreadable
    file becomes ``Report.error``, never an exception."""
    name = str(path)
    with gc_paused():
        doc = _read(path)
        if isinstance(doc, str):
            return Report(file=name, error=doc)
        if not doc.blocks:
            return Report(file=name, error="nothing to check: the document body is empty")
        findings, errors, notes = _lint(doc, pack, previous)
        report = Report(
            file=name,
            findings=findings,
            rule_errors=errors,
            notes=unread_notes(doc) + notes,
            document=doc if keep_document else None,
        )
        # freed while the collector is still off: re-enabled with the model alive, its first
        # pass would walk every object of it once more (a tenth of the time of a large report)
        del doc
    return report


def read_previous(path: str | os.PathLike[str]) -> Document:
    """Last year's report for ``--previous``; raises :class:`DocxlintError` naming it when unreadable."""
    doc = _read(path)
    if isinstance(doc, str):
        raise DocxlintError(f"{path} (last year's report): {doc}")
    if not doc.blocks:
        raise DocxlintError(f"{path} (last year's report): the document body is empty")
    return doc


def _read(path: str | os.PathLike[str]) -> Document | str:
    """The document, or the one-line reason it cannot be read safely."""
    from docxlint.docx import read_document

    try:
        return read_document(path)
    except DocxlintError as exc:
        return getattr(exc, "reason", None) or str(exc)
    except (MemoryError, RecursionError) as exc:
        return f"too large or too deeply nested to read safely ({type(exc).__name__})"


def unread_notes(doc: Document) -> list[str]:
    """What the user should know about text in ``doc`` that the checks did not read."""
    notes: list[str] = []
    if doc.alt_chunks:
        notes.append(
            f"{doc.alt_chunks} embedded document(s) (w:altChunk) are shown by Word but not read: their text is not checked"
        )
    if doc.textbox_chars and doc.textbox_chars > sum(len(p.text.strip()) for p in doc.paragraphs):
        notes.append(
            f"most of the text ({doc.textbox_chars} characters) is in text boxes, which are not checked"
            " (a PDF converted to Word?); findings about missing content may be wrong"
        )
    elif doc.textbox_chars >= TEXTBOX_NOTE_CHARS:
        notes.append(
            f"{doc.textbox_chars} characters in text boxes are not checked (a title or an introduction in a"
            " text box?); findings about missing content may be wrong"
        )
    return notes


#: Text-box text below this (a seal's "（盖章）", a page label) is not worth a note.
TEXTBOX_NOTE_CHARS = 20


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: the document model is large and acyclic, so the
    collector's passes over it while a file is read and checked are pure overhead."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; folders become their ``.docx`` files, any case (recursive, sorted, Word lock
    files skipped; a broken link is kept, to be reported as missing)."""
    out: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            out.extend(p for p in sorted(path.rglob("*")) if _is_docx_entry(p))
        else:
            out.append(path)
    return out


def _is_docx_entry(path: Path) -> bool:
    if path.suffix.lower() != ".docx" or path.name.startswith("~$"):
        return False
    return path.is_file() or (path.is_symlink() and not path.exists())


def annotate_report(report: Report, dest: Path | None, lang: str, in_place: bool = False):
    """Write ``report``'s findings as Word comments (into ``dest``, or into the file itself)."""
    from docxlint.annotate import annotate, annotate_in_place

    assert report.document is not None, "lint with keep_document=True before annotating"
    src = Path(report.file)
    if in_place:
        return annotate_in_place(src, report.document, report.findings, lang=lang)
    assert dest is not None
    return annotate(src, report.document, report.findings, dest, lang=lang)


def annotated_name(path: Path, annotate_dir: Path) -> Path:
    """Where ``--annotate-dir`` puts the annotated copy of ``path``."""
    return annotate_dir / path.name


def process_file(
    path: Path, pack: RulePack, annotate_dir: Path | None = None, lang: str = "zh", previous: Document | None = None
) -> Report:
    """Lint one file and, when asked, write its annotated copy; the document is not kept."""
    report = lint_file(path, pack, keep_document=annotate_dir is not None, previous=previous)
    if annotate_dir is not None and report.error is None:
        try:
            result = annotate_report(report, annotated_name(path, annotate_dir), lang)
        except DocxlintError as exc:
            report.error = f"cannot annotate: {exc}"
        else:
            report.notes.extend(f"could not anchor {f.rule_id} at {f.location.describe()}" for f in result.unanchored)
    report.document = None
    return report


_WORKER_PACK: RulePack | None = None


def _init_worker(pack_ref: str | None) -> None:
    """Worker start: the pack (inherited when the worker was forked), and saving new compiled patterns at exit."""
    global _WORKER_PACK
    from multiprocessing import util

    if _WORKER_PACK is None:  # spawned, not forked: nothing inherited
        from docxlint.rulepack import load_pack

        _WORKER_PACK = load_pack(pack_ref, with_examples=False)
    util.Finalize(None, _save_caches, exitpriority=0)  # pool workers leave without running atexit hooks


def _save_caches() -> None:
    from docxlint import code_cache, memo, regex_cache

    regex_cache.save()
    memo.save_all()
    code_cache.save()


def _process_in_worker(args: tuple[str, Path | None, str]) -> Report:
    assert _WORKER_PACK is not None
    path, annotate_dir, lang = args
    return process_file(Path(path), _WORKER_PACK, annotate_dir, lang)


def lint_many(
    paths: Sequence[Path],
    pack: RulePack,
    pack_ref: str | None,
    jobs: int = 1,
    annotate_dir: Path | None = None,
    lang: str = "zh",
    previous: Document | None = None,
) -> Iterator[Report]:
    """Lint ``paths`` in order, with a pool of ``jobs`` processes when there are several files.

    One unreadable file yields a Report with ``error`` set and never stops the others.
    ``previous`` (last year's report) goes with a single file.
    """
    if annotate_dir is not None:
        names = [annotated_name(p, annotate_dir) for p in paths]
        if len(set(names)) != len(names):
            raise DocxlintError("--annotate-dir: several input files share a file name")
    if previous is not None and len(paths) != 1:
        raise DocxlintError("--previous compares one report with last year's: give one input file")
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield process_file(path, pack, annotate_dir, lang, previous)
        return
    from concurrent.futures import ProcessPoolExecutor  # only batches pay for multiprocessing's import

    global _WORKER_PACK
    _WORKER_PACK = pack  # forked workers inherit it instead of loading the pack again
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(pack_ref,)) as pool:
        work = [(str(p), annotate_dir, lang) for p in paths]
        # one file per task: a file costs tens of milliseconds, handing it over well under one, and
        # larger chunks leave one worker idle while the other finishes the last chunk
        yield from pool.map(_process_in_worker, work, chunksize=1)
