"""The program's language: its gettext catalogues, and dates, numbers and quotations written in it.

The faces (the command line, the Textual game, plain mode, the reports) mark their words with
:func:`_` (``gettext``) and :func:`ngettext`, and the strings they must mark where they are
defined, to translate later, with :func:`N_`. English is the source language: it needs no
catalogue. The language is, in this order:

1. the one the command line chose (``sahelsim --lang fr``, through :func:`set_language`);
2. ``SAHELSIM_LANG``;
3. the locale: the first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set;
4. else English.

The first of these that is set decides: a language without a catalogue (``de``, ``C``) is
English, without an error. ``fr_FR.UTF-8``, ``fr-CA`` and ``FR`` all name French.

Importing this module is cheap (it loads no Textual, no Babel, not even gettext): a catalogue
is read the first time a string is translated into its language, and Babel only when a date, a
number or a list is formatted, or a source checkout's ``.po`` is read. The core
(``sahelsim.scenario``, ``sahelsim.engine``) does not import it: it speaks in codes and data,
which the faces put into words.

The compiled catalogues (``locale/LANG/LC_MESSAGES/sahelsim.mo``) are built from the ``.po``
files when the package is built or installed (``hatch_build.py``); a source checkout whose
``.mo`` is missing, or older than its ``.po``, reads the ``.po`` itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing

if TYPE_CHECKING:  # gettext, pathlib and datetime cost more than the rest of the module
    import datetime as dt
    from gettext import NullTranslations

#: The gettext domain: the catalogues are ``sahelsim.pot`` and ``LANG/LC_MESSAGES/sahelsim.po``.
DOMAIN = "sahelsim"
#: Where the catalogues are, inside the package.
LOCALE_DIR: str | os.PathLike[str] = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "locale"
)
#: The source language, and the language of anything without a catalogue.
DEFAULT = "en"
#: The languages the program speaks: the source language and those with a catalogue.
LANGUAGES = ("en", "fr")
#: The environment variable that names the language, before the locale's.
ENV = "SAHELSIM_LANG"
#: The locale's variables, in the order POSIX reads them for messages.
LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")

#: The language the command line chose, if any (``--lang``).
_chosen: str | None = None
_catalogues: dict[str, NullTranslations] = {}

#: Babel's locale for each language: the English of the program is British (``3 June 2025``).
_BABEL_LOCALE = {"en": "en_GB", "fr": "fr_FR"}
NBSP = "\u00a0"


def supported(name: str | None) -> str:
    """The program's language for a language or locale name: ``fr_FR.UTF-8``, ``fr-CA`` and
    ``fr`` are ``fr``; anything it does not speak (``de``, ``C``, ``POSIX``, ``""``) is
    :data:`DEFAULT`."""
    if not name:
        return DEFAULT
    code = name.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT


def set_language(name: str | None) -> None:
    """Choose the language for this process (``--lang``); ``None`` leaves it to the environment
    again. A name the program does not speak is English."""
    global _chosen
    _chosen = None if name is None else supported(name)


def chosen_language() -> str | None:
    """The language :func:`set_language` chose, or ``None``."""
    return _chosen


def language() -> str:
    """The language the program speaks now (see the module's documentation for the order)."""
    if _chosen is not None:
        return _chosen
    for variable in (ENV, *LOCALE_ENV):
        value = os.environ.get(variable)
        if value:
            return supported(value)
    return DEFAULT


@contextmanager
def use_language(name: str | None) -> Iterator[None]:
    """Speak ``name`` inside the block (for tests and for a face that renders in a given
    language), then whatever was chosen before."""
    before = _chosen
    set_language(name)
    try:
        yield
    finally:
        set_language(before)


def catalogue(lang: str | None = None) -> NullTranslations:
    """The translations into ``lang`` (default: :func:`language`); English's translate
    nothing. Read once, then kept."""
    lang = supported(lang) if lang is not None else language()
    found = _catalogues.get(lang)
    if found is None:
        found = _catalogues[lang] = _read(lang)
    return found


def _read(lang: str) -> NullTranslations:
    from gettext import GNUTranslations, NullTranslations

    if lang == DEFAULT:
        return NullTranslations()
    folder = os.path.join(LOCALE_DIR, lang, "LC_MESSAGES")
    mo, po = os.path.join(folder, f"{DOMAIN}.mo"), os.path.join(folder, f"{DOMAIN}.po")
    mo_time = os.path.getmtime(mo) if os.path.isfile(mo) else None
    if os.path.isfile(po) and (mo_time is None or os.path.getmtime(po) > mo_time):
        return _compiled(po)  # a source checkout whose catalogue was edited since it was built
    if mo_time is not None:
        with open(mo, "rb") as handle:
            return GNUTranslations(handle)
    return NullTranslations()


def _compiled(po: str) -> NullTranslations:
    """The ``.po`` file compiled in memory, as the build would write it."""
    from gettext import GNUTranslations
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as handle:
        messages = read_po(handle, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return GNUTranslations(buffer)


def gettext(message: str) -> str:
    """``message`` in the program's language (itself where no translation is known)."""
    return catalogue().gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or the plural form, as the language's rule has it for ``n``."""
    return catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context``, for an English word that has two translations."""
    return catalogue().pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it: for strings defined before the
    language is known, translated with :func:`_` where they are shown."""
    return message


def babel_locale(lang: str | None = None) -> str:
    """Babel's locale for ``lang`` (default: :func:`language`): ``en_GB`` or ``fr_FR``."""
    return _BABEL_LOCALE[supported(lang) if lang is not None else language()]


def format_day(day: dt.date, lang: str | None = None) -> str:
    """A day as the text says it: ``3 June 2025``; in French ``3 juin 2025`` and ``1er juin
    2025``."""
    from babel.dates import format_date

    lang = supported(lang) if lang is not None else language()
    text = format_date(day, "d MMMM y", locale=babel_locale(lang))
    if lang == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text


def format_number(
    value: float, decimals: int | None = None, lang: str | None = None, *, group: bool = True
) -> str:
    """A number as the language writes it: ``1,234.5`` / ``1 234,5`` (a narrow no-break space
    between groups of digits in French). ``decimals`` fixes the digits after the point;
    ``group=False`` writes no group separator (years, seeds)."""
    from babel.numbers import format_decimal

    pattern = None
    if decimals is not None:
        pattern = ("#,##0" if group else "0") + ("." + "0" * decimals if decimals else "")
    elif not group:
        pattern = "0.###"
    return format_decimal(value, format=pattern, locale=babel_locale(lang), group_separator=group)


def format_list(items: Iterable[str], lang: str | None = None) -> str:
    """``a, b and c``; in French ``a, b et c``."""
    from babel.lists import format_list as babel_format_list

    return babel_format_list(list(items), locale=babel_locale(lang))


def quote(text: str, lang: str | None = None) -> str:
    """``text`` between the language's quotation marks: “text”, and in French « text » (with
    no-break spaces inside the guillemets)."""
    lang = supported(lang) if lang is not None else language()
    if lang == "fr":
        return f"«{NBSP}{text}{NBSP}»"
    return f"\u201c{text}\u201d"
