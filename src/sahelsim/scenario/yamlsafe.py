"""Safe, bounded YAML reading that remembers where every value came from.

Scenario files are untrusted input. This module reads them with the safe loader (libyaml's C
parser when present), refuses every non-standard tag, bounds file size, nesting depth and alias
expansion, reports duplicate keys, and keeps the composed node tree so that any later diagnostic
can be located at ``LINE:COL`` by following a path of keys and indexes (:func:`locate`). Locating
is lazy: a valid file pays nothing for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sahelsim.scenario.diagnostics import Diagnostic

try:  # the C parser is several times faster; pure Python is the fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Largest file read, in bytes.
MAX_BYTES = 16 * 1024 * 1024
#: Deepest nesting of mappings and sequences.
MAX_DEPTH = 64
#: How many nodes aliases may add by repeating anchored parts (a "billion laughs" guard).
MAX_ALIAS_NODES = 100_000
#: How many nodes a file may have in all.
MAX_NODES = 4_000_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALAR_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP})

Path = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed YAML document: plain data, and the node tree for locating diagnostics."""

    data: Any
    root: Node | None
    problems: list[Diagnostic] = field(default_factory=list)


def locate(root: Node | None, path: Path, *, key: bool = False) -> tuple[int, int]:
    """The 1-based ``(line, col)`` of the value at ``path`` (or of its key when ``key``).

    Parts of ``path`` that do not match the tree (such as pydantic's union member names) are
    skipped; when the path leaves the tree, the position of the deepest node reached is given.
    """
    if root is None:
        return (1, 1)
    node: Node = root
    key_node: Node | None = None
    for part in path:
        if isinstance(node, MappingNode):
            found = None
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == part:
                    found = (k, v)  # the last one wins, as when loading
            if found is None:
                continue
            key_node, node = found
        elif (
            isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value)
        ):
            key_node, node = None, node.value[part]
        # a scalar has no children: the rest of the path is not in the file
    target = key_node if key and key_node is not None else node
    mark = target.start_mark
    return (mark.line + 1, mark.column + 1)


def node_at(root: Node | None, path: Path) -> Node | None:
    """The node at ``path``, or ``None`` if the path does not lead to one exactly."""
    node = root
    for part in path:
        if isinstance(node, MappingNode):
            match = [v for k, v in node.value if isinstance(k, ScalarNode) and k.value == part]
            if not match:
                return None
            node = match[-1]
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return None
            node = node.value[part]
        else:
            return None
    return node


# Brackets that open or close flow collections, quoted scalars and comments, for the pre-scan.
_PRESCAN = re.compile(
    r"""(?P<open>(?:^|(?<=[\s\[{,:?\-]))[\[{])
      | (?P<close>[\]}])
      | (?P<quote>(?:^|(?<=[\s\[{,:?\-]))(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'))
      | (?P<comment>(?:^|(?<=\s))\#[^\n]*)""",
    re.VERBOSE | re.MULTILINE,
)
_INDENT = re.compile(r"^(?: |[?:-] ){200,}", re.MULTILINE)


def _prescan_depth(text: str) -> tuple[int, int] | None:
    """Where nesting first gets too deep, before libyaml sees the text, or ``None``.

    libyaml's scanner slows down quadratically with flow nesting and its composer recurses in
    C, so a file of a million ``[`` would hang or crash the process. This pass bounds the depth
    from the text alone: flow brackets (outside quoted scalars and comments) and indentation.
    """
    depth = 0
    for match in _PRESCAN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > MAX_DEPTH:
                return _position(text, match.start())
        elif kind == "close" and depth:
            depth -= 1
    deep = _INDENT.search(text)
    if deep is not None:
        return _position(text, deep.start())
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return (line + 1, col + 1)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode a file's bytes as UTF-8 (a BOM is allowed), or say where it is not UTF-8."""
    if len(raw) > MAX_BYTES:
        return None, [
            Diagnostic(
                path,
                1,
                1,
                "file-too-large",
                f"the file is {len(raw):,} bytes; scenario files may be at most {MAX_BYTES:,}",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Diagnostic(
                path,
                line,
                col,
                "encoding",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        ]
    return text, []


def parse(text: str, path: str) -> Document:
    """Parse YAML text into plain data, collecting every problem found.

    Returns a :class:`Document`; ``data`` is ``None`` when the text could not be parsed at all.
    """
    deep = _prescan_depth(text)
    if deep is not None:
        return Document(
            None,
            None,
            [
                Diagnostic(
                    path,
                    *deep,
                    "yaml-too-deep",
                    f"the file nests more than {MAX_DEPTH} levels deep",
                    "scenario files are shallow; check for runaway brackets or indentation",
                )
            ],
        )
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return Document(None, None, [_syntax_problem(exc, text, path)])
    except yaml.YAMLError as exc:
        return Document(None, None, [Diagnostic(path, 1, 1, "yaml-syntax", str(exc))])
    if root is None:
        return Document(
            None,
            None,
            [
                Diagnostic(
                    path,
                    1,
                    1,
                    "empty",
                    "the file is empty",
                    "a scenario starts with 'format: sahelsim/1'; 'sahelsim new ID' writes one",
                )
            ],
        )
    builder = _Builder(path)
    try:
        data = builder.build(root, 0)
    except _TooBig as exc:
        return Document(None, root, [*builder.problems, exc.diagnostic])
    return Document(data, root, builder.problems)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or "invalid YAML"
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "tab" in problem or "\t" in bad_line[: col + 1]:
        if "\t" in bad_line:
            col = bad_line.index("\t") + 1
        return Diagnostic(
            path,
            line,
            col,
            "yaml-tab",
            "a tab character where YAML expects spaces",
            "indent with spaces, not tabs",
        )
    context = f" ({exc.context})" if exc.context else ""
    if exc.context_mark is not None and exc.problem_mark is not None and exc.context:
        context = f" ({exc.context} at line {exc.context_mark.line + 1})"
    hint = None
    if "mapping values are not allowed" in problem:
        hint = "a ': ' inside a value needs the value in quotes"
    elif "could not find expected ':'" in problem:
        hint = "each line of a mapping is 'key: value'; check the indentation above"
    return Diagnostic(path, line, col, "yaml-syntax", f"{problem}{context}", hint)


class _TooBig(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class _Builder:
    """Turns composed nodes into plain Python data, enforcing the format's YAML rules."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []
        self.seen: dict[int, tuple[Any, int]] = {}
        self.nodes = 0  # nodes in the file
        self.total = 0  # nodes with every alias expanded
        self.constructor = SafeConstructor()

    def at(self, node: Node, code: str, message: str, hint: str | None = None) -> Diagnostic:
        """A diagnostic placed where ``node`` starts."""
        mark = node.start_mark
        return Diagnostic(self.path, mark.line + 1, mark.column + 1, code, message, hint)

    def problem(self, node: Node, code: str, message: str, hint: str | None = None) -> None:
        self.problems.append(self.at(node, code, message, hint))

    def build(self, node: Node, depth: int) -> Any:
        known = self.seen.get(id(node))
        if known is not None:
            value, size = known
            self.total += size
            if self.total - self.nodes > MAX_ALIAS_NODES:
                raise _TooBig(
                    self.at(
                        node,
                        "yaml-aliases",
                        f"aliases repeat more than {MAX_ALIAS_NODES:,} values",
                        "write the repeated parts out, or use fewer aliases",
                    )
                )
            return value
        if depth > MAX_DEPTH:
            raise _TooBig(
                self.at(node, "yaml-too-deep", f"the file nests more than {MAX_DEPTH} levels deep")
            )
        before = self.total
        self.nodes += 1
        self.total += 1
        if self.nodes > MAX_NODES:
            raise _TooBig(
                Diagnostic(
                    self.path, 1, 1, "file-too-large", f"the file has over {MAX_NODES:,} values"
                )
            )
        if isinstance(node, ScalarNode):
            value = self.scalar(node)
        elif isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self.bad_tag(node)
            value = [self.build(item, depth + 1) for item in node.value]
        elif isinstance(node, MappingNode):
            if node.tag != _MAP:
                self.bad_tag(node)
            value = self.mapping(node, depth)
        else:  # pragma: no cover - the composer makes only these three
            value = None
        self.seen[id(node)] = (value, self.total - before)
        return value

    def mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        keys: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "yaml-key", "a key must be a plain word, not a list or map")
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node,
                    "yaml-merge",
                    "merge keys ('<<') are not supported in scenario files",
                    "write the keys out",
                )
                continue
            if key_node.tag not in (_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP):
                self.bad_tag(key_node)
            if key in keys:
                first = keys[key].start_mark
                self.problem(
                    key_node,
                    "yaml-duplicate-key",
                    f"duplicate key {key!r} (first at line {first.line + 1})",
                    "each key may appear once in a mapping; the later value would win",
                )
            keys[key] = key_node
            result[key] = self.build(value_node, depth + 1)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        text = node.value
        if tag == _STR:
            return text
        if tag == _INT:
            try:
                return int(text)
            except ValueError:
                return self.constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            try:
                return float(text)
            except ValueError:
                return self.constructor.construct_yaml_float(node)
        if tag == _BOOL:
            return text.lower() in ("true", "yes", "on", "y")
        if tag == _NULL:
            return None
        if tag == _TIMESTAMP:
            try:
                return self.constructor.construct_yaml_timestamp(node)
            except ValueError:
                self.problem(node, "bad-value", f"{text!r} is not a valid date")
                return text
        self.bad_tag(node)
        return text

    def bad_tag(self, node: Node) -> None:
        tag = node.tag
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        self.problem(
            node,
            "yaml-tag",
            f"the tag {shown!r} is not allowed in scenario files",
            "scenario files hold plain text, numbers, lists and mappings; remove the tag",
        )
