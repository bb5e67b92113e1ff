"""Checking a file leaves no cyclic garbage behind.

The section tree links parents and children; unless those links are broken after the checks, the
whole document model (every paragraph, cell and span) stays alive as a cycle until the collector's
next pass, which then walks all of it — a tenth of the time of checking a large report, paid in
every batch of files. Freed by reference counting, nothing is left for the collector.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from docxlint.engine import lint_file
from docxlint.rulepack import load_pack

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample-word.docx"


def _cyclic_garbage_after(run: Callable[[], object]) -> int:
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()  # nothing collected behind our back between the run and the count
    try:
        run()
        return gc.collect()
    finally:
        if was_enabled:
            gc.enable()


def test_a_checked_document_is_freed_without_the_cyclic_collector() -> None:
    pack = load_pack(None)
    lint_file(SAMPLE, pack)  # first run: caches filled, modules imported
    report_holder: list[object] = []
    left = _cyclic_garbage_after(lambda: report_holder.append(lint_file(SAMPLE, pack)))
    assert report_holder[0].findings  # the run did check the document
    assert left < 50, f"{left} objects were left for the cyclic collector"


def test_the_document_kept_for_annotation_is_freed_the_same_way() -> None:
    pack = load_pack(None)
    holder: list[object] = []
    lint_file(SAMPLE, pack, keep_document=True)

    def run() -> None:
        report = lint_file(SAMPLE, pack, keep_document=True)
        assert report.document is not None and report.document.paragraphs
        holder.append(len(report.findings))  # the report and its document are dropped here

    left = _cyclic_garbage_after(run)
    assert holder[0] > 0
    assert left < 50, f"{left} objects were left for the cyclic collector"
