"""The literal prefilter of text rules: it may let through a text without a match, never drop one with a match."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docxlint.docx import read_document
from docxlint.literals import match_filter, required_literals
from docxlint.rulepack import expand_pattern, load_pack

REPO = Path(__file__).resolve().parent.parent
ALPHABET = "ab件个"

_ATOMS = st.one_of(
    st.sampled_from(list(ALPHABET)),
    st.sampled_from(["[ab]", "[^a]", ".", r"\d", "[a-b]", "[件个]", r"\s", "^", "$", r"\b"]),
)
_QUANTIFIERS = st.sampled_from(["", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "??", "+?", "{2,}"])


def _patterns() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        sequence = st.lists(st.tuples(inner, _QUANTIFIERS).map("".join), min_size=1, max_size=3).map("".join)
        return st.one_of(
            sequence,
            st.lists(sequence, min_size=2, max_size=3).map(lambda b: "(?:" + "|".join(b) + ")"),
            sequence.map(lambda s: f"({s})"),
            st.tuples(st.sampled_from(["(?=", "(?!", "(?<=", "(?<!"]), st.sampled_from(list(ALPHABET))).map(
                lambda t: t[0] + t[1] + ")"
            ),
            sequence.map(lambda s: f"(?i:{s})"),
        )

    return st.recursive(_ATOMS, extend, max_leaves=8)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_patterns(), st.lists(st.text(alphabet=ALPHABET + " 1", max_size=8), min_size=1, max_size=6))
def test_a_text_with_a_match_always_passes_the_filter(source: str, texts: list[str]) -> None:
    try:
        regex = re.compile(source)
    except re.error:
        return
    passes = match_filter(regex)
    for text in texts:
        if regex.search(text) is not None:
            assert passes(text), (source, text, required_literals(regex))


def test_the_pack_patterns_never_lose_a_match_in_the_sample_report() -> None:
    pack = load_pack(None)
    texts = [p.text for p in read_document(REPO / "fixtures" / "sample-word.docx").paragraphs]
    for source in pack.patterns.values():
        regex = re.compile(expand_pattern(source, pack.patterns))
        passes = match_filter(regex)
        assert all(passes(t) for t in texts if regex.search(t)), source


def test_literals_are_found_where_a_pattern_has_them() -> None:
    assert required_literals(re.compile(r"(?:收到|受理)[^。]{0,10}申请")) == ("申请",)
    assert set(required_literals(re.compile(r"(?:政协|人大)提案\d+件")) or ()) == {"政协提案", "人大提案"}
    assert required_literals(re.compile(r"\d+")) is None  # a category says nothing
    assert required_literals(re.compile(r"(?i)abc")) is None  # case-insensitive: no filter
    filter_ = match_filter(re.compile(r"规范性文件\d+件"))
    assert filter_("制发规范性文件3件") and not filter_("制发文件3件")
