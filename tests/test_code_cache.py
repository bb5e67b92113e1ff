"""The dataclass code cache: classes built from cached code behave exactly as without it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    sys.implementation.name != "cpython" or sys.version_info[:2] not in ((3, 11), (3, 12), (3, 13)),
    reason="the cache is used on CPython 3.11-3.13 only",
)

#: Defines dataclasses of every kind docxlint uses and prints how they behave.
PROBE = r"""
import dataclasses, inspect, sys
from docxlint import code_cache
print("installed", code_cache.install())
from dataclasses import dataclass, field

@dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 0
    tags: tuple = ()

@dataclass(slots=True)
class Bag:
    name: str
    items: list = field(default_factory=list)
    hidden: int = field(default=3, repr=False, compare=False)

@dataclass(eq=False)
class Node:
    label: str

p = Point(1, 2)
print(repr(p), p == Point(1, 2), p == Point(2, 1), hash(p) == hash(Point(1, 2)))
try:
    p.x = 5
except dataclasses.FrozenInstanceError as err:
    print("frozen", type(err).__name__)
b = Bag("b"); b.items.append(1)
print(repr(b), b == Bag("b", [1], hidden=9), Bag("a").items is not Bag("a").items)
print(Node("n") == Node("n"), inspect.signature(Point), inspect.signature(Bag), Point.__init__.__annotations__)
print(dataclasses.replace(p, y=7), [f.name for f in dataclasses.fields(Bag)])
import docxlint.rulepack, docxlint.engine, docxlint.docx, docxlint.check_command
cache = code_cache._CACHE
print("compiled now:", cache.added if cache else None, file=sys.stderr)
"""


def run_probe(cache_home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "DOCXLINT_NO_CACHE"}
    full_env.update(XDG_CACHE_HOME=str(cache_home), PYTHONPATH=str(ROOT), **env)
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, env=full_env)
    assert result.returncode == 0, result.stderr
    return result


def behaviour(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stdout.splitlines()[1:]


def test_classes_from_cached_code_behave_as_plain_dataclasses(tmp_path: Path) -> None:
    plain = run_probe(tmp_path / "off", DOCXLINT_NO_CACHE="1")
    assert plain.stdout.startswith("installed False")
    first = run_probe(tmp_path / "on")
    assert first.stdout.startswith("installed True")
    second = run_probe(tmp_path / "on")
    assert behaviour(first) == behaviour(plain) == behaviour(second)
    assert "frozen FrozenInstanceError" in plain.stdout


def test_a_second_process_compiles_no_dataclass_code(tmp_path: Path) -> None:
    first = run_probe(tmp_path)
    assert int(first.stderr.split("compiled now:")[1]) > 20  # docxlint's own classes went into the cache
    assert list((tmp_path / "docxlint").glob("dataclass-code-*.marshal"))
    second = run_probe(tmp_path)
    assert "compiled now: 0" in second.stderr


def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    run_probe(tmp_path)
    (cache_file,) = (tmp_path / "docxlint").glob("dataclass-code-*.marshal")
    good = run_probe(tmp_path)
    cache_file.write_bytes(b"\x00garbage" * 100)
    damaged = run_probe(tmp_path)
    assert behaviour(damaged) == behaviour(good)
    assert "compiled now: 0" not in damaged.stderr
    assert "compiled now: 0" in run_probe(tmp_path).stderr  # written again


def test_no_cache_file_when_caching_is_off(tmp_path: Path) -> None:
    result = run_probe(tmp_path, DOCXLINT_NO_CACHE="1")
    assert "compiled now: None" in result.stderr
    assert not (tmp_path / "docxlint").exists()


def test_two_processes_saving_keep_each_others_code(tmp_path: Path) -> None:
    from docxlint.code_cache import CodeCache

    path = tmp_path / "code.marshal"
    parent, worker = CodeCache(path), CodeCache(path)
    parent.code("def f():\n return 1\n")
    worker.code("def g():\n return 2\n")
    worker.save()
    parent.save()
    assert set(CodeCache(path).codes) == {"def f():\n return 1\n", "def g():\n return 2\n"}
