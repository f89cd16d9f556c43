"""Extract the program's messages and update each language's catalogue (``make messages``).

The template, ``src/sahelsim/locale/sahelsim.pot``, holds every string marked in
``src/sahelsim`` (``_()``, ``gettext()``, ``ngettext()``, ``pgettext()``, ``N_()``), with the
comments that begin ``TRANSLATORS:`` above them, and click's own strings (the help's "Usage:",
"Options", its error messages), which the command line translates from the same catalogue.
Each ``src/sahelsim/locale/LANG/LC_MESSAGES/sahelsim.po`` is then updated from the template, as
``pybabel update`` does: new strings are added untranslated, changed ones are marked fuzzy with
their previous msgid, and removed ones are kept as obsolete comments. The template is rewritten
only when its messages change, so that a run that finds nothing new leaves no diff.

Compiling (``.po`` to ``.mo``) is the build's work (``hatch_build.py``) and ``make catalogues``'.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sahelsim"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "sahelsim.pot"
DOMAIN = "sahelsim"
WIDTH = 79


def _add(catalog: Catalog, folder: Path, prefix: str) -> None:
    """Add the messages marked in the Python files under ``folder``, their locations written
    as ``prefix/FILE:LINE``."""
    found = extract_from_dir(
        folder,
        method_map=[("**.py", "python")],
        keywords={**DEFAULT_KEYWORDS, "said": None},
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message,
            None,
            [(f"{prefix}/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )


def template() -> Catalog:
    """The template of the program's messages, then click's."""
    sys.path.insert(0, str(ROOT / "src"))
    from sahelsim import __version__

    catalog = Catalog(
        project="sahelsim",
        version=__version__,
        copyright_holder="The sahelsim authors",
        charset="utf-8",
        fuzzy=False,
    )
    _add(catalog, PACKAGE, "src/sahelsim")
    _add(catalog, Path(click.__file__).parent, "click")
    return catalog


def _text(catalog: Catalog, **options: bool) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, **options)
    return buffer.getvalue()


def _without_dates(text: bytes) -> bytes:
    return b"".join(
        line
        for line in text.splitlines(keepends=True)
        if not line.startswith((b'"POT-Creation-Date:', b'"Generated-By:'))
    )


def main() -> None:
    catalog = template()
    text = _text(catalog)
    old = TEMPLATE.read_bytes() if TEMPLATE.is_file() else b""
    if _without_dates(old) != _without_dates(text):
        TEMPLATE.write_bytes(text)
        print(f"wrote {TEMPLATE.relative_to(ROOT)} ({len(catalog)} messages)")
    for po in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as handle:
            translated = read_po(handle, locale=po.parts[-3], domain=DOMAIN)
        translated.update(catalog, update_creation_date=False)
        new = _text(translated, include_previous=True)
        if new != po.read_bytes():
            po.write_bytes(new)
            print(f"updated {po.relative_to(ROOT)}")
        missing = [m.id for m in translated if m.id and (not m.string or m.fuzzy)]
        if missing:
            print(f"{po.relative_to(ROOT)}: {len(missing)} to translate or check (fuzzy)")


if __name__ == "__main__":
    main()
