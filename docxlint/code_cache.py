"""Compiled dataclass methods kept between runs, as ``.pyc`` files keep a module's code.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``… as source text and
compiles it when the class is defined: for docxlint's ~40 record classes that is about a
sixth of a whole ``docxlint check`` process, paid again by every process. :func:`install`
(called by the console entry point, not on ``import docxlint``) gives the ``dataclasses``
module an ``exec`` that looks the text up in ``$XDG_CACHE_HOME/docxlint/``, compiles it as
``exec`` would on a miss, and runs the code object in place of the text: the same code,
built once. The file is keyed by the Python build, like ``.pyc`` files, and trusted as they
are (it lives in the user's own cache folder). Only CPython 3.11-3.13 (whose ``dataclasses``
calls ``exec(text, globals, namespace)``), never with ``DOCXLINT_NO_CACHE=1``; new entries
are written once, atomically, when the process exits.
"""

from __future__ import annotations

import atexit
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from docxlint.regex_cache import cache_dir, caching_disabled, read_store, write_store

_KNOWN_PYTHONS = ((3, 11), (3, 12), (3, 13))
_FORMAT = 1
_MAX_ENTRIES = 2048


class CodeCache:
    """Code objects compiled from source texts, loaded from and saved to one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes = _load(path)
        self.added = 0

    def code(self, source: str) -> CodeType:
        code = self.codes.get(source)
        if code is None:
            # exec(text) compiles without the caller's __future__ flags: so must this
            code = self.codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
            self.added += 1
        return code

    def save(self) -> None:
        """Write the file if this process compiled new code, keeping what other processes saved meanwhile."""
        if not self.added:
            return
        self.added = 0
        codes = {**_load(self.path), **self.codes}
        if len(codes) <= _MAX_ENTRIES:
            write_store(self.path, (_FORMAT, _python_key()), codes)


_CACHE: CodeCache | None = None


def install() -> bool:
    """Let ``dataclasses`` take its methods' code from the cache; False where that is not done."""
    global _CACHE
    if _CACHE is not None:
        return True
    if sys.implementation.name != "cpython" or sys.version_info[:2] not in _KNOWN_PYTHONS or caching_disabled():
        return False
    import dataclasses

    cache = CodeCache(cache_dir() / f"dataclass-code-{sys.implementation.cache_tag}.marshal")

    def cached_exec(source: Any, globals: Any = None, locals: Any = None) -> None:  # noqa: A002 - exec's names
        if isinstance(source, str):
            source = cache.code(source)
        exec(source, globals, locals)

    dataclasses.exec = cached_exec  # type: ignore[attr-defined] - a module global shadows the builtin
    _CACHE = cache
    atexit.register(cache.save)
    return True


def save() -> None:
    """Write new entries now (pool workers leave without running ``atexit`` hooks)."""
    if _CACHE is not None:
        _CACHE.save()


def _python_key() -> str:
    from importlib.util import MAGIC_NUMBER

    return f"{sys.version}|{MAGIC_NUMBER.hex()}|{sys.flags.optimize}"


def _load(path: Path) -> dict[str, CodeType]:
    codes = read_store(path, (_FORMAT, _python_key()))
    return {k: v for k, v in codes.items() if isinstance(k, str) and isinstance(v, CodeType)}
