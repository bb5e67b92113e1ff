"""The comments side of the annotator: comment bodies, comment styles, removing earlier runs.

Word keeps a comment in up to four parts: ``comments.xml`` (the text), and since Word
2013/2016/2018 ``commentsExtended.xml`` (done state, reply threading, keyed by the
``w14:paraId`` of the comment's last paragraph), ``commentsIds.xml`` (paraId → durable id)
and ``commentsExtensible.xml`` (durable id → date). Removing a comment removes its entries
from all of them and its range markers and reference run from the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from docxlint.docx.xmlparse import W_NS, W
from docxlint.findings import Finding

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
W16CID = "{http://schemas.microsoft.com/office/word/2016/wordml/cid}"
W16CEX = "{http://schemas.microsoft.com/office/word/2018/wordml/cex}"
COMMENT_MARKERS = (W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference")

#: Word's built-in names of the two comment styles, and the ids English Word gives them.
TEXT_STYLE_NAME, TEXT_STYLE_ID = "annotation text", "CommentText"
REFERENCE_STYLE_NAME, REFERENCE_STYLE_ID = "annotation reference", "CommentReference"

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class CommentStyles:
    """Style ids to use in comment paragraphs and reference runs."""

    text: str = TEXT_STYLE_ID
    reference: str = REFERENCE_STYLE_ID


# -- comment bodies ---------------------------------------------------------------------


def comment_lines(finding: Finding, lang: str) -> list[str]:
    """The message in ``lang`` (one line per line), then rule id and expected value."""
    lines = finding.message(lang).splitlines() or [""]
    tail = finding.rule_id
    if finding.expected not in (None, ""):
        tail += f"：应为 {finding.expected}" if lang == "zh" else f": expected {finding.expected}"
    return [*lines, tail]


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def format_date(now: datetime | None) -> str:
    """``w:date`` value: UTC, seconds precision, as Word writes it."""
    moment = now or datetime.now(timezone.utc)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def append_comments(
    parent: etree._Element,
    bodies: list[tuple[int, list[str]]],
    *,
    author: str,
    initials: str,
    date: str,
    styles: CommentStyles,
) -> None:
    """Append one ``w:comment`` per (id, lines) to ``parent`` (characters XML cannot hold are dropped).

    Each line is a paragraph in the comment-text style; the first starts with the
    annotation mark. Built as one XML string and parsed once: much faster than
    creating the elements one by one for thousands of comments.
    """
    head = f"w:author={quoteattr(xml_safe(author))} w:date={quoteattr(date)} w:initials={quoteattr(xml_safe(initials))}"
    ppr = f"<w:pPr><w:pStyle w:val={quoteattr(styles.text)}/></w:pPr>"
    mark = f"<w:r><w:rPr><w:rStyle w:val={quoteattr(styles.reference)}/></w:rPr><w:annotationRef/></w:r>"
    chunks = [f'<w:comments xmlns:w="{W_NS}">']
    for comment_id, lines in bodies:
        chunks.append(f'<w:comment w:id="{comment_id}" {head}>')
        for number, line in enumerate(lines):
            text = f'<w:r><w:t xml:space="preserve">{escape(xml_safe(line))}</w:t></w:r>' if line else ""
            chunks.append(f"<w:p>{ppr}{mark if number == 0 else ''}{text}</w:p>")
        chunks.append("</w:comment>")
    chunks.append("</w:comments>")
    parent.extend(etree.fromstring("".join(chunks).encode("utf-8")))


def new_comments_root() -> etree._Element:
    return etree.Element(W + "comments", nsmap={"w": W_NS, "w14": W14[1:-1]})


def reference_run(comment_id: int, styles: CommentStyles) -> etree._Element:
    """``<w:r><w:rPr><w:rStyle CommentReference/></w:rPr><w:commentReference w:id/></w:r>``."""
    run = etree.Element(W + "r")
    etree.SubElement(etree.SubElement(run, W + "rPr"), W + "rStyle").set(W + "val", styles.reference)
    etree.SubElement(run, W + "commentReference").set(W + "id", str(comment_id))
    return run


def range_marker(tag: str, comment_id: int) -> etree._Element:
    marker = etree.Element(W + tag)
    marker.set(W + "id", str(comment_id))
    return marker


# -- ids --------------------------------------------------------------------------------


def used_comment_ids(*roots: etree._Element | None) -> set[int]:
    """Every comment id used by a comment or a comment marker in ``roots``."""
    ids: set[int] = set()
    for root in roots:
        if root is None:
            continue
        for el in root.iter(W + "comment", *COMMENT_MARKERS):
            value = el.get(W + "id", "")
            if value.lstrip("-").isdigit():
                ids.add(int(value))
    return ids


# -- removing earlier docxlint comments -------------------------------------------------


@dataclass(slots=True)
class RemovedComments:
    ids: set[str] = field(default_factory=set)
    para_ids: set[str] = field(default_factory=set)  #: ``w14:paraId`` of every paragraph of the removed comments


def remove_authored_comments(comments_root: etree._Element, author: str) -> RemovedComments:
    """Drop every ``w:comment`` written by ``author`` from ``comments.xml``."""
    removed = RemovedComments()
    for comment in list(comments_root.iter(W + "comment")):
        if comment.get(W + "author") != author:
            continue
        removed.ids.add(comment.get(W + "id", ""))
        removed.para_ids.update(p.get(W14 + "paraId") for p in comment.iter(W + "p") if p.get(W14 + "paraId"))
        _remove(comment)
    return removed


def remove_markers(root: etree._Element, ids: set[str]) -> None:
    """Remove range markers and reference runs of comments ``ids`` from a story part."""
    if not ids:
        return
    for marker in list(root.iter(*COMMENT_MARKERS)):
        if marker.get(W + "id") not in ids:
            continue
        parent = marker.getparent()
        if marker.tag == W + "commentReference" and parent is not None and _only_reference(parent):
            _remove(parent)
        else:
            _remove(marker)


def _only_reference(run: etree._Element) -> bool:
    return run.tag == W + "r" and all(c.tag in (W + "rPr", W + "commentReference") for c in run)


def prune_comments_extended(root: etree._Element, removed: RemovedComments) -> bool:
    """Drop ``w15:commentEx`` entries of removed comments; orphaned replies become top-level."""
    changed = False
    for entry in list(root.iter(W15 + "commentEx")):
        if entry.get(W15 + "paraId") in removed.para_ids:
            _remove(entry)
            changed = True
        elif entry.get(W15 + "paraIdParent") in removed.para_ids:
            del entry.attrib[W15 + "paraIdParent"]
            changed = True
    return changed


def prune_comments_ids(root: etree._Element, removed: RemovedComments) -> set[str]:
    """Drop ``w16cid:commentId`` entries of removed comments; return their durable ids."""
    durable: set[str] = set()
    for entry in list(root.iter(W16CID + "commentId")):
        if entry.get(W16CID + "paraId") in removed.para_ids:
            durable.add(entry.get(W16CID + "durableId", ""))
            _remove(entry)
    return durable


def prune_comments_extensible(root: etree._Element, durable_ids: set[str]) -> bool:
    """Drop ``w16cex:commentExtensible`` entries with the given durable ids."""
    changed = False
    for entry in list(root.iter(W16CEX + "commentExtensible")):
        if entry.get(W16CEX + "durableId") in durable_ids:
            _remove(entry)
            changed = True
    return changed


def _remove(el: etree._Element) -> None:
    """Remove ``el`` but keep its tail text (lxml would drop it with the element)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# -- styles -----------------------------------------------------------------------------


def ensure_comment_styles(styles_root: etree._Element | None) -> tuple[CommentStyles, bool]:
    """Find the two comment styles (by Word's built-in name or id); add the missing ones.

    Returns the style ids to use and whether ``styles_root`` was changed.
    """
    if styles_root is None:
        return CommentStyles(), False
    styles = list(styles_root.iter(W + "style"))
    text_id = _find_style(styles, "paragraph", TEXT_STYLE_NAME, TEXT_STYLE_ID)
    ref_id = _find_style(styles, "character", REFERENCE_STYLE_NAME, REFERENCE_STYLE_ID)
    changed = False
    taken = {s.get(W + "styleId") for s in styles}
    if text_id is None:
        text_id = _free_id(TEXT_STYLE_ID, taken)
        styles_root.append(_text_style(text_id, _default_style(styles, "paragraph")))
        changed = True
    if ref_id is None:
        ref_id = _free_id(REFERENCE_STYLE_ID, taken)
        styles_root.append(_reference_style(ref_id, _default_style(styles, "character")))
        changed = True
    return CommentStyles(text_id, ref_id), changed


def _find_style(styles: list[etree._Element], kind: str, name: str, style_id: str) -> str | None:
    by_id = None
    for style in styles:
        if style.get(W + "type") != kind:
            continue
        name_el = style.find(W + "name")
        if name_el is not None and (name_el.get(W + "val") or "").lower() == name:
            return style.get(W + "styleId")
        if style.get(W + "styleId") == style_id:
            by_id = style_id
    return by_id


def _default_style(styles: list[etree._Element], kind: str) -> str | None:
    for style in styles:
        if style.get(W + "type") == kind and style.get(W + "default") in ("1", "true", "on"):
            return style.get(W + "styleId")
    return None


def _free_id(wanted: str, taken: set[str | None]) -> str:
    candidate, number = wanted, 1
    while candidate in taken:
        candidate = f"{wanted}{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _style(kind: str, style_id: str, name: str, based_on: str | None) -> etree._Element:
    style = etree.Element(W + "style")
    style.set(W + "type", kind)
    style.set(W + "styleId", style_id)
    etree.SubElement(style, W + "name").set(W + "val", name)
    if based_on:
        etree.SubElement(style, W + "basedOn").set(W + "val", based_on)
    etree.SubElement(style, W + "uiPriority").set(W + "val", "99")
    etree.SubElement(style, W + "semiHidden")
    etree.SubElement(style, W + "unhideWhenUsed")
    return style


def _text_style(style_id: str, based_on: str | None) -> etree._Element:
    style = _style("paragraph", style_id, TEXT_STYLE_NAME, based_on)
    etree.SubElement(etree.SubElement(style, W + "pPr"), W + "jc").set(W + "val", "left")
    _font_size(etree.SubElement(style, W + "rPr"), 20)
    return style


def _reference_style(style_id: str, based_on: str | None) -> etree._Element:
    style = _style("character", style_id, REFERENCE_STYLE_NAME, based_on)
    _font_size(etree.SubElement(style, W + "rPr"), 16)
    return style


def _font_size(rpr: etree._Element, half_points: int) -> None:
    etree.SubElement(rpr, W + "sz").set(W + "val", str(half_points))
    etree.SubElement(rpr, W + "szCs").set(W + "val", str(half_points))
