"""Rendering a :class:`~.doc.Document` as one self-contained HTML file that prints well on A4.

Nothing is loaded from anywhere: the style sheet is inline, drawings are inline SVG, there is no
script, and a Content-Security-Policy forbids every load should anything slip in. Scenario text
is cleaned and escaped with :func:`html.escape` here and nowhere else (SVG text in :mod:`.svg`).
"""

from __future__ import annotations

import re
from html import escape as _escape

from sahelsim.reports.doc import (
    Block,
    Document,
    Group,
    Heading,
    Inlines,
    Items,
    Para,
    Rule,
    Svg,
    Table,
)
from sahelsim.text import clean

# Runs of white space, but not the no-break spaces French typography puts before ":" and
# inside guillemets.
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")

#: Forbid every load (no default source at all); inline style sheets only.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)

STYLE = """
:root { --ink: #1b1b1b; --muted: #5c5c5c; --rule: #c8c8c8; --paper: #ffffff;
  --reported: #0b5394; --simulated: #8a4b00; --accent: #f3f1ea; }
* { box-sizing: border-box; }
html { font-size: 11pt; }
body { margin: 0; color: var(--ink); background: var(--paper);
  font-family: "Source Serif Pro", Georgia, "Times New Roman", serif; line-height: 1.45; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1, h2, h3, h4 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.2;
  break-after: avoid; page-break-after: avoid; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; margin: 1.8rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
h4 { font-size: .95rem; margin: .9rem 0 .3rem; }
p { margin: .35rem 0 .6rem; }
ul, ol { margin: .3rem 0 .7rem; padding-left: 1.3rem; }
li { margin: .15rem 0; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .86em;
  background: var(--accent); padding: 0 .2em; border-radius: 2px; overflow-wrap: anywhere; }
a { color: inherit; text-decoration: underline dotted; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0 .9rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .4rem; text-align: left;
  vertical-align: top; }
th { font-family: "Helvetica Neue", Arial, sans-serif; font-size: .8rem; text-transform: none;
  border-bottom: 1.5px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: var(--muted); }
.lead { font-size: 1.08rem; }
.meta { color: var(--muted); font-family: "Helvetica Neue", Arial, sans-serif; font-size: .85rem; }
.tag { display: inline-block; font-family: "Helvetica Neue", Arial, sans-serif; font-size: .7rem;
  font-weight: bold; letter-spacing: .04em; text-transform: uppercase; padding: 0 .35em;
  border: 1px solid currentColor; border-radius: 3px; margin-right: .35em; }
.tag.reported { color: var(--reported); }
.tag.simulated { color: var(--simulated); border-style: dashed; }
.note { border-left: 3px solid var(--rule); padding: .1rem 0 .1rem .7rem; margin: .6rem 0; }
.card { border: 1.5px dashed var(--ink); border-radius: 6px; padding: .4rem 1rem .6rem;
  margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.card h3 { margin-top: .5rem; }
.entry { border-left: 3px solid var(--reported); padding: .05rem 0 .05rem .7rem; margin: .5rem 0;
  break-inside: avoid; page-break-inside: avoid; }
.entry.sim { border-left: 3px dashed var(--simulated); }
.figure { margin: .5rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
.figure svg { display: block; width: 100%; height: auto; max-height: 150mm; }
.charts { display: flex; flex-wrap: wrap; gap: .6rem; }
.charts svg { width: calc(50% - .3rem); min-width: 15rem; height: auto; }
.claims td, .claims th { background: #fafaf7; }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  html { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .page { break-before: page; page-break-before: always; }
  h2 { margin-top: 0; }
  a { text-decoration: none; }
  tr, .entry, .card, .figure { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  code, .accent, .claims td, .claims th { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
}
""".strip()


def h(text: str) -> str:
    """Scenario (or any) text for HTML: cleaned, on one line, escaped (quotes too).

    Runs of white space become one space; a leading or trailing space stays, since inline parts
    are joined as they are.
    """
    return _escape(_SPACES.sub(" ", clean(text)), quote=True)


def inline(content: Inlines) -> str:
    """Inline content as HTML."""
    out: list[str] = []
    for part in content:
        if isinstance(part, str):
            out.append(h(part))
            continue
        raw = h(part.text)
        text = raw.strip()
        # Edge spaces go outside the element, where they separate words.
        before = " " if raw[:1] == " " else ""
        after = " " if raw[-1:] == " " else ""
        style = part.style
        if style == "strong":
            text = f"<strong>{text}</strong>"
        elif style == "em":
            text = f"<em>{text}</em>"
        elif style == "code":
            text = f"<code>{text}</code>"
        elif style == "muted":
            text = f'<span class="muted">{text}</span>'
        elif style in ("reported", "simulated"):
            text, after = f'<span class="tag {style}">{text}</span>', " "
        if part.anchor:
            text = f'<a href="#{_escape(part.anchor, quote=True)}">{text}</a>'
        out.append(f"{before}{text}{after}")
    return "".join(out).strip()


def _attrs(css: str, anchor: str | None) -> str:
    attrs = ""
    if anchor:
        attrs += f' id="{_escape(anchor, quote=True)}"'
    if css:
        attrs += f' class="{_escape(css, quote=True)}"'
    return attrs


def _table(table: Table, out: list[str]) -> None:
    def cell(tag: str, i: int, content: Inlines) -> str:
        css = ' class="num"' if i in table.numeric else ""
        return f"<{tag}{css}>{inline(content)}</{tag}>"

    out.append(f"<table{_attrs(table.css, None)}>")
    out.append("<thead><tr>" + "".join(cell("th", i, c) for i, c in enumerate(table.head)))
    out.append("</tr></thead>")
    out.append("<tbody>")
    for row in table.rows:
        out.append("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")


def _blocks(blocks: tuple[Block, ...] | list[Block], out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            level = max(1, min(block.level, 6))
            out.append(f"<h{level}{_attrs('', block.anchor)}>{inline(block.content)}</h{level}>")
        elif isinstance(block, Para):
            out.append(f"<p{_attrs(block.css, None)}>{inline(block.content)}</p>")
        elif isinstance(block, Items):
            if not block.items:
                continue
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{inline(item)}</li>" for item in block.items)
            out.append(f"<{tag}{_attrs(block.css, None)}>{items}</{tag}>")
        elif isinstance(block, Table):
            _table(block, out)
        elif isinstance(block, Svg):
            out.append(block.markup)
        elif isinstance(block, Rule):
            out.append("<hr>")
        elif isinstance(block, Group):
            out.append(f"<{block.tag}{_attrs(block.css, block.anchor)}>")
            _blocks(block.blocks, out)
            out.append(f"</{block.tag}>")


def render(doc: Document) -> str:
    """The document as a complete, self-contained HTML page."""
    more = doc.style.strip()
    base = STYLE if doc.sheet is None else doc.sheet.strip()
    style = f"{base}\n{more}" if more else base
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_escape(doc.language, quote=True)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="generator" content="sahelsim">',
        f"<title>{h(doc.title)}</title>",
        f"<style>\n{style}\n</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    if doc.show_title:
        out.append(f"<h1>{h(doc.title)}</h1>")
    _blocks(doc.blocks, out)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
