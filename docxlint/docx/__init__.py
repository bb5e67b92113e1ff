"""The reader: a DOCX file → :class:`docxlint.model.Document`, as Word displays it.

The only code (with the annotator) that parses document XML. Modules:
``package`` (safe ZIP opening and limits), ``xmlparse`` (safe XML, namespaces),
``styles``, ``numbering``/``numfmt`` (automatic numbering), ``text`` (visible
text of runs, shared with the annotator), ``tables`` (merged-cell grids) and
``walker`` (the body walk).
"""

from __future__ import annotations

import gc
import os
import posixpath

from lxml import etree

from docxlint.docx.numbering import NumberingDefinitions
from docxlint.docx.package import (
    REL_CORE_PROPERTIES,
    REL_EXTENDED_PROPERTIES,
    REL_NUMBERING,
    REL_STYLES,
    Package,
    open_package,
)
from docxlint.docx.styles import StyleSheet
from docxlint.docx.text import run_content, run_is_visible, run_text
from docxlint.docx.walker import BodyWalker
from docxlint.docx.xmlparse import MC, W_STRICT_NS, MalformedPart, W, parse_part
from docxlint.errors import InputError
from docxlint.model import Document

__all__ = ["read_document", "run_content", "run_is_visible", "run_text", "W"]

_CORE_FIELDS = {
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}subject": "subject",
    "{http://purl.org/dc/elements/1.1/}creator": "creator",
    "{http://purl.org/dc/elements/1.1/}description": "description",
    "{http://purl.org/dc/terms/}created": "created",
    "{http://purl.org/dc/terms/}modified": "modified",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy": "lastModifiedBy",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords": "keywords",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}category": "category",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}revision": "revision",
}
_APP_FIELDS = {
    "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Application": "application",
    "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Company": "company",
}


def read_document(path: str | os.PathLike[str], *, data: bytes | None = None) -> Document:
    """Read the DOCX at ``path`` (or given as ``data``, ``path`` then only names it).

    Raise :class:`docxlint.errors.InputError` (reason, path) for anything unreadable:
    never another exception.
    """
    name = os.fspath(path)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the model is acyclic: collection passes over it are pure overhead (about a third of the time)
    try:
        return _read(name, data)
    except InputError as err:
        raise InputError(err.reason, name) from None
    except RecursionError:
        raise InputError("document structure is nested too deeply to read", name) from None
    except MemoryError:
        raise InputError("document too large to read into memory", name) from None
    except Exception as err:  # noqa: BLE001 - anything unexpected is still "unreadable", never a traceback
        raise InputError(f"unreadable document ({type(err).__name__}: {err})", name) from None
    finally:
        if gc_was_enabled:
            gc.enable()


def _read(name: str, data: bytes | None) -> Document:
    with open_package(name, data) as pkg:
        main = pkg.main_part()
        main_bytes = pkg.read(main)
        root = parse_part(main_bytes, main)
        _check_main_root(root, main)
        styles_bytes, styles = _styles(pkg, main)
        numbering_root = _optional_xml(pkg, main, REL_NUMBERING, "numbering.xml")
        numbering = NumberingDefinitions(numbering_root, styles)
        properties = _properties(pkg)
    body = root.find(W + "body")
    if body is None:
        return Document(path=name, blocks=[], paragraphs=[], tables=[], properties=properties)
    # w:vanish / w:specVanish: without either anywhere, no run can be hidden and the checks are skipped
    hidden_possible = b"anish" in main_bytes or b"anish" in styles_bytes
    walker = BodyWalker(body, styles, numbering, hidden_text_possible=hidden_possible)
    walker.walk()
    return Document(
        path=name,
        blocks=walker.blocks,
        paragraphs=walker.paragraphs,
        tables=walker.tables,
        properties=properties,
        textbox_chars=_textbox_chars(body) if b"txbxContent" in main_bytes else 0,
        alt_chunks=sum(1 for _ in body.iter(W + "altChunk")) if b"altChunk" in main_bytes else 0,
    )


def _textbox_chars(body: etree._Element) -> int:
    """Characters in the text boxes of the body (the branch Word shows of each drawing, outer boxes only)."""
    total = 0
    for box in body.iter(W + "txbxContent"):
        if any(a.tag in _NOT_SHOWN_TWICE for a in box.iterancestors()):
            continue  # a box inside a box, or the fallback copy of a drawing
        total += sum(len(t.text or "") for t in box.iter(W + "t"))
    return total


_NOT_SHOWN_TWICE = frozenset((W + "txbxContent", MC + "Fallback"))


def _check_main_root(root: etree._Element, part: str) -> None:
    if root.tag == W + "document":
        return
    if root.tag == f"{{{W_STRICT_NS}}}document":
        raise InputError("Strict Open XML document is not supported; save it as a standard Word document (.docx)")
    local = etree.QName(root).localname if isinstance(root.tag, str) else "?"
    raise InputError(f"not a Word document: main part {part} holds <{local}>")


def _styles(pkg: Package, main: str) -> tuple[bytes, StyleSheet]:
    part = pkg.related_part(main, REL_STYLES, posixpath.join(posixpath.dirname(main), "styles.xml"))
    if part is None:
        return b"", StyleSheet()
    raw = pkg.read(part)
    return raw, StyleSheet(parse_part(raw, part))


def _optional_xml(pkg: Package, main: str, rel_type: str, default_name: str) -> etree._Element | None:
    part = pkg.related_part(main, rel_type, posixpath.join(posixpath.dirname(main), default_name))
    return pkg.xml(part) if part is not None else None


def _properties(pkg: Package) -> dict[str, str]:
    """Core (and a few extended) document properties; a malformed properties part is ignored."""
    props: dict[str, str] = {}
    for rel_type, default, fields in (
        (REL_CORE_PROPERTIES, "docProps/core.xml", _CORE_FIELDS),
        (REL_EXTENDED_PROPERTIES, "docProps/app.xml", _APP_FIELDS),
    ):
        part = pkg.related_part("", rel_type, default)
        if part is None:
            continue
        try:
            root = pkg.xml(part)
        except MalformedPart:
            continue
        for child in root:
            key = fields.get(child.tag) if isinstance(child.tag, str) else None
            value = (child.text or "").strip()
            if key and value:
                props[key] = value
    return props
