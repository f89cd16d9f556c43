"""Safe, bounded YAML reading that remembers where every value came from.

Scenario files are untrusted input. This module composes them with the safe loader (libyaml's C
parser when present) and then judges every node itself: no constructor of the YAML library ever
runs, so no content, however malformed, can raise from inside it. It refuses every non-standard
tag, checks that a tagged scalar's content is of the kind its tag says (``!!int abc`` is
refused), bounds how long a number may be written and how large it may be, bounds file size,
nesting depth and alias expansion, reports duplicate keys, and keeps the composed node tree so
that any later diagnostic can be located at ``LINE:COL`` by following a path of keys and indexes
(:func:`locate`). Locating is lazy: a valid file pays nothing for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sahelsim.said import marked, said
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
#: The most characters a number may be written with (a float has 17 significant digits; the
#: largest integer a number of the format can hold has 309).
MAX_NUMBER_CHARS = 400

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"
_SCALAR_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP})
#: What each scalar tag's content must be, in words (for the diagnostics).
_KINDS: dict[str, str] = {
    _INT: said("an integer"),
    _FLOAT: said("a number"),
    # TRANSLATORS: true and false are YAML's words, as the file writes them.
    _BOOL: said("true or false"),
    _NULL: "null",
    _TIMESTAMP: said("a date"),
}

# The forms of YAML 1.1's core scalars, as PyYAML resolves plain scalars; the content of a
# tagged scalar is held to the same forms (and ``!!float`` also takes an integer or ``1e5``).
_INT_FORM = re.compile(
    r"""[-+]?0b[0-1_]+
      |[-+]?0[0-7_]+
      |[-+]?(?:0|[1-9][0-9_]*)
      |[-+]?0x[0-9a-fA-F_]+
      |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+""",
    re.VERBOSE,
)
_FLOAT_FORM = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
      |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
      |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
      |[-+]?\.(?:inf|Inf|INF)
      |\.(?:nan|NaN|NAN)
      |[-+]?[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?""",
    re.VERBOSE,
)
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TIMESTAMP_FORM = re.compile(
    r"""(?P<year>[0-9]{4})-(?P<month>[0-9][0-9]?)-(?P<day>[0-9][0-9]?)
      (?:(?:[Tt]|[ \t]+)(?P<hour>[0-9][0-9]?):(?P<minute>[0-9][0-9]):(?P<second>[0-9][0-9])
        (?:\.(?P<fraction>[0-9]*))?
        (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9][0-9]?)
          (?::(?P<tz_minute>[0-9][0-9]))?))?
      )?""",
    re.VERBOSE,
)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Where a node's tag would be written: after its anchor, if any (``&a !!int 5``).
_ANCHOR = re.compile(r"&[^\s,\[\]{}]*\s*")

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
                said(
                    "the file is {size:,} bytes; scenario files may be at most {most:,}",
                    size=len(raw),
                    most=MAX_BYTES,
                ),
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
                said("byte 0x{byte:02x} is not valid UTF-8", byte=raw[exc.start]),
                said("save the file as UTF-8"),
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
                    said("the file nests more than {most} levels deep", most=MAX_DEPTH),
                    said("scenario files are shallow; check for runaway brackets or indentation"),
                )
            ],
        )
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return Document(None, None, [_syntax_problem(exc, text, path)])
    except yaml.reader.ReaderError as exc:
        return Document(None, None, [_reader_problem(exc, text, path)])
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())  # one line, whatever the parser said
        return Document(None, None, [Diagnostic(path, 1, 1, "yaml-syntax", message)])
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
                    said("the file is empty"),
                    said(
                        "a scenario starts with 'format: sahelsim/1'; 'sahelsim new ID' writes one"
                    ),
                )
            ],
        )
    builder = _Builder(path, text)
    try:
        data = builder.build(root, 0)
    except _TooBig as exc:
        return Document(None, root, [*builder.problems, exc.diagnostic])
    return Document(data, root, builder.problems)


def _reader_problem(exc: yaml.reader.ReaderError, text: str, path: str) -> Diagnostic:
    """A character YAML does not allow in a file (a control character, a lone surrogate), at
    its line and column."""
    offset = exc.position if isinstance(exc.position, int) else 0
    if _Loader.__name__.startswith("C"):  # libyaml reads UTF-8: its position counts bytes
        raw = text.encode("utf-8", "surrogatepass")[: max(offset, 0)]
        offset = len(raw.decode("utf-8", "ignore"))
    offset = min(max(offset, 0), len(text))
    line, col = _position(text, offset)
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return Diagnostic(
        path,
        line,
        col,
        "yaml-syntax",
        said("the character U+{code:04X} is not allowed in a YAML file", code=code),
        said(
            "remove it; in a double-quoted value an escape such as '\\e' or '\\x07' writes a "
            "control character"
        ),
    )


# The YAML parser's own words: every problem and context that libyaml (the C parser) and PyYAML
# (the pure Python one, where libyaml is missing) give for a file that is not YAML, as
# templates. A field stands for what the parser fills in: {found}, {character}, {handle} and
# {anchor} are quoted from the file or are YAML's names of its parts ('<block end>',
# '<scalar>'); {count} is a number. Words not listed here are shown as the parser gives them.
_PARSER_WORDS = (
    # libyaml's problems.
    marked("found character that cannot start any token"),
    marked("could not find expected ':'"),
    marked("block sequence entries are not allowed in this context"),
    marked("mapping keys are not allowed in this context"),
    marked("mapping values are not allowed in this context"),
    marked("found unknown directive name"),
    marked("did not find expected comment or line break"),
    marked("could not find expected directive name"),
    marked("found unexpected non-alphabetical character"),
    marked("did not find expected digit or '.' character"),
    marked("found extremely long version number"),
    marked("did not find expected version number"),
    marked("did not find expected whitespace"),
    marked("did not find expected whitespace or line break"),
    marked("did not find expected alphabetic or numeric character"),
    marked("did not find the expected '>'"),
    marked("did not find expected '!'"),
    marked("did not find expected tag URI"),
    marked("did not find URI escaped octet"),
    marked("found an incorrect leading UTF-8 octet"),
    marked("found an incorrect trailing UTF-8 octet"),
    marked("found an indentation indicator equal to 0"),
    marked("found a tab character where an indentation space is expected"),
    marked("found unexpected document indicator"),
    marked("found unexpected end of stream"),
    marked("found unknown escape character"),
    # TRANSLATORS: libyaml's spelling ("hexdecimal"): hexadecimal digits.
    marked("did not find expected hexdecimal number"),
    marked("found invalid Unicode character escape code"),
    marked("found unexpected ':'"),
    marked("found a tab character that violates indentation"),
    marked("exceeded maximum nesting depth"),
    marked("did not find expected <stream-start>"),
    marked("did not find expected <document start>"),
    marked("found undefined tag handle"),
    marked("did not find expected node content"),
    marked("did not find expected '-' indicator"),
    marked("did not find expected key"),
    marked("did not find expected ',' or ']'"),
    marked("did not find expected ',' or '}}'"),
    marked("found duplicate %YAML directive"),
    marked("found incompatible YAML document"),
    marked("found duplicate %TAG directive"),
    marked("found undefined alias"),
    marked("but found another document"),
    marked("second occurrence"),
    # libyaml's contexts.
    marked("while scanning for the next token"),
    marked("while scanning a simple key"),
    marked("while scanning a directive"),
    marked("while scanning a %YAML directive"),
    marked("while scanning a %TAG directive"),
    marked("while scanning an anchor"),
    marked("while scanning an alias"),
    marked("while scanning a tag"),
    marked("while scanning a tag directive"),
    marked("while parsing a tag directive"),
    marked("while parsing a %TAG directive"),
    marked("while parsing a tag"),
    marked("while scanning a block scalar"),
    marked("while scanning a quoted scalar"),
    marked("while parsing a quoted scalar"),
    marked("while scanning a plain scalar"),
    marked("while increasing flow level"),
    marked("while increasing block level"),
    marked("while parsing a node"),
    marked("while parsing a block node"),
    marked("while parsing a flow node"),
    marked("while parsing a block collection"),
    marked("while parsing a block mapping"),
    marked("while parsing a flow sequence"),
    marked("while parsing a flow mapping"),
    marked("expected a single document in the stream"),
    marked("found duplicate anchor; first occurrence"),
    # PyYAML's problems (those that libyaml words alike are above).
    # TRANSLATORS: {character} is the character, quoted ('@').
    marked("found character {character} that cannot start any token"),
    marked("sequence entries are not allowed here"),
    marked("mapping keys are not allowed here"),
    marked("mapping values are not allowed here"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected alphabetic or numeric character, but found {found}"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected a digit or '.', but found {found}"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected a digit or ' ', but found {found}"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected a digit, but found {found}"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected ' ', but found {found}"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected a comment or a line break, but found {found}"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected '>', but found {found}"),
    marked("expected indentation indicator in the range 1-9, but found 0"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected chomping or indentation indicators, but found {found}"),
    # TRANSLATORS: {count} is 2, 4 or 8; {found} is what the file has instead, quoted.
    marked("expected escape sequence of {count} hexadecimal numbers, but found {found}"),
    # TRANSLATORS: {found} is the character after the backslash, quoted ('q').
    marked("found unknown escape character {found}"),
    marked("found unexpected document separator"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected '!', but found {found}"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected URI, but found {found}"),
    # TRANSLATORS: {found} is what the file has instead, quoted ('x', '\n' for a line break).
    marked("expected URI escape sequence of 2 hexadecimal numbers, but found {found}"),
    # TRANSLATORS: {found} is YAML's name of what the file has instead, quoted (']').
    marked("expected '<document start>', but found {found}"),
    marked("found duplicate YAML directive"),
    marked("found incompatible YAML document (version 1.* is required)"),
    # TRANSLATORS: {handle} is a tag's handle, quoted ('!x!').
    marked("duplicate tag handle {handle}"),
    # TRANSLATORS: {handle} is a tag's handle, quoted ('!x!').
    marked("found undefined tag handle {handle}"),
    # TRANSLATORS: {found} is YAML's name of what the file has instead, quoted ('<stream end>').
    marked("expected the node content, but found {found}"),
    # TRANSLATORS: {found} is YAML's name of what the file has instead, quoted ('<scalar>').
    marked("expected <block end>, but found {found}"),
    # TRANSLATORS: {found} is YAML's name of what the file has instead, quoted ('<stream end>').
    marked("expected ',' or ']', but got {found}"),
    # TRANSLATORS: {found} is YAML's name of what the file has instead, quoted ('<stream end>').
    marked("expected ',' or '}}', but got {found}"),
    # TRANSLATORS: {anchor} is the alias's name, quoted.
    marked("found undefined alias {anchor}"),
    # PyYAML's contexts.
    marked("while scanning a double-quoted scalar"),
    marked("while parsing a directive"),
    # TRANSLATORS: {anchor} is the anchor's name, quoted.
    marked("found duplicate anchor {anchor}; first occurrence"),
)


@functools.cache
def _parser_forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each of :data:`_PARSER_WORDS` as a pattern that matches the words it makes."""
    forms = []
    for template in _PARSER_WORDS:
        pattern = ""
        for literal, name, _spec, _conversion in string.Formatter().parse(template):
            pattern += re.escape(literal)
            if name is not None:
                pattern += rf"(?P<{name}>[0-9]+)" if name == "count" else rf"(?P<{name}>.+?)"
        forms.append((re.compile(pattern, re.DOTALL), template))
    return tuple(forms)


def _parser_said(words: str) -> str:
    """The YAML parser's ``words``, said (a template of :data:`_PARSER_WORDS`, what the parser
    filled in as its fields), so that a face says them in its language; else as they are."""
    for pattern, template in _parser_forms():
        match = pattern.fullmatch(words)
        if match is None:
            continue
        fields: dict[str, Any] = {
            name: int(value) if name == "count" else value
            for name, value in match.groupdict().items()
        }
        made = said(template, **fields)
        if made == words:
            return made
    return words


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
            said("a tab character where YAML expects spaces"),
            said("indent with spaces, not tabs"),
        )
    # The problem and its context are the YAML parser's own words, said where they are known.
    message: str = _parser_said(problem) if exc.problem else said("invalid YAML")
    if exc.context_mark is not None and exc.problem_mark is not None and exc.context:
        message = said(
            # TRANSLATORS: {problem} and {context} are the YAML parser's words ("did not find
            # expected key", "while parsing a block mapping").
            "{problem} ({context} at line {line})",
            problem=message,
            context=_parser_said(exc.context),
            line=exc.context_mark.line + 1,
        )
    elif exc.context:
        # TRANSLATORS: {problem} and {context} are the YAML parser's words ("found character
        # '@' that cannot start any token", "while scanning for the next token").
        message = said("{problem} ({context})", problem=message, context=_parser_said(exc.context))
    hint = None
    if "mapping values are not allowed" in problem:
        hint = said("a ': ' inside a value needs the value in quotes")
    elif "could not find expected ':'" in problem:
        hint = said("each line of a mapping is 'key: value'; check the indentation above")
    return Diagnostic(path, line, col, "yaml-syntax", message, hint)


class _TooBig(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class _Builder:
    """Turns composed nodes into plain Python data, enforcing the format's YAML rules."""

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.text = text
        self.problems: list[Diagnostic] = []
        self.seen: dict[int, tuple[Any, int]] = {}
        self.nodes = 0  # nodes in the file
        self.total = 0  # nodes with every alias expanded

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
                        said("aliases repeat more than {most:,} values", most=MAX_ALIAS_NODES),
                        said("write the repeated parts out, or use fewer aliases"),
                    )
                )
            return value
        if depth > MAX_DEPTH:
            raise _TooBig(
                self.at(
                    node,
                    "yaml-too-deep",
                    said("the file nests more than {most} levels deep", most=MAX_DEPTH),
                )
            )
        before = self.total
        self.nodes += 1
        self.total += 1
        if self.nodes > MAX_NODES:
            raise _TooBig(
                Diagnostic(
                    self.path,
                    1,
                    1,
                    "file-too-large",
                    said("the file has over {most:,} values", most=MAX_NODES),
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
                self.problem(
                    key_node, "yaml-key", said("a key must be a plain word, not a list or map")
                )
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == _MERGE:
                self.problem(
                    key_node,
                    "yaml-merge",
                    said("merge keys ('<<') are not supported in scenario files"),
                    said("write the keys out"),
                )
                continue
            self.scalar(key_node)  # a key is kept as written, but judged as any scalar is
            if key in keys:
                first = keys[key].start_mark
                self.problem(
                    key_node,
                    "yaml-duplicate-key",
                    said(
                        "duplicate key {key} (first at line {line})",
                        key=_shown(key),
                        line=first.line + 1,
                    ),
                    said("each key may appear once in a mapping; the later value would win"),
                )
            keys[key] = key_node
            result[key] = self.build(value_node, depth + 1)
        return result

    def explicit(self, node: Node) -> bool:
        """Whether the file writes ``node``'s tag (``!!int 5``), rather than YAML resolving it
        from a plain scalar's form."""
        at = node.start_mark.index
        text = self.text
        if at >= len(text):
            return False
        if text[at] == "&":
            anchor = _ANCHOR.match(text, at)
            at = anchor.end() if anchor is not None else at
        return text.startswith("!", at)

    def scalar(self, node: ScalarNode) -> Any:
        """The value of a scalar, judged against its tag; on a problem the text as written is
        kept (so that the model reports nothing more than a value of the wrong kind there)."""
        tag = node.tag
        text = node.value
        if tag == _STR:
            return self.string(node, text)
        if tag in (_MERGE, _VALUE) and not self.explicit(node):
            return self.string(node, text)  # a plain '<<' or '=' that is not a key: text
        kind = _KINDS.get(tag)
        if kind is None:
            self.bad_tag(node)
            return text
        if tag == _INT:
            value: Any = self.integer(node, text)
        elif tag == _FLOAT:
            value = self.number(node, text)
        elif tag == _BOOL:
            value = _BOOLS.get(text.lower())
        elif tag == _NULL:
            return None if text in _NULLS else self.malformed(node, kind)
        else:
            return self.date(node, text)
        return self.malformed(node, kind) if value is None else value

    def string(self, node: ScalarNode, text: str) -> str:
        surrogate = _SURROGATE.search(text)
        if surrogate is not None:
            self.problem(
                node,
                "yaml-value",
                said(
                    "the escape \\u{code:04x} is half of a character (a lone surrogate), "
                    "not a character",
                    code=ord(surrogate.group()),
                ),
                said("write the character itself"),
            )
            return _SURROGATE.sub("\ufffd", text)
        return text

    def malformed(self, node: ScalarNode, kind: str) -> str:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        text: str = node.value
        self.problem(
            node,
            "yaml-value",
            # TRANSLATORS: {value} is the value quoted from the file; {kind} what its tag says
            # it is ("an integer", "a date"); {tag} the tag, such as !!int.
            said(
                "{value} is not {kind}, as its tag {tag} says",
                value=_shown(node.value),
                kind=kind,
                tag=shown,
            ),
            said("remove the tag, or write a value of the kind it names"),
        )
        return text

    def too_long(self, node: ScalarNode, text: str) -> bool:
        if len(text) <= MAX_NUMBER_CHARS:
            return False
        self.problem(
            node,
            "yaml-number",
            said(
                "a number written with {count:,} characters; numbers in scenario files "
                "take at most {most}",
                count=len(text),
                most=MAX_NUMBER_CHARS,
            ),
            said("check for runaway digits; quote the value if it is text"),
        )
        return True

    def too_large(self, node: ScalarNode) -> None:
        self.problem(
            node,
            "yaml-number",
            said(
                "the number {number} is too large (the largest is about {largest:.1e})",
                number=_shown(node.value),
                largest=sys.float_info.max,
            ),
            said("check for runaway digits"),
        )

    def integer(self, node: ScalarNode, text: str) -> int | str | None:
        """An ``!!int``'s value; ``None`` when malformed, the text when it is too large."""
        if _INT_FORM.fullmatch(text) is None:
            return None
        if self.too_long(node, text):
            return text
        value = _to_int(text)
        if value is None:
            return None
        if abs(value) > sys.float_info.max:
            self.too_large(node)
            return text
        return value

    def number(self, node: ScalarNode, text: str) -> float | str | None:
        """A ``!!float``'s value; ``None`` when malformed, the text when it is too large (an
        explicit ``.inf`` is an infinity, for the model to refuse where it is not allowed)."""
        if _FLOAT_FORM.fullmatch(text) is None:
            return None
        if self.too_long(node, text):
            return text
        plain = text.replace("_", "").lower()
        sign = -1.0 if plain.startswith("-") else 1.0
        digits = plain.lstrip("+-")
        if digits == ".inf":
            return sign * float("inf")
        if digits == ".nan":
            return float("nan")
        if ":" in digits:
            whole = 0.0
            for part in digits.split(":"):
                whole = whole * 60 + float(part)
            value = sign * whole
        else:
            try:
                value = float(plain)
            except ValueError:
                return None
        if value in (float("inf"), float("-inf")):
            self.too_large(node)
            return text
        return value

    def date(self, node: ScalarNode, text: str) -> Any:
        """A ``!!timestamp``'s value: a date, or a date and time."""
        form = _TIMESTAMP_FORM.fullmatch(text)
        if form is None:
            return self.malformed(node, _KINDS[_TIMESTAMP])
        try:
            return _to_date(form)
        except (ValueError, OverflowError):
            self.problem(node, "bad-value", said("{value} is not a valid date", value=_shown(text)))
            return text

    def bad_tag(self, node: Node) -> None:
        tag = node.tag
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        self.problem(
            node,
            "yaml-tag",
            said("the tag {tag} is not allowed in scenario files", tag=_shown(shown)),
            said("scenario files hold plain text, numbers, lists and mappings; remove the tag"),
        )


def _shown(text: str, limit: int = 40) -> str:
    """``text`` quoted for a diagnostic, shortened when long."""
    if len(text) > limit:
        return repr(text[: limit - 1] + "…")
    return repr(text)


def _to_int(text: str) -> int | None:
    """The value of text in one of :data:`_INT_FORM`'s forms (at most
    :data:`MAX_NUMBER_CHARS` long, so far from Python's limit on digits)."""
    plain = text.replace("_", "")
    sign = -1 if plain.startswith("-") else 1
    digits = plain.lstrip("+-")
    try:
        if digits.startswith("0b"):
            return sign * int(digits[2:], 2)
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        if ":" in digits:
            whole = 0
            for part in digits.split(":"):
                whole = whole * 60 + int(part)
            return sign * whole
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits, 8)
        return sign * int(digits)
    except ValueError:  # only underscores after a prefix ('0b_')
        return None


def _to_date(form: re.Match[str]) -> dt.date | dt.datetime:
    """The date (or date and time) of a matched :data:`_TIMESTAMP_FORM`, as YAML reads it.

    Raises:
        ValueError: the date or time does not exist (``2025-02-30``, ``25:00:00``).
    """
    year, month, day = int(form["year"]), int(form["month"]), int(form["day"])
    if form["hour"] is None:
        return dt.date(year, month, day)
    fraction = (form["fraction"] or "")[:6].ljust(6, "0")
    tz: dt.tzinfo | None = None
    if form["tz"] == "Z":
        tz = dt.UTC
    elif form["tz"]:
        offset = dt.timedelta(hours=int(form["tz_hour"]), minutes=int(form["tz_minute"] or 0))
        tz = dt.timezone(-offset if form["tz_sign"] == "-" else offset)
    return dt.datetime(
        year,
        month,
        day,
        int(form["hour"]),
        int(form["minute"]),
        int(form["second"]),
        int(fraction),
        tzinfo=tz,
    )
