"""Scenario text is data: make it safe to show on a terminal.

Scenario files are untrusted. Their strings may hold escape sequences that would move the
cursor, retitle the window or worse if written to a terminal, and markup that Textual or Rich
would interpret. Every face shows scenario text through :func:`clean` and, in Textual, as plain
``Content``/``Text``, never as markup.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences (CSI, OSC, DCS and two-byte forms), then any other C0/C1 control
# character except newline and tab, and DEL, then the bidirectional embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069), which can make text display in another order than
# it reads.
_ESCAPES = re.compile(
    r"""\x1b(?:\[[0-?]*[ -/]*[@-~]        # CSI ... final byte
         |\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC ... BEL or ST
         |[PX^_][^\x1b]*(?:\x1b\\)?       # DCS, SOS, PM, APC ... ST
         |[@-Z\\-_])                      # two-byte sequences
      |\x9b[0-?]*[ -/]*[@-~]              # 8-bit CSI
      |[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]""",
    re.VERBOSE,
)


def clean(text: str) -> str:
    """``text`` without terminal escape sequences, control characters or bidirectional
    overrides (newlines stay).

    Tabs become spaces, so that columns line up the same everywhere.
    """
    if text.isprintable():
        return text
    return _ESCAPES.sub("", text.replace("\t", "    ").replace("\r\n", "\n"))


#: White space that :func:`one_line` folds: any but the no-break spaces, which French
#: typography puts before a colon and inside quotation marks so that a line never breaks there.
_FOLDED = re.compile(r"[^\S\u00a0\u202f]+")


def one_line(text: str) -> str:
    """``text`` cleaned and folded onto one line (for titles, labels, table cells); its
    no-break spaces are kept."""
    return _FOLDED.sub(" ", clean(text)).strip(" ")


#: A token that is a word: it holds a letter or a digit.
_WORDLIKE = re.compile(r"[^\W_]")


def count_words(text: str) -> int:
    """The words of ``text``: what white space separates, holding a letter or a digit. A mark
    of punctuation set apart (French puts a space before ``:`` and inside ``« »``) or an arrow
    is not a word."""
    return sum(1 for token in text.split() if _WORDLIKE.search(token))


#: The longest :func:`slug`, in characters.
SLUG_LENGTH = 24


def slug(text: str, length: int = SLUG_LENGTH) -> str:
    """``text`` made safe as part of a file name: ASCII lowercase letters and digits joined by
    single hyphens, at most ``length`` characters; ``""`` when nothing is left.

    Accents are dropped (``"Élèves 3e"`` → ``"eleves-3e"``); anything else that is not a letter
    or digit separates words. No path separator, dot, space, control character, or leading or
    trailing hyphen survives, so the result can go between other parts of a name on any file
    system (``"10B"`` → ``"10b"``).
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.split(r"[^a-z0-9]+", plain.lower())
    return "-".join(word for word in words if word)[:length].strip("-")
