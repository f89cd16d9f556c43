"""Small widgets every screen uses: plain text, and the notice for a terminal that is too small."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

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
            "Please enlarge the terminal.\n\n"
            f"sahelsim needs at least {MIN_WIDTH}×{MIN_HEIGHT} characters;\n"
            f"this one is {width}×{height}.\n\n"
            "Press q to quit."
        )
