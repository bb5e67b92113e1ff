"""Fuzzing the reader, the rules and the annotator in-process with mutated real documents.

Bases are every ``fixtures/*.docx`` plus generated reports (typed and automatic numbering,
merged cells). Mutations: byte flips in the ZIP, byte flips in document.xml, and structural
XML edits (delete / duplicate / shuffle / move elements, truncated text, odd or huge values of
w:gridSpan, w:vMerge, w:numId, w:ilvl). The outcome must always be findings or a clean refusal
(``Report.error`` / :class:`InputError`): never another exception, never a crashing rule, and a
readable document must satisfy the model's invariants. Runs are derandomized (stable in CI).
"""

from __future__ import annotations

import copy
import functools
import io
import random
import resource
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from benchmarks.make_corpus import NUMBERING_XML, ReportSpec, report_body
from fixtures.wordxml import make_docx
from tests.hostile_files import REPO

if TYPE_CHECKING:
    from docxlint.engine import Report
    from docxlint.model import Document, Paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def fuzz(examples: int) -> settings:
    return settings(FUZZ, max_examples=examples)


ODD_VALUES = ("", "abc", "restart", "continue", "1.5", "-0", "٣", " 2 ", "0x10", "1e3", "99999999999999999999")
HUGE_VALUES = ("63", "64", "1000", "65535", str(2**31 - 1), str(2**31), str(2**63))
PROPERTY_TAGS = ("gridSpan", "vMerge", "numId", "ilvl")
MEMORY_HEADROOM = 2 << 30  #: extra address space a single lint may use before MemoryError


@functools.lru_cache(maxsize=1)
def bases() -> tuple[bytes, ...]:
    """Raw bytes of every base document."""
    generated = []
    for spec in (
        ReportSpec(seed=21, auto_numbering=True, defects=("table3_sum",)),
        ReportSpec(seed=22, heading_style=True, defects=("blank_total", "slash_cells")),
    ):
        buf = io.BytesIO()
        make_docx(buf, report_body(spec), numbering_xml=NUMBERING_XML if spec.auto_numbering else None)
        generated.append(buf.getvalue())
    fixtures = [p.read_bytes() for p in sorted((REPO / "fixtures").glob("*.docx"))]
    return tuple(generated + fixtures)


@functools.cache
def base_parts(index: int) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bases()[index])) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture(scope="module", autouse=True)
def memory_cap() -> Iterator[None]:
    """Cap this process's address space so that a runaway allocation becomes a MemoryError, not swap."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    cap = used + MEMORY_HEADROOM if used else soft
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# ---------------------------------------------------------------------------------------------
# Oracles
# ---------------------------------------------------------------------------------------------


def check_outcome(data: bytes, annotate: bool = False) -> Report:
    """Lint (and optionally annotate) ``data``: findings or a clean refusal, invariants hold."""
    import docxlint
    from docxlint.docx import read_document
    from docxlint.errors import DocxlintError, InputError

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzzed.docx"
        path.write_bytes(data)
        try:
            document = read_document(path)
        except InputError as err:
            assert str(err).strip(), "an InputError needs a reason"
            document = None
        if document is not None:
            check_model(document)
        report = docxlint.lint(path)
        if report.error is not None:
            assert isinstance(report.error, str) and report.error.strip()
            assert "\n" not in report.error, "Report.error must be one line"
            return report
        assert document is not None, f"lint read a file the reader refuses: {report.error}"
        assert report.rule_errors == [], report.rule_errors
        check_findings(report)
        if annotate:
            from docxlint.engine import annotate_report

            dest = Path(tmp) / "annotated.docx"
            try:
                annotate_report(report, dest, "zh")
            except DocxlintError:
                return report
            check_model(read_document(dest))
        return report


def check_model(doc: Document) -> None:
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
    assert [t.index for t in doc.tables] == list(range(len(doc.tables)))
    for para in doc.paragraphs:
        check_pieces(para)
    for table in doc.tables:
        for cell in table.cells:
            assert cell.row_span >= 1 and cell.col_span >= 1, cell
            assert 0 <= cell.row and cell.row + cell.row_span <= table.n_rows, (table.n_rows, cell)
            assert 0 <= cell.col and cell.col + cell.col_span <= table.n_cols, (table.n_cols, cell)


def check_pieces(para: Paragraph) -> None:
    """Every character of the text is covered by exactly one piece, in order."""
    pos = 0
    for piece in para.pieces:
        assert piece.start == pos and piece.end >= piece.start, (para.text[:80], para.pieces[:5])
        assert piece.kind in ("run", "label")
        pos = piece.end
    assert pos == len(para.text), (pos, len(para.text))


def check_findings(report: Report) -> None:
    doc = report.document
    for f in report.findings:
        assert f.messages, f
        if f.span is not None and f.location.paragraph is not None:
            text = doc.paragraphs[f.location.paragraph].text
            start, end = f.span
            assert 0 <= start <= end <= len(text), (f.rule_id, f.span, len(text))
            assert f.excerpt == text[start:end], (f.rule_id, f.excerpt, text[start:end])


# ---------------------------------------------------------------------------------------------
# Byte-level mutations
# ---------------------------------------------------------------------------------------------

flips = st.lists(st.tuples(st.integers(0, 2**31), st.integers(1, 255)), min_size=1, max_size=8)


def flip(data: bytes, changes: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for pos, mask in changes:
        out[pos % len(out)] ^= mask
    return bytes(out)


@fuzz(60)
@given(base=st.integers(0, 2**16), changes=flips)
def test_zip_byte_flips(base: int, changes: list[tuple[int, int]]) -> None:
    check_outcome(flip(bases()[base % len(bases())], changes))


@fuzz(60)
@given(base=st.integers(0, 2**16), changes=flips)
def test_document_xml_byte_flips(base: int, changes: list[tuple[int, int]]) -> None:
    parts = dict(base_parts(base % len(bases())))
    parts["word/document.xml"] = flip(parts["word/document.xml"], changes)
    check_outcome(rezip(parts))


# ---------------------------------------------------------------------------------------------
# Structural XML mutations
# ---------------------------------------------------------------------------------------------

values = st.one_of(st.integers(-3, 70).map(str), st.sampled_from(ODD_VALUES), st.sampled_from(HUGE_VALUES))
operations = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 2**20)),
    st.tuples(st.just("duplicate"), st.integers(0, 2**20)),
    st.tuples(st.just("shuffle"), st.integers(0, 2**20), st.integers(0, 2**20)),
    st.tuples(st.just("move"), st.integers(0, 2**20), st.integers(0, 2**20)),
    st.tuples(st.just("truncate"), st.integers(0, 2**20), st.integers(0, 20)),
    st.tuples(st.just("property"), st.sampled_from(PROPERTY_TAGS), st.integers(0, 2**20), values),
)


def _elements(root: etree._Element) -> list[etree._Element]:
    """Mutable elements: everything below w:body except the body's sectPr."""
    body = root.find(f"{W}body")
    return [el for el in body.iter() if el is not body and isinstance(el.tag, str) and el.tag != f"{W}sectPr"]


def mutate(root: etree._Element, op: tuple) -> None:
    """Apply one operation in place; an operation with no target is a no-op."""
    kind, *args = op
    elements = _elements(root)
    if not elements:
        return
    if kind == "property":
        set_property(root, *args)
        return
    target = elements[args[0] % len(elements)]
    parent = target.getparent()
    if kind == "delete":
        parent.remove(target)
    elif kind == "duplicate":
        target.addnext(copy.deepcopy(target))
    elif kind == "shuffle" and len(target) > 1:
        children = list(target)
        random.Random(args[1]).shuffle(children)
        target[:] = children
    elif kind == "move":
        destination = elements[args[1] % len(elements)]
        if destination is not target and target not in destination.iterancestors():
            destination.append(target)
    elif kind == "truncate":
        texts = list(root.iter(f"{W}t"))
        if texts:
            t = texts[args[0] % len(texts)]
            t.text = (t.text or "")[: args[1]]


def set_property(root: etree._Element, tag: str, index: int, value: str) -> None:
    """Give an existing ``w:<tag>`` the value, or add one where Word would put it."""
    existing = list(root.iter(f"{W}{tag}"))
    if existing:
        existing[index % len(existing)].set(f"{W}val", value)
        return
    if tag in ("gridSpan", "vMerge"):
        holders = list(root.iter(f"{W}tc"))
        props_tag = "tcPr"
    else:
        holders = list(root.iter(f"{W}p"))
        props_tag = "pPr"
    if not holders:
        return
    holder = holders[index % len(holders)]
    props = holder.find(f"{W}{props_tag}")
    if props is None:
        props = etree.Element(f"{W}{props_tag}")
        holder.insert(0, props)
    if tag in ("numId", "ilvl"):
        num_pr = props.find(f"{W}numPr")
        if num_pr is None:
            num_pr = etree.SubElement(props, f"{W}numPr")
        props = num_pr
    etree.SubElement(props, f"{W}{tag}").set(f"{W}val", value)


@functools.cache
def base_tree(index: int) -> etree._Element:
    return etree.fromstring(base_parts(index)["word/document.xml"])


@fuzz(80)
@given(base=st.integers(0, 2**16), ops=st.lists(operations, min_size=1, max_size=6))
def test_xml_mutations(base: int, ops: list[tuple]) -> None:
    index = base % len(bases())
    root = copy.deepcopy(base_tree(index))
    for op in ops:
        mutate(root, op)
    parts = dict(base_parts(index))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    check_outcome(rezip(parts), annotate=True)


@fuzz(16)
@given(base=st.integers(0, 2**16), tag=st.sampled_from(PROPERTY_TAGS), value=st.sampled_from(HUGE_VALUES))
def test_huge_spans_and_numbering(base: int, tag: str, value: str) -> None:
    """Every gridSpan/vMerge/numId/ilvl of the document set to one huge value at once."""
    index = base % len(bases())
    root = copy.deepcopy(base_tree(index))
    for el in root.iter(f"{W}{tag}"):
        el.set(f"{W}val", value)
    set_property(root, tag, base, value)
    parts = dict(base_parts(index))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    check_outcome(rezip(parts), annotate=True)


def test_unmutated_bases_lint_cleanly() -> None:
    """The oracle itself: every base document reads and lints without error."""
    for data in bases():
        report = check_outcome(data, annotate=True)
        assert report.error is None, report.error
