"""The day's news: a list of items, each of which may be taller than the panel.

A plain :class:`~textual.widgets.OptionList` moves its highlight a whole item at a time, so the
end of an item taller than the panel could only be reached with the mouse. Here ↑ ↓ pgup pgdn
first scroll through the highlighted item, and move to the next item only once its edge shows;
enter still selects it (its sources).
"""

from __future__ import annotations

from textual.widgets import OptionList


class NewsFeed(OptionList):
    """The news items, scrolled within a tall item before moving on to the next."""

    def _span(self) -> tuple[int, int] | None:
        """The first and last line of the highlighted item, or ``None``."""
        index = self.highlighted
        if index is None:
            return None
        try:
            top = self._index_to_line[index]
            height = self._heights[index]
        except KeyError:
            return None
        return top, top + height - 1

    def _view(self) -> tuple[int, int]:
        """The first and last line in view."""
        top = round(self.scroll_y)
        return top, top + max(self.scrollable_content_region.height, 1) - 1

    def _scroll_by(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    def _show_end(self) -> None:
        """Entering a tall item from below: show its last lines rather than its first."""
        span = self._span()
        if span is None:
            return
        first, last = self._view()
        if span[1] - span[0] > last - first:
            self.scroll_to(y=span[1] - (last - first), animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        span, (_, last) = self._span(), self._view()
        if span is not None and span[1] > last:
            self._scroll_by(1)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        span, (first, _) = self._span(), self._view()
        if span is not None and span[0] < first:
            self._scroll_by(-1)
        else:
            before = self.highlighted
            super().action_cursor_up()
            if before is not None and self.highlighted is not None and self.highlighted < before:
                self._show_end()

    def action_page_down(self) -> None:
        span, (first, last) = self._span(), self._view()
        if span is not None and span[1] > last:
            self._scroll_by(min(last - first, span[1] - last))
            return
        before = self.highlighted
        super().action_page_down()  # type: ignore[no-untyped-call]  # unannotated in Textual
        # From a tall item a page may land inside it again: go on to the next item instead.
        if before is not None and self.highlighted == before and before < self.option_count - 1:
            super().action_cursor_down()

    def action_page_up(self) -> None:
        span, (first, last) = self._span(), self._view()
        if span is not None and span[0] < first:
            self._scroll_by(-min(last - first, first - span[0]))
            return
        before = self.highlighted
        super().action_page_up()  # type: ignore[no-untyped-call]  # unannotated in Textual
        if before is not None and self.highlighted == before and before > 0:
            super().action_cursor_up()
        if before is not None and self.highlighted is not None and self.highlighted < before:
            self._show_end()
