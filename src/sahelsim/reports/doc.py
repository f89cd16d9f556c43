"""A tiny document model that the brief and the debrief are built in, then rendered twice.

Building the content once and rendering it as Markdown and as HTML keeps the two formats saying
the same things, and puts escaping in exactly two places (:mod:`.markdown` and :mod:`.html`):
builders pass scenario text as plain ``str`` and never format it themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from sahelsim.i18n import language as program_language
from sahelsim.text import clean, one_line

#: How an inline span looks: plain, strong, emphasised, code, or a provenance tag.
Style = Literal["", "strong", "em", "code", "reported", "simulated", "muted"]


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one style, optionally a link to an anchor in the same document.

    Attributes:
        text: The text, unescaped (scenario text is cleaned and escaped by the renderers).
        style: How it looks.
        anchor: The id of an element of the same document to link to (HTML only; never a URL).
    """

    text: str
    style: Style = ""
    anchor: str | None = None


#: Inline content: plain strings and spans, in order.
Inline = str | Span
Inlines = tuple[Inline, ...]


def inlines(*parts: Inline | Iterable[Inline] | None) -> Inlines:
    """Flatten strings, spans and sequences of them into :data:`Inlines`; ``None`` is skipped."""
    out: list[Inline] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, str | Span):
            out.append(part)
        else:
            out.extend(part)
    return tuple(out)


_FIELD = re.compile(r"\{(\w+)\}")


def fill(template: str, **parts: Inline | Iterable[Inline] | None) -> Inlines:
    """A translated sentence with styled parts: ``template``'s named fields (``{source}``)
    replaced by ``parts`` (strings, spans or sequences of them), wherever the translation put
    them. ``fill(_("Source: {source}"), source=em(title))``."""
    out: list[Inline] = []
    at = 0
    for found in _FIELD.finditer(template):
        if found.start() > at:
            out.append(template[at : found.start()])
        out.extend(inlines(parts[found.group(1)]))
        at = found.end()
    if at < len(template):
        out.append(template[at:])
    return tuple(out)


def joined(parts: Sequence[Inlines], sep: str = ", ") -> Inlines:
    """``parts`` joined by ``sep``."""
    out: list[Inline] = []
    for i, part in enumerate(parts):
        if i:
            out.append(sep)
        out.extend(part)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of level 1 to 4."""

    level: int
    content: Inlines
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph (one line of Markdown)."""

    content: Inlines
    css: str = ""


@dataclass(frozen=True, slots=True)
class Items:
    """A bulleted (or numbered) list."""

    items: tuple[Inlines, ...]
    ordered: bool = False
    css: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row.

    Attributes:
        head: The header cells.
        rows: The body rows, each as long as ``head``.
        numeric: Indexes of columns to align right.
        css: A class for the HTML table.
    """

    head: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    numeric: frozenset[int] = frozenset()
    css: str = ""


@dataclass(frozen=True, slots=True)
class Svg:
    """A drawing, as SVG markup built by :mod:`.svg` (whose text is escaped there); HTML only.

    Markdown shows what the drawing shows as a table instead, so every ``Svg`` sits beside one.
    """

    markup: str


@dataclass(frozen=True, slots=True)
class Group:
    """A section (or card) of blocks.

    Attributes:
        blocks: Its content.
        css: Classes for the HTML element (``card``, ``page`` to start a printed page…).
        anchor: Its id, for links.
        tag: The HTML element.
    """

    blocks: tuple[Block, ...]
    css: str = ""
    anchor: str | None = None
    tag: Literal["section", "div", "article", "aside"] = "section"


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal rule between two parts (in print, the part after it starts a new page)."""


Block = Heading | Para | Items | Table | Svg | Group | Rule


@dataclass(slots=True)
class Document:
    """A whole report: a title, a subtitle line, and blocks.

    Attributes:
        title: The document's title (the HTML ``<title>`` and the first heading).
        blocks: Everything below the title.
        language: The BCP 47 tag of the document's language (by default the program's, in
            which the document is written).
        show_title: Whether the title is also the first heading (a handout whose every page
            carries its own heading shows it only as the HTML ``<title>``).
        style: More CSS for the HTML page, after the common style sheet (none by default).
        sheet: A style sheet to use instead of the common one (a one-page report that needs
            little of it); ``None`` for the common one.
    """

    title: str
    blocks: list[Block] = field(default_factory=list)
    language: str = field(default_factory=program_language)
    show_title: bool = True
    style: str = ""
    sheet: str | None = None

    def add(self, *blocks: Block) -> None:
        """Append blocks."""
        self.blocks.extend(blocks)


def prose(text: str | None, css: str = "") -> tuple[Para, ...]:
    """Scenario prose as paragraphs: blank lines separate them, other line breaks are spaces."""
    if not text:
        return ()
    paragraphs = [one_line(p) for p in clean(text).split("\n\n")]
    return tuple(Para((p,), css) for p in paragraphs if p)


def strong(text: str) -> Span:
    """Bold text."""
    return Span(text, "strong")


def em(text: str) -> Span:
    """Emphasised text."""
    return Span(text, "em")


def code(text: str) -> Span:
    """An id, a rule or an expression, shown as code."""
    return Span(text, "code")


def muted(text: str) -> Span:
    """Secondary text."""
    return Span(text, "muted")


def ref(text: str, anchor: str, style: Style = "") -> Span:
    """Text linking to ``anchor`` in the same document (plain text in Markdown)."""
    return Span(text, style, anchor)


def anchor_id(*parts: str) -> str:
    """An HTML id from parts (``fact``, ``F10`` → ``fact-F10``), safe in any attribute."""
    raw = "-".join(parts)
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in raw)


def _anchors(blocks: Iterable[Block], found: set[str]) -> set[str]:
    for block in blocks:
        if isinstance(block, Heading | Group) and block.anchor:
            found.add(block.anchor)
        if isinstance(block, Svg):
            found.update(_SVG_IDS.findall(block.markup))
        if isinstance(block, Group):
            _anchors(block.blocks, found)
    return found


_SVG_IDS = re.compile(r'\sid="([^"]+)"')


def _unlink(content: Inlines, anchors: set[str]) -> Inlines:
    return tuple(
        Span(part.text, part.style)
        if isinstance(part, Span) and part.anchor is not None and part.anchor not in anchors
        else part
        for part in content
    )


def _unlinked(block: Block, anchors: set[str]) -> Block:
    if isinstance(block, Heading | Para):
        return replace(block, content=_unlink(block.content, anchors))
    if isinstance(block, Items):
        return replace(block, items=tuple(_unlink(item, anchors) for item in block.items))
    if isinstance(block, Table):
        return replace(
            block,
            head=tuple(_unlink(cell, anchors) for cell in block.head),
            rows=tuple(tuple(_unlink(cell, anchors) for cell in row) for row in block.rows),
        )
    if isinstance(block, Group):
        return replace(block, blocks=tuple(_unlinked(b, anchors) for b in block.blocks))
    return block


def drop_dangling_links(doc: Document) -> Document:
    """``doc`` with every link to an anchor it does not have turned into plain styled text
    (a part taken from a bigger report, whose fact ids link to a ledger it leaves out)."""
    anchors = _anchors(doc.blocks, set())
    doc.blocks = [_unlinked(block, anchors) for block in doc.blocks]
    return doc
