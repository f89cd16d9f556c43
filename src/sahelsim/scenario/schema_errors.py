"""Pydantic's validation errors, said in the scenario format's own words."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from sahelsim.said import Said, said, verbatim
from sahelsim.scenario.diagnostics import Diagnostic, did_you_mean
from sahelsim.scenario.model import FORMAT, Scenario
from sahelsim.scenario.yamlsafe import Path, locate

_IDENT = r"^[A-Za-z][A-Za-z0-9_]*$"
_SLUG = r"^[a-z0-9][a-z0-9-]*$"


def dotted(path: Path) -> str:
    """A path as the author would write it: ``events[3].facts[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or said("(top level)")


def _at(path: Path, message: str) -> str:
    """``message`` about the value at ``path``, named before it (``events[3].title: ...``)."""
    if not path:
        return message
    # TRANSLATORS: {path} is where in the scenario file the problem is, a path of keys and
    # indexes such as events[3].facts[0]; {message} is what is wrong there.
    return said("{path}: {message}", path=dotted(path), message=message)


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes and containers an annotation may stand for."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    return [annotation]


def _model_at(path: Path) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``path``, if the path leads to one."""
    current: list[Any] = [Scenario]
    for part in path:
        following: list[Any] = []
        for candidate in current:
            origin = typing.get_origin(candidate)
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                field = candidate.model_fields.get(str(part))
                if field is not None:
                    following.extend(_unwrap(field.annotation))
            elif origin is list and isinstance(part, int):
                following.extend(_unwrap(typing.get_args(candidate)[0]))
            elif origin is dict and isinstance(part, str):
                following.extend(_unwrap(typing.get_args(candidate)[1]))
        current = following
    for candidate in current:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _keys_of(path: Path) -> list[str]:
    model = _model_at(path)
    return list(model.model_fields) if model is not None else []


def _clean_loc(loc: tuple[int | str, ...], data: Any) -> Path:
    """Drop the parts of pydantic's location that are not in the file (union member names)."""
    out: list[str | int] = []
    node = data
    last = len(loc) - 1
    for index, part in enumerate(loc):
        in_map = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_map or in_list:
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and index == last:
            out.append(part)  # a missing key: the diagnostic names it
    return tuple(out)


def _message(kind: str, msg: str, ctx: dict[str, Any] | None, value: Any) -> str:
    """Pydantic's message in the format's words: said (:func:`_said`) where its kind is known
    and the words are the same, else its English as it is."""
    english = _english(kind, msg, ctx, value)
    made = _said(kind, ctx or {}, value)
    return made if made is not None and made == english else english


def _english(kind: str, msg: str, ctx: dict[str, Any] | None, value: Any) -> str:
    if kind == "string_pattern_mismatch" and ctx is not None:
        friendly = _pattern(str(ctx.get("pattern")), value)
        if friendly is not None:
            return friendly
    if kind == "string_too_short":
        return "should not be empty"
    if kind in ("too_short", "too_long"):
        return msg.replace(" after validation", "").replace("List should", "should")
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not have the expected form"
    msg = msg.removeprefix("Value error, ")
    if msg.startswith("Input should be"):
        msg = "should be" + msg[len("Input should be") :]
    elif msg.startswith("Input"):
        msg = msg[len("Input ") :]
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "string_type"):
        return f"{msg}, not {_kind_of(value)}"
    return msg


def _pattern(pattern: str, value: Any) -> Said | None:
    """What a value that does not match one of the format's patterns should be."""
    if pattern == _IDENT:
        return said(
            "{value!r} should be an id: a letter, then letters, digits or underscores "
            "(no spaces or hyphens)",
            value=value,
        )
    if pattern == _SLUG:
        return said("{value!r} should be lowercase letters, digits and hyphens", value=value)
    return None


def _limit(value: Any) -> Any:
    """A bound as pydantic writes it (``90``, not ``90.0``)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _said(kind: str, ctx: dict[str, Any], value: Any) -> Said | None:
    """The message of a known kind of pydantic error, said; ``None`` for any other kind."""
    if kind == "string_pattern_mismatch":
        friendly = _pattern(str(ctx.get("pattern")), value)
        if friendly is not None:
            return friendly
        return said("{value!r} does not have the expected form", value=value)
    if kind == "string_too_short":
        return said("should not be empty")
    if kind == "string_too_long":
        return said("String should have at most {count} characters", count=ctx.get("max_length"))
    if kind in ("too_short", "too_long"):
        return _length(kind, ctx)
    if kind == "greater_than":
        return said("should be greater than {limit}", limit=_limit(ctx.get("gt")))
    if kind == "greater_than_equal":
        return said("should be greater than or equal to {limit}", limit=_limit(ctx.get("ge")))
    if kind == "less_than":
        return said("should be less than {limit}", limit=_limit(ctx.get("lt")))
    if kind == "less_than_equal":
        return said("should be less than or equal to {limit}", limit=_limit(ctx.get("le")))
    if kind in ("float_type", "int_type", "string_type"):
        shown = _kind_of(value)
        if kind == "float_type":
            # TRANSLATORS: {kind} is what the file holds instead: "the text 'abc'", "nothing"...
            return said("should be a valid number, not {kind}", kind=shown)
        if kind == "int_type":
            # TRANSLATORS: {kind} is what the file holds instead: "the text 'abc'", "nothing"...
            return said("should be a valid integer, not {kind}", kind=shown)
        # TRANSLATORS: {kind} is what the file holds instead: "the number 5", "a list"...
        return said("should be a valid string, not {kind}", kind=shown)
    if kind in ("literal_error", "enum"):
        # TRANSLATORS: {expected} is the values allowed here, quoted from the format.
        return said("should be {expected}", expected=_alternatives(str(ctx.get("expected"))))
    if kind == "int_parsing":
        return said(
            # TRANSLATORS: {kind} is what the file holds instead: "the text 'abc'"...
            "should be a valid integer, unable to parse string as an integer, not {kind}",
            kind=_kind_of(value),
        )
    if kind == "float_parsing":
        return said(
            # TRANSLATORS: {kind} is what the file holds instead: "the text 'abc'"...
            "should be a valid number, unable to parse string as a number, not {kind}",
            kind=_kind_of(value),
        )
    if kind == "int_from_float":
        return said("should be a valid integer, got a number with a fractional part")
    if kind == "string_unicode":
        return said("should be a valid string, unable to parse raw data as a unicode string")
    if kind == "invalid_key":
        return said("Keys should be strings")
    if kind == "bool_type":
        return said("should be a valid boolean")
    if kind == "bool_parsing":
        return said("should be a valid boolean, unable to interpret input")
    if kind == "date_type":
        return said("should be a valid date")
    if kind == "date_from_datetime_parsing":
        # TRANSLATORS: {error} is the reason, such as "month value is outside expected range
        # of 1-12".
        return said("should be a valid date or datetime, {error}", error=_date_error(ctx))
    if kind == "date_parsing":
        # TRANSLATORS: {error} is the reason, such as "invalid character in year".
        return said(
            "should be a valid date in the format YYYY-MM-DD, {error}", error=_date_error(ctx)
        )
    if kind == "date_from_datetime_inexact":
        return said("Datetimes provided to dates should have zero time - e.g. be exact dates")
    if kind == "tuple_type":
        return said("should be a valid tuple")
    if kind == "finite_number":
        return said("should be a finite number")
    if kind == "value_error":
        error = ctx.get("error")
        if isinstance(error, Exception) and error.args and isinstance(error.args[0], Said):
            return error.args[0]
    return None


def _date_error(ctx: dict[str, Any]) -> str:
    """Why a text is not a date, in the validating library's words, said where they are known
    (the library words them in English)."""
    error = str(ctx.get("error"))
    known = (
        said("input is too short"),
        said("unexpected extra characters at the end of the input"),
        said("invalid date separator, expected `-`"),
        said("invalid datetime separator, expected `T`, `t`, `_` or space"),
        said("invalid time separator, expected `:`"),
        said("invalid character in year"),
        said("invalid character in month"),
        said("invalid character in day"),
        said("invalid character in hour"),
        said("invalid character in minute"),
        said("invalid character in second"),
        said("invalid character in second fraction"),
        said("invalid timezone sign"),
        said("invalid timezone hour"),
        said("invalid timezone minute"),
        said("month value is outside expected range of 1-12"),
        said("day value is outside expected range"),
        said("hour value is outside expected range of 0-23"),
        said("minute value is outside expected range of 0-59"),
        said("second value is outside expected range of 0-59"),
        said("timezone minute value is outside expected range of 0-59"),
        said("timezone offset must be less than 24 hours"),
        said("second fraction value is more than 6 digits long"),
        said("second fraction digits missing after `.`"),
        said("Timestamp is not an exact date"),
        said("dates before 0000 are not supported as unix timestamps"),
        said("dates after 9999 are not supported as unix timestamps"),
    )
    return next((words for words in known if words == error), error)


def _length(kind: str, ctx: dict[str, Any]) -> Said | None:
    """A list, a mapping or a pair with too few or too many items."""
    container = ctx.get("field_type")
    actual = ctx.get("actual_length")
    if kind == "too_short":
        count = ctx.get("min_length")
        if container == "List":
            if count == 1:
                return said(
                    "should have at least {count} item, not {actual}", count=count, actual=actual
                )
            return said(
                "should have at least {count} items, not {actual}", count=count, actual=actual
            )
        if container == "Dictionary":
            if count == 1:
                return said(
                    "Dictionary should have at least {count} item, not {actual}",
                    count=count,
                    actual=actual,
                )
            return said(
                "Dictionary should have at least {count} items, not {actual}",
                count=count,
                actual=actual,
            )
        return None
    count = ctx.get("max_length")
    if container == "List":
        if count == 1:
            return said(
                "should have at most {count} item, not {actual}", count=count, actual=actual
            )
        return said("should have at most {count} items, not {actual}", count=count, actual=actual)
    if container == "Tuple" and count != 1:
        return said(
            "Tuple should have at most {count} items, not {actual}", count=count, actual=actual
        )
    return None


def _alternatives(expected: str) -> str:
    """Pydantic's list of the values allowed (``'a', 'b' or 'c'``), its ``or`` said."""
    if " or " not in expected:
        return expected
    choices, last = expected.rsplit(" or ", 1)
    # TRANSLATORS: the last of the values allowed: {choices} is the others, comma-separated.
    return said("{choices} or {last}", choices=choices, last=last)


def translate(exc: ValidationError, data: Any, root: Any, path: str) -> list[Diagnostic]:
    """The diagnostics for a pydantic ``ValidationError`` raised on ``data`` from a file.

    Errors at the same place are reported once (a union gives one error per member).
    """
    out: list[Diagnostic] = []
    seen: set[tuple[Path, str]] = set()
    for error in exc.errors(include_url=False):
        kind = error["type"]
        is_key = "[key]" in error["loc"]
        where = _clean_loc(tuple(p for p in error["loc"] if p != "[key]"), data)
        if kind == "missing":
            parent, key = where[:-1], where[-1]
            if (parent, "missing" + str(key)) in seen:
                continue
            seen.add((parent, "missing" + str(key)))
            line, col = locate(root, parent)
            out.append(
                Diagnostic(
                    path,
                    line,
                    col,
                    "missing-key",
                    _at(parent, said("missing required key {key!r}", key=key)),
                    _missing_hint(parent, str(key)),
                )
            )
            continue
        if (where, "v") in seen:
            continue
        seen.add((where, "v"))
        if kind == "extra_forbidden":
            key = str(where[-1])
            line, col = locate(root, where, key=True)
            allowed = _keys_of(where[:-1])
            hint = did_you_mean(key, allowed)
            if hint is None and allowed:
                hint = said("allowed keys here: {keys}", keys=", ".join(allowed))
            out.append(
                Diagnostic(
                    path,
                    line,
                    col,
                    "unknown-key",
                    _at(where[:-1], said("unknown key {key!r}", key=key)),
                    hint,
                )
            )
            continue
        line, col = locate(root, where, key=is_key)
        if is_key:
            message = _message(kind, error["msg"], error.get("ctx"), error.get("input"))
            out.append(Diagnostic(path, line, col, "bad-id", _at(where[:-1], message)))
            continue
        if where == ("format",):
            out.append(
                Diagnostic(
                    path,
                    line,
                    col,
                    "format-version",
                    said("unsupported format {value!r}", value=error.get("input")),
                    said("this version of sahelsim reads 'format: {format}'", format=FORMAT),
                )
            )
            continue
        code = "bad-type" if kind.endswith(("_type", "_parsing")) else "bad-value"
        if kind in ("dict_type", "model_type", "model_attributes_type"):
            code = "bad-type"
            # TRANSLATORS: {kind} is what the file holds instead: "the text 'abc'", "a list"...
            message = said(
                "should be a mapping of keys to values, not {kind}",
                kind=_kind_of(error.get("input")),
            )
        elif kind == "list_type":
            # TRANSLATORS: {kind} is what the file holds instead: "the text 'abc'", "nothing"...
            message = said("should be a list, not {kind}", kind=_kind_of(error.get("input")))
        else:
            message = _message(kind, error["msg"], error.get("ctx"), error.get("input"))
        out.append(Diagnostic(path, line, col, code, _at(where, message)))
    return out


def _kind_of(value: Any) -> str:
    """What a value is, in words (``the text 'abc'``); ``true`` and ``false`` as written."""
    if value is None:
        return said("nothing")
    if isinstance(value, str):
        return said("the text {text!r}", text=value[:40])
    if isinstance(value, bool):
        return f"{value!r}".lower()
    if isinstance(value, int | float):
        return said("the number {number!r}", number=value)
    if isinstance(value, dt.date):
        return said("the date {date}", date=value.isoformat())
    if isinstance(value, list):
        return said("a list")
    if isinstance(value, dict):
        return said("a mapping")
    return type(value).__name__


def _missing_hint(parent: Path, key: str) -> str | None:
    model = _model_at(parent)
    if model is None:
        return None
    field = model.model_fields.get(key)
    if field is None or not field.description:
        return None
    return description_hint(field.description)


def description_hint(description: str) -> Said:
    """The hint for a missing key: the first line of the key's description in the model (its
    docstring, which is also its description in the JSON Schema), with ````code```` quoted as
    ``'code'``. It is said as it is (:func:`sahelsim.said.verbatim`): ``tools/messages.py``
    puts the first line of every key's description in the catalogue, made by this function."""
    return verbatim(description.split("\n")[0].replace("``", "'"))
