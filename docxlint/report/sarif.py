"""SARIF 2.1.0: the paragraph number is ``region.startLine``, the section path a logical location."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from docxlint import __version__
from docxlint.findings import Finding, Severity

if TYPE_CHECKING:
    from docxlint.engine import Report
    from docxlint.rulepack import RulePack

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def as_dict(reports: list[Report], pack: RulePack, lang: str) -> dict[str, Any]:
    rules = [r for r in pack.rules if r.enabled]
    index = {r.id: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        uri = file_uri(report.file)
        if report.error:
            notifications.append({"level": "error", "message": {"text": report.error}, "locations": [_artifact(uri)]})
        notifications += [
            {"level": "note", "message": {"text": n}, "locations": [_artifact(uri)]} for n in report.notes
        ]
        for f in report.findings:
            results.append(_result(f, uri, lang, index))
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "docxlint",
                        "version": __version__,
                        "informationUri": "https://example.invalid/docxlint",
                        "rules": [_descriptor(r, lang) for r in rules],
                    }
                },
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
                "results": results,
            }
        ],
    }


def file_uri(name: str) -> str:
    """A path as a SARIF URI reference: "/" separators, everything else percent-encoded from the
    file name's bytes ("年度 报告.docx" → "%E5%B9%B4%E5%BA%A6%20%E6%8A%A5%E5%91%8A.docx")."""
    return quote(os.fsencode(Path(name).as_posix()), safe="/")


def _artifact(uri: str) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": uri}}}


def _descriptor(rule: Any, lang: str) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary or rule.id},
        "fullDescription": {"text": rule.rationale or rule.summary or rule.id},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"type": rule.type},
    }


def _result(f: Finding, uri: str, lang: str, index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, Any] = {}
    if f.location.paragraph is not None:
        region["startLine"] = f.location.paragraph + 1
        if f.span:
            region["startColumn"] = f.span[0] + 1
            region["endColumn"] = f.span[1] + 1
        if f.excerpt:
            region["snippet"] = {"text": f.excerpt}
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if region:
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if f.section:
        location["logicalLocations"] = [{"fullyQualifiedName": f.section, "kind": "module"}]
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message(lang)},
        "locations": [location],
        "properties": {
            "anchor": f.anchor,
            "expected": f.expected,
            "actual": f.actual,
            "table": f.location.table,
            "row": f.location.row,
            "col": f.location.col,
        },
    }
    if f.rule_id in index:
        result["ruleIndex"] = index[f.rule_id]
    return result


def write(reports: list[Report], pack: RulePack, lang: str, out: TextIO) -> None:
    json.dump(as_dict(reports, pack, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
