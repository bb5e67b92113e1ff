"""Compiled regular expressions kept between runs, as ``.pyc`` files keep compiled code.

The bundled pack's patterns are long and full of Chinese character classes; Python's
``re`` spends most of a cold ``docxlint check`` start compiling them (tens of
milliseconds), and recompiles them in every new process. :func:`compile` keeps the
compiler's output (the SRE code, a list of integers, with the group tables) in
``$XDG_CACHE_HOME/docxlint/`` and rebuilds a pattern from it with ``_sre.compile``,
which validates the code before accepting it.

The cache is keyed by the exact Python build and SRE version; on any Python it does
not know, when caching is turned off (``DOCXLINT_NO_CACHE=1``), or when anything goes
wrong, :func:`compile` is plain :func:`re.compile`. Patterns compiled in a run are
written back once, atomically, when the process exits (see :func:`save`).
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import Any

_FORMAT = 1
#: Pythons whose ``re._compiler.compile`` this module mirrors (see :func:`_sre_arguments`).
_KNOWN_PYTHONS = {(3, 11), (3, 12), (3, 13)}
_MAX_ENTRIES = 4096  #: beyond this the file is started afresh (packs that keep changing)

Key = tuple[str, int]
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


class PatternCache:
    """Patterns by (source, flags): compiled in this process, and as stored SRE code."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.compiled: dict[Key, re.Pattern[str]] = {}
        self.stored: dict[Key, Entry] | None = None  #: loaded on first use
        self.added = 0

    def compile(self, source: str, flags: int = 0) -> re.Pattern[str]:
        key = (source, flags)
        pattern = self.compiled.get(key)
        if pattern is None:
            pattern = self._from_store(key) or self._compile_new(key)
            self.compiled[key] = pattern
        return pattern

    def _from_store(self, key: Key) -> re.Pattern[str] | None:
        if self.stored is None:
            self.stored = _load(self.path)
        entry = self.stored.get(key)
        if entry is None:
            return None
        try:
            return _sre().compile(key[0], *entry)
        except Exception:  # noqa: BLE001 - a bad entry is recompiled, never trusted
            del self.stored[key]
            return None

    def _compile_new(self, key: Key) -> re.Pattern[str]:
        source, flags = key
        try:
            entry = _sre_arguments(source, flags)
            pattern = _sre().compile(source, *entry)
        except re.error:
            raise
        except Exception:  # noqa: BLE001 - anything unexpected: let re do it the usual way
            return re.compile(source, flags)
        assert self.stored is not None
        self.stored[key] = entry
        self.added += 1
        return pattern

    def save(self) -> None:
        """Write the store back if this process added patterns; silently skip when not writable."""
        if not self.added or self.path is None or self.stored is None:
            return
        self.added = 0
        # another process (a --jobs worker, a parallel run) may have saved since this one loaded: keep its entries
        entries = {**_load(self.path), **self.stored}
        if len(entries) > _MAX_ENTRIES:
            entries = self.stored if len(self.stored) <= _MAX_ENTRIES else {}
        write_store(self.path, (_FORMAT, _python_key()), entries)


def _sre() -> Any:
    import _sre

    return _sre


def _python_key() -> str:
    return f"{sys.version}|{re._constants.MAGIC}"  # type: ignore[attr-defined]


def _sre_arguments(source: str, flags: int) -> Entry:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` after the pattern (CPython 3.11-3.13)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        [int(op) for op in code],
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _load(path: Path | None) -> dict[Key, Entry]:
    return read_store(path, (_FORMAT, _python_key())) if path is not None else {}


def read_store(path: Path, key: tuple[int, str]) -> dict[Any, Any]:
    """The entries of a marshal store written by :func:`write_store` with the same ``key``; {} otherwise."""
    try:
        fmt, python, entries = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if (fmt, python) != key or not isinstance(entries, dict):
        return {}
    return entries


def write_store(path: Path, key: tuple[int, str], entries: dict[Any, Any]) -> None:
    """Write ``entries`` atomically under ``key`` (format, Python build); silently skip when not writable."""
    try:
        data = marshal.dumps((*key, entries))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except (OSError, ValueError):
        return


def cache_dir() -> Path:
    """docxlint's cache folder: ``$XDG_CACHE_HOME/docxlint`` (default ``~/.cache/docxlint``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "docxlint"


def caching_disabled() -> bool:
    """``DOCXLINT_NO_CACHE=1``: docxlint neither reads nor writes any cache file."""
    return os.environ.get("DOCXLINT_NO_CACHE", "") not in ("", "0")


def _enabled() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info[:2] in _KNOWN_PYTHONS and not caching_disabled()


_CACHE: PatternCache | None = None


def _cache() -> PatternCache:
    global _CACHE
    if _CACHE is None:
        path = cache_dir() / f"patterns-{sys.implementation.cache_tag}.marshal" if _enabled() else None
        _CACHE = PatternCache(path)
        if path is not None:
            atexit.register(_CACHE.save)
    return _CACHE


def compile(source: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - mirrors re.compile
    """``re.compile(source, flags)``, from the cache when this Python compiled it before."""
    cache = _cache()
    if cache.path is None:
        return re.compile(source, flags)
    return cache.compile(source, int(flags))


def save() -> None:
    """Write newly compiled patterns now (worker processes do not run ``atexit`` hooks)."""
    if _CACHE is not None:
        _CACHE.save()


def lazy_pattern(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """``source`` compiled (through :func:`compile`) on first call, the same pattern object on every later call.

    Module-level patterns of docxlint are built this way: Chinese character classes are
    slow to compile (~0.3-4 ms each), and compiling them all at import would cost every
    ``import docxlint.checks`` ~20 ms, for patterns a run may never use.
    """
    return cache(partial(compile, source, flags))
