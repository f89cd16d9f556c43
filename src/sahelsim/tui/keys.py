"""Every key of the game, in words: the help screen shows this table, and a test checks that each
screen's bindings appear in it (and ``docs/playing.md`` repeats it).

The tables are English, marked with ``N_``; :func:`keys` and :func:`markings` give them in the
program's language (the keys themselves are key names, never translated)."""

from __future__ import annotations

from sahelsim.i18n import N_, _

#: (where, [(keys, what they do)]) in the order the help screen shows them.
KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        N_("Everywhere"),
        (
            ("?", N_("this help: every key, and how items are marked")),
            ("s", N_("save the game under a name")),
            ("o", N_("open (load) a saved game")),
            (
                "g",
                N_("the glossary: the words the scenario explains (underlined where first used)"),
            ),
            ("q / ctrl+q", N_("quit (asks first; the game is autosaved after every turn)")),
            (
                "ctrl+p",
                N_(
                    "command palette: save, load, a fact, the log, the glossary, the debrief, "
                    "help, quit"
                ),
            ),
            ("tab / shift+tab", N_("move between panels")),
            ("↑ ↓ pgup pgdn home end", N_("move in a list, or scroll")),
        ),
    ),
    (
        N_("Title"),
        (("enter", N_("play the highlighted scenario, or resume the last game")),),
    ),
    (
        N_("Role and briefing"),
        (
            ("↑ ↓", N_("choose whom you advise")),
            ("enter", N_("start the game in that role")),
            ("escape", N_("back to the scenarios")),
        ),
    ),
    (
        N_("A turn (a day or a week: the turn screen)"),
        (
            ("1 2 3 4", N_("advise that option of the open decision (you may change it)")),
            ("d", N_("the next open decision, when there are several")),
            ("e", N_("end the turn: your advice is acted on, or overruled")),
            (
                "i / c",
                N_(
                    "the inspector: the sources, facts and rule behind the highlighted news item "
                    "(or the decision)"
                ),
            ),
            ("enter", N_("in the news: its sources; in the options: advise it")),
            ("↑ ↓ pgup pgdn", N_("in the news: scroll through a long item, then on to the next")),
            ("f", N_("every fact of the scenario, with its source")),
            ("l", N_("the game's log, turn by turn")),
            ("m", N_("the map at full size")),
        ),
    ),
    (
        N_("Class mode (sahelsim play --class)"),
        (
            ("a b c d", N_("count the hands for that option (the options are lettered A–D)")),
            ("0 1 2 3 4 5 6 7 8 9", N_("type the option's count (the first digit replaces it)")),
            ("backspace", N_("erase the count's last digit")),
            ("+ = / -", N_("one hand more (+ or =) / one fewer (-) for the option")),
            (
                "enter",
                N_("advise the majority; on a tie, the teacher picks (a–d; escape: recount)"),
            ),
            ("e", N_("end the turn: the class's advice is acted on, or overruled")),
            ("n", N_("the next open decision, when there are several")),
            ("i", N_("the inspector: the sources, facts and rule behind the highlighted item")),
            ("↑ ↓ pgup pgdn", N_("in the news (tab to it): scroll a long item, then the next")),
            ("t", N_("restart the decision's timer (with --timer SECONDS)")),
            ("m / l / f", N_("the map / the log / the facts")),
            ("j", N_("with --join: the join screen (address, code, QR code) for the phones")),
            ("r", N_("with --join: reopen the phones' vote (enter closes it and advises)")),
            (
                "I (shift+i)",
                N_(
                    "bring one of the scenario's injects, or a line of your own, into the game "
                    "now (told in the day's news; kept in the save and the debrief)"
                ),
            ),
        ),
    ),
    (
        N_("Outcome of a turn"),
        (
            (
                "enter / space / n / escape",
                N_("go on to the next turn (enter goes on, as on the vote)"),
            ),
            ("i / c", N_("the inspector: the sources, facts and rule behind the highlighted item")),
        ),
    ),
    (
        N_("Ending"),
        (
            ("n", N_("a new game (back to the scenarios)")),
            ("l / f", N_("the log / the facts")),
            ("x", N_("export the debrief (HTML and Markdown, in the data folder's debriefs)")),
        ),
    ),
    (
        N_("Dialogs and lists"),
        (
            ("escape", N_("close")),
            ("enter", N_("open or confirm")),
            ("y / n", N_("yes / no, when asked")),
        ),
    ),
)

#: How the game marks where each item comes from (:func:`markings` gives the scenario's own
#: example of a reported mark).
MARKINGS: tuple[tuple[str, str], ...] = (
    (N_("REPORTED · AP, 4 June"), N_("a reported event: it happened as that source reports it")),
    (
        N_("SIMULATED · …"),
        N_(
            "made by the game's rules, not reported: an event of the game, your advice "
            "carried out, a consequence of earlier advice, an actor's move"
        ),
    ),
    (N_("SIMULATED · not as reported"), N_("a reported event that, in this game, did not happen")),
    (N_("SIMULATED · advice overruled"), N_("your principal did what history did instead")),
    (N_("Reports differ"), N_("the accounts disagree: each one is shown side by side")),
    ("i", N_("the inspector: the facts an item rests on and the rule that made it")),
    (N_("underlined word"), N_("a word the glossary explains (g), where the game first uses it")),
    (N_("Name*"), N_("on the map and in the places list: a place in this turn's news")),
    (N_("↑ / ↓ after an indicator"), N_("which way is good for it")),
    (
        N_("▲ +3 better / ▼ −3 worse"),
        N_(
            "its change since the turn before began: its news, advice and outcome, and today's news"
        ),
    ),
)


def _rows(rows: tuple[tuple[str, str], ...], terms: bool) -> tuple[tuple[str, str], ...]:
    return tuple((_(term) if terms else term, _(meaning)) for term, meaning in rows)


def keys() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """:data:`KEYS` in the program's language."""
    return tuple((_(where), _rows(rows, terms=False)) for where, rows in KEYS)


def markings(reported: str | None) -> tuple[tuple[str, str], ...]:
    """:data:`MARKINGS` in the program's language, its reported mark by the scenario's own
    example (``REPORTED · TRT World, 25 December``) when there is one."""
    first, *rest = _rows(MARKINGS, terms=True)
    if reported is None:
        return (first, *rest)
    mark = _("REPORTED")
    return ((f"{mark} · {reported}", first[1]), *rest)
