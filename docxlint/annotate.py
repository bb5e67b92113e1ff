"""Findings as Word comments, anchored on exactly the text each finding is about.

    result = annotate(Path("in.docx"), document, findings, Path("out.docx"), lang="zh")

``document`` is the model the findings were computed on (read from ``src``). Each finding
becomes one comment whose range covers ``paragraph.text[start:end]`` (minus any part of
an automatic numbering label, which is not in the text of any run). Comments written by
an earlier run with the same ``author`` are replaced, human comments are kept, and every
part other than the main document, the comments parts, the styles (only when the comment
styles are missing), the content types and the document's relationships is written back
byte for byte. The output is written atomically; the input is never modified except by
:func:`annotate_in_place`, which keeps a backup.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lxml import etree

from docxlint.annotate_anchor import ModelMismatch, ParagraphAnchoring
from docxlint.annotate_comments import (
    CommentStyles,
    RemovedComments,
    append_comments,
    comment_lines,
    ensure_comment_styles,
    format_date,
    new_comments_root,
    prune_comments_extended,
    prune_comments_extensible,
    prune_comments_ids,
    remove_authored_comments,
    remove_markers,
    used_comment_ids,
)
from docxlint.annotate_package import (
    CT_COMMENTS,
    REL_COMMENTS,
    REL_COMMENTS_EXTENDED,
    REL_COMMENTS_EXTENSIBLE,
    REL_COMMENTS_IDS,
    REL_STYLES,
    Package,
    serialize_xml,
    write_atomically,
)
from docxlint.docx.xmlparse import W
from docxlint.errors import DocxlintError, InputError
from docxlint.findings import Finding
from docxlint.model import Document, Location, Paragraph, Table

__all__ = ["AnnotateResult", "annotate", "annotate_in_place"]


@dataclass(slots=True)
class AnnotateResult:
    """What an annotation run did."""

    comments_added: int
    comments_replaced: int  #: comments of an earlier run (same author) that were removed
    unanchored: list[Finding] = field(default_factory=list)  #: findings that could not be placed
    backup: Path | None = None  #: where :func:`annotate_in_place` kept the original


def annotate(
    src: Path,
    document: Document,
    findings: list[Finding],
    dest: Path,
    *,
    lang: str = "zh",
    author: str = "docxlint",
    initials: str = "DL",
    now: datetime | None = None,
) -> AnnotateResult:
    """Write ``src`` to ``dest`` with one comment per finding (``dest`` may equal ``src``)."""
    with _opened(Path(src)) as package:
        result = _annotate_package(package, document, findings, lang, author, initials, now)
        package.save(Path(dest), mode_from=Path(src))
    return result


def annotate_in_place(
    src: Path,
    document: Document,
    findings: list[Finding],
    *,
    lang: str = "zh",
    backup_suffix: str = ".bak",
    author: str = "docxlint",
    initials: str = "DL",
    now: datetime | None = None,
) -> AnnotateResult:
    """Annotate ``src`` itself after backing it up (no backup when ``backup_suffix`` is empty).

    The backup is ``src + backup_suffix``; an existing backup is never overwritten (the
    next free ``…bak2``, ``…bak3`` is used), and none is made when one already holds
    exactly these bytes, so repeated runs never lose the original. A symbolic link is followed:
    the report it points to is annotated (and backed up beside it), the link stays a link.
    """
    src = Path(src)
    if src.is_symlink():
        src = src.resolve()
    with _opened(src) as package:
        result = _annotate_package(package, document, findings, lang, author, initials, now)
        if backup_suffix:
            result.backup = _backup(src, backup_suffix)
        package.save(src, mode_from=src)
    return result


@contextmanager
def _opened(src: Path) -> Iterator[Package]:
    """The package of ``src``; a part that cannot be read safely is reported with the file's name."""
    try:
        with Package.open(src) as package:
            yield package
    except InputError as err:
        if err.path:
            raise
        raise InputError(err.reason, str(src)) from None


def _backup(src: Path, suffix: str) -> Path:
    """Copy ``src`` to its first free backup name, unless a backup already equals it."""
    data = src.read_bytes()
    number = 1
    while True:
        candidate = src.with_name(f"{src.name}{suffix}{number if number > 1 else ''}")
        if not candidate.exists():
            break
        if candidate.read_bytes() == data:
            return candidate
        number += 1
    try:
        write_atomically(candidate, lambda handle: handle.write(data), mode_from=src)
    except OSError as err:
        raise DocxlintError(f"cannot write the backup {candidate}: {err.strerror or err}") from err
    return candidate


# -- the work on the package ------------------------------------------------------------


@dataclass(slots=True)
class _Target:
    finding: Finding
    para: Paragraph
    start: int
    end: int


def _annotate_package(
    package: Package,
    document: Document,
    findings: list[Finding],
    lang: str,
    author: str,
    initials: str,
    now: datetime | None,
) -> AnnotateResult:
    main = package.main_document_name()
    doc_root = package.xml(main)
    body = doc_root.find(W + "body") if doc_root is not None else None
    if body is None:
        raise InputError(f"{main} has no w:body")
    comments_name = package.related_part(main, REL_COMMENTS)
    comments_root = package.xml(comments_name)
    next_id = max(used_comment_ids(doc_root, comments_root), default=-1) + 1
    removed = remove_authored_comments(comments_root, author) if comments_root is not None else RemovedComments()

    targets, unanchored = _resolve(document, findings)
    styles_root, styles_name = _styles(package, main)
    styles, styles_changed = ensure_comment_styles(styles_root) if targets else (CommentStyles(), False)
    placed = _place_all(body, targets, styles, next_id, unanchored)
    remove_markers(doc_root, removed.ids)

    if placed or removed.ids:
        package.set_part(main, serialize_xml(doc_root))
    if placed:
        comments_root, comments_name = _comments_part(package, main, comments_root, comments_name)
        bodies = [(comment_id, comment_lines(target.finding, lang)) for comment_id, target in placed]
        append_comments(comments_root, bodies, author=author, initials=initials, date=format_date(now), styles=styles)
        if styles_changed and styles_name is not None:
            package.set_part(styles_name, serialize_xml(styles_root))
    if comments_root is not None and (placed or removed.ids):
        package.set_part(comments_name, serialize_xml(comments_root))
    _prune_extended_parts(package, main, removed)
    return AnnotateResult(len(placed), len(removed.ids), unanchored)


def _styles(package: Package, main: str) -> tuple[etree._Element | None, str | None]:
    name = package.related_part(main, REL_STYLES)
    return package.xml(name), name


def _comments_part(
    package: Package, main: str, root: etree._Element | None, name: str | None
) -> tuple[etree._Element, str]:
    """The comments part to extend; created (with relationship and content type) if missing."""
    if root is not None and name is not None:
        return root, name
    folder = main.rpartition("/")[0]
    name = package.free_part_name(folder, "comments", "xml")
    package.add_relationship(main, REL_COMMENTS, name)
    package.ensure_override(name, CT_COMMENTS)
    return new_comments_root(), name


def _prune_extended_parts(package: Package, main: str, removed: RemovedComments) -> None:
    """Remove the removed comments' entries from Word 2013+ comment side parts."""
    if not removed.para_ids:
        return
    durable: set[str] = set()
    name = package.related_part(main, REL_COMMENTS_EXTENDED)
    root = package.xml(name)
    if root is not None and prune_comments_extended(root, removed):
        package.set_part(name, serialize_xml(root))
    name = package.related_part(main, REL_COMMENTS_IDS)
    root = package.xml(name)
    if root is not None:
        durable = prune_comments_ids(root, removed)
        if durable:
            package.set_part(name, serialize_xml(root))
    name = package.related_part(main, REL_COMMENTS_EXTENSIBLE)
    root = package.xml(name)
    if root is not None and durable and prune_comments_extensible(root, durable):
        package.set_part(name, serialize_xml(root))


def _place_all(
    body: etree._Element,
    targets: list[_Target],
    styles: CommentStyles,
    next_id: int,
    unanchored: list[Finding],
) -> list[tuple[int, _Target]]:
    """Anchor every target, paragraph by paragraph; return (comment id, target) in document order."""
    by_paragraph: dict[int, list[_Target]] = defaultdict(list)
    for target in targets:
        by_paragraph[target.para.xml_index].append(target)
    xml_paragraphs = list(body.iter(W + "p"))
    placed: list[tuple[int, _Target]] = []
    for xml_index in sorted(by_paragraph):
        group = sorted(by_paragraph[xml_index], key=lambda t: (t.start, t.end))
        if xml_index >= len(xml_paragraphs) or not _place_paragraph(xml_paragraphs[xml_index], group, styles, next_id):
            unanchored.extend(t.finding for t in group)
            continue
        placed.extend(enumerate(group, start=next_id))
        next_id += len(group)
    return placed


def _place_paragraph(p: etree._Element, group: list[_Target], styles: CommentStyles, next_id: int) -> bool:
    """Place one paragraph's targets (ids from ``next_id``); False when the model does not match its XML."""
    anchoring = ParagraphAnchoring(group[0].para, p, styles)
    anchors = [anchoring.anchor(comment_id, t.start, t.end) for comment_id, t in enumerate(group, start=next_id)]
    try:
        anchoring.verify()
    except ModelMismatch:
        return False
    anchoring.place(anchors)
    return True


# -- findings → paragraphs and spans ----------------------------------------------------


def _resolve(document: Document, findings: list[Finding]) -> tuple[list[_Target], list[Finding]]:
    targets: list[_Target] = []
    unanchored: list[Finding] = []
    for finding in findings:
        target = _target(document, finding)
        if target is None:
            unanchored.append(finding)
        else:
            targets.append(target)
    return targets, unanchored


def _target(document: Document, finding: Finding) -> _Target | None:
    """The paragraph and span a finding anchors on, or None when they cannot be trusted."""
    loc = finding.location
    if loc.paragraph is None:
        para = _paragraph_without_index(document, loc)
        return None if para is None else _Target(finding, para, 0, 0)
    if not 0 <= loc.paragraph < len(document.paragraphs):
        return None
    para = document.paragraphs[loc.paragraph]
    start, end = finding.span if finding.span is not None else (0, len(para.text))
    if not 0 <= start <= end <= len(para.text):
        return None
    if finding.excerpt and para.text[start:end] != finding.excerpt:
        return None
    return _Target(finding, para, start, end)


def _paragraph_without_index(document: Document, loc: Location) -> Paragraph | None:
    """First paragraph of the cell (or else the top-level block) a location names."""
    if loc.table is not None and 0 <= loc.table < len(document.tables):
        table = document.tables[loc.table]
        cell = table.cell_at(loc.row or 0, loc.col or 0)
        paragraphs = cell.paragraphs if cell is not None else []
        return paragraphs[0] if paragraphs else _first_paragraph(table)
    if 0 <= loc.block < len(document.blocks):
        block = document.blocks[loc.block]
        return block if isinstance(block, Paragraph) else _first_paragraph(block)
    return None


def _first_paragraph(table: Table) -> Paragraph | None:
    for cell in table.cells:
        for block in cell.blocks:
            if isinstance(block, Paragraph):
                return block
            found = _first_paragraph(block)
            if found is not None:
                return found
    return None
