"""docxlint: a linter for Word reports.

    >>> import docxlint
    >>> report = docxlint.lint("report.docx")          # the bundled rule pack
    >>> [f.rule_id for f in report.findings]

Imports are lazy so that ``docxlint check`` starts fast.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from docxlint.engine import Report
    from docxlint.rulepack import RulePack


def lint(path: str | os.PathLike[str], rules: str | os.PathLike[str] | RulePack | None = None) -> Report:
    """Lint one document with a rule pack (path, bundled pack name, loaded pack, or None for the default).

    Unreadable input is reported in ``Report.error`` rather than raised; a broken rule pack raises
    :class:`docxlint.errors.RulePackError`.
    """
    from docxlint.engine import lint_file
    from docxlint.rulepack import RulePack, load_pack

    pack = rules if isinstance(rules, RulePack) else load_pack(rules, with_examples=False)
    return lint_file(path, pack, keep_document=True)


__all__ = ["lint", "__version__"]
