"""Findings: what a check reports, independent of how it is shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from docxlint.model import Location


class Severity(IntEnum):
    """Ordered so that ``finding.severity >= threshold`` works."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


#: How a finding is anchored in the text.
ANCHOR_TEXT = "text"  #: on the exact characters ``span`` of paragraph ``location.paragraph``
ANCHOR_MISSING = "missing"  #: something absent; ``span`` marks where it should have been
ANCHOR_CELL = "cell"  #: on a table cell (``location.table/row/col``); span in its first paragraph


@dataclass(slots=True)
class Finding:
    """One defect.

    ``span`` is ``(start, end)`` in the text of paragraph ``location.paragraph``;
    ``excerpt`` equals that paragraph's ``text[start:end]`` (empty for a point anchor).
    ``messages`` holds the rendered message per language (``zh``, ``en``).
    """

    rule_id: str
    severity: Severity
    messages: dict[str, str]
    location: Location
    section: str = ""  #: section path, e.g. "一、总体情况 / （六）建议提案办理情况"
    span: tuple[int, int] | None = None
    excerpt: str = ""
    expected: str | None = None
    actual: str | None = None
    anchor: str = ANCHOR_TEXT
    file: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        return self.messages.get(lang) or self.messages.get("en") or next(iter(self.messages.values()), "")

    def sort_key(self) -> tuple:
        loc = self.location
        return (
            self.file,
            loc.block,
            loc.paragraph if loc.paragraph is not None else -1,
            loc.row if loc.row is not None else -1,
            loc.col if loc.col is not None else -1,
            self.span[0] if self.span else -1,
            -int(self.severity),
            self.rule_id,
        )

    def to_dict(self) -> dict[str, object]:
        """The stable JSON form (documented in README)."""
        loc = self.location
        return {
            "rule": self.rule_id,
            "severity": str(self.severity),
            "message": self.messages.get("zh", ""),
            "message_en": self.messages.get("en", ""),
            "section": self.section,
            "location": {
                "block": loc.block,
                "paragraph": loc.paragraph,
                "table": loc.table,
                "row": loc.row,
                "col": loc.col,
                "span": list(self.span) if self.span else None,
            },
            "anchor": self.anchor,
            "excerpt": self.excerpt,
            "expected": self.expected,
            "actual": self.actual,
        }


def sort_and_dedup(findings: list[Finding]) -> list[Finding]:
    """Stable order; drop exact duplicates (same rule, place, span and message)."""
    seen: set[tuple] = set()
    out: list[Finding] = []
    for f in sorted(findings, key=Finding.sort_key):
        key = (f.rule_id, f.location, f.span, f.messages.get("en"), f.messages.get("zh"))
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out
