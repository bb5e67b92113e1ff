"""Human-readable output: grouped by file, then section; each finding shows its excerpt."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from docxlint.findings import Finding, Severity

if TYPE_CHECKING:
    from docxlint.engine import Report
    from docxlint.rulepack import RulePack

_SEVERITY_LABEL = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_EXPECTED = {"zh": "应为", "en": "expected"}
_WHOLE_DOCUMENT = {"zh": "（全文）", "en": "(document)"}
_EXCERPT_MAX = 60


def write(reports: list[Report], pack: RulePack, lang: str, out: TextIO) -> None:
    """Write every report, then one summary line."""
    for report in reports:
        _write_report(report, lang, out)
    out.write(summary_line(reports, lang) + "\n")


def _write_report(report: Report, lang: str, out: TextIO) -> None:
    if report.error:
        out.write(f"{report.file}: {report.error}\n\n")
        return
    if not report.findings and not report.rule_errors:
        return
    out.write(f"{report.file}\n")
    for section, items in groupby(report.findings, key=lambda f: f.section):
        out.write(f"  {section or _WHOLE_DOCUMENT.get(lang, '(document)')}\n")
        for finding in items:
            out.write(_format_finding(finding, lang))
    for err in report.rule_errors:
        out.write(f"  internal error: {err}\n")
    out.write("\n")


def _format_finding(f: Finding, lang: str) -> str:
    label = _SEVERITY_LABEL.get(lang, _SEVERITY_LABEL["en"])[f.severity]
    head = f"    {f.location.describe():<18} {label:<7} {f.message(lang)}  [{f.rule_id}]\n"
    detail = []
    if f.excerpt:
        detail.append(f"「{_shorten(f.excerpt)}」")
    if f.expected is not None:
        detail.append(f"{_EXPECTED.get(lang, 'expected')} {f.expected}")
    return head + (f"{'':<23}{'  '.join(detail)}\n" if detail else "")


def _shorten(text: str) -> str:
    text = text.replace("\n", "⏎").replace("\t", " ")
    return text if len(text) <= _EXCERPT_MAX else text[: _EXCERPT_MAX - 1] + "…"


def summary_line(reports: list[Report], lang: str) -> str:
    """ "2 errors, 1 warning, 0 info in 3 files (1 unreadable)"."""
    counts = {s: sum(r.count(s) for r in reports) for s in Severity}
    unreadable = sum(1 for r in reports if r.error)
    if lang == "zh":
        line = (
            f"共 {len(reports)} 个文件：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，"
            f"提示 {counts[Severity.INFO]}"
        )
        return line + (f"，无法读取 {unreadable}" if unreadable else "")
    line = (
        f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, {counts[Severity.INFO]} info "
        f"in {len(reports)} file{'s' if len(reports) != 1 else ''}"
    )
    return line + (f" ({unreadable} unreadable)" if unreadable else "")
