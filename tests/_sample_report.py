"""The sample report (/work/shared/seeds/000_…txt) as an example spec, derived from the fixture builder.

``fixtures/build_fixtures.py`` holds the report's text once (``seed_report()``); this module turns
it into the spec format of rule examples (paragraph strings, tables as grids of cell strings, a
merged cell's text in its first grid position and "" in the others).
"""

from __future__ import annotations

from fixtures.build_fixtures import LAYOUTS, TITLE, Layout, Para, parse_changes, seed_report


def _grid(layout: Layout) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in layout.rows:
        cells: list[str] = []
        for cell in row:
            text = "" if cell.vmerge == "continue" else "\n".join(parse_changes(t)[0] for t in cell.paras)
            cells += [text] + [""] * (cell.span - 1)
        rows.append(cells)
    return rows


def sample_spec() -> dict:
    """A fresh spec of the sample report (title in the core properties too)."""
    blocks: list[str | dict[str, list[list[str]]]] = []
    for block in seed_report().blocks:
        if isinstance(block, Para):
            blocks.append(block.display)
        else:
            blocks.append({"table": _grid(LAYOUTS[block.kind](block))})
    return {"blocks": blocks, "properties": {"title": TITLE}}
