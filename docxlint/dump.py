"""``docxlint dump``: the document as the linter sees it, for rule authors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from docxlint.model import Document, Paragraph, Table
from docxlint.sections import Section, SectionTree

PathOf = Callable[[Section], str]


def _plain_path(section: Section) -> str:
    return section.path


def dump_lines(doc: Document, tree: SectionTree, path_of: PathOf = _plain_path) -> Iterator[str]:
    """One line per paragraph of the reading flow (layout tables unwrapped) and per logical table row,
    prefixed by section path (``path_of``, as findings name it) and location."""
    for block in tree.flow:
        if isinstance(block, Paragraph):
            section = path_of(tree.section_of_paragraph(block.index))
            yield f"[{section}] ¶{block.index + 1}\t{_visible(block.text)}"
        else:
            section = path_of(tree.section_of_table(block.index))
            yield from _table_lines(block, section, depth=0)


def _table_lines(table: Table, section: str, depth: int) -> Iterator[str]:
    indent = "  " * depth
    for r, cells in enumerate(table.rows()):
        texts = "\t".join(_visible(c.text) for c in cells)
        yield f"{indent}[{section}] T{table.index + 1} r{r + 1}\t{texts}"
        for cell in cells:
            for block in cell.blocks:
                if isinstance(block, Table):
                    yield from _table_lines(block, section, depth + 1)


def _visible(text: str) -> str:
    """Keep one line per block: show line breaks and tabs as visible marks."""
    return text.replace("\n", "⏎").replace("\t", "→")


def dump_json(doc: Document, tree: SectionTree, path_of: PathOf = _plain_path) -> dict[str, Any]:
    """The same content as :func:`dump_lines`, as plain data."""
    blocks: list[dict[str, Any]] = []
    for block in tree.flow:
        if isinstance(block, Paragraph):
            blocks.append(_paragraph(block, path_of(tree.section_of_paragraph(block.index))))
        else:
            blocks.append(_table(block, path_of(tree.section_of_table(block.index))))
    return {"file": doc.path, "properties": doc.properties, "blocks": blocks}


def _paragraph(p: Paragraph, section: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "paragraph",
        "index": p.index,
        "block": p.location.block,
        "text": p.text,
        "label": p.label,
        "style": p.style_name,
        "outline_level": p.outline_level,
    }
    if p.num_id is not None:
        out["numbering"] = {"num_id": p.num_id, "level": p.num_level}
    if section is not None:
        out["section"] = section
    return out


def _table(t: Table, section: str | None = None) -> dict[str, Any]:
    rows = []
    for cells in t.rows():
        rows.append(
            [
                {
                    "row": c.row,
                    "col": c.col,
                    "row_span": c.row_span,
                    "col_span": c.col_span,
                    "text": c.text,
                    "blocks": [_paragraph(b) if isinstance(b, Paragraph) else _table(b) for b in c.blocks],
                }
                for c in cells
            ]
        )
    out: dict[str, Any] = {
        "type": "table",
        "index": t.index,
        "block": t.location.block,
        "n_rows": t.n_rows,
        "n_cols": t.n_cols,
        "rows": rows,
    }
    if section is not None:
        out["section"] = section
    return out
