"""The open decision: its question, its options (keys 1–4) and the adviser's pros and cons."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sahelsim.i18n import N_, _, ngettext
from sahelsim.scenario.model import Decision
from sahelsim.scenario.model import Option as Choice
from sahelsim.telling import Words
from sahelsim.text import one_line
from sahelsim.tui.present import NOTE_STYLE, TITLE_STYLE, cite, glossed, line, per_unit, plain
from sahelsim.tui.widgets.common import Plain

#: How the player's advice is marked on an option, in words.
ADVISED = N_("◀ your advice")


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
            (f"  {_(mark)}", "bold") if advised else "",
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
        head = self.query_one("#decision-head", Plain)
        listing = self.query_one("#options", OptionList)
        foot = self.query_one("#decision-foot", Plain)
        listing.clear_options()
        if not decisions:
            head.update(
                Content.assemble(
                    (
                        per_unit(
                            words,
                            _("No decision today."),
                            _("No decision this week."),
                            _("No decision this turn."),
                        ),
                        TITLE_STYLE,
                    ),
                    "\n",
                    per_unit(
                        words,
                        _(
                            "Nothing awaits your advice. "
                            "Read the news, then press e to end the day."
                        ),
                        _(
                            "Nothing awaits your advice. "
                            "Read the news, then press e to end the week."
                        ),
                        _(
                            "Nothing awaits your advice. "
                            "Read the news, then press e to end the turn."
                        ),
                    ),
                )
            )
            foot.update("")
            listing.display = False
            return
        listing.display = True
        decision = decisions[index]
        count = (
            _("Decision {number} of {count} (d: next) · ").format(
                number=index + 1, count=len(decisions)
            )
            if len(decisions) > 1
            else ""
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
                    (_("Context, reported: "), NOTE_STYLE),
                    cite(words, decision.facts),
                    _(" (i: sources)"),
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
            # TRANSLATORS: {keys} is "1–3"; {chance} says whether the advice may be overruled.
            note = _("Advise {principal}: press {keys}. {chance}").format(
                principal=principal, keys=keys, chance=words.may_overrule(decision)
            )
        elif waiting:
            more = len(waiting)
            note = per_unit(
                words,
                ngettext(
                    "Advice noted. {count} more decision(s) today: press d.",
                    "Advice noted. {count} more decision(s) today: press d.",
                    more,
                ),
                ngettext(
                    "Advice noted. {count} more decision(s) this week: press d.",
                    "Advice noted. {count} more decision(s) this week: press d.",
                    more,
                ),
                ngettext(
                    "Advice noted. {count} more decision(s) this turn: press d.",
                    "Advice noted. {count} more decision(s) this turn: press d.",
                    more,
                ),
            ).format(count=more)
        else:
            label = one_line(next(o.label for o in shown if o.id == chosen))
            note = per_unit(
                words,
                _("Your advice: {option}. Press e to end the day ({keys} to change it)."),
                _("Your advice: {option}. Press e to end the week ({keys} to change it)."),
                _("Your advice: {option}. Press e to end the turn ({keys} to change it)."),
            ).format(option=label, keys=keys)
        foot.update(Content.assemble((note, "bold")))
