"""The commands a player types in plain mode, by the names the program's language gives them.

Each command has one English name and a few others (``more``, ``details``, ``why``); in another
language its names are that language's (``plus``, ``détails``, ``pourquoi`` in French), and the
English ones still work. The help names each command by the first of its names in the
language spoken. A name is recognised in any case and with or without its accents (``état``,
``etat``).
"""

from __future__ import annotations

import unicodedata

from sahelsim.i18n import DEFAULT, language, pgettext

#: Each command, by its English name, with every name it answers to in English; the first is
#: the one the help shows. Translated (context ``command``), they are the language's own.
ENGLISH = {
    "help": "help ?",
    "more": "more details why",
    "sources": "sources source fact facts",
    "glossary": "glossary words terms",
    "log": "log",
    "status": "status",
    "options": "options again repeat",
    "briefing": "briefing brief",
    "save": "save",
    "quit": "quit exit",
}


def _translated(command: str) -> str:
    # The names of each command, as the catalogue gives them in the language spoken: written
    # out so that the catalogue holds them.
    if command == "help":
        # TRANSLATORS: the names a player may type for a command of plain mode, separated by
        # spaces; the first is the one the help shows. The English names always work too.
        return pgettext("command", "help ?")
    if command == "more":
        return pgettext("command", "more details why")
    if command == "sources":
        return pgettext("command", "sources source fact facts")
    if command == "glossary":
        return pgettext("command", "glossary words terms")
    if command == "log":
        return pgettext("command", "log")
    if command == "status":
        return pgettext("command", "status")
    if command == "options":
        return pgettext("command", "options again repeat")
    if command == "briefing":
        return pgettext("command", "briefing brief")
    if command == "save":
        return pgettext("command", "save")
    if command == "quit":
        return pgettext("command", "quit exit")
    raise KeyError(command)


def names(command: str) -> list[str]:
    """Every name ``command`` answers to in the language spoken, its own first, then the
    English ones."""
    own = _translated(command).split() if language() != DEFAULT else []
    return list(dict.fromkeys([*own, *ENGLISH[command].split()]))


def name(command: str) -> str:
    """The name the help gives ``command`` in the language spoken: ``help``, ``aide``."""
    return names(command)[0]


def folded(word: str) -> str:
    """``word`` in lower case and without accents, as names are compared: ``état`` → ``etat``."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def command_of(word: str) -> str | None:
    """The command (its English name) that ``word`` names in the language spoken, or
    ``None``."""
    wanted = folded(word)
    for command in ENGLISH:
        if any(folded(n) == wanted for n in names(command)):
            return command
    return None
