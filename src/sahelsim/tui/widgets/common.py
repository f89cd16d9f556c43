"""Small widgets every screen uses: plain text, and the notice for a terminal that is too small."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from sahelsim.i18n import _

#: The smallest terminal the game lays out in; below it, :class:`TooSmall` covers the screen.
MIN_WIDTH = 64
MIN_HEIGHT = 20
#: From this size up, the turn screen shows the map beside everything else.
WIDE_WIDTH = 110
TALL_HEIGHT = 34


class Plain(Static):
    """A ``Static`` that never parses markup.

    It shows :class:`~textual.content.Content` built by :mod:`sahelsim.tui.present`; a string
    given to it is shown exactly as written.
    """

    def __init__(
        self,
        content: Content | str = "",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(content, markup=False, id=id, classes=classes)


class TooSmall(Widget):
    """Covers a screen that is smaller than the game can lay out, and says what to do.

    It is hidden by the stylesheet unless the screen carries a ``-too-narrow`` or ``-too-short``
    class (set by the app's breakpoints).
    """

    DEFAULT_CSS = """
    TooSmall {
        display: none;
        dock: top;
        layer: notice;
        width: 100%;
        height: 100%;
        content-align: center middle;
        text-align: center;
        background: $background;
        color: $foreground;
        text-style: bold;
    }
    """

    def render(self) -> Content:
        width, height = self.app.size
        return Content(
            _(
                "Please enlarge the terminal.\n\n"
                "sahelsim needs at least {min_width}×{min_height} characters;\n"
                "this one is {width}×{height}.\n\n"
                "Press q to quit."
            ).format(min_width=MIN_WIDTH, min_height=MIN_HEIGHT, width=width, height=height)
        )


#: A section of a definition list: a heading (or ``None``) and its (term, meaning) rows.
Section = tuple[str | None, tuple[tuple[str, str], ...]]


def definition_lines(sections: tuple[Section, ...], width: int) -> list[Content]:
    """Terms in bold in a column, meanings beside them, wrapped with a hanging indent."""
    terms = [term for _, rows in sections for term, _ in rows]
    term_width = min(max((len(t) for t in terms), default=0), max(width // 3, 8))
    room = max(width - term_width - 4, 10)
    lines: list[Content] = []
    for index, (heading, rows) in enumerate(sections):
        if heading is not None:
            if index:
                lines.append(Content(""))
            lines.append(Content.assemble((heading, "bold underline")))
        for term, meaning in rows:
            wrapped = Content(meaning).wrap(room) or [Content("")]
            if len(term) > term_width:
                lines.append(Content.assemble(("  " + term, "bold")))
                first = Content(" " * (term_width + 4))
            else:
                first = Content.assemble((f"  {term:<{term_width}}  ", "bold"))
            lines.append(first + wrapped[0])
            lines += [Content(" " * (term_width + 4)) + rest for rest in wrapped[1:]]
    return lines


class DefinitionList(Widget):
    """Terms and their meanings in two columns that rewrap with the width (keys, markings)."""

    DEFAULT_CSS = """
    DefinitionList {
        height: auto;
    }
    """

    def __init__(
        self, sections: tuple[Section, ...], *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.sections = sections

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(definition_lines(self.sections, width))

    def render(self) -> Content:
        return Content("\n").join(definition_lines(self.sections, self.content_size.width))
