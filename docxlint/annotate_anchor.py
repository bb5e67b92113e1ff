"""Span → XML: split runs at a span's edges and place comment markers around it.

Positions come from the model: a paragraph's :class:`~docxlint.model.Piece` list says
which ``w:r`` (ordinal in ``p.iter(w:r)``) and which offset of that run's visible text
(:func:`docxlint.docx.text.run_content`) each character came from. All findings of one
paragraph are placed together, so the work is linear in the paragraph's size plus its
findings: the pieces, each touched run's layout and the field ends are indexed once per
paragraph; only the runs the comments cover are checked against the model; each run is
cut in one pass wherever some span starts or ends; then the markers go in.

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

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter

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


@dataclass(slots=True)
class PieceIndex:
    """A paragraph's non-empty run pieces in text order, built once and bisected for every span."""

    pieces: list[Piece]
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, para: Paragraph) -> PieceIndex:
        """The index of ``para`` (its pieces cover disjoint stretches of its text)."""
        pieces = sorted((p for p in para.pieces if p.kind == PIECE_RUN and p.end > p.start), key=attrgetter("start"))
        return cls(pieces, [p.start for p in pieces], [p.end for p in pieces])

    def anchor(self, comment_id: int, start: int, end: int) -> tuple[CommentAnchor, range]:
        """The XML gaps of ``text[start:end]`` and the indexes of the pieces it covers.

        A label-only or empty span becomes a point.
        """
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end) - 1
        if start < end and first <= last:
            head, tail = self.pieces[first], self.pieces[last]
            return CommentAnchor(
                comment_id,
                Boundary(head.run, head.run_offset + max(start, head.start) - head.start, BEFORE),
                Boundary(tail.run, tail.run_offset + min(end, tail.end) - tail.start, AFTER),
            ), range(first, last + 1)
        return self._point(comment_id, start)

    def _point(self, comment_id: int, offset: int) -> tuple[CommentAnchor, range]:
        at = bisect_right(self.ends, offset)
        if at < len(self.pieces):
            piece = self.pieces[at]
            boundary = Boundary(piece.run, piece.run_offset + max(offset, piece.start) - piece.start, BEFORE)
            return CommentAnchor(comment_id, boundary, None), range(at, at + 1)
        if self.pieces:
            last = self.pieces[-1]
            boundary = Boundary(last.run, last.run_offset + last.end - last.start, AFTER)
            return CommentAnchor(comment_id, boundary, None), range(len(self.pieces) - 1, len(self.pieces))
        return CommentAnchor(comment_id, None, None), range(0)


@dataclass(slots=True)
class _RunCuts:
    """One run split into segments, found by the visible offset where they start or end."""

    by_start: dict[int, etree._Element]
    by_end: dict[int, etree._Element]

    @classmethod
    def of(cls, segments: list[etree._Element], starts: list[int], length: int) -> _RunCuts:
        return cls(dict(zip(starts, segments, strict=True)), dict(zip([*starts[1:], length], segments, strict=True)))


@dataclass(slots=True)
class _RunLayout:
    """A run's visible text and the stretch of it each content child holds, computed once."""

    text: str
    starts: list[int]
    ends: list[int]
    splittable: list[bool]

    @classmethod
    def of(cls, run: etree._Element) -> _RunLayout:
        content = run_content(run)
        ends = list(accumulate(len(text) for _, text in content))
        starts = [0, *ends][:-1]
        splittable = [_splittable(child, text) for child, text in content]
        return cls("".join(text for _, text in content), starts, ends, splittable)

    def actual_offset(self, offset: int, side: str) -> int:
        """``offset``, moved outward to a child edge when the child holding it cannot be split."""
        index = bisect_left(self.starts, offset) - 1  # the only child that may hold it strictly inside
        if index >= 0 and offset < self.ends[index] and not self.splittable[index]:
            return self.starts[index] if side == BEFORE else self.ends[index]
        return offset


@dataclass(slots=True)
class _FieldIndex:
    """Children of a paragraph after which a field opened in it is still open → the child closing it."""

    closing: dict[etree._Element, etree._Element]

    @classmethod
    def of(cls, p: etree._Element) -> _FieldIndex:
        """One pass over the paragraph's children (only those holding field characters are searched)."""
        fielded = {_top_level(char, p) for char in p.iter(W + "fldChar")}
        closing: dict[etree._Element, etree._Element] = {}
        if not fielded:
            return cls(closing)
        depth, still_open = 0, []
        for child in p:
            depth = _field_depth(child, depth) if child in fielded else depth
            if depth:
                still_open.append(child)
            else:
                closing.update(dict.fromkeys(still_open, child))
                still_open.clear()
        return cls(closing)

    def after_fields(self, top: etree._Element) -> etree._Element:
        """``top``, or the child that closes the fields open after it."""
        return self.closing.get(top, top)


@dataclass(slots=True)
class ParagraphAnchoring:
    """Places all comments of one paragraph; every index is built once per paragraph.

    Use: :meth:`anchor` each span, then :meth:`verify`, then :meth:`place` the anchors.
    """

    para: Paragraph
    p: etree._Element
    styles: CommentStyles
    runs: list[etree._Element] = field(init=False)
    pieces: PieceIndex = field(init=False)
    _touched: list[range] = field(init=False, default_factory=list)
    _layouts: dict[int, _RunLayout] = field(init=False, default_factory=dict)
    _offsets: dict[Boundary, int] = field(init=False, default_factory=dict)
    _fields: _FieldIndex | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.runs = list(self.p.iter(W + "r"))
        self.pieces = PieceIndex.of(self.para)

    def anchor(self, comment_id: int, start: int, end: int) -> CommentAnchor:
        """The anchor of ``para.text[start:end]``; its pieces are remembered for :meth:`verify`."""
        anchor, covered = self.pieces.anchor(comment_id, start, end)
        self._touched.append(covered)
        return anchor

    def verify(self) -> None:
        """Raise :class:`ModelMismatch` unless every piece an anchor covers matches its run's visible text."""
        for index in _union(self._touched):
            self._verify_piece(self.pieces.pieces[index])

    def _verify_piece(self, piece: Piece) -> None:
        if not 0 <= piece.run < len(self.runs):
            raise ModelMismatch(f"paragraph {self.para.index}: run {piece.run} does not exist")
        wanted = self.para.text[piece.start : piece.end]
        if self._layout(piece.run).text[piece.run_offset : piece.run_offset + len(wanted)] != wanted:
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
                gap[_top_level(edges[anchor.start], self.p)].extend(self._point_items(anchor.comment_id))
            else:
                self._range(anchor, edges, before, after)
        _insert(before, after)

    def _edges(self, anchors: list[CommentAnchor]) -> dict[Boundary, etree._Element]:
        """Cut the runs; return the element each boundary's marker sits next to."""
        boundaries = {b for a in anchors for b in (a.start, a.end) if b is not None}
        self._offsets = {b: self._actual_offset(b) for b in boundaries}
        cuts = self._cut_runs()
        edges = {b: _lift_to_markup_parent(self._segment(cuts, b), self.p) for b in boundaries}
        ranges = [(a.start, a.end) for a in anchors if a.start is not None and a.end is not None]
        splits = [(start, BEFORE) for start, _ in ranges] + [(end, AFTER) for _, end in ranges]
        for boundary, side in sorted(splits, key=self._document_order, reverse=True):
            _split_transparent(edges[boundary], side)  # right to left, so each split moves a short tail
        return edges

    def _document_order(self, split: tuple[Boundary, str]) -> tuple[int, int, bool]:
        """Sort key of a split: document order of the segments the cuts made."""
        boundary, side = split
        return boundary.run, self._offsets[boundary], side == BEFORE

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

    def _layout(self, run: int) -> _RunLayout:
        if run not in self._layouts:
            self._layouts[run] = _RunLayout.of(self.runs[run])
        return self._layouts[run]

    def _cut_runs(self) -> dict[int, _RunCuts]:
        wanted: dict[int, set[int]] = defaultdict(set)
        for boundary, offset in self._offsets.items():
            wanted[boundary.run].add(offset)
        return {run: self._cut(run, offsets) for run, offsets in wanted.items()}

    def _actual_offset(self, boundary: Boundary) -> int:
        return self._layout(boundary.run).actual_offset(boundary.offset, boundary.side)

    def _cut(self, run: int, offsets: set[int]) -> _RunCuts:
        length = len(self._layout(run).text)
        inner = sorted(o for o in offsets if 0 < o < length)
        element = self.runs[run]
        return _RunCuts.of([element, *_split_run(element, inner)], [0, *inner], length)

    def _segment(self, cuts: dict[int, _RunCuts], boundary: Boundary) -> etree._Element:
        offset = self._offsets[boundary]
        run_cuts = cuts[boundary.run]
        return run_cuts.by_start[offset] if boundary.side == BEFORE else run_cuts.by_end[offset]

    # -- where the reference run goes -------------------------------------------------

    def _reference_position(self, last: etree._Element) -> etree._Element:
        """The paragraph-level element after which the reference run goes."""
        if self._fields is None:
            self._fields = _FieldIndex.of(self.p)  # after the cuts, before any marker goes in
        return self._fields.after_fields(_top_level(last, self.p))


def _union(ranges: list[range]) -> Iterator[int]:
    """Every index of ``ranges`` once, in ascending order."""
    done = 0
    for covered in sorted(ranges, key=lambda r: r.start):
        yield from range(max(covered.start, done), covered.stop)
        done = max(done, covered.stop)


def _top_level(el: etree._Element, p: etree._Element) -> etree._Element:
    """The ancestor-or-self of ``el`` that is a child of ``p``."""
    while el.getparent() is not p:
        el = el.getparent()
    return el


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


def _split_run(run: etree._Element, offsets: list[int]) -> list[etree._Element]:
    """Split ``run`` before each visible offset (ascending, 0 < offset < length); return the new runs.

    One pass, however many offsets. Each new run gets a copy of ``w:rPr``; a ``w:t`` is split
    where an offset falls inside it. Children without text between two text children stay
    on the left.
    """
    if not offsets:
        return []
    firsts = _first_children(run, offsets)
    children = list(run)
    bounds = [children.index(firsts[0])]
    bounds.extend(children.index(first, bounds[-1]) for first in firsts[1:])
    rpr = run.find(W + "rPr")
    rights: list[etree._Element] = []
    cursor = run
    for lo, hi in zip(bounds, [*bounds[1:], len(children)], strict=True):
        right = run.makeelement(run.tag, dict(run.attrib))
        if rpr is not None:
            right.append(deepcopy(rpr))
        right.extend(children[lo:hi])
        cursor.addnext(right)
        cursor = right
        rights.append(right)
    return rights


def _first_children(run: etree._Element, offsets: list[int]) -> list[etree._Element]:
    """The child that starts the part after each offset, splitting ``w:t`` text as needed."""
    firsts: list[etree._Element] = []
    pos, todo = 0, list(reversed(offsets))
    for child, text in run_content(run):
        end = pos + len(text)
        if todo and text and todo[-1] <= pos:
            firsts.append(child)
            todo.pop()
        inside = []
        while todo and todo[-1] < end:
            inside.append(todo.pop() - pos)
        if inside:
            firsts.extend(_split_text(child, inside))
        pos = end
    if todo:
        raise ValueError(f"cannot split a run of {pos} characters at {todo[-1]}")
    return firsts


def _split_text(t: etree._Element, cuts: list[int]) -> list[etree._Element]:
    """Keep ``t.text[:cuts[0]]`` in ``t``; return new ``w:t`` siblings after it holding the rest.

    Built right to left so each part's attributes are those of a cut at a time (a part
    inherits ``t``'s ``xml:space`` at that point); each text is sliced once.
    """
    text = t.text or ""
    parts: list[etree._Element] = []
    for lo, hi in zip(reversed(cuts), [len(text), *reversed(cuts[1:])], strict=True):
        right = t.makeelement(t.tag, dict(t.attrib))
        right.text = text[lo:hi]
        if _edge_space(right.text):
            right.set(XML_SPACE, "preserve")
        if text[0] in _SPACE or text[lo - 1] in _SPACE:  # ``t`` now holds ``text[:lo]``
            t.set(XML_SPACE, "preserve")
        parts.append(right)
    t.text = text[: cuts[0]]
    parts.reverse()
    cursor = t
    for part in parts:
        cursor.addnext(part)
        cursor = part
    return parts


_SPACE = " \t\r\n"


def _edge_space(text: str) -> bool:
    return text != text.strip(_SPACE)
