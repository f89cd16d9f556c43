"""Extract the program's messages and update each language's catalogue (``make messages``).

The template, ``src/sahelsim/locale/sahelsim.pot``, holds every string marked in
``src/sahelsim`` (``_()``, ``gettext()``, ``ngettext()``, ``pgettext()``, ``N_()``, and the
core's ``said()`` and ``marked()``), with the comments that begin ``TRANSLATORS:`` above them;
the first line of the description of every key of the scenario format and of its translation
files (the hint of a missing key, which the models' docstrings give); and click's own strings
(the help's "Usage:", "Options", its error messages), which the command line translates from
the same catalogue.
Each ``src/sahelsim/locale/LANG/LC_MESSAGES/sahelsim.po`` is then updated from the template, as
``pybabel update`` does: new strings are added untranslated, changed ones are marked fuzzy with
their previous msgid, and removed ones are kept as obsolete comments. The template is rewritten
only when its messages change, so that a run that finds nothing new leaves no diff.

Compiling (``.po`` to ``.mo``) is the build's work (``hatch_build.py``) and ``make catalogues``'.
"""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path
from types import ModuleType

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
        keywords={**DEFAULT_KEYWORDS, "said": None, "marked": None},
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


def _docstring_lines(source: Path) -> dict[tuple[str, str], int]:
    """The line of each attribute docstring of the classes in ``source``, by class and
    attribute."""
    lines: dict[tuple[str, str], int] = {}
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for before, after in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(before, ast.AnnAssign)
                and isinstance(before.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                lines[(node.name, before.target.id)] = after.lineno
    return lines


def _add_descriptions(catalog: Catalog, module: ModuleType) -> None:
    """Add the hint that a missing key of each model of ``module`` gets: the first line of
    the key's description, as :func:`sahelsim.scenario.schema_errors.description_hint` makes
    it, located at the key's docstring."""
    from pydantic import BaseModel

    from sahelsim.scenario.schema_errors import description_hint

    source = Path(str(module.__file__))
    where = source.relative_to(ROOT).as_posix()
    lines = _docstring_lines(source)
    for model in vars(module).values():
        if not (
            isinstance(model, type)
            and issubclass(model, BaseModel)
            and model.__module__ == module.__name__
        ):
            continue
        for name, field in model.model_fields.items():
            if not field.description:
                continue
            line = next(
                (lines[(k.__name__, name)] for k in model.__mro__ if (k.__name__, name) in lines),
                0,
            )
            catalog.add(
                description_hint(field.description).template,
                None,
                [(where, line)],
                auto_comments=[
                    f"{model.__name__}.{name}: the first line of the key's description (the "
                    "hint when it is missing); keep what is quoted in '…' as it is."
                ],
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
    from sahelsim.scenario import model, translation

    for module in (model, translation):
        _add_descriptions(catalog, module)
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
