"""Literal strings a regular expression needs, read from its parse tree: a cheap prefilter.

A run of literal parts ("规范性文件", "(?:收到|受理)申请") must occur in any text the pattern
matches, and so must something every branch of a mandatory group requires. Testing ``in`` (or
one alternation of the literals) is far cheaper than running a long pattern on a paragraph that
cannot match, which is what most paragraphs are for most of a rule pack's patterns.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from typing import Any

from docxlint import __version__, regex_cache
from docxlint.memo import Memo, module_stamp

try:
    from re import _constants as _sre  # Python 3.11+
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parser  # type: ignore[no-redef]

_LITERAL_SETS_MAX = 32  #: most strings a set of alternatives may hold (beyond: no knowledge)
_SPELLED_REPEAT_MAX = 4  #: longest repeat ("x{2,3}") spelled out
_REPEATS = tuple(
    getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre, name)
)
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_NOTHING: frozenset[str] = frozenset([""])

Literals = frozenset[str]


@functools.lru_cache(maxsize=1024)
def match_filter(regex: re.Pattern[str]) -> Callable[[str], object]:
    """A cheap test that is falsy only for texts in which ``regex`` can find nothing (see :func:`required_literals`).

    Built once per pattern and process. Several literals are looked for with one alternation of
    them (one pass in C, three times faster than testing each with ``in`` from Python).
    """
    literals = required_literals(regex)
    if literals is None:
        return _anything
    if len(literals) == 1:
        literal = literals[0]
        return lambda text: literal in text
    return regex_cache.compile("|".join(map(re.escape, literals))).search


def _anything(text: str) -> bool:
    return True


_LITERALS_MEMO: Memo | None = None


@functools.lru_cache(maxsize=1024)
def required_literals(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which any text holds where ``regex`` finds a match; None when the pattern tells none.

    Read from the parsed pattern, as regex engines find what to scan for: a run of literal parts
    ("规范性文件", "(?:收到|受理)申请") must occur in the text, and so must something every branch of a
    mandatory group requires. Testing ``in`` is far cheaper than running a long pattern on a paragraph
    that cannot match, which is what most paragraphs are for most patterns.

    Parsing the pack's patterns costs a sixth of a whole run, so results are kept between
    runs (:mod:`docxlint.memo`), keyed by this module's file and the Python version.
    """
    if not isinstance(regex.pattern, str) or regex.flags & re.IGNORECASE:
        return None
    global _LITERALS_MEMO
    if _LITERALS_MEMO is None:
        stamp = module_stamp(__name__)
        version = f"docxlint {__version__}|{stamp}|{sys.version}" if stamp else None
        _LITERALS_MEMO = Memo("pattern-literals", version)
    key = f"{regex.flags}:{regex.pattern}"
    known = _LITERALS_MEMO.get(key)
    if isinstance(known, list):
        return tuple(known) if known else None
    literals = _parsed_literals(regex)
    _LITERALS_MEMO.put(key, list(literals or ()))
    return literals


def _parsed_literals(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """:func:`required_literals` read from the parse tree (not remembered)."""
    try:
        parsed = _sre_parser.parse(regex.pattern, regex.flags)
    except Exception:  # noqa: BLE001 - the pattern compiled, so this is unexpected: just do not filter
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _required(list(parsed))
    return _shortest_needed(found) if found is not None else None


def _shortest_needed(strings: Literals) -> tuple[str, ...]:
    """The strings without those that contain another one (a text holding "依申请公开事项" holds "依申请公开")."""
    return tuple(sorted(s for s in strings if not any(other != s and other in s for other in strings)))


def _required(items: list[Any]) -> Literals | None:
    """The most selective set of strings one of which every match of the sequence ``items`` contains."""
    candidates = [*_literal_runs(items), *(_required_by(op, av) for op, av in items)]
    valid = [c for c in candidates if c and "" not in c]
    return max(valid, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _literal_runs(items: list[Any]) -> list[Literals]:
    """For each run of consecutive items that spell few strings, the strings the run can spell."""
    runs: list[Literals] = []
    run = _NOTHING
    for op, av in items:
        spelled = _spelled(op, av)
        joined = _product(run, spelled) if spelled is not None else None
        if joined is None:
            runs.append(run)
            run = spelled or _NOTHING  # a run too long to spell starts again from this item
        else:
            run = joined
    runs.append(run)
    return runs


def _required_by(op: Any, av: Any) -> Literals | None:
    """What one item that is not spelled out requires of the text (a group, a branch, a lookaround)."""
    if op == _sre.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _required(list(av[3]))
    if op == _ATOMIC:
        return _required(list(av))
    if op == _sre.ASSERT:  # a lookahead or lookbehind that must hold: its text is in the paragraph too
        return _required(list(av[1]))
    if op in _REPEATS and av[0] >= 1:
        return _required(list(av[2]))
    if op == _sre.BRANCH:
        return _union([_required(list(branch)) for branch in av[1]])
    return None


def _spelled(op: Any, av: Any) -> Literals | None:
    """Every string one item can match, when they are few; None otherwise."""
    if op == _sre.LITERAL:
        return frozenset([chr(av)])
    if op == _sre.IN:
        return _class_chars(av)
    if op in _ZERO_WIDTH:
        return _NOTHING
    if op == _sre.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _spelled_sequence(list(av[3]))
    if op == _ATOMIC:
        return _spelled_sequence(list(av))
    if op == _sre.BRANCH:
        return _union([_spelled_sequence(list(branch)) for branch in av[1]])
    if op in _REPEATS and av[1] <= _SPELLED_REPEAT_MAX:
        return _spelled_repeat(av[0], av[1], _spelled_sequence(list(av[2])))
    return None


def _spelled_sequence(items: list[Any]) -> Literals | None:
    spelled: Literals | None = _NOTHING
    for op, av in items:
        part = _spelled(op, av)
        spelled = _product(spelled, part) if spelled is not None and part is not None else None
        if spelled is None:
            return None
    return spelled


def _spelled_repeat(low: int, high: int, once: Literals | None) -> Literals | None:
    if once is None:
        return None
    out: set[str] = set()
    power: Literals | None = _NOTHING
    for count in range(high + 1):
        if power is None:
            return None
        if count >= low:
            out |= power
        power = _product(power, once)
    return frozenset(out) if len(out) <= _LITERAL_SETS_MAX else None


def _class_chars(items: list[Any]) -> Literals | None:
    """The characters of a class made of literals and small ranges ("[件个条]", "[0-9]"); None otherwise."""
    chars: set[str] = set()
    for op, av in items:
        if op == _sre.LITERAL:
            chars.add(chr(av))
        elif op == _sre.RANGE and av[1] - av[0] < _LITERAL_SETS_MAX:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        else:
            return None  # a negated class, a category (\d, \s) or a wide range
    return frozenset(chars) if len(chars) <= _LITERAL_SETS_MAX else None


def _product(left: Literals, right: Literals) -> Literals | None:
    """Every string of ``left`` followed by every string of ``right``; None when too many."""
    if len(left) * len(right) > _LITERAL_SETS_MAX:
        return None
    return frozenset(a + b for a in left for b in right)


def _union(branches: list[Literals | None]) -> Literals | None:
    """The strings of all branches; None when a branch tells nothing or there are too many."""
    known = [b for b in branches if b is not None]
    if len(known) < len(branches):
        return None
    union = frozenset().union(*known)
    return union if len(union) <= _LITERAL_SETS_MAX else None
