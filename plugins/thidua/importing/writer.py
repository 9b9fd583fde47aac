"""Writes records as YAML the way the project keeps them: every string double-quoted, NFC,
keys in the model's field order, defaults left out, review notes as comments.

Records are plain dicts here (importers build them; existing files are read with plain YAML),
ordered and filtered by the model's field list (`schema.fields_of`).
"""
from __future__ import annotations

import dataclasses
import json
import typing
import unicodedata
from enum import Enum

from .. import model
from ..schema import PARSED, fields_of, is_record_class


def quote(text: str) -> str:
    # a JSON string is a valid YAML double-quoted scalar
    return json.dumps(unicodedata.normalize("NFC", text), ensure_ascii=False)


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Enum):
        return quote(str(value.value))
    return quote(str(value))


def _is_default(spec, value) -> bool:
    if value is None:
        return True
    if spec.factory is not dataclasses.MISSING:
        return value == spec.factory()
    if spec.default is not dataclasses.MISSING and not spec.required:
        default = spec.default.value if isinstance(spec.default, Enum) else spec.default
        return value == default
    return False


def _item_type(tp):
    return typing.get_args(tp)[0] if typing.get_origin(tp) is list else None


class Writer:
    def __init__(self, comments: dict[str, list[str]] | None = None):
        self.comments = comments or {}
        self.lines: list[str] = []

    def comment(self, path: str, indent: str) -> None:
        for text in self.comments.get(path, []):
            self.lines.append(f"{indent}# {text}")

    def mapping(self, cls: type, record: dict, path: str, indent: str, first_prefix: str | None = None) -> None:
        """Write `record` as `cls`; with `first_prefix` ('- '), the first key shares the dash's line."""
        specs = fields_of(cls)
        unknown = [k for k in record if k not in specs]
        if unknown:
            raise ValueError(f"{cls.__name__} has no field {unknown[0]!r}")
        keys = [k for k in specs if k in record and not _is_default(specs[k], record[k])]
        for n, key in enumerate(keys):
            spec, value = specs[key], record[key]
            where = f"{path}.{key}" if path else key
            lead = indent if n or first_prefix is None else first_prefix
            if n or first_prefix is None:
                self.comment(where, indent)
            if is_record_class(spec.type) and spec.type not in PARSED:
                self.lines.append(f"{lead}{key}:")
                self.mapping(spec.type, value, where, indent + "  ")
            elif _item_type(spec.type) is not None:
                item = _item_type(spec.type)
                if is_record_class(item) and item not in PARSED:
                    self.lines.append(f"{lead}{key}:")
                    for i, element in enumerate(value):
                        at = f"{where}[{i}]"
                        self.comment(at, indent + "  ")
                        if not any(not _is_default(fields_of(item)[k], v) for k, v in element.items()):
                            self.lines.append(f"{indent}  - {{}}")
                            continue
                        self.mapping(item, element, at, indent + "    ", first_prefix=indent + "  - ")
                else:
                    self.lines.append(f"{lead}{key}: [" + ", ".join(scalar(v) for v in value) + "]")
            else:
                self.lines.append(f"{lead}{key}: {scalar(value)}")
        if first_prefix is not None and keys:
            # comments of the first key go above the dash line
            first_key = f"{path}.{keys[0]}"
            if first_key in self.comments:
                insert_at = len(self.lines) - self._count_since(first_prefix)
                for text in reversed(self.comments[first_key]):
                    self.lines.insert(insert_at, f"{first_prefix[:-2]}# {text}")

    def _count_since(self, prefix: str) -> int:
        for back, line in enumerate(reversed(self.lines), 1):
            if line.startswith(prefix):
                return back
        return 0


def dump(cls: type, record: dict, comments: dict[str, list[str]] | None = None, header: list[str] | None = None) -> str:
    writer = Writer(comments)
    for line in header or []:
        writer.lines.append(f"# {line}" if line else "#")
    writer.comment("", "")
    writer.mapping(cls, record, "", "")
    return "\n".join(writer.lines) + "\n"


# The folder of each kind under data/ and its model class (named here so the importers do not
# depend on where the package keeps its kind registry).
FOLDERS = {"authorities": "Authority", "campaigns": "Campaign", "documents": "Document",
           "award-forms": "AwardForm", "decisions": "AwardDecision", "stories": "Story"}


def record_class(folder: str) -> type:
    return getattr(model, FOLDERS[folder])
