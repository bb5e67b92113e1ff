"""Reader: opening packages, refusing hostile or wrong inputs with a useful reason, size/speed limits."""

from __future__ import annotations

import base64
import io
import os
import random
import struct
import time
import zipfile
from pathlib import Path

import pytest

from docxlint.docx import read_document
from docxlint.docx import walker as walker_module
from docxlint.docx.package import OLE_SIGNATURE
from docxlint.errors import InputError
from fixtures.wordxml import NS_DECL, W_NS
from tests.reader_helpers import cell, docx_bytes, row, table, wpara, wrun


def _refused(data: bytes | None = None, path: str | Path = "bad.docx") -> str:
    started = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_document(path, data=data)
    assert time.perf_counter() - started < 5
    err = info.value
    assert err.path == str(path) and str(err) == f"{path}: {err.reason}"
    return err.reason


def _replace_part(data: bytes, name: str, content: bytes, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", compress) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info.filename))
        dst.writestr(name, content)
    return out.getvalue()


def _without_part(data: bytes, name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def _patch_central_entry(data: bytes, name: str, *, size: int | None = None, flags: int | None = None) -> bytes:
    """Rewrite one central-directory record (declared uncompressed size, flag bits)."""
    buf = bytearray(data)
    encoded = name.encode()
    pos = buf.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46 : pos + 46 + name_len]) == encoded:
            if size is not None:
                struct.pack_into("<I", buf, pos + 24, size)
            if flags is not None:
                struct.pack_into("<H", buf, pos + 8, flags)
                local = struct.unpack_from("<I", buf, pos + 42)[0]
                struct.pack_into("<H", buf, local + 6, flags)
            return bytes(buf)
        pos = buf.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(f"{name} not in central directory")


def _document_xml(inner: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS_DECL}><w:body>{inner}</w:body></w:document>'.encode()


GOOD = docx_bytes(wpara(wrun("正文")))


def test_reads_from_path(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(GOOD)
    doc = read_document(target)
    assert doc.path == str(target) and doc.paragraphs[0].text == "正文"


def test_missing_directory_and_empty(tmp_path: Path) -> None:
    assert "not found" in _refused(path=tmp_path / "nope.docx")
    assert "directory" in _refused(path=tmp_path)
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    assert "empty" in _refused(path=empty)
    assert "empty" in _refused(data=b"")


def test_legacy_and_encrypted_ole_files(tmp_path: Path) -> None:
    directory = "Root Entry".encode("utf-16-le") + b"\0" * 40 + "WordDocument".encode("utf-16-le")
    legacy = OLE_SIGNATURE + b"\0" * 504 + directory
    assert "legacy Word 97-2003 .doc" in _refused(legacy)
    encrypted = OLE_SIGNATURE + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 30
    encrypted += "EncryptedPackage".encode("utf-16-le")
    target = tmp_path / "locked.docx"
    target.write_bytes(encrypted)
    assert "password-protected (encrypted)" in _refused(path=target)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{\\rtf1\\ansi\\deff0 hello}", "RTF"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"<html><body>report</body></html>", "web page"),
        (
            b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">',
            "Word 2003 XML",
        ),
        (b"just some text, not a package", "not a .docx file"),
    ],
)
def test_not_a_zip(data: bytes, expected: str) -> None:
    assert expected in _refused(data)


def test_truncated_zip() -> None:
    assert "truncated or corrupt ZIP" in _refused(GOOD[: len(GOOD) // 2])


def test_bad_crc() -> None:
    stored = _replace_part(GOOD, "word/document.xml", _document_xml(wpara(wrun("ABCDEFGH"))), zipfile.ZIP_STORED)
    corrupted = stored.replace(b"ABCDEFGH", b"ABCDEFGX", 1)
    reason = _refused(corrupted)
    assert "corrupt ZIP entry word/document.xml" in reason and "CRC" in reason


def test_zip_without_document() -> None:
    assert _refused(_without_part(GOOD, "word/document.xml")) == "not a Word document: no word/document.xml"


def test_other_office_package_is_not_a_word_document() -> None:
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("_rels/.rels", rels)
        zf.writestr("xl/workbook.xml", b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    assert "not a Word document" in _refused(out.getvalue())


def test_main_part_found_through_relationship() -> None:
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="/word/document2.xml"/></Relationships>'
    )
    data = _replace_part(_without_part(GOOD, "word/document.xml"), "_rels/.rels", rels)
    data = _replace_part(data, "word/document2.xml", _document_xml(wpara(wrun("另一个主部件"))))
    assert read_document("x.docx", data=data).paragraphs[0].text == "另一个主部件"


def test_strict_open_xml_is_refused_cleanly() -> None:
    strict = b'<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>'
    assert "Strict Open XML" in _refused(_replace_part(GOOD, "word/document.xml", strict))


def test_declared_size_over_limit_refused_before_inflating() -> None:
    reason = _refused(_patch_central_entry(GOOD, "word/document.xml", size=300 * 1024 * 1024))
    assert "word/document.xml is too large" in reason


def test_suspicious_compression_ratio() -> None:
    data = _replace_part(GOOD, "word/media/image1.emf", b"\0" * (3 * 1024 * 1024))
    assert "suspicious compression ratio" in _refused(data)


def test_lying_header_cannot_inflate_past_declared_size() -> None:
    big = _replace_part(GOOD, "word/document.xml", _document_xml(wpara(wrun("正文" * 5000))))
    reason = _refused(_patch_central_entry(big, "word/document.xml", size=200))
    assert "word/document.xml" in reason


def test_encrypted_zip_entry() -> None:
    reason = _refused(_patch_central_entry(GOOD, "word/document.xml", flags=0x1))
    assert "word/document.xml" in reason and "encrypted" in reason


def test_malformed_xml_names_the_part() -> None:
    broken = _replace_part(GOOD, "word/document.xml", b"<w:document><w:body><w:p></w:body>")
    assert _refused(broken).startswith("malformed XML in word/document.xml")
    broken_styles = _replace_part(GOOD, "word/styles.xml", b"<w:styles xmlns:w='x'><unclosed></w:styles>")
    assert _refused(broken_styles).startswith("malformed XML in word/styles.xml")


def test_dtd_and_entities_refused_never_expanded() -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{laughs}]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>'
    ).encode()
    assert (
        _refused(_replace_part(GOOD, "word/document.xml", doc))
        == "word/document.xml contains a DTD (not allowed in DOCX)"
    )
    xxe = (
        f'<?xml version="1.0"?>\n<!-- {"padding " * 1000} -->\n<!DOCTYPE w:document [<!ENTITY x SYSTEM '
        f'"file:///etc/passwd">]><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    assert "contains a DTD" in _refused(_replace_part(GOOD, "word/numbering.xml", xxe))
    assert "contains a DTD" in _refused(_replace_part(GOOD, "word/document.xml", xxe))


def test_pathologically_deep_nesting_is_refused_cleanly() -> None:
    xml = wpara(wrun("最内"))
    for _ in range(120):
        xml = table(row(f"<w:tc>{xml}</w:tc>"), 1)
    assert "nesting too deep" in _refused(docx_bytes(xml))


def test_huge_text_node_is_refused_cleanly() -> None:
    text = base64.b64encode(os.urandom(8 * 1024 * 1024)).decode()  # about 11 MB in one w:t
    assert "larger than 10 MB" in _refused(docx_bytes(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"))


def test_unexpected_errors_become_input_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(self: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(walker_module.BodyWalker, "walk", explode)
    assert _refused(GOOD).startswith("unreadable document (KeyError")


def test_document_without_optional_parts() -> None:
    data = _without_part(_without_part(GOOD, "word/styles.xml"), "docProps/core.xml")
    data = _without_part(data, "word/_rels/document.xml.rels")
    doc = read_document("x.docx", data=data)
    assert doc.paragraphs[0].text == "正文" and doc.paragraphs[0].style_name is None
    assert "title" not in doc.properties


def test_malformed_core_properties_are_ignored() -> None:
    doc = read_document("x.docx", data=_replace_part(GOOD, "docProps/core.xml", b"<cp:coreProperties"))
    assert doc.paragraphs[0].text == "正文"


def test_core_properties() -> None:
    doc = read_document("x.docx", data=docx_bytes(wpara(wrun("x")), title="2023年政府信息公开工作年度报告"))
    assert doc.properties["title"] == "2023年政府信息公开工作年度报告"
    assert doc.properties["creator"] == "Administrator"
    assert doc.properties["created"] == "2024-01-18T02:13:00Z"
    assert doc.properties["modified"] == "2024-01-19T08:40:00Z"


# ---- size and speed -------------------------------------------------------------------------------

_CHARS = "政府信息公开工作年度报告本年度主动公开件其中机构职能政策解读规划计划0123456789，。"


def test_200000_runs_in_one_paragraph() -> None:
    rng = random.Random(5)
    pieces = ["".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 3))) for _ in range(200_000)]
    runs = "".join(f'<w:r w:rsidRPr="00{rng.randrange(16**6):06X}"><w:t>{p}</w:t></w:r>' for p in pieces)
    data = docx_bytes(f"<w:p>{runs}</w:p>")
    started = time.perf_counter()
    doc = read_document("big.docx", data=data)
    elapsed = time.perf_counter() - started
    para = doc.paragraphs[0]
    assert para.text == "".join(pieces)
    assert len(para.pieces) == 200_000 and para.pieces[-1].run == 199_999 and para.pieces[-1].end == len(para.text)
    assert elapsed < 8, elapsed


def test_4mb_paragraph() -> None:
    rng = random.Random(9)
    text = "".join(rng.choice(_CHARS) for _ in range(1_600_000))  # over 4 MB of UTF-8
    data = docx_bytes(f"<w:p><w:r><w:t>{text}</w:t></w:r>{wrun('尾')}</w:p>")
    started = time.perf_counter()
    doc = read_document("long.docx", data=data)
    assert time.perf_counter() - started < 5
    assert doc.paragraphs[0].text == text + "尾"
    assert len(doc.paragraphs[0].text.encode()) > 4_000_000


def test_cell_counts_in_big_table_are_linear() -> None:
    rows = "".join(row("".join(cell(str(c)) for c in range(10))) for _ in range(500))
    started = time.perf_counter()
    doc = read_document("t.docx", data=docx_bytes(table(rows, 10)))
    assert time.perf_counter() - started < 5
    assert len(doc.tables[0].cells) == 5000 and len(doc.paragraphs) == 5000
