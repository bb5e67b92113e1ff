"""Errors that end a run with exit code 2 and one clear line."""

from __future__ import annotations


class DocxlintError(Exception):
    """Base class: anything the CLI turns into one line on stderr and exit 2."""


class InputError(DocxlintError):
    """A document that cannot be read safely (not a DOCX, corrupt, encrypted, too large…).

    ``str(err)`` is the reason only; the CLI prefixes the file name.
    """

    def __init__(self, reason: str, path: str | None = None) -> None:
        reason = " ".join(reason.split())  # one line, whatever libxml2 or zipfile put in the message
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class RulePackError(DocxlintError):
    """A rule pack that is missing, not JSON, or fails its schema (message names the JSON path)."""
