"""Sentences the core says, which the faces say again in the program's language.

The scenario checker, the saves and the authoring tools build their messages in English, and
import nothing of the program's languages (:mod:`sahelsim.i18n` belongs to the faces). A message
made with :func:`said` is still the English ``str`` it always was, for every test, log and
comparison; it also keeps its template and its fields, so that a face that prints it can
translate the template and fill it again (:func:`spoken`)::

    message = said("unknown key {key!r}", key="tittle")   # "unknown key 'tittle'"
    spoken(message, _)                                    # "clé inconnue 'tittle'" in French

The templates are msgids: ``tools/messages.py`` extracts every ``said("...")`` into the
catalogue, and every ``marked("...")`` (a template kept in a table, said later). A field may
itself be a :class:`Said` (a message built from parts): it is said again too. Anything that is
not a :class:`Said` (a plain ``str``, a number) is left as it is. A number stays a number in
its field (``said("{count:,} values", count=n)``), for the face to write in its language.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from typing import Any


class Said(str):
    """An English message that remembers how it was made: its ``template`` and ``fields``."""

    template: str
    fields: dict[str, Any]

    def __new__(cls, template: str, fields: dict[str, Any]) -> Said:
        made = super().__new__(cls, template.format(**fields))
        made.template = template
        made.fields = fields
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        # Messages cross process boundaries (lint's balance games run in worker processes).
        return (Said, (self.template, self.fields))


def said(template: str, /, **fields: Any) -> Said:
    """The message ``template.format(**fields)``, translatable by the faces."""
    return Said(template, fields)


def verbatim(text: str, /) -> Said:
    """``text`` said as it is: a message with no fields whose template is ``text``, its braces
    doubled so that filling it gives ``text`` back. For words that are not written as a
    ``said("...")`` in the source, such as a model's descriptions of its keys, which
    ``tools/messages.py`` extracts as it makes them."""
    return Said(text.replace("{", "{{").replace("}", "}}"), {})


def marked(template: str, /) -> str:
    """``template`` as it is, marked for the catalogue: a template kept in a table, which a
    :func:`said` elsewhere fills (as ``N_`` marks the faces' strings)."""
    return template


def os_reason(exc: OSError) -> str:
    """Why the system refused a file (``exc.strerror``, in the C library's English): said
    where it is one of the usual reasons (no such file, permission denied, a folder...), so
    that a face says it in its language; else as the system words it."""
    english = exc.strerror or str(exc)
    known = {
        # TRANSLATORS: the system's reasons why a file cannot be read or written, as the C
        # library words them (this one and those below).
        errno.ENOENT: said("No such file or directory"),
        errno.EACCES: said("Permission denied"),
        errno.EPERM: said("Operation not permitted"),
        errno.EISDIR: said("Is a directory"),
        errno.ENOTDIR: said("Not a directory"),
        errno.ENAMETOOLONG: said("File name too long"),
        errno.ELOOP: said("Too many levels of symbolic links"),
        errno.EROFS: said("Read-only file system"),
        errno.ENOSPC: said("No space left on device"),
        errno.EDQUOT: said("Disk quota exceeded"),
        errno.EIO: said("Input/output error"),
    }
    made = known.get(exc.errno) if exc.errno is not None else None
    return made if made is not None and made == english else english


def spoken(text: str, translate: Callable[[str], str]) -> str:
    """``text`` in the language of ``translate`` (a gettext function): a :class:`Said` from its
    translated template, with its fields said again; anything else as it is. A translation that
    does not fit its fields (a placeholder the English lacks) falls back to the English."""
    if not isinstance(text, Said):
        return text
    fields = {
        key: spoken(value, translate) if isinstance(value, Said) else value
        for key, value in text.fields.items()
    }
    try:
        return translate(text.template).format(**fields)
    except (KeyError, IndexError, ValueError, AttributeError):
        return str(text)


def spoken_error(exc: BaseException, translate: Callable[[str], str]) -> str:
    """An exception's message (its first argument, when it was made with :func:`said`) in the
    language of ``translate``; else ``str(exc)``."""
    if exc.args and isinstance(exc.args[0], Said):
        return spoken(exc.args[0], translate)
    return str(exc)
