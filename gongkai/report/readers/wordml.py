"""Where WordprocessingML hides blocks, rows, cells and text: the structure the DOCX reader walks.

Word and WPS wrap content in more than paragraphs and tables: content controls (``w:sdt``) and custom
XML (``w:customXml``) around blocks, rows and cells; text boxes (``w:txbxContent``) inside a run's
drawing or VML picture, holding whole paragraphs and tables; and ``mc:AlternateContent``, which
stores the same drawing twice — a DrawingML ``mc:Choice`` and a VML ``mc:Fallback`` copy — so a
naive ``iter()`` reads every text box twice. These helpers read exactly one copy, in document order.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC, T = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}t"
BR, TAB, CR = f"{W}br", f"{W}tab", f"{W}cr"
SDT, SDT_CONTENT, CUSTOM_XML = f"{W}sdt", f"{W}sdtContent", f"{W}customXml"
TEXT_BOX = f"{W}txbxContent"
ALTERNATE, CHOICE, FALLBACK = f"{_MC}AlternateContent", f"{_MC}Choice", f"{_MC}Fallback"

Element = etree._Element


def unwrap(wrapper: Element) -> Element | None:
    """The element whose children are the wrapped content: ``w:sdtContent`` of a content control,
    the chosen copy of alternate content, the custom-XML element itself."""
    if wrapper.tag == SDT:
        return wrapper.find(SDT_CONTENT)
    if wrapper.tag == ALTERNATE:
        return alternate_branch(wrapper)
    return wrapper


def children(parent: Element, tag: str) -> Iterator[Element]:
    """Children with ``tag``, looking through content controls and custom XML (repeating-section rows,
    cells bound to data, tables wrapped in a control): Word nests them at any of these levels."""
    if next(parent.iterchildren(SDT, CUSTOM_XML, ALTERNATE), None) is None:
        return parent.iterchildren(tag)  # the usual case, kept in C: rows and cells are most of a file
    return _wrapped_children(parent, tag)


def _wrapped_children(parent: Element, tag: str) -> Iterator[Element]:
    for child in parent.iterchildren(tag, SDT, CUSTOM_XML, ALTERNATE):
        if child.tag == tag:
            yield child
        else:
            content = unwrap(child)
            if content is not None:
                yield from children(content, tag)


def rows(tbl: Element) -> Iterator[Element]:
    return children(tbl, TR)


def cells(tr: Element) -> Iterator[Element]:
    return children(tr, TC)


def alternate_branch(alternate: Element) -> Element | None:
    """The one copy of ``mc:AlternateContent`` to read: the first ``mc:Choice`` that holds any text (Word
    writes a DrawingML choice and its VML fallback with the same text), else the ``mc:Fallback``."""
    branches = [*alternate.iterchildren(CHOICE), *alternate.iterchildren(FALLBACK)]
    for branch in branches:
        if next(branch.iter(T), None) is not None:
            return branch
    return None


def inline_text(paragraph: Element, boxes: list[Element]) -> str:
    """The paragraph's own text; its text boxes are appended to ``boxes`` (they hold blocks of their own,
    read after the paragraph) instead of being run into its text."""
    parts: list[str] = []
    _inline(paragraph, parts, boxes)
    return "".join(parts)


def _inline(element: Element, parts: list[str], boxes: list[Element]) -> None:
    walker = etree.iterwalk(element, events=("start",), tag=(T, TEXT_BOX, ALTERNATE))
    for _, node in walker:
        if node.tag == T:
            parts.append(node.text or "")
            continue
        walker.skip_subtree()  # a box's text is not the paragraph's; an alternate is read once, below
        if node.tag == TEXT_BOX:
            boxes.append(node)
        else:
            branch = alternate_branch(node)
            if branch is not None:
                _inline(branch, parts, boxes)


def cell_pieces(tc: Element) -> list[str]:
    """A table cell's text as pieces split at paragraphs and breaks (see ``join_cell_pieces``), text in
    its text boxes or one-cell inner frames included, each alternate-content copy read once."""
    pieces = [""]
    for node in tc.iter(P, T, BR, TAB, CR, ALTERNATE):  # ``iter`` is a third faster than ``iterwalk``
        tag = node.tag
        if tag == T:
            pieces[-1] += node.text or ""
        elif tag == ALTERNATE:  # rare: a drawing in the cell; start again, reading one copy of it
            pieces = [""]
            _walk_pieces(tc, pieces)
            return pieces
        else:
            pieces.append("")
    return pieces


def _walk_pieces(element: Element, pieces: list[str]) -> None:
    walker = etree.iterwalk(element, events=("start",), tag=(P, T, BR, TAB, CR, ALTERNATE))
    for _, node in walker:
        tag = node.tag
        if tag == T:
            pieces[-1] += node.text or ""
        elif tag == ALTERNATE:
            walker.skip_subtree()  # both copies hold the same text: read the chosen one only
            branch = alternate_branch(node)
            if branch is not None:
                _walk_pieces(branch, pieces)
        else:
            pieces.append("")
