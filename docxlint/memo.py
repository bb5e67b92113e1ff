"""Results of slow pure functions kept between runs, keyed by the version of what computed them.

A drafter runs docxlint on every save of the same report: its telephone numbers do not
change, but judging them means importing ``phonenumbers`` and loading its metadata, a
fifth of a run. :class:`Memo` keeps such verdicts in ``$XDG_CACHE_HOME/docxlint/`` as
JSON, dropped as a whole when the key of the computing library changes (its file's size
and modification time, read without importing it). ``DOCXLINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

from docxlint.regex_cache import cache_dir, caching_disabled

_MAX_ENTRIES = 4096
_MEMOS: list[Memo] = []


def module_stamp(module: str) -> str | None:
    """Size and mtime of ``module``'s file, found without importing it (None if not installed)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    try:
        stat = os.stat(spec.origin)
    except OSError:
        return None
    return f"{module}:{stat.st_size}:{stat.st_mtime_ns}"


class Memo:
    """A JSON-serialisable mapping ``str -> value`` kept in one cache file."""

    def __init__(self, name: str, version: str | None) -> None:
        self.version = version
        self.path: Path | None = None if version is None or caching_disabled() else cache_dir() / f"{name}.json"
        self.entries: dict[str, Any] = self._load()
        self.added = False
        if self.path is not None:
            _MEMOS.append(self)
            if len(_MEMOS) == 1:
                atexit.register(save_all)

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("version") != self.version
            or not isinstance(data.get("entries"), dict)
        ):
            return {}
        return data["entries"]

    def get(self, key: str) -> Any:
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        if self.entries.get(key) != value:
            self.entries[key] = value
            self.added = True

    def save(self) -> None:
        """Write the file if entries were added; silently skip when it cannot be written."""
        if not self.added or self.path is None:
            return
        self.added = False
        entries = {**self._load(), **self.entries}  # keep what another process saved since this one loaded
        if len(entries) > _MAX_ENTRIES:
            entries = self.entries if len(self.entries) <= _MAX_ENTRIES else {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"version": self.version, "entries": entries}, ensure_ascii=False), "utf-8")
            os.replace(tmp, self.path)
        except OSError:
            return


def save_all() -> None:
    """Write every memo with new entries (pool workers call this: they skip ``atexit`` hooks)."""
    for memo in _MEMOS:
        memo.save()
