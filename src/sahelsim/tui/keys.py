"""Every key of the game, in words: the help screen shows this table, and a test checks that each
screen's bindings appear in it (and ``docs/playing.md`` repeats it)."""

from __future__ import annotations

#: (where, [(keys, what they do)]) in the order the help screen shows them.
KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("?", "this help: every key, and how items are marked"),
            ("s", "save the game under a name"),
            ("o", "open (load) a saved game"),
            ("g", "the glossary: the words the scenario explains (underlined where first used)"),
            ("q / ctrl+q", "quit (asks first; the game is autosaved after every turn)"),
            (
                "ctrl+p",
                "command palette: save, load, a fact, the log, the glossary, the debrief, help, "
                "quit",
            ),
            ("tab / shift+tab", "move between panels"),
            ("↑ ↓ pgup pgdn home end", "move in a list, or scroll"),
        ),
    ),
    (
        "Title",
        (("enter", "play the highlighted scenario, or resume the last game"),),
    ),
    (
        "Role and briefing",
        (
            ("↑ ↓", "choose whom you advise"),
            ("enter", "start the game in that role"),
            ("escape", "back to the scenarios"),
        ),
    ),
    (
        "A turn (a day or a week: the turn screen)",
        (
            ("1 2 3 4", "advise that option of the open decision (you may change it)"),
            ("d", "the next open decision, when there are several"),
            ("e", "end the turn: your advice is acted on, or overruled"),
            (
                "i / c",
                "the inspector: the sources, facts and rule behind the highlighted news item "
                "(or the decision)",
            ),
            ("enter", "in the news: its sources; in the options: advise it"),
            ("↑ ↓ pgup pgdn", "in the news: scroll through a long item, then on to the next"),
            ("f", "every fact of the scenario, with its source"),
            ("l", "the game's log, turn by turn"),
            ("m", "the map at full size"),
        ),
    ),
    (
        "Class mode (sahelsim play --class)",
        (
            ("a b c d", "count the hands for that option (the options are lettered A–D)"),
            ("0 1 2 3 4 5 6 7 8 9", "type the option's count (the first digit replaces it)"),
            ("backspace", "erase the count's last digit"),
            ("+ = / -", "one hand more (+ or =) / one fewer (-) for the option"),
            ("enter", "advise the majority; on a tie, the teacher picks (a–d; escape: recount)"),
            ("e", "end the turn: the class's advice is acted on, or overruled"),
            ("n", "the next open decision, when there are several"),
            ("i", "the inspector: the sources, facts and rule behind the highlighted item"),
            ("↑ ↓ pgup pgdn", "in the news (tab to it): scroll a long item, then the next"),
            ("t", "restart the decision's timer (with --timer SECONDS)"),
            ("m / l / f", "the map / the log / the facts"),
            ("j", "with --join: the join screen (address, code, QR code) for the phones"),
            ("r", "with --join: reopen the phones' vote (enter closes it and advises)"),
        ),
    ),
    (
        "Outcome of a turn",
        (
            (
                "enter / space / n / escape",
                "go on to the next turn (enter goes on, as on the vote)",
            ),
            ("i / c", "the inspector: the sources, facts and rule behind the highlighted item"),
        ),
    ),
    (
        "Ending",
        (
            ("n", "a new game (back to the scenarios)"),
            ("l / f", "the log / the facts"),
            ("x", "export the debrief (HTML and Markdown, in the data folder's debriefs)"),
        ),
    ),
    (
        "Dialogs and lists",
        (
            ("escape", "close"),
            ("enter", "open or confirm"),
            ("y / n", "yes / no, when asked"),
        ),
    ),
)

#: How the game marks where each item comes from (:func:`markings` gives the scenario's own
#: example of a reported mark).
MARKINGS: tuple[tuple[str, str], ...] = (
    ("REPORTED · AP, 4 June", "a reported event: it happened as that source reports it"),
    (
        "SIMULATED · …",
        "made by the game's rules, not reported: an event of the game, your advice carried out, "
        "a consequence of earlier advice, an actor's move",
    ),
    ("SIMULATED · not as reported", "a reported event that, in this game, did not happen"),
    ("SIMULATED · advice overruled", "your principal did what history did instead"),
    ("Reports differ", "the accounts disagree: each one is shown side by side"),
    ("i", "the inspector: the facts an item rests on and the rule that made it"),
    ("underlined word", "a word the glossary explains (g), where the game first uses it"),
    ("Name*", "on the map and in the places list: a place in this turn's news"),
    ("↑ / ↓ after an indicator", "which way is good for it"),
    (
        "▲ +3 better / ▼ −3 worse",
        "its change since the turn before began: its news, advice and outcome, and today's news",
    ),
)


def markings(reported: str | None) -> tuple[tuple[str, str], ...]:
    """:data:`MARKINGS`, its reported mark by the scenario's own example (``REPORTED · TRT
    World, 25 December``) when there is one."""
    if reported is None:
        return MARKINGS
    first, *rest = MARKINGS
    return ((f"REPORTED · {reported}", first[1]), *rest)
