"""Plain mode: the game as a line-by-line dialogue on standard input and output.

For screen readers and braille displays (Textual has no screen-reader support), slow links and
scripts. It is the same game as the Textual face: the same engine, the same log, the same saves.
It prints no colour, no cursor movement and no box drawing; every log item is printed with its
provenance in words (``Reported (F10): ...``, ``Simulated (rule raid): ...``); and every
scenario string goes through :func:`sahelsim.text.clean` first.

This wing imports nothing from Textual or Rich.

Typical use (what ``sahelsim play --plain`` does)::

    import sys
    from sahelsim.plain import run
    status = run(None, seed=7, role=None, load=None, stdin=sys.stdin, stdout=sys.stdout)
"""

from sahelsim.plain.session import (
    EXIT_CANNOT_START,
    EXIT_INCOMPLETE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    run,
)

__all__ = ["EXIT_CANNOT_START", "EXIT_INCOMPLETE", "EXIT_INTERRUPTED", "EXIT_OK", "run"]
