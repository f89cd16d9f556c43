"""Diagnostics: what is wrong with a scenario file, and where.

Every problem the loader finds becomes a :class:`Diagnostic` with a file position, a stable code
and a message in the format's own words. The codes are documented in ``docs/scenario-format.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from sahelsim.said import said, spoken

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in a file.

    Attributes:
        path: The file, as the user named it.
        line: 1-based line number.
        col: 1-based column number.
        code: A stable, kebab-case code such as ``unknown-key``.
        message: What is wrong, quoting the bad input.
        hint: How to fix it, or ``None``.
        severity: ``error`` (the file cannot be used) or ``warning`` (lint).
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def format(self, translate: Callable[[str], str] | None = None) -> str:
        """The diagnostic as ``PATH:LINE:COL: error[CODE]: message``, with its hint below.

        With ``translate`` (a face's gettext), the message and the hint are said in its
        language where they were made with :func:`sahelsim.said.said`; the position, the
        severity and the code stay as they are, for editors and scripts that read them.

        Each of the two lines is safe to print: a path or a message that holds an escape
        sequence, a control character or a line break (a file named so, text quoted from the
        file) is cleaned onto its line (:func:`sahelsim.text.one_line`).
        """
        from sahelsim.text import one_line

        message, hint = self.message, self.hint
        shown_hint: str | None = said("hint: {hint}", hint=hint) if hint else None
        if translate is not None:
            message = spoken(message, translate)
            shown_hint = spoken(shown_hint, translate) if shown_hint else None
        head = f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {message}"
        head = one_line(head)
        if shown_hint:
            return f"{head}\n  {one_line(shown_hint)}"
        return head

    def to_json(self) -> dict[str, object]:
        """The diagnostic as a JSON-ready mapping."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class ScenarioError(Exception):
    """A scenario file could not be loaded; carries every diagnostic found in one pass."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.line, d.col, d.code))
        super().__init__(self.first())

    def first(self, translate: Callable[[str], str] | None = None) -> str:
        """The first diagnostic's line, and how many more there are (in the language of
        ``translate``, when given)."""
        if not self.diagnostics:
            return "invalid"
        first = self.diagnostics[0].format(translate).splitlines()[0]
        more = len(self.diagnostics) - 1
        if more <= 0:
            return first
        counted = said("{first} (and {more} more)", first=first, more=more)
        return spoken(counted, translate) if translate is not None else counted

    @property
    def unreadable(self) -> bool:
        """Whether the file could not be read at all (missing, a folder, not allowed), rather
        than read and found invalid: commands exit 2 for the one and 1 for the other."""
        return any(d.code == "file" for d in self.diagnostics)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a misspelt ``word`` most likely meant (the same word in another case
    counts), or ``None``."""
    import difflib

    names = list(candidates)
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if not close:
        lowered = {n.lower(): n for n in names}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return close[0] if close else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A ``did you mean 'x'?`` hint for a misspelt ``word``, or ``None`` (said: a face shows it in
    the program's language).

    Args:
        word: What the author wrote.
        candidates: The names that would have been valid.
    """
    guess = closest(word, candidates)
    # TRANSLATORS: a suggestion after a misspelt name: "did you mean 'editor'?".
    return said("did you mean {name}?", name=repr(guess)) if guess is not None else None
