"""Opening a DOCX package safely: sniffing, ZIP limits, bounded reads, relationships.

Nothing here inflates a member before its declared size and compression ratio
have been checked, and every read is bounded so that a lying ZIP header cannot
inflate past the limits either.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docxlint.docx.xmlparse import PKG_REL_NS, parse_part
from docxlint.errors import InputError

MiB = 1024 * 1024
MAX_PART_BYTES = 256 * MiB  #: largest declared uncompressed size of one member
MAX_TOTAL_BYTES = 512 * MiB  #: largest declared uncompressed size of all members together
MAX_RATIO = 200  #: largest uncompressed/compressed ratio ...
RATIO_MIN_BYTES = 1 * MiB  #: ... for members bigger than this
MAX_MEMBERS = 50_000  #: more entries than any real document has
OLE_SCAN_BYTES = 64 * MiB  #: how much of an OLE file to scan for encryption stream names

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))

REL_OFFICE_DOCUMENT = "/officeDocument"
REL_CORE_PROPERTIES = "/metadata/core-properties"
REL_EXTENDED_PROPERTIES = "/extended-properties"
REL_STYLES = "/styles"
REL_NUMBERING = "/numbering"
DEFAULT_MAIN_PART = "word/document.xml"


@dataclass(frozen=True, slots=True)
class Relationship:
    """One ``Relationship`` of a ``.rels`` part, target resolved to a part name."""

    id: str
    type: str
    target: str
    external: bool


class Package:
    """An opened, size-checked DOCX (OPC) package."""

    def __init__(self, zf: zipfile.ZipFile, name: str) -> None:
        self._zf = zf
        self.name = name
        self._infos: dict[str, zipfile.ZipInfo] = {}
        self._lower: dict[str, str] = {}
        self._rels: dict[str, list[Relationship]] = {}  #: relationships already read, by source part
        for info in zf.infolist():
            part = info.filename.lstrip("/")
            self._infos.setdefault(part, info)
            self._lower.setdefault(part.lower(), part)

    def close(self) -> None:
        self._zf.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def part_name(self, name: str) -> str | None:
        """The stored name of part ``name`` (OPC part names are case-insensitive), or None."""
        name = name.lstrip("/")
        if name in self._infos:
            return name
        return self._lower.get(name.lower())

    def has(self, name: str) -> bool:
        return self.part_name(name) is not None

    def read(self, name: str) -> bytes:
        """The bytes of part ``name``, read with a bounded streaming read."""
        stored = self.part_name(name)
        if stored is None:
            raise InputError(f"missing part {name}")
        info = self._infos[stored]
        limit = min(info.file_size, MAX_PART_BYTES)
        chunks: list[bytes] = []
        total = 0
        try:
            with self._zf.open(info) as stream:
                while True:
                    chunk = stream.read(MiB)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > limit:
                        raise InputError(f"ZIP entry {stored} inflates past its declared size (ZIP bomb?)")
                    chunks.append(chunk)
        except InputError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError) as err:
            raise InputError(f"corrupt ZIP entry {stored}: {err}") from None
        except RuntimeError as err:  # encrypted entry
            raise InputError(f"ZIP entry {stored} is encrypted: {err}") from None
        except NotImplementedError as err:
            raise InputError(f"ZIP entry {stored} uses an unsupported compression method: {err}") from None
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        """Part ``name`` parsed with the safe parser."""
        stored = self.part_name(name) or name
        return parse_part(self.read(stored), stored)

    def relationships(self, source: str) -> list[Relationship]:
        """Relationships of part ``source`` ("" for the package itself); [] when it has none."""
        found = self._rels.get(source)
        if found is None:
            found = self._rels[source] = self._read_relationships(source)
        return found

    def _read_relationships(self, source: str) -> list[Relationship]:
        rels_name = _rels_part_name(source)
        if not self.has(rels_name):
            return []
        root = self.xml(rels_name)
        base = posixpath.dirname(source)
        out: list[Relationship] = []
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target") or ""
            external = (rel.get("TargetMode") or "").lower() == "external"
            resolved = target if external else _resolve_target(base, target)
            out.append(Relationship(rel.get("Id") or "", rel.get("Type") or "", resolved, external))
        return out

    def related_part(self, source: str, type_suffix: str, default: str | None = None) -> str | None:
        """The part that ``source`` relates to by a relationship type ending in ``type_suffix``."""
        for rel in self.relationships(source):
            if not rel.external and rel.type.endswith(type_suffix) and self.has(rel.target):
                return self.part_name(rel.target)
        if default is not None and self.has(default):
            return self.part_name(default)
        return None

    def main_part(self) -> str:
        """The main document part (officeDocument relationship, else ``word/document.xml``)."""
        part = self.related_part("", REL_OFFICE_DOCUMENT, DEFAULT_MAIN_PART)
        if part is None:
            raise InputError(f"not a Word document: no {DEFAULT_MAIN_PART}")
        return part


def _rels_part_name(source: str) -> str:
    if not source:
        return "_rels/.rels"
    directory, base = posixpath.split(source)
    return posixpath.join(directory, "_rels", base + ".rels")


def _resolve_target(base: str, target: str) -> str:
    target = target.split("#", 1)[0]
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(base, target)).lstrip("/")


def open_package(path: str | os.PathLike[str], data: bytes | None = None) -> Package:
    """Open and check the package at ``path`` (or in ``data``); raise InputError with the reason."""
    name = os.fspath(path)
    source: str | io.BytesIO
    if data is None:
        head = _head_of_file(Path(name))
        source = name
    else:
        if not data:
            raise InputError("empty file (0 bytes)")
        head = bytes(data[:1024])
        source = io.BytesIO(data)
    _sniff(head, name, data)
    try:
        zf = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise InputError("truncated or corrupt ZIP package (no readable central directory)") from None
    except (OSError, EOFError, ValueError) as err:
        raise InputError(f"cannot open ZIP package: {err}") from None
    try:
        check_zip_limits(zf)
    except BaseException:
        zf.close()
        raise
    return Package(zf, name)


def _head_of_file(path: Path) -> bytes:
    try:
        if not path.exists():
            raise InputError("file not found")
        if path.is_dir():
            raise InputError("is a directory, not a file")
        if path.stat().st_size == 0:
            raise InputError("empty file (0 bytes)")
        with path.open("rb") as fh:
            return fh.read(1024)
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror or err}") from None


def _sniff(head: bytes, name: str, data: bytes | None) -> None:
    """Refuse with a helpful reason anything that is not a ZIP package."""
    if head.startswith(OLE_SIGNATURE):
        raise InputError(_ole_reason(name, data))
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"{\\rtf"):
        raise InputError("RTF file, not .docx; save as .docx")
    if stripped.startswith(b"%pdf"):
        raise InputError("PDF file, not .docx")
    if stripped.startswith(b"<?xml") and b"wordml" in stripped:
        raise InputError("Word 2003 XML document, not .docx; save as .docx")
    if stripped.startswith((b"<!doctype html", b"<html")) or b"mime-version:" in stripped[:200]:
        raise InputError("web page (HTML/MHT) saved with a Word name, not .docx; save as .docx")
    raise InputError("not a .docx file (not a ZIP package)")


def _ole_reason(name: str, data: bytes | None) -> str:
    if data is None:
        with open(name, "rb") as fh:
            data = fh.read(OLE_SCAN_BYTES)
    else:
        data = data[:OLE_SCAN_BYTES]
    if any(stream in data for stream in _ENCRYPTED_STREAMS):
        return "password-protected (encrypted) Word document"
    return "legacy Word 97-2003 .doc (OLE) file, not .docx; save as .docx"


def check_zip_limits(zf: zipfile.ZipFile) -> None:
    """Refuse ZIP bombs from the central directory, before anything is inflated."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"ZIP package has {len(infos)} entries (limit {MAX_MEMBERS})")
    total = 0
    for info in infos:
        size = info.file_size
        if size > MAX_PART_BYTES:
            raise InputError(
                f"ZIP entry {info.filename} is too large ({size // MiB} MB uncompressed, limit {MAX_PART_BYTES // MiB} MB)"
            )
        total += size
        if total > MAX_TOTAL_BYTES:
            raise InputError(f"ZIP package too large uncompressed (over {MAX_TOTAL_BYTES // MiB} MB)")
        if size > RATIO_MIN_BYTES and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise InputError(f"ZIP entry {info.filename} has a suspicious compression ratio ({ratio}:1, ZIP bomb?)")
