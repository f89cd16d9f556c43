"""The open decision: its question, its options (keys 1–4) and the adviser's pros and cons."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sahelsim.scenario.model import Decision
from sahelsim.scenario.model import Option as Choice
from sahelsim.telling import Words
from sahelsim.text import one_line
from sahelsim.tui.present import NOTE_STYLE, TITLE_STYLE, cite, glossed, line, plain
from sahelsim.tui.widgets.common import Plain

#: How the player's advice is marked on an option, in words.
ADVISED = "◀ your advice"


def option_prompt(
    number: int,
    option: Choice,
    advised: bool,
    label: Content | None = None,
    text: Content | None = None,
    mark: str = ADVISED,
) -> Content:
    """An option as the list shows it: its key and label, its text, then pros (+) and cons (−)
    (``label`` and ``text`` as already drawn, with their glossary terms marked)."""
    parts: list[Content] = [
        Content.assemble(
            (f"{number} ", "bold reverse"),
            " ",
            label if label is not None else (one_line(option.label), TITLE_STYLE),
            (f"  {mark}", "bold") if advised else "",
        )
    ]
    if option.text:
        parts.append(text if text is not None else plain(option.text))
    parts += [Content.assemble(("  + ", "bold"), line(pro)) for pro in option.pros]
    parts += [Content.assemble(("  − ", "bold"), line(con)) for con in option.cons]
    return Content("\n").join(parts)


class DecisionPanel(Vertical):
    """Shows one open decision; the screen sends the player's choice to the engine.

    Selecting an option (keys 1–4, or Enter on the highlighted one) posts
    ``OptionList.OptionSelected`` from the ``#options`` list; the screen handles it.
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="decision-head-box"):
            yield Plain(id="decision-head")
        yield OptionList(id="options", markup=False)
        yield Plain(id="decision-foot")

    def show(
        self,
        decisions: Sequence[Decision],
        index: int,
        advice: Mapping[str, str],
        *,
        principal: str,
        options: Callable[[str], Sequence[Choice]],
        words: Words,
    ) -> None:
        """Show decision ``index`` of the turn's open ``decisions``, marking the advice given.

        Args:
            decisions: The open decisions.
            index: Which to show.
            advice: The advice given so far, by decision.
            principal: Whom the player advises, as the game names them.
            options: A decision's options in the order this game shows them (the game's
                :meth:`~sahelsim.engine.Game.options`): position never tells history.
            words: The scenario's words: what a turn is called (``day``, ``week``, ``turn``)
                and how the turn in progress is said (``today``, ``this week``).
        """
        today, unit = words.now, words.unit_word
        head = self.query_one("#decision-head", Plain)
        listing = self.query_one("#options", OptionList)
        foot = self.query_one("#decision-foot", Plain)
        listing.clear_options()
        if not decisions:
            head.update(
                Content.assemble(
                    (f"No decision {today}.", TITLE_STYLE),
                    f"\nNothing awaits your advice. Read the news, then press e to end the {unit}.",
                )
            )
            foot.update("")
            listing.display = False
            return
        listing.display = True
        decision = decisions[index]
        count = (
            f"Decision {index + 1} of {len(decisions)} (d: next) · " if len(decisions) > 1 else ""
        )
        chosen = advice.get(decision.id)
        shown = options(decision.id)
        texts = [one_line(decision.title), words.text(decision.prompt)]
        texts += [one_line(o.label) for o in shown] + [words.text(o.text) for o in shown]
        styles = (TITLE_STYLE, "", *(TITLE_STYLE for _ in shown))
        drawn, notes = glossed(words, ("decision", decision.id), texts, styles)
        parts: list[Content] = [Content.assemble((count, NOTE_STYLE), drawn[0]), drawn[1]]
        if decision.facts:
            parts.append(
                Content.assemble(
                    ("Context, reported: ", NOTE_STYLE),
                    cite(words, decision.facts),
                    " (i: sources)",
                )
            )
        head.update(Content("\n").join([*parts, *notes]))
        labels, bodies = drawn[2 : 2 + len(shown)], drawn[2 + len(shown) :]
        for i, option in enumerate(shown):
            prompt = option_prompt(i + 1, option, option.id == chosen, labels[i], bodies[i])
            listing.add_option(Option(prompt, id=option.id))
            listing.add_option(None)
        if chosen is not None:
            listing.highlighted = [o.id for o in shown].index(chosen)
        keys = f"1–{len(shown)}"
        waiting = [d for d in decisions if d.id not in advice]
        if chosen is None:
            note = f"Advise {principal}: press {keys}. {words.may_overrule(decision)}"
        elif waiting:
            note = f"Advice noted. {len(waiting)} more decision(s) {today}: press d."
        else:
            label = next(o.label for o in shown if o.id == chosen)
            note = (
                f"Your advice: {one_line(label)}. Press e to end the {unit} ({keys} to change it)."
            )
        foot.update(Content.assemble((note, "bold")))
