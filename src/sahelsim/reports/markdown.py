"""Rendering a :class:`~.doc.Document` as Markdown that reads well on a code host.

Only CommonMark and GitHub-flavoured tables are used: no raw HTML. Scenario text is cleaned
(:func:`sahelsim.text.clean`), folded onto one line per paragraph or cell, and every character
that Markdown (or GitHub's extensions: tables, strikethrough, maths) could read as markup is
backslash-escaped, so ``[bold]``, ``<script>``, ``| a |`` or a leading ``#`` show as written.
"""

from __future__ import annotations

import re

from sahelsim.i18n import _
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
from sahelsim.text import clean, one_line

# Markup anywhere in a line (and an '&' that would start an entity). CommonMark lets any ASCII
# punctuation be backslash-escaped.
_INLINE = re.compile(r"([\\`*_\[\]<>|#$~]|&(?=#?[A-Za-z0-9]+;))")
# Markup at the start of a block: list markers, thematic breaks, setext underlines, ordered lists.
# Runs of white space, but not the no-break spaces French typography puts before ":" and
# inside guillemets.
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")
_START = re.compile(r"^([-+=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def escape(text: str) -> str:
    """``text`` cleaned, on one line, with Markdown's markup characters escaped.

    Runs of white space become one space, but a leading or trailing space stays: inline parts
    are joined as they are, and blocks are stripped as a whole.
    """
    return _INLINE.sub(r"\\\1", _SPACES.sub(" ", clean(text)))


def _block_start(line: str) -> str:
    """Escape what would make ``line`` a list item, a rule or a heading underline."""
    line = _START.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def _code(text: str, in_table: bool) -> str:
    body = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or not body.strip() else ""
    if in_table:
        # GitHub splits table cells on '|' before reading code spans; '\|' is the escape.
        body = body.replace("|", "\\|")
    return f"{fence}{pad}{body}{pad}{fence}"


def inline(content: Inlines, in_table: bool = False) -> str:
    """Inline content as Markdown (links become plain text: a report has no anchors here)."""
    out: list[str] = []
    for part in content:
        if isinstance(part, str):
            out.append(escape(part))
            continue
        raw = escape(part.text)
        text = raw.strip()
        if not text:
            continue
        # Emphasis must hug its text, so edge spaces go outside the markup.
        before = " " if raw[:1] == " " else ""
        after = " " if raw[-1:] == " " else ""
        if part.style == "strong":
            text = f"**{text}**"
        elif part.style in ("em", "muted"):
            text = f"*{text}*"
        elif part.style == "code":
            text = _code(part.text, in_table)
        elif part.style in ("reported", "simulated"):
            # TRANSLATORS: a provenance tag before what it marks, in Markdown: "Reported:".
            text, after = "**" + _("{tag}:").format(tag=text) + "**", " "
        out.append(f"{before}{text}{after}")
    return "".join(out).strip()


def _table(table: Table) -> list[str]:
    def row(cells: tuple[Inlines, ...]) -> str:
        rendered = [inline(cell, in_table=True) or " " for cell in cells]
        return "| " + " | ".join(rendered) + " |"

    rule = ["---:" if i in table.numeric else "---" for i in range(len(table.head))]
    lines = [row(table.head), "| " + " | ".join(rule) + " |"]
    lines.extend(row(cells) for cells in table.rows)
    return lines


def _blocks(blocks: tuple[Block, ...] | list[Block], out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            level = max(1, min(block.level, 6))
            out.append(f"{'#' * level} {inline(block.content)}")
        elif isinstance(block, Para):
            text = inline(block.content)
            if text:
                out.append(_block_start(text))
        elif isinstance(block, Items):
            if not block.items:
                continue
            lines = []
            for number, item in enumerate(block.items, start=1):
                marker = f"{number}." if block.ordered else "-"
                lines.append(f"{marker} {_block_start(inline(item))}")
            out.append("\n".join(lines))
        elif isinstance(block, Table):
            out.append("\n".join(_table(block)))
        elif isinstance(block, Group):
            _blocks(block.blocks, out)
        elif isinstance(block, Svg):
            continue  # every drawing has a table beside it that says the same
        elif isinstance(block, Rule):
            out.append("---")
    return


def render(doc: Document) -> str:
    """The document as Markdown, ending with one newline."""
    out = [f"# {escape(doc.title).strip()}"] if doc.show_title else []
    _blocks(doc.blocks, out)
    return "\n\n".join(out) + "\n"
