"""The day's news scrolls by keys through an item taller than its panel."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sahelsim.tui import make_app
from sahelsim.tui.screens.inspector import InspectorScreen
from sahelsim.tui.screens.turn import TurnScreen
from sahelsim.tui.widgets.newsfeed import NewsFeed
from tests.tui.tui_kit import MALI, settle

TALL = 30


def tall(name: str) -> Option:
    return Option("\n".join(f"{name} line {i}" for i in range(TALL)), id=name)


class FeedApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.selected: list[str | None] = []

    def compose(self) -> ComposeResult:
        feed = NewsFeed(id="feed")
        feed.styles.height = 10
        yield feed

    def on_mount(self) -> None:
        feed = self.query_one(NewsFeed)
        feed.add_options([tall("a"), None, Option("b short", id="b"), None, tall("c")])
        feed.highlighted = 0
        feed.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.selected.append(event.option.id)


async def test_up_down_and_pages_scroll_through_a_tall_item_before_moving_on() -> None:
    app = FeedApp()
    async with app.run_test(size=(40, 12)) as pilot:
        feed = app.query_one(NewsFeed)
        view = feed.scrollable_content_region.height
        assert view < TALL
        assert feed.highlighted == 0 and feed.scroll_y == 0
        await pilot.press("down")
        assert feed.highlighted == 0 and feed.scroll_y == 1  # a line further into item a
        await pilot.press("pagedown")
        # A page keeps one line of the last in view, for the reader's place.
        assert feed.highlighted == 0 and feed.scroll_y == 1 + view - 1
        while feed.scroll_y + view < TALL + 1:
            await pilot.press("pagedown")
            assert feed.highlighted == 0
        # Paging stops at the item's last line (and the divider under it), then moves on.
        assert feed.highlighted == 0 and feed.scroll_y + view == TALL + 1
        await pilot.press("down")
        assert feed.highlighted == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected == ["b"]
        await pilot.press("up")
        # Back into item a from below: its last lines show, and up scrolls back through it.
        assert feed.highlighted == 0 and feed.scroll_y + view == TALL + 1
        await pilot.press("up")
        assert feed.highlighted == 0 and feed.scroll_y + view == TALL
        await pilot.press("pageup")
        assert feed.highlighted == 0 and feed.scroll_y + view == TALL - (view - 1)
        while feed.scroll_y > 0:
            await pilot.press("pageup")
            assert feed.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected == ["b", "a"]
        # A page down at the end of a tall item goes on to the next item.
        while feed.scroll_y + view < TALL + 1:
            await pilot.press("pagedown")
        await pilot.press("pagedown")
        assert feed.highlighted == 1
        await pilot.press("pagedown")
        assert feed.highlighted == 2 and feed.scroll_y == feed._span()[0]  # type: ignore[index]
        # A page up from there lands a page back, in item a, and shows its end.
        await pilot.press("pageup")
        assert feed.highlighted == 0 and feed.scroll_y + view == TALL + 1


async def test_the_turn_screens_news_scrolls_by_keys_and_enter_opens_the_sources() -> None:
    app = make_app(MALI, seed=3, role="security_adviser")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        feed = screen.query_one("#feed", NewsFeed)
        feed.focus()
        await pilot.pause()
        span = feed._span()
        assert span is not None
        height = span[1] - span[0] + 1
        view = feed.scrollable_content_region.height
        for _ in range(max(height - view, 0)):
            await pilot.press("down")
        assert feed.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        assert app.screen.facts == screen.feed_entries[0].facts
