"""Pydantic's validation errors, said in the scenario format's own words."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from sahelsim.scenario.diagnostics import Diagnostic, did_you_mean
from sahelsim.scenario.model import FORMAT, Scenario
from sahelsim.scenario.yamlsafe import Path, locate

_PATTERNS = {
    r"^[A-Za-z][A-Za-z0-9_]*$": (
        "should be an id: a letter, then letters, digits or underscores (no spaces or hyphens)"
    ),
    r"^[a-z0-9][a-z0-9-]*$": "should be lowercase letters, digits and hyphens",
}


def dotted(path: Path) -> str:
    """A path as the author would write it: ``events[3].facts[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _prefix(path: Path) -> str:
    return f"{dotted(path)}: " if path else ""


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
    if kind == "string_pattern_mismatch" and ctx is not None:
        friendly = _PATTERNS.get(str(ctx.get("pattern")))
        if friendly:
            return f"{value!r} {friendly}"
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
                    f"{_prefix(parent)}missing required key {key!r}",
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
                hint = "allowed keys here: " + ", ".join(allowed)
            out.append(
                Diagnostic(
                    path,
                    line,
                    col,
                    "unknown-key",
                    f"{_prefix(where[:-1])}unknown key {key!r}",
                    hint,
                )
            )
            continue
        line, col = locate(root, where, key=is_key)
        if is_key:
            message = _message(kind, error["msg"], error.get("ctx"), error.get("input"))
            out.append(Diagnostic(path, line, col, "bad-id", f"{_prefix(where[:-1])}{message}"))
            continue
        if where == ("format",):
            out.append(
                Diagnostic(
                    path,
                    line,
                    col,
                    "format-version",
                    f"unsupported format {error.get('input')!r}",
                    f"this version of sahelsim reads 'format: {FORMAT}'",
                )
            )
            continue
        code = "bad-type" if kind.endswith(("_type", "_parsing")) else "bad-value"
        if kind in ("dict_type", "model_type", "model_attributes_type"):
            code = "bad-type"
            message = f"should be a mapping of keys to values, not {_kind_of(error.get('input'))}"
        elif kind == "list_type":
            message = f"should be a list, not {_kind_of(error.get('input'))}"
        else:
            message = _message(kind, error["msg"], error.get("ctx"), error.get("input"))
        out.append(Diagnostic(path, line, col, code, f"{_prefix(where)}{message}"))
    return out


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, bool):
        return f"{value!r}".lower()
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _missing_hint(parent: Path, key: str) -> str | None:
    model = _model_at(parent)
    if model is None:
        return None
    field = model.model_fields.get(key)
    if field is None or not field.description:
        return None
    return field.description.split("\n")[0].replace("``", "'")
