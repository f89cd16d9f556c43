"""The two streams of a plain-mode session: short wrapped lines out, one answer a line in."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TextIO

from sahelsim.text import one_line

#: Lines are wrapped to this many characters: short enough for a braille display to pan through
#: in a few steps and for a narrow terminal, long enough not to chop every sentence.
WIDTH = 72


class Verbatim(str):
    """A paragraph written as it is, never wrapped: a command to type, a path to copy."""

    __slots__ = ()


class EndOfInput(Exception):
    """Standard input ended (EOF) while the session waited for an answer."""


class Console:
    """Writes paragraphs as short lines and reads answers, one a line.

    Args:
        stdin: Where answers come from; EOF raises :class:`EndOfInput`.
        stdout: Where everything is written; only printable text and newlines reach it.
        width: The longest line written (a long word is not broken, so it may exceed it).
    """

    def __init__(self, stdin: TextIO, stdout: TextIO, width: int = WIDTH) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.width = width
        # With a person at a terminal, the terminal echoes what they type; with a pipe or file,
        # nothing would, so the session writes each answer after its prompt, keeping a
        # transcript that reads as a dialogue.
        self.interactive = _isatty(stdin)
        self._wrapper = textwrap.TextWrapper(
            width=width, break_long_words=False, break_on_hyphens=False
        )
        encoding = getattr(stdout, "encoding", None)
        self._encoding = encoding if isinstance(encoding, str) else None

    def say(self, *paragraphs: str) -> None:
        """Write each paragraph wrapped into short lines; ``""`` writes a blank line."""
        self.lines(paragraphs)

    def lines(self, paragraphs: Iterable[str]) -> None:
        """Write each paragraph wrapped into short lines; ``""`` writes a blank line."""
        out: list[str] = []
        for paragraph in paragraphs:
            if isinstance(paragraph, Verbatim):
                out.append(str(paragraph))
            else:
                out.extend(self._wrapper.wrap(paragraph) or [""])
        self._write("".join(f"{line}\n" for line in out))

    def ask(self, prompt: str) -> str:
        """Write ``prompt`` (on its own line's end) and read one answer, stripped.

        Raises:
            EndOfInput: standard input has ended.
        """
        self._write(prompt)
        self.stdout.flush()
        try:
            line = self.stdin.readline()
        except UnicodeDecodeError:
            # Bytes that are not text: an answer that matches nothing, so it is asked again.
            line = "\ufffd\n"
        except (ValueError, OSError):
            line = ""  # standard input is closed or gone: the same as its end
        if not line:
            self._write("\n")
            raise EndOfInput
        answer = line.strip()
        if not self.interactive:
            self._write(f"{one_line(answer)}\n")
        return answer

    def _write(self, text: str) -> None:
        if self._encoding:
            # A terminal or pipe that cannot show a character gets a '?' rather than a crash.
            text = text.encode(self._encoding, "replace").decode(self._encoding)
        self.stdout.write(text)


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
