"""Safe XML parsing of package parts, plus the namespace constants the reader uses.

Every part goes through :func:`parse_part`: no DTD, no entity expansion, no
network, libxml2's default depth limit (256) left in place so that hostile
nesting is refused instead of exhausting the stack.
"""

from __future__ import annotations

from lxml import etree

from docxlint.errors import InputError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
W16SE_NS = "http://schemas.microsoft.com/office/word/2015/wordml/symex"

#: ``{namespace}`` prefix for WordprocessingML element and attribute names.
W = "{" + W_NS + "}"
MC = "{" + MC_NS + "}"
W16SE = "{" + W16SE_NS + "}"
VAL = W + "val"

#: Namespaces whose ``mc:Choice`` content current Word understands (ECMA-376 Part 3).
UNDERSTOOD_NAMESPACES = frozenset(
    {
        W_NS,
        MC_NS,
        R_NS,
        W16SE_NS,
        "http://schemas.openxmlformats.org/officeDocument/2006/math",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
        "urn:schemas-microsoft-com:vml",
        "urn:schemas-microsoft-com:office:office",
        "urn:schemas-microsoft-com:office:word",
        "http://schemas.microsoft.com/office/word/2006/wordml",
        "http://schemas.microsoft.com/office/word/2010/wordml",
        "http://schemas.microsoft.com/office/word/2012/wordml",
        "http://schemas.microsoft.com/office/word/2015/wordml/symex",
        "http://schemas.microsoft.com/office/word/2016/wordml/cid",
        "http://schemas.microsoft.com/office/word/2018/wordml",
        "http://schemas.microsoft.com/office/word/2018/wordml/cex",
        "http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "http://schemas.microsoft.com/office/drawing/2010/main",
        "http://schemas.microsoft.com/office/drawing/2014/main",
        "http://schemas.microsoft.com/office/drawing/2016/ink",
        "http://schemas.microsoft.com/office/drawing/2017/model3d",
        "http://schemas.microsoft.com/office/drawing/2010/chart",
        "http://schemas.microsoft.com/office/drawing/2014/chartex",
    }
)


class MalformedPart(InputError):
    """A part that is not well-formed XML (callers may tolerate it for optional parts)."""


def _make_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_part(data: bytes, part_name: str) -> etree._Element:
    """Parse one package part; raise :class:`InputError` naming the part if it is not safe, well-formed XML."""
    if b"<!DOCTYPE" in data[:4096] or b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in data[:8192]:
        raise InputError(f"{part_name} contains a DTD (not allowed in DOCX)")
    try:
        root = etree.fromstring(data, _make_parser())
    except etree.XMLSyntaxError as err:
        raise _syntax_error(part_name, str(err)) from None
    except ValueError as err:  # e.g. an encoding declaration lxml cannot use
        raise MalformedPart(f"malformed XML in {part_name}: {err}") from None
    if root is None:
        raise MalformedPart(f"{part_name} is empty")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputError(f"{part_name} contains a DTD (not allowed in DOCX)")
    return root


def _syntax_error(part_name: str, message: str) -> InputError:
    """The refusal for a part libxml2 would not parse: a safety limit, or plain malformed XML."""
    if "Excessive depth" in message:
        return InputError(f"{part_name}: XML nesting too deep (more than 256 levels)")
    if "Text node too long" in message or "huge text node" in message:
        return InputError(f"{part_name}: a single text node is larger than 10 MB")
    if "XML_PARSE_HUGE" in message:
        return InputError(f"{part_name} exceeds the XML parser's safety limits")
    return MalformedPart(f"malformed XML in {part_name}: {message}")


def on_off(el: etree._Element | None, default: bool = False) -> bool:
    """Value of an ST_OnOff property element (``<w:b/>`` = on, ``w:val="0|false|off"`` = off)."""
    if el is None:
        return default
    return on_off_value(el.get(VAL))


def on_off_value(val: str | None) -> bool:
    """An ST_OnOff ``w:val`` (None: the attribute is absent, which means on)."""
    return val is None or val.lower() not in ("0", "false", "off", "none")


def int_val(el: etree._Element | None, default: int | None = None) -> int | None:
    """``w:val`` of ``el`` as an int (None/``default`` when missing or not a number)."""
    if el is None:
        return default
    raw = el.get(VAL)
    if raw is None:
        return default
    try:
        return int(raw.strip())
    except ValueError:
        return default
