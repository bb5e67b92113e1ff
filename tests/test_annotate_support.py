"""Helpers for the annotator tests: findings on needles, and re-reading what was anchored.

The anchored text of a comment is re-read from the output XML independently of the
annotator: the visible text of every run (per ``docxlint.docx.text.run_content``) that
lies between ``commentRangeStart`` and ``commentRangeEnd`` with the comment's id.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docxlint.docx import read_document
from docxlint.docx.text import run_is_visible, run_text
from docxlint.docx.xmlparse import W
from docxlint.findings import ANCHOR_TEXT, Finding, Severity
from docxlint.model import PIECE_RUN, Document, Location, Paragraph
from fixtures.wordxml import W_NS, esc, make_docx, run

#: Parts the annotator may rewrite; everything else must come out byte-identical.
MAY_CHANGE = {
    "word/document.xml",
    "word/comments.xml",
    "word/styles.xml",
    "[Content_Types].xml",
    "word/_rels/document.xml.rels",
    "word/commentsExtended.xml",
    "word/commentsIds.xml",
    "word/commentsExtensible.xml",
}
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


# -- building test documents -------------------------------------------------------------

INS = '<w:ins w:id="91" w:author="张三" w:date="2024-01-10T08:00:00Z">{}</w:ins>'
DEL = '<w:del w:id="92" w:author="张三" w:date="2024-01-10T08:00:00Z"><w:r><w:delText>{}</w:delText></w:r></w:del>'
LINK = '<w:hyperlink r:id="rIdLink" w:history="1">{}</w:hyperlink>'
CHINESE_NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
    '<w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)
NUMBERED = '<w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'


def cell(content: str, width: int = 2400) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}</w:tc>'


def table(rows: list[list[str]]) -> str:
    grid = "".join('<w:gridCol w:w="2400"/>' for _ in rows[0])
    body = "".join("<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>" for row in rows)
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="a6"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'


def build_docx(folder: Path, body: str, name: str = "in.docx", **kw) -> Path:
    """Write ``folder/name`` from ``body`` XML (``rIdLink`` is an external hyperlink)."""
    path = folder / name
    kw.setdefault("hyperlinks", {"rIdLink": "http://www.gov.cn/"})
    make_docx(path, body, **kw)
    return path


# -- findings ----------------------------------------------------------------------------


def paragraph_with(doc: Document, needle: str, nth: int = 0) -> Paragraph:
    """The ``nth`` paragraph whose text contains ``needle``."""
    hits = [p for p in doc.paragraphs if needle in p.text]
    assert len(hits) > nth, f"no paragraph #{nth} contains {needle!r}"
    return hits[nth]


def finding_at(
    para: Paragraph,
    start: int,
    end: int,
    message: str,
    *,
    anchor: str = ANCHOR_TEXT,
    expected: str | None = None,
    rule_id: str = "test-rule",
) -> Finding:
    """A finding on ``para.text[start:end]`` with the same message in both languages."""
    loc = para.location
    return Finding(
        rule_id=rule_id,
        severity=Severity.ERROR,
        messages={"zh": message, "en": message + " (en)"},
        location=Location(block=loc.block, paragraph=para.index, table=loc.table, row=loc.row, col=loc.col),
        span=(start, end),
        excerpt=para.text[start:end],
        expected=expected,
        anchor=anchor,
    )


def finding_on(doc: Document, needle: str, message: str, *, nth: int = 0, **kw) -> Finding:
    """A finding on the first occurrence of ``needle`` in the ``nth`` paragraph holding it."""
    para = paragraph_with(doc, needle, nth)
    start = para.text.index(needle)
    return finding_at(para, start, start + len(needle), message, **kw)


def expected_anchor(doc: Document, finding: Finding) -> str:
    """The part of a finding's excerpt that lives in runs (a numbering label does not)."""
    assert finding.location.paragraph is not None and finding.span is not None
    para = doc.paragraphs[finding.location.paragraph]
    start, end = finding.span
    return "".join(
        para.text[max(start, p.start) : min(end, p.end)]
        for p in para.pieces
        if p.kind == PIECE_RUN and p.start < end and p.end > start
    )


def read_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def anchored_texts(path: Path) -> dict[str, str]:
    """Comment id → visible text between its range markers in ``word/document.xml``."""
    root = etree.fromstring(read_part(path, "word/document.xml"))
    open_ids: set[str] = set()
    texts: dict[str, str] = {}
    for el in root.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "r"):
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            texts.setdefault(el.get(W + "id"), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif open_ids and run_is_visible(el):
            visible = run_text(el)
            for comment_id in open_ids:
                texts[comment_id] += visible
    return texts


@dataclass(frozen=True)
class CommentInfo:
    id: str
    author: str
    initials: str
    date: str
    text: str  #: paragraphs joined by newlines


def comments(path: Path) -> list[CommentInfo]:
    """Every ``w:comment`` of ``word/comments.xml`` (empty when there is none)."""
    with zipfile.ZipFile(path) as zf:
        if "word/comments.xml" not in zf.namelist():
            return []
        root = etree.fromstring(zf.read("word/comments.xml"))
    out = []
    for c in root.iter(W + "comment"):
        text = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p"))
        out.append(CommentInfo(c.get(W + "id"), c.get(W + "author"), c.get(W + "initials"), c.get(W + "date"), text))
    return out


def comment_for(path: Path, message: str) -> CommentInfo:
    """The one comment whose first line is ``message``."""
    hits = [c for c in comments(path) if c.text.split("\n")[0] == message]
    assert len(hits) == 1, f"{len(hits)} comments start with {message!r}"
    return hits[0]


def visible_texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path).paragraphs]


def assert_untouched_parts(src: Path, out: Path, may_change: set[str] = MAY_CHANGE) -> None:
    """Same members in the same order (new ones only at the end), same bytes, same compression."""
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        before, after = a.infolist(), b.infolist()
        assert [i.filename for i in after[: len(before)]] == [i.filename for i in before]
        assert all(i.filename in may_change for i in after[len(before) :])
        for old, new in zip(before, after, strict=False):
            assert new.compress_type == old.compress_type, old.filename
            if old.filename not in may_change:
                assert b.read(new) == a.read(old), f"{old.filename} changed"


def assert_annotated(src: Path, out: Path, doc: Document, findings: list[Finding]) -> None:
    """Each finding's comment covers exactly its text; nothing visible or unrelated changed."""
    anchored = anchored_texts(out)
    by_message = {c.text.split("\n")[0]: c for c in comments(out)}
    references = _reference_counts(out)
    for finding in findings:
        comment = by_message[finding.messages["zh"]]
        assert comment.author == "docxlint"
        assert anchored.get(comment.id, "") == expected_anchor(doc, finding), finding.messages["zh"]
        assert references.get(comment.id) == 1, f"comment {comment.id} needs exactly one reference"
    assert len(by_message) == len(comments(out)), "comment messages are unique in these tests"
    assert visible_texts(out) == [p.text for p in doc.paragraphs]
    assert_untouched_parts(src, out)


def _reference_counts(path: Path) -> dict[str, int]:
    root = etree.fromstring(read_part(path, "word/document.xml"))
    counts: dict[str, int] = {}
    for ref in root.iter(W + "commentReference"):
        counts[ref.get(W + "id")] = counts.get(ref.get(W + "id"), 0) + 1
    return counts


# -- documents with human comments and Word's comment side parts ------------------------

HUMAN_RANGE = (
    '<w:commentRangeStart w:id="0"/>' + run("31件") + '<w:commentRangeEnd w:id="0"/>'
    '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>'
)
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"


def with_human_comment(tmp_path: Path, src: Path) -> Path:
    """Add a comments part holding one human comment (id 0, paraId 00000AAA) plus Word's side parts."""
    comments_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}" xmlns:w14="{W14_NS}">'
        '<w:comment w:id="0" w:author="王审核" w:date="2024-01-20T10:00:00Z" w:initials="王">'
        f'<w:p w14:paraId="00000AAA"><w:r><w:t>{esc("请核对数字")}</w:t></w:r></w:p></w:comment></w:comments>'
    )
    extended = (
        '<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        '<w15:commentEx w15:paraId="00000AAA" w15:done="0"/></w15:commentsEx>'
    )
    ids = (
        '<w16cid:commentsIds xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid">'
        '<w16cid:commentId w16cid:paraId="00000AAA" w16cid:durableId="11111111"/></w16cid:commentsIds>'
    )
    extensible = (
        '<w16cex:commentsExtensible xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex">'
        '<w16cex:commentExtensible w16cex:durableId="11111111" w16cex:dateUtc="2024-01-20T02:00:00Z"/>'
        "</w16cex:commentsExtensible>"
    )
    parts = {
        "word/comments.xml": (
            comments_xml,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
        ),
        "word/commentsExtended.xml": (
            extended,
            "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
        ),
        "word/commentsIds.xml": (
            ids,
            "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml",
        ),
        "word/commentsExtensible.xml": (
            extensible,
            "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtensible+xml",
        ),
    }
    return add_parts(src, tmp_path / "human.docx", parts)


def add_parts(src: Path, dest: Path, parts: dict[str, tuple[str, str, str]]) -> Path:
    """Copy ``src`` adding parts related from the main document: name → (xml, rel type, content type)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                rels = "".join(
                    f'<Relationship Id="rIdX{i}" Type="{rel}" Target="{name.split("/")[-1]}"/>'
                    for i, (name, (_, rel, _)) in enumerate(parts.items())
                )
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            elif info.filename == "[Content_Types].xml":
                overrides = "".join(
                    f'<Override PartName="/{n}" ContentType="{ct}"/>' for n, (_, _, ct) in parts.items()
                )
                data = data.replace(b"</Types>", overrides.encode() + b"</Types>")
            zout.writestr(info, data)
        for name, (xml, _, _) in parts.items():
            zout.writestr(name, xml)
    return dest


# -- LibreOffice ------------------------------------------------------------------------


@dataclass(frozen=True)
class OdtAnnotation:
    message: str  #: first paragraph of the annotation body
    anchored: str  #: text between the annotation and its annotation-end ("" for a point)
    creator: str


def odt_annotations(odt: Path) -> list[OdtAnnotation]:
    """Annotations of an ODT's content.xml with the text each one is anchored on."""
    with zipfile.ZipFile(odt) as zf:
        root = etree.fromstring(zf.read("content.xml"))
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    tokens: list[tuple[str, str]] = []
    _odt_tokens(body, tokens)
    heads: dict[str, tuple[str, str]] = {}
    texts: dict[str, list[str]] = {}
    out: list[OdtAnnotation] = []
    for kind, value, *rest in tokens:
        if kind == "text":
            for name in texts:
                texts[name].append(value)
        elif kind == "start" and value:
            heads[value] = (rest[0], rest[1])
            texts[value] = []
        elif kind == "start":
            out.append(OdtAnnotation(rest[0], "", rest[1]))
        elif kind == "end" and value in texts:
            message, creator = heads.pop(value)
            out.append(OdtAnnotation(message, "".join(texts.pop(value)), creator))
    out.extend(OdtAnnotation(m, "".join(texts[n]), c) for n, (m, c) in heads.items())
    return out


def _odt_tokens(el: etree._Element, tokens: list) -> None:
    if el.text:
        tokens.append(("text", el.text))
    for child in el:
        tag = child.tag
        if tag == f"{OFFICE}annotation":
            paras = child.findall(f"{TEXT}p")
            message = "".join(paras[0].itertext()) if paras else ""
            creator = child.findtext("{http://purl.org/dc/elements/1.1/}creator") or ""
            tokens.append(("start", child.get(f"{OFFICE}name", ""), message, creator))
        elif tag == f"{OFFICE}annotation-end":
            tokens.append(("end", child.get(f"{OFFICE}name", "")))
        elif tag == f"{TEXT}tracked-changes":
            pass
        elif tag == f"{TEXT}s":
            tokens.append(("text", " " * int(child.get(f"{TEXT}c", "1"))))
        elif tag == f"{TEXT}tab":
            tokens.append(("text", "\t"))
        elif tag == f"{TEXT}line-break":
            tokens.append(("text", "\n"))
        else:
            _odt_tokens(child, tokens)
        if child.tail:
            tokens.append(("text", child.tail))
