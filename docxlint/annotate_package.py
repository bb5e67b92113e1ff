"""The OPC package side of the annotator: parts, relationships, content types, atomic save.

A :class:`Package` holds every member of the DOCX in memory, in its original order and
with its original compression. Parts the annotator does not touch are written back with
exactly the bytes they had; only parts set through :meth:`Package.set_part` change.
"""

from __future__ import annotations

import os
import posixpath
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from docxlint.docx.package import Package as ReaderPackage
from docxlint.docx.package import open_package
from docxlint.docx.xmlparse import parse_part
from docxlint.errors import DocxlintError, InputError

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
REL_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
REL_COMMENTS_IDS = "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"
REL_COMMENTS_EXTENSIBLE = "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CONTENT_TYPES = "[Content_Types].xml"


def serialize_xml(root: etree._Element) -> bytes:
    """Serialise a part the way Office writes it (UTF-8, standalone declaration)."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass(slots=True)
class Package:
    """All members of a DOCX, in order, with the parts changed so far.

    Opening goes through the reader's checks (:func:`docxlint.docx.package.open_package`:
    file sniffing, ZIP-bomb limits, bounded reads); ``checked`` answers relationship
    look-ups on the original package until :meth:`close`.
    """

    checked: ReaderPackage
    infos: list[zipfile.ZipInfo]
    data: dict[str, bytes]
    changed: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path) -> Package:
        checked = open_package(path)
        try:
            with zipfile.ZipFile(path) as zf:
                infos = [i for i in zf.infolist() if not i.is_dir()]
            if len({i.filename for i in infos}) != len(infos):
                raise InputError("the package has duplicate member names", str(path))
            return cls(checked, infos, {i.filename: checked.read(i.filename) for i in infos})
        except BaseException:
            checked.close()
            raise

    def close(self) -> None:
        self.checked.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, name: str) -> bool:
        return name in self.data or name in self.changed

    def part(self, name: str) -> bytes | None:
        return self.changed.get(name, self.data.get(name))

    def xml(self, name: str | None) -> etree._Element | None:
        """Part ``name`` parsed safely; None when there is no such part."""
        blob = None if name is None else self.part(name)
        return None if blob is None else parse_part(blob, name)

    def set_part(self, name: str, blob: bytes) -> None:
        self.changed[name] = blob

    # -- relationships and content types -----------------------------------------------

    def main_document_name(self) -> str:
        return self.checked.main_part()

    def related_part(self, source: str, rel_type: str) -> str | None:
        """The existing part that ``source`` points to with a relationship of ``rel_type``."""
        return self.checked.related_part(source, "/" + rel_type.rpartition("/")[2])

    def add_relationship(self, source: str, rel_type: str, target_part: str) -> None:
        """Add a relationship from ``source`` to ``target_part`` (relative target, fresh id)."""
        name = rels_name(source)
        root = self.xml(name)
        if root is None:
            root = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
        taken = {el.get("Id") for el in root}
        number = len(taken) + 1
        while f"rId{number}" in taken:
            number += 1
        target = posixpath.relpath(target_part, posixpath.dirname(source) or ".")
        etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id=f"rId{number}", Type=rel_type, Target=target)
        self.set_part(name, serialize_xml(root))

    def ensure_override(self, part: str, content_type: str) -> None:
        """Declare ``part``'s content type in ``[Content_Types].xml`` unless it already is."""
        root = self.xml(CONTENT_TYPES)
        if root is None:
            raise InputError("the package has no [Content_Types].xml")
        part_name = "/" + part
        for el in root.iter(f"{{{CT_NS}}}Override"):
            if el.get("PartName", "").lower() == part_name.lower():
                if el.get("ContentType") != content_type:
                    el.set("ContentType", content_type)
                    self.set_part(CONTENT_TYPES, serialize_xml(root))
                return
        etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=part_name, ContentType=content_type)
        self.set_part(CONTENT_TYPES, serialize_xml(root))

    def free_part_name(self, folder: str, stem: str, ext: str) -> str:
        """``folder/stem.ext``, or ``folder/stemN.ext`` when that name is taken."""
        taken = {name.lower() for name in (*self.data, *self.changed)}
        candidate, number = posixpath.join(folder, f"{stem}.{ext}"), 1
        while candidate.lower() in taken:
            candidate = posixpath.join(folder, f"{stem}{number}.{ext}")
            number += 1
        return candidate

    # -- saving ------------------------------------------------------------------------

    def save(self, dest: Path, mode_from: Path | None = None) -> None:
        """Write atomically: a temp file beside ``dest``, fsync, then ``os.replace``.

        An OS error (missing folder, no permission, disk full) becomes a
        :class:`DocxlintError` naming ``dest``; ``dest`` is then left as it was.
        """
        dest = Path(dest)
        try:
            write_atomically(dest, self._write_zip, mode_from)
        except OSError as err:
            raise DocxlintError(f"cannot write {dest}: {err.strerror or err}") from err

    def _write_zip(self, handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", allowZip64=True) as out:
            for info in self.infos:
                out.writestr(_clone_info(info), self.changed.get(info.filename, self.data[info.filename]))
            known = {i.filename for i in self.infos}
            for name, blob in self.changed.items():
                if name not in known:
                    info = zipfile.ZipInfo(name, date_time=_newest_date(self.infos))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(info, blob)


def write_atomically(dest: Path, write: Callable[[BinaryIO], None], mode_from: Path | None = None) -> None:
    """Call ``write`` on a temp file beside ``dest``, fsync it, then ``os.replace`` it onto ``dest``."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(mode_from, tmp_name)
        os.replace(tmp_name, dest)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(dest.parent)


def rels_name(source: str) -> str:
    """``word/document.xml`` → ``word/_rels/document.xml.rels``; ``""`` → ``_rels/.rels``."""
    folder, base = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _clone_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    clone = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    clone.compress_type = info.compress_type
    clone.external_attr = info.external_attr
    clone.create_system = info.create_system
    clone.comment = info.comment
    return clone


def _newest_date(infos: list[zipfile.ZipInfo]) -> tuple[int, int, int, int, int, int]:
    return max((i.date_time for i in infos), default=(1980, 1, 1, 0, 0, 0))


def _copy_mode(source: Path | None, tmp_name: str) -> None:
    if source is not None and source.exists():
        os.chmod(tmp_name, source.stat().st_mode & 0o7777)
        return
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_name, 0o666 & ~umask)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
