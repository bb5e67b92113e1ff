"""The compiled-pattern cache: same patterns as re.compile, kept across processes, never trusted blindly."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docxlint import regex_cache
from docxlint.docx import read_document
from docxlint.regex_cache import PatternCache
from docxlint.rulepack import expand_pattern, load_pack

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "fixtures" / "sample-word.docx"

pytestmark = pytest.mark.skipif(not regex_cache._enabled(), reason="no pattern cache on this Python")


def _pack_sources() -> list[str]:
    pack = load_pack(None)
    return [expand_pattern(source, pack.patterns) for source in pack.patterns.values()]


def _assert_same(cached: re.Pattern[str], fresh: re.Pattern[str], texts: list[str]) -> None:
    assert (cached.pattern, cached.flags, cached.groups, cached.groupindex) == (
        fresh.pattern,
        fresh.flags,
        fresh.groups,
        fresh.groupindex,
    )
    for text in texts:
        assert [m.span() for m in cached.finditer(text)] == [m.span() for m in fresh.finditer(text)]
        assert [m.groupdict() for m in cached.finditer(text)] == [m.groupdict() for m in fresh.finditer(text)]


def test_patterns_rebuilt_from_the_store_match_like_re_compile(tmp_path: Path) -> None:
    texts = [p.text for p in read_document(SAMPLE).paragraphs if p.text.strip()]
    sources = [*_pack_sources(), r"(?i)(?P<a>[一二三四五六七八九十]+)、\s*(?P<b>\d+(?:\.\d+)?)件"]
    writer = PatternCache(tmp_path / "patterns.marshal")
    for source in sources:
        writer.compile(source)
    writer.save()

    reader = PatternCache(tmp_path / "patterns.marshal")
    for source in sources:
        assert reader._from_store((source, 0)) is not None, source  # really served from the file
        _assert_same(reader.compile(source), re.compile(source), texts)
    assert reader.added == 0


def test_flags_are_part_of_the_key(tmp_path: Path) -> None:
    cache = PatternCache(tmp_path / "p.marshal")
    assert cache.compile("abc", re.IGNORECASE).match("ABC")
    assert not cache.compile("abc").match("ABC")
    cache.save()
    again = PatternCache(tmp_path / "p.marshal")
    assert again.compile("abc", re.IGNORECASE).match("ABC")
    assert not again.compile("abc").match("ABC")


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps((1, "another python", {}))])
def test_unreadable_or_foreign_store_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "p.marshal"
    path.write_bytes(content)
    cache = PatternCache(path)
    assert cache.compile(r"\d+年").search("2024年")
    cache.save()
    assert PatternCache(path)._from_store((r"\d+年", 0)) is not None


def test_a_damaged_entry_is_recompiled_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "p.marshal"
    key = (r"(?P<n>\d+)件", 0)
    entries = {key: (32, [1, 2, 3, 999999], 1, {"n": 1}, (None, "n"))}  # SRE code that does not validate
    path.write_bytes(marshal.dumps((1, regex_cache._python_key(), entries)))
    cache = PatternCache(path)
    pattern = cache.compile(*key)
    assert pattern.search("收到12件").group("n") == "12"


def test_invalid_patterns_raise_like_re_compile(tmp_path: Path) -> None:
    with pytest.raises(re.error):
        PatternCache(tmp_path / "p.marshal").compile("(unclosed")


def test_unwritable_cache_folder_is_silently_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = PatternCache(blocker / "docxlint" / "p.marshal")
    assert cache.compile("a+").match("aaa")
    cache.save()  # no exception


def _check_in_child(cache_home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docxlint", "check", "--format", "json", str(SAMPLE)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"XDG_CACHE_HOME": str(cache_home), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **env},
    )


def test_a_second_run_reads_the_store_and_reports_the_same(tmp_path: Path) -> None:
    first = _check_in_child(tmp_path)
    store = tmp_path / "docxlint" / f"patterns-{sys.implementation.cache_tag}.marshal"
    assert store.is_file()
    written = store.read_bytes()
    second = _check_in_child(tmp_path)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert store.read_bytes() == written  # nothing new to add: not rewritten


def test_docxlint_no_cache_turns_it_off(tmp_path: Path) -> None:
    result = _check_in_child(tmp_path, DOCXLINT_NO_CACHE="1")
    assert result.returncode == 1
    assert not (tmp_path / "docxlint").exists()


def test_processes_saving_one_after_the_other_keep_each_others_patterns(tmp_path: Path) -> None:
    """A --jobs worker saves its patterns first; the parent, which loaded the store earlier, must not drop them."""
    path = tmp_path / "p.marshal"
    parent, worker = PatternCache(path), PatternCache(path)
    parent.compile(r"第[一二三]条")
    worker.compile(r"\d+件")
    worker.save()
    parent.save()
    reader = PatternCache(path)
    assert reader._from_store((r"第[一二三]条", 0)) is not None
    assert reader._from_store((r"\d+件", 0)) is not None
