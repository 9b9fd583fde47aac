"""Reads YAML nodes into the model's dataclasses, checking them against the model.

The field list of each dataclass in `model.py` *is* the schema: this module derives
from it both the checks the loader runs and the JSON Schema that editors use, so the
two can never disagree. Every problem is collected with the YAML node's line and
column; the walk never stops at the first one.
"""
from __future__ import annotations

import dataclasses
import difflib
import json
import os
import re
import types
import typing
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path

import yaml

from . import model
from .dates import DateError, MonthDay, PartialDate, Period
from .kinds import KINDS
from .problems import Problem, Report
from .text import nfc

# Input limits: past them a file is refused with a clear error instead of hanging or exhausting
# memory. Real records stay far below (the largest plan: ~12 levels, texts of a few thousand characters).
MAX_FILE_BYTES = 8 * 1024 * 1024  # one record file; a 5,000-line decision is under 1 MB
MAX_DEPTH = 64  # levels of YAML nesting (a part nested in a part takes two: the mapping and `items`)
MAX_TEXT_CHARS = 200_000  # one text field; a long story is 20,000

# Equal texts read from the data share one string. A data set repeats most of its texts (a line's
# achievement on every line of a decision, a unit, a field path): at province scale 27 MB of
# strings hold 6 MB of distinct texts. Shared, they take that memory once, and are pickled once in
# the parse cache. The loader empties the table after each load (`forget_texts`).
_texts: dict[str, str] = {}


def forget_texts() -> None:
    """Drop the table of shared texts: the records keep what they share."""
    _texts.clear()


# Parsed scalar types: the parse function and how the JSON Schema describes them.
PARSED = {
    PartialDate: ("a date written YYYY, YYYY-MM or YYYY-MM-DD", r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"),
    Period: ("a period written YYYY-YYYY", r"^\d{4}\s*-\s*\d{4}$"),
    MonthDay: ("a yearly day written MM-DD", r"^\d{1,2}-\d{1,2}$"),
}


try:  # libyaml is ten times faster; the pure-Python composer gives the same nodes.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# Plain scalars that YAML 1.1 reads as something other than text; all else is text.
_PLAIN_TAGS = {v: "tag:yaml.org,2002:null" for v in ("", "~", "null", "Null", "NULL")}
_PLAIN_TAGS.update({v: "tag:yaml.org,2002:bool" for v in (
    "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
    "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N")})
_PLAIN_NUMBER = re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$")
_INT_RE = re.compile(r"^[-+]?\d+$")
_NUMBER_RE = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: typing.Any  # the annotation with Optional removed
    optional: bool
    required: bool
    default: typing.Any
    factory: typing.Any
    doc: str
    ref: str | None


_T = typing.TypeVar("_T")


def is_record_class(tp: object) -> typing.TypeGuard[type]:
    """A dataclass of the model (not an instance of one): a nested object in YAML."""
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def per_class(fn: typing.Callable[[type], _T]) -> typing.Callable[[type], _T]:
    """Cache a function of a class: what the model's field lists imply is worked out once.
    (functools.cache as such, because mypy does not take classes for Hashable.)"""
    return cache(fn)


@per_class
def fields_of(cls: type) -> dict[str, FieldSpec]:
    hints = typing.get_type_hints(cls, vars(model))
    out = {}
    for f in dataclasses.fields(cls):
        tp, optional = _unwrap_optional(hints[f.name])
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        out[f.name] = FieldSpec(
            name=f.name,
            type=tp,
            optional=optional,
            required=not has_default,
            default=f.default,
            factory=f.default_factory,
            doc=f.metadata.get("doc", ""),
            ref=f.metadata.get("ref"),
        )
    return out


@per_class
def _read_plan(cls: type) -> tuple[dict[str, tuple[FieldSpec, bool]], tuple[str, ...]]:
    """How `Reader.read_object` reads a class: each field's spec and whether it is plain text (the
    common case, read without a path), and the required fields, in the class's order."""
    specs = fields_of(cls)
    return ({name: (spec, spec.type is str) for name, spec in specs.items()},
            tuple(name for name, spec in specs.items() if spec.required))


def _unwrap_optional(tp):
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0], True
    return tp, False


_NULL = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_OBJECT, _LIST, _STR, _SCALAR = "object", "list", "str", "scalar"


@cache
def _shape(tp) -> str:
    """How a type is read, worked out once per type rather than once per YAML node."""
    if tp in PARSED:
        return _SCALAR
    if is_record_class(tp):
        return _OBJECT
    if typing.get_origin(tp) is list:
        return _LIST
    return _STR if tp is str else _SCALAR


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


# --- Describing what was found, in plain words


def describe(node: yaml.Node, named: bool = False) -> str:
    """What a problem says a node holds, never its whole content (a hostile file's key would print
    megabytes). `named`: as a name within a message ('unknown rule "x"'): a scalar quoted as it is
    written, whatever YAML reads it as, and a mapping without the explanation."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping" if named else "a mapping (key: value pairs)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = node.value
    if named:
        return f'"{short(value)}"'
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return "nothing (empty value)"
    if tag == "bool":
        return f"the yes/no value {value}"
    if tag in ("int", "float"):
        return f"the number {value}"
    return f'the text "{short(value)}"'


def _expected(tp) -> str:
    if tp is str:
        return "text"
    if tp is bool:
        return "true or false"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a number"
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return "one of: " + ", ".join(v.value for v in tp)
    if tp in PARSED:
        return PARSED[tp][0]
    if typing.get_origin(tp) is list:
        return "a list"
    if is_record_class(tp):
        return f"a mapping with the fields of {tp.__name__}"
    return str(tp)


def _colon_text(node: yaml.Node) -> str | None:
    """'Lưu: VT' when YAML read a one-pair mapping of plain text out of text with ': ' in it."""
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return None
    key, value = node.value[0]
    if not (isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)) or key.style or value.style:
        return None
    return f"{key.value}: {value.value}"


_DMY_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_MY_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_VI_DATE_RE = re.compile(r"^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$", re.IGNORECASE)
_VI_MONTH_RE = re.compile(r"^tháng\s+(\d{1,2})\s*(?:năm|/)\s*(\d{4})$", re.IGNORECASE)


def suggest_date(text: str) -> str | None:
    """The ISO form of a date written as Vietnamese documents write it ('09/6/2021' ->
    '2021-06-09', '10/2022' -> '2022-10', 'ngày 9 tháng 6 năm 2021'), if it names a real day."""
    text = " ".join(text.split())
    for rx, parts in ((_DMY_RE, (3, 2, 1)), (_VI_DATE_RE, (3, 2, 1)), (_MY_RE, (2, 1)), (_VI_MONTH_RE, (2, 1))):
        m = rx.match(text)
        if m:
            numbers = [int(m.group(i)) for i in parts]
            iso = f"{numbers[0]:04d}" + "".join(f"-{n:02d}" for n in numbers[1:])
            try:
                PartialDate.parse(iso)
            except DateError:
                return None
            return iso
    return None


def colon_hint(text: str, line: int) -> str | None:
    """For a YAML syntax error on `line` (1-based) of `text`: how to fix a value holding ': '
    ('title: Hình thức: Bằng khen' -> 'title: "Hình thức: Bằng khen"'), or None."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    m = re.match(r"^(\s*(?:-\s+)?[\w-]+:\s+)([^\"'|>{\[#].*?)\s*$", lines[line - 1])
    if not m or ": " not in m.group(2):
        return None
    return m.group(1).strip() + " " + json.dumps(m.group(2), ensure_ascii=False)


def short(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters for a problem's message: a hostile key may be megabytes."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


class LimitError(Exception):
    """A YAML file past an input limit (aliases, nesting): (message, expected, found) at `mark`."""

    def __init__(self, mark, message: str, expected: str, found: str):
        super().__init__(message)
        self.mark, self.message, self.expected, self.found = mark, message, expected, found


def compose_data(text: str) -> yaml.Node | None:
    """`text` composed into YAML nodes, refusing what no record needs and an attacker would use:
    aliases (an 11-line "billion laughs" expands to gigabytes when read) and nesting deeper than
    MAX_DEPTH. The composer itself shares an alias's node rather than copying it, so composing is
    linear; the check below walks each node once and stops at the first one met twice."""
    root = yaml.compose(text, Loader=YamlLoader)
    if root is None:
        return None
    if "&" not in text:  # no anchor, so no alias (an alias of no anchor fails to compose)
        _check_depth(root)
        return root
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise LimitError(_alias_mark(text) or node.start_mark,
                             "YAML aliases (*name) are not allowed in data: write the value out in full",
                             "plain values, lists and mappings, without &anchors and *aliases",
                             "an alias of the value at line " + str(node.start_mark.line + 1))
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            continue
        if depth > MAX_DEPTH:
            raise _too_deep(node)
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        stack.extend((child, depth + 1) for child in reversed(children))
    return root


def _too_deep(node: yaml.Node) -> LimitError:
    return LimitError(node.start_mark, "the data is nested too deeply",
                      f"at most {MAX_DEPTH} levels of lists and mappings", f"more than {MAX_DEPTH}")


def _check_depth(root: yaml.Node) -> None:
    """The depth check of `compose_data` for a text without aliases: the same walk (depth first,
    in document order, so the same node is reported), over lists and mappings only."""
    if root.__class__ is yaml.ScalarNode:
        return
    scalar = yaml.ScalarNode
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(node)
        if node.__class__ is yaml.SequenceNode:
            children = [child for child in node.value if child.__class__ is not scalar]
        else:
            children = [n for pair in node.value for n in pair if n.__class__ is not scalar]
        if children:
            children.reverse()
            depth += 1
            stack.extend([(child, depth) for child in children])


def _alias_mark(text: str):
    """Where the first alias is written (the walk finds the node it repeats, at its anchor)."""
    try:
        for event in yaml.parse(text, Loader=YamlLoader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark
    except yaml.YAMLError:
        pass
    return None


def _kind_word(tp) -> str:
    return tp.__name__ if isinstance(tp, type) else str(tp)


class Reader:
    """Builds one YAML file's record, reporting problems into `report`."""

    def __init__(self, file: str, report: Report):
        self.file = file
        self.report = report

    def problem(self, node: yaml.Node | None, path: str, message: str, expected="", found="", severity="error"):
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        self.report.add(Problem(self.file, line, col, path, message, expected, found, severity, rule="schema"))

    def read(self, node: yaml.Node, tp, path: str, optional: bool = False):
        """Return the value for `node` as type `tp`, or None after reporting why not."""
        shape = _shape(tp)
        if node.__class__ is yaml.ScalarNode:
            if node.tag == _NULL:
                if optional:
                    return None
                self.problem(node, path, "a value is required here", _expected(tp), describe(node))
                return None
            if shape is _STR and node.tag == _STR_TAG:  # the common case, kept short
                if len(node.value) > MAX_TEXT_CHARS:
                    return self._too_long(node, path)
                text = nfc(node.value)
                return _texts.setdefault(text, text)
        if shape is _OBJECT:
            return self.read_object(node, tp, path)
        if shape is _LIST:
            return self.read_list(node, typing.get_args(tp)[0], path)
        if not isinstance(node, yaml.ScalarNode):
            colon = _colon_text(node) if tp is str or tp in PARSED else None
            if colon is not None:
                self.problem(node, path, 'wrong type: YAML reads text holding ": " as a key and its value — '
                             "put the whole text in double quotes", f'text in quotes: "{colon}"', describe(node))
            else:
                self.problem(node, path, "wrong type", _expected(tp), describe(node))
            return None
        tag = node.tag.rsplit(":", 1)[-1]
        if len(node.value) > MAX_TEXT_CHARS:
            return self._too_long(node, path)
        value = nfc(node.value)
        if tp is str:
            if tag == "bool":
                self.problem(node, path, "wrong type (quote the text if yes/no is meant literally)", "text", describe(node))
                return None
            return _texts.setdefault(value, value)
        if tp is bool:
            if tag != "bool":
                self.problem(node, path, "wrong type", "true or false", describe(node))
                return None
            return value.lower() in ("true", "yes", "on", "y")
        if tp is int or tp is float:
            # plain digits only: float() would also take "nan" and "inf"; "0,4" is Vietnamese for 0.4
            pattern = _INT_RE if tp is int else _NUMBER_RE
            if not pattern.match(value):
                self.problem(node, path, "wrong type", _expected(tp), describe(node))
                return None
            return int(value) if tp is int else float(value.replace(",", "."))
        if isinstance(tp, type) and issubclass(tp, StrEnum):
            try:
                return tp(value)
            except ValueError:
                allowed = [v.value for v in tp]
                close = difflib.get_close_matches(value, allowed, n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                self.problem(node, path, f"not an allowed value{hint}", _expected(tp), describe(node))
                return None
        if tp in PARSED:
            try:
                return tp.parse(value)
            except DateError as exc:
                suggestion = suggest_date(value) if tp is PartialDate else None
                hint = f' — write "{suggestion}"' if suggestion else ""
                self.problem(node, path, f"impossible or malformed date{hint}", str(exc), describe(node))
                return None
        raise TypeError(f"no reader for {tp!r}")  # a model bug, not a data problem

    def _too_long(self, node, path):
        self.problem(node, path, "the text is too long", f"at most {MAX_TEXT_CHARS:,} characters",
                     f"{len(node.value):,} characters")

    def read_list(self, node, item_tp, path):
        return [value for value, _ in self.read_items(node, item_tp, path)]

    def read_items(self, node, item_tp, path) -> list[tuple[typing.Any, yaml.Node]]:
        """(value, node) of each readable item; unreadable ones are reported and left out."""
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, "wrong type", "a list (lines starting with '- ')", describe(node))
            return []
        out = []
        for i, child in enumerate(node.value):
            value = self.read(child, item_tp, f"{path}[{i}]")
            if value is not None:
                out.append((value, child))
        return out

    def read_object(self, node, cls, path):
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path or cls.__name__, "wrong type", _expected(cls), describe(node))
            return None
        plan, required = _read_plan(cls)
        values: dict[str, typing.Any] = {}
        given: set[str] = set()
        shown: dict[str, str] = {}  # field key -> path as the YAML numbers it, where they differ
        ok = True
        scalar = yaml.ScalarNode
        for key_node, value_node in node.value:
            if not isinstance(key_node, scalar):  # "? [a, b]" or "{a: b}: x"
                self.problem(key_node, path or cls.__name__, "a field name must be plain text",
                             f"one of the fields of {_kind_word(cls)}: " + ", ".join(plan), describe(key_node))
                continue
            key = nfc(key_node.value)
            entry = plan.get(key)
            if entry is None:
                where = f"{path}.{short(key)}" if path else short(key)
                close = difflib.get_close_matches(key, list(plan), n=1, cutoff=0.6) if len(key) < 100 else []
                hint = f' — did you mean "{close[0]}"?' if close else ""
                self.problem(key_node, where, f'unknown field "{short(key)}"{hint}',
                             f"one of the fields of {_kind_word(cls)}: " + ", ".join(plan), f'"{short(key)}"')
                continue
            if key in given:
                where = f"{path}.{short(key)}" if path else short(key)
                self.problem(key_node, where, f'field "{key}" is given twice', "each field once", f'"{key}" again')
                continue
            given.add(key)
            spec, is_text = entry
            if is_text and value_node.__class__ is scalar and value_node.tag == _STR_TAG:
                text = value_node.value  # most fields: `read`'s common case, without making a path
                if len(text) <= MAX_TEXT_CHARS:
                    text = nfc(text)
                    values[key] = _texts.setdefault(text, text)
                    continue
            where = f"{path}.{short(key)}" if path else short(key)
            if spec.ref and typing.get_origin(spec.type) is list and not _is_null(value_node):
                # a list of references: remember where each kept item stands, for later messages
                items = self.read_items(value_node, typing.get_args(spec.type)[0], where)
                value = [v for v, _ in items]
                for i, (_, item) in enumerate(items):
                    yaml_index = value_node.value.index(item)
                    if yaml_index != i:  # an unreadable item before it was left out
                        shown[f"{key}[{i}]"] = f"{key}[{yaml_index}]"
            else:
                value = self.read(value_node, spec.type, where, spec.optional or not spec.required)
            if value is None and spec.required:
                ok = False
            if value is not None:
                values[key] = value
        for name in required:
            if name not in given:
                spec = plan[name][0]
                self.problem(node, f"{path}.{name}" if path else name, f'missing required field "{name}"',
                             f"{_expected(spec.type)} — {spec.doc}", "no such field")
                ok = False
        if not ok:
            return None
        obj = cls(**values)
        # Only the file and the path are kept: positions are looked up again when a problem is
        # reported (see `location`), which keeps a national data set's memory and load time down.
        obj._file = self.file
        obj._path = _texts.setdefault(path, path)
        if shown:
            obj._shown = shown
        return obj


class SourceFile(str):
    """A data file's name as messages show it ('data/documents/x.yml'), carrying where it is on
    disk, so `location` can read it again to find a position. One per file, shared by its records.
    The place on disk is a plain string: a Path is rebuilt in Python from its parts when unpickled,
    a tenth of reading the parse cache."""

    path: str

    def __new__(cls, shown: str, path: str | os.PathLike[str]) -> SourceFile:
        self = super().__new__(cls, shown)
        self.path = os.fspath(path)
        return self

    def __reduce__(self):
        return SourceFile, (str(self), self.path)


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class YamlLoader(_BaseLoader):
    """The safe loader with a faster tag resolver: the stock one runs a list of regular
    expressions in Python for every scalar, which dominated load time on large data."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and not implicit[0]:
            return _STR_TAG  # quoted (or tagged "!"): text, as the stock resolver gives it, in one step
        if kind is yaml.ScalarNode:
            tag = _PLAIN_TAGS.get(value)
            if tag:
                return tag
            if value[:1] in "+-.0123456789" and value and _PLAIN_NUMBER.match(value):
                return "tag:yaml.org,2002:float" if any(c in value for c in ".eE") else "tag:yaml.org,2002:int"
            if value[:1] in "+-.0123456789<=" and value:
                return super().resolve(kind, value, implicit)  # dates, sexagesimal, merge: rare
            return "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)


def _root(file: str) -> yaml.Node | None:
    source = getattr(file, "path", None)
    if source is None:
        return None
    try:
        stat = os.stat(source)
    except OSError:
        return None
    return _compose(source, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)  # problems cluster in a few files; the stat keys out edited files
def _compose(path: str, _mtime: int, size: int) -> yaml.Node | None:
    if size > MAX_FILE_BYTES:
        return None
    try:
        return compose_data(Path(path).read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, LimitError):
        return None


def _node_at(root: yaml.Node, path: str) -> yaml.Node:
    """The deepest node along `path` (e.g. 'body[2].items[0].award.forms[1]') that exists."""
    node = root
    for name, index in _STEP.findall(path):
        if name:
            if not isinstance(node, yaml.MappingNode):
                break
            found = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and nfc(k.value) == name), None)
            if found is None:
                break
            node = found
        else:
            if not isinstance(node, yaml.SequenceNode) or int(index) >= len(node.value):
                break
            node = node.value[int(index)]
    return node


def location(obj, field_name: str | None = None) -> tuple[str, int, int, str]:
    """(file, line, column, field path) of a model object or one of its fields."""
    path = obj._path
    if field_name:
        field_name = getattr(obj, "_shown", {}).get(field_name, field_name)
        path = f"{path}.{field_name}" if path else field_name
    root = _root(obj._file)
    if root is None:
        return obj._file, 1, 1, path
    mark = _node_at(root, path).start_mark
    return obj._file, mark.line + 1, mark.column + 1, path


# --- JSON Schema, for editors


def json_schema() -> dict:
    defs: dict[str, dict] = {}

    def of(tp, spec: FieldSpec | None = None) -> dict:
        out: dict[str, typing.Any]
        if tp is str:
            out = {"type": "string"}
        elif tp is bool:
            out = {"type": "boolean"}
        elif tp is int:
            out = {"type": "integer"}
        elif tp is float:
            out = {"type": "number"}
        elif isinstance(tp, type) and issubclass(tp, StrEnum):
            out = {"enum": [v.value for v in tp]}
        elif tp in PARSED:
            out = {"type": ["string", "integer"], "pattern": PARSED[tp][1], "description": PARSED[tp][0]}
        elif typing.get_origin(tp) is list:
            out = {"type": "array", "items": of(typing.get_args(tp)[0])}
        elif is_record_class(tp):
            name = tp.__name__
            if name not in defs:
                defs[name] = {}  # placeholder: recursion (Part contains Part)
                specs = fields_of(tp)
                props = {}
                for f in specs.values():
                    schema = of(f.type, f)
                    if f.optional:
                        schema = {"anyOf": [schema, {"type": "null"}]}
                    props[f.name] = {**schema, "description": f.doc}
                defs[name] = {
                    "type": "object",
                    "description": (tp.__doc__ or "").strip().split("\n")[0],
                    "properties": props,
                    "required": [f.name for f in specs.values() if f.required],
                    "additionalProperties": False,
                }
            out = {"$ref": f"#/$defs/{name}"}
        else:
            raise TypeError(tp)
        if spec and spec.ref:
            out["description"] = f"id of a record in data/{spec.ref}/"
        return out

    kinds = {kind.name: of(kind.record) for kind in KINDS.values()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://thidua.example/schema/thidua.schema.json",
        "title": "thidua data record",
        "description": "One YAML file in data/<kind>/; the kind is the folder name.",
        "oneOf": list(kinds.values()),
        "$defs": defs,
        "x-kinds": {kind: s["$ref"] for kind, s in kinds.items()},
    }
