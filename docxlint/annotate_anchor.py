"""Span → XML: split runs at a span's edges and place comment markers around it.

Positions come from the model: a paragraph's :class:`~docxlint.model.Piece` list says
which ``w:r`` (ordinal in ``p.iter(w:r)``) and which offset of that run's visible text
(:func:`docxlint.docx.text.run_content`) each character came from. All findings of one
paragraph are placed together: first every run is cut where some span starts or ends
(right to left, so earlier offsets stay valid), then the markers go in.

Placement follows what Word writes, checked against what LibreOffice imports:

* ``commentRangeStart`` directly before the first run of the span and
  ``commentRangeEnd`` directly after the last one, as siblings of those runs, so inside
  a ``w:hyperlink``, ``w:ins``, ``w:sdtContent`` or ``w:fldSimple`` when the run is.
  Range markers may sit in different containers (they pair by id, like bookmarks); a
  parent that cannot hold them (a run nested in a run: ruby) moves them out.
* a ``w:smartTag``/``w:customXml`` is split where a range starts or ends inside it and
  the marker goes between the halves (LibreOffice drops markers inside them).
* a range that starts (ends) exactly with a field result starts before the field's
  ``begin`` (ends after its ``end``): the same visible text, and LibreOffice, which
  turns most fields into one character, then keeps the field in the range.
* the ``commentReference`` run goes right after the range end when that is at paragraph
  level, otherwise right after the paragraph-level container holding it, so it never
  becomes part of a tracked change, a hyperlink or a content control, and it is moved
  past the end of a complex field whose result holds it (updating the field would
  delete it otherwise).
* a point (an empty span, an empty paragraph or cell, a span on the numbering label
  only) gets start, end and reference together at paragraph level.
"""

from __future__ import annotations

from collections import defaultdict
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

from docxlint.annotate_comments import CommentStyles, range_marker, reference_run
from docxlint.docx.text import run_content, run_is_visible, run_text
from docxlint.docx.xmlparse import W
from docxlint.model import PIECE_RUN, Paragraph, Piece

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
BEFORE, AFTER = "before", "after"

#: Parents in which a run's sibling comment markers are schema-valid.
MARKUP_PARENTS = frozenset(
    W + tag
    for tag in (
        "p",
        "hyperlink",
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "smartTag",
        "customXml",
        "sdtContent",
        "fldSimple",
        "dir",
        "bdo",
    )
)


class ModelMismatch(Exception):
    """The paragraph's XML does not hold the text the model says it does."""


@dataclass(frozen=True, slots=True)
class Boundary:
    """A gap in a paragraph: just ``before`` or just ``after`` character ``offset`` of run ``run``."""

    run: int
    offset: int
    side: str


@dataclass(frozen=True, slots=True)
class CommentAnchor:
    """Where one comment goes: a range, a point (``end is None``), or the end of an empty paragraph."""

    comment_id: int
    start: Boundary | None
    end: Boundary | None


def anchor_for_span(comment_id: int, para: Paragraph, start: int, end: int) -> CommentAnchor:
    """The XML gaps of ``para.text[start:end]``; a label-only or empty span becomes a point."""
    run_pieces = sorted((p for p in para.pieces if p.kind == PIECE_RUN and p.end > p.start), key=lambda p: p.start)
    inside = [p for p in run_pieces if p.start < end and p.end > start]
    if start < end and inside:
        first, last = inside[0], inside[-1]
        return CommentAnchor(
            comment_id,
            Boundary(first.run, first.run_offset + max(start, first.start) - first.start, BEFORE),
            Boundary(last.run, last.run_offset + min(end, last.end) - last.start, AFTER),
        )
    return CommentAnchor(comment_id, _point(run_pieces, start), None)


def _point(run_pieces: list[Piece], offset: int) -> Boundary | None:
    for piece in run_pieces:
        if piece.end > offset:
            return Boundary(piece.run, piece.run_offset + max(offset, piece.start) - piece.start, BEFORE)
    if run_pieces:
        last = run_pieces[-1]
        return Boundary(last.run, last.run_offset + last.end - last.start, AFTER)
    return None


@dataclass(slots=True)
class _RunCuts:
    """One run split into segments; ``starts[i]`` is the visible offset where segment ``i`` begins."""

    segments: list[etree._Element]
    starts: list[int]
    length: int

    def starting_at(self, offset: int) -> etree._Element:
        return self.segments[self.starts.index(offset)]

    def ending_at(self, offset: int) -> etree._Element:
        ends = [*self.starts[1:], self.length]
        return self.segments[ends.index(offset)]


@dataclass(slots=True)
class ParagraphAnchoring:
    """Places all comments of one paragraph."""

    para: Paragraph
    p: etree._Element
    styles: CommentStyles
    runs: list[etree._Element] = field(init=False)
    _contents: dict[int, list[tuple[etree._Element, str]]] = field(init=False, default_factory=dict)
    _offsets: dict[Boundary, int] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.runs = list(self.p.iter(W + "r"))

    def verify(self) -> None:
        """Raise :class:`ModelMismatch` unless every run piece matches the run's visible text."""
        for piece in self.para.pieces:
            if piece.kind != PIECE_RUN:
                continue
            if not 0 <= piece.run < len(self.runs):
                raise ModelMismatch(f"paragraph {self.para.index}: run {piece.run} does not exist")
            visible = self._text(piece.run)
            wanted = self.para.text[piece.start : piece.end]
            if visible[piece.run_offset : piece.run_offset + len(wanted)] != wanted:
                raise ModelMismatch(f"paragraph {self.para.index}: run {piece.run} does not hold {wanted!r}")

    def place(self, anchors: list[CommentAnchor]) -> None:
        """Cut runs at every boundary, then insert markers and reference runs."""
        edges = self._edges(anchors)
        before: dict[etree._Element, list[etree._Element]] = defaultdict(list)
        after: dict[etree._Element, list[etree._Element]] = defaultdict(list)
        for anchor in anchors:
            if anchor.start is None:
                self.p.extend(self._point_items(anchor.comment_id))
            elif anchor.end is None:
                gap = before if anchor.start.side == BEFORE else after
                gap[self._top_level(edges[anchor.start])].extend(self._point_items(anchor.comment_id))
            else:
                self._range(anchor, edges, before, after)
        _insert(before, after)

    def _edges(self, anchors: list[CommentAnchor]) -> dict[Boundary, etree._Element]:
        """Cut the runs; return the element each boundary's marker sits next to."""
        boundaries = {b for a in anchors for b in (a.start, a.end) if b is not None}
        self._offsets = {b: self._actual_offset(b) for b in boundaries}
        cuts = self._cut_runs()
        edges = {b: _lift_to_markup_parent(self._segment(cuts, b), self.p) for b in boundaries}
        for anchor in anchors:
            if anchor.start is not None and anchor.end is not None:
                _split_transparent(edges[anchor.start], BEFORE)
                _split_transparent(edges[anchor.end], AFTER)
        return edges

    def _range(self, anchor: CommentAnchor, edges: dict[Boundary, etree._Element], before: dict, after: dict) -> None:
        assert anchor.start is not None and anchor.end is not None
        first = _widen_to_field_begin(_climb_transparent(edges[anchor.start], BEFORE), self.p)
        last = _widen_to_field_end(_climb_transparent(edges[anchor.end], AFTER), self.p)
        before[first].append(range_marker("commentRangeStart", anchor.comment_id))
        after[last].append(range_marker("commentRangeEnd", anchor.comment_id))
        after[self._reference_position(last)].append(reference_run(anchor.comment_id, self.styles))

    def _point_items(self, comment_id: int) -> list[etree._Element]:
        return [
            range_marker("commentRangeStart", comment_id),
            range_marker("commentRangeEnd", comment_id),
            reference_run(comment_id, self.styles),
        ]

    # -- cutting -----------------------------------------------------------------------

    def _text(self, run: int) -> str:
        return "".join(text for _, text in self._content(run))

    def _content(self, run: int) -> list[tuple[etree._Element, str]]:
        if run not in self._contents:
            self._contents[run] = run_content(self.runs[run])
        return self._contents[run]

    def _cut_runs(self) -> dict[int, _RunCuts]:
        wanted: dict[int, set[int]] = defaultdict(set)
        for boundary, offset in self._offsets.items():
            wanted[boundary.run].add(offset)
        return {run: self._cut(run, offsets) for run, offsets in wanted.items()}

    def _actual_offset(self, boundary: Boundary) -> int:
        """The boundary's offset, moved outward to a child edge when the child cannot be split."""
        pos = 0
        for child, text in self._content(boundary.run):
            end = pos + len(text)
            if pos < boundary.offset < end and not _splittable(child, text):
                return pos if boundary.side == BEFORE else end
            pos = end
        return boundary.offset

    def _cut(self, run: int, offsets: set[int]) -> _RunCuts:
        length = len(self._text(run))
        inner = sorted((o for o in offsets if 0 < o < length), reverse=True)
        element = self.runs[run]
        right_parts = [_split_run(element, offset) for offset in inner]
        return _RunCuts([element, *reversed(right_parts)], [0, *reversed(inner)], length)

    def _segment(self, cuts: dict[int, _RunCuts], boundary: Boundary) -> etree._Element:
        offset = self._offsets[boundary]
        run_cuts = cuts[boundary.run]
        return run_cuts.starting_at(offset) if boundary.side == BEFORE else run_cuts.ending_at(offset)

    # -- where the reference run goes -------------------------------------------------

    def _top_level(self, el: etree._Element) -> etree._Element:
        """The ancestor-or-self of ``el`` that is a child of the paragraph."""
        while el.getparent() is not self.p:
            el = el.getparent()
        return el

    def _reference_position(self, last: etree._Element) -> etree._Element:
        """The paragraph-level element after which the reference run goes."""
        top = self._top_level(last)
        children = list(self.p)
        index = children.index(top)
        depth = 0
        for child in children[: index + 1]:
            depth = _field_depth(child, depth)
        if depth == 0:
            return top
        for child in children[index + 1 :]:
            depth = _field_depth(child, depth)
            if depth == 0:
                return child
        return top


def _insert(
    before: dict[etree._Element, list[etree._Element]], after: dict[etree._Element, list[etree._Element]]
) -> None:
    """Put each list of items just before (after) its element, keeping the list's order."""
    for el, items in before.items():
        for item in items:
            el.addprevious(item)
    for el, items in after.items():
        cursor = el
        for item in items:
            cursor.addnext(item)
            cursor = item


def _field_depth(el: etree._Element, depth: int) -> int:
    """Complex-field nesting after ``el``, counting only fields opened in this paragraph."""
    for char in el.iter(W + "fldChar"):
        kind = char.get(W + "fldCharType")
        if kind == "begin":
            depth += 1
        elif kind == "end" and depth > 0:
            depth -= 1
    return depth


def _lift_to_markup_parent(el: etree._Element, p: etree._Element) -> etree._Element:
    """``el``, or its nearest ancestor whose parent can hold comment markers."""
    while True:
        parent = el.getparent()
        if parent is p or parent is None or parent.tag in MARKUP_PARENTS:
            return el
        el = parent


# -- smart tags and custom XML ------------------------------------------------------------
# Range markers inside ``w:smartTag``/``w:customXml`` are schema-valid, but LibreOffice
# drops them (and Word 2010+ discards custom XML markup). So the container is split in
# two where a range starts or ends inside it, and the marker goes between the halves.

TRANSPARENT = frozenset({W + "smartTag", W + "customXml"})
_TRANSPARENT_PROPERTIES = frozenset({W + "smartTagPr", W + "customXmlPr"})


def _split_transparent(el: etree._Element, side: str) -> None:
    """Split every smart tag / custom XML around ``el`` so that ``el`` starts (ends) one."""
    parent = el.getparent()
    while parent is not None and parent.tag in TRANSPARENT:
        if side == BEFORE and _content_before(el):
            moving = [el, *el.itersiblings()]
        elif side == AFTER and el.getnext() is not None:
            moving = list(el.itersiblings())
        else:
            moving = []
        if moving:
            twin = parent.makeelement(parent.tag, dict(parent.attrib))
            twin.extend(deepcopy(c) for c in parent if c.tag in _TRANSPARENT_PROPERTIES)
            twin.extend(moving)
            parent.addnext(twin)
            parent = twin if side == BEFORE else parent
        el, parent = parent, parent.getparent()


def _content_before(el: etree._Element) -> bool:
    return any(s.tag not in _TRANSPARENT_PROPERTIES for s in el.itersiblings(preceding=True))


def _climb_transparent(el: etree._Element, side: str) -> etree._Element:
    """The outermost smart tag / custom XML that ``el`` starts (``BEFORE``) or ends (``AFTER``)."""
    parent = el.getparent()
    while parent is not None and parent.tag in TRANSPARENT:
        edge = not _content_before(el) if side == BEFORE else el.getnext() is None
        if not edge:
            break
        el, parent = parent, parent.getparent()
    return el


# -- ranges that begin or end with a field result ------------------------------------------
# A range that starts at the first visible character of a field result, or ends at its
# last, may just as well start before the field's begin (end after its end): the visible
# text is the same, and LibreOffice, which turns most fields into one-character fields,
# then keeps the whole field in the range instead of cutting it off.


def _widen_to_field_begin(el: etree._Element, p: etree._Element) -> etree._Element:
    """Move a range start before the field whose result ``el`` opens (repeatedly, for nesting)."""
    while True:
        parent = el.getparent()
        if parent is not p and parent.tag == W + "fldSimple" and not _any_visible(el.itersiblings(preceding=True)):
            el = parent
            continue
        begin = _field_begin_before(el)
        if begin is None:
            return el
        el = begin


def _widen_to_field_end(el: etree._Element, p: etree._Element) -> etree._Element:
    """Move a range end after the field whose result ``el`` closes (repeatedly, for nesting)."""
    while True:
        parent = el.getparent()
        if parent is not p and parent.tag == W + "fldSimple" and not _any_visible(el.itersiblings()):
            el = parent
            continue
        probe = el.getnext()
        while probe is not None and _silent(probe):
            probe = probe.getnext()
        if probe is None or _field_chars(probe) != ["end"]:
            return el
        el = probe


def _field_begin_before(el: etree._Element) -> etree._Element | None:
    """The sibling holding the ``begin`` of the field whose ``separate`` directly precedes ``el``."""
    probe = el.getprevious()
    while probe is not None and _silent(probe):
        probe = probe.getprevious()
    if probe is None or _field_chars(probe) != ["separate"]:
        return None
    depth = 0
    for sibling in probe.itersiblings(preceding=True):
        if _any_visible([sibling]):
            return None
        for kind in reversed(_field_chars(sibling)):
            if kind == "end":
                depth += 1
            elif kind == "begin" and depth == 0:
                return sibling
            elif kind == "begin":
                depth -= 1
    return None


def _field_chars(el: etree._Element) -> list[str]:
    return [c.get(W + "fldCharType", "") for c in el.iter(W + "fldChar")]


def _silent(el: etree._Element) -> bool:
    """No visible text and no field character: bookmarks, proofing marks, instruction runs…"""
    return not _field_chars(el) and not _any_visible([el])


def _any_visible(elements) -> bool:
    return any(run_text(r) and run_is_visible(r) for el in elements for r in el.iter(W + "r"))


def _splittable(child: etree._Element, text: str) -> bool:
    return child.tag == W + "t" and (child.text or "") == text


def _split_run(run: etree._Element, offset: int) -> etree._Element:
    """Split ``run`` before visible ``offset`` (0 < offset < length); return the new right run.

    The right run gets a copy of ``w:rPr``; a ``w:t`` is split in two when the offset
    falls inside it. Children without text between two text children stay on the left.
    """
    pos = 0
    for child, text in run_content(run):
        if not text:
            continue
        end = pos + len(text)
        if offset <= pos:
            return _move_children(run, child, None)
        if offset < end:
            return _move_children(run, child, _split_text(child, offset - pos))
        pos = end
    raise ValueError(f"cannot split a run of {pos} characters at {offset}")


def _split_text(t: etree._Element, at: int) -> etree._Element:
    """Keep ``t.text[:at]`` in ``t``; return a new ``w:t`` holding the rest."""
    text = t.text or ""
    right = t.makeelement(t.tag, dict(t.attrib))
    t.text, right.text = text[:at], text[at:]
    for part in (t, right):  # ``right`` already carries ``t``'s own xml:space
        if part.text != part.text.strip(" \t\r\n"):
            part.set(XML_SPACE, "preserve")
    return right


def _move_children(run: etree._Element, child: etree._Element, split_text: etree._Element | None) -> etree._Element:
    """New run after ``run``: ``split_text`` (if any) then the children after ``child``.

    Without ``split_text``, ``child`` itself moves too.
    """
    right = run.makeelement(run.tag, dict(run.attrib))
    rpr = run.find(W + "rPr")
    if rpr is not None:
        right.append(deepcopy(rpr))
    children = list(run)
    index = children.index(child)
    if split_text is not None:
        right.append(split_text)
        index += 1
    for moving in children[index:]:
        right.append(moving)
    run.addnext(right)
    return right
