"""``--jobs``: worker processes change nothing but speed.

A folder of generated report variations (with a broken file among them and a subfolder) gives
the same JSON and text reports, the same error lines and the same annotated copies with
``--jobs 1``, ``2`` and ``3``, files in the same order. Also the benchmark's ``--quick`` smoke run
(no timing assertions: it must run and print every row).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from benchmarks.make_corpus import ReportSpec, write_batch, write_report
from tests import hostile_files as hf
from tests.hostile_files import REPO, child_env, run_cli


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("batch") / "reports"
    write_batch(root, count=9, seed=3)
    hf.truncated_zip(root / "report-004-broken.docx")
    (root / "sub").mkdir()
    write_report(root / "sub" / "区县 报告.docx", ReportSpec(seed=77, defects=("table3_sum", "late_date")))
    return root


def test_same_findings_and_order(folder: Path) -> None:
    runs = {jobs: run_cli("check", folder, "--jobs", jobs, "--format", "json") for jobs in ("1", "2", "3")}
    reference = runs["1"]
    assert reference.code == 2, reference.stderr
    data = json.loads(reference.stdout)
    expected_order = [str(p) for p in sorted(folder.rglob("*.docx"))]
    assert [f["file"] for f in data["files"]] == expected_order
    assert sum(len(f["findings"]) for f in data["files"]) > 0, "the variations carry defects"
    assert [f["file"] for f in data["files"] if f["error"]] == [str(folder / "report-004-broken.docx")]
    for jobs, out in runs.items():
        assert out.code == reference.code, f"--jobs {jobs}: exit {out.code}"
        assert json.loads(out.stdout) == data, f"--jobs {jobs} changed the report"
        assert out.stderr == reference.stderr, f"--jobs {jobs} changed the error lines"


def test_same_text_report(folder: Path) -> None:
    one = run_cli("check", folder, "--jobs", "1", "--lang", "en")
    two = run_cli("check", folder, "--jobs", "2", "--lang", "en")
    assert one.stdout == two.stdout and one.stdout.strip()
    assert one.stderr == two.stderr


def test_same_annotated_copies(folder: Path, tmp_path: Path) -> None:
    outputs = {}
    for jobs in ("1", "2"):
        target = tmp_path / f"jobs{jobs}"
        result = run_cli("check", folder, "--jobs", jobs, "--annotate-dir", target)
        assert result.code == 2, result.stderr  # the broken file
        outputs[jobs] = {p.name: document_xml(p) for p in sorted(target.iterdir())}
    assert outputs["1"] == outputs["2"]
    assert len(outputs["1"]) == len(list(folder.rglob("*.docx"))) - 1


def document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        return zf.read("word/document.xml")


BENCH_ROWS = (
    "check core",
    "annotate core",
    "floor (a)",
    "python-docx (b)",
    "whole process `docxlint check` on sample",
    "tracemalloc peak of check core",
    "ru_maxrss of `docxlint check`",
    "--jobs 1",
    "--jobs 2",
    "check core / floor",
    "whole `docxlint check` on sample",
    "annotate / check",
    "/ sample (check core)",
    "peak RSS, check on",
    "--jobs 2 / --jobs 1 throughput",
    "this machine's ceiling",
)


def test_benchmark_quick_run_prints_every_row(tmp_path: Path) -> None:
    figures = tmp_path / "bench.json"
    cmd = [sys.executable, str(REPO / "benchmarks" / "bench.py"), "--quick", "--json", str(figures)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=child_env(), cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-3000:]
    missing = [row for row in BENCH_ROWS if row not in proc.stdout]
    assert not missing, f"rows missing from the benchmark table: {missing}\n{proc.stdout}"
    assert "n/a" not in proc.stdout, proc.stdout
    data = json.loads(figures.read_text())
    assert len(data["docs"]) == 2 and all(d["check"] > 0 and d["annotate"] > 0 for d in data["docs"])
