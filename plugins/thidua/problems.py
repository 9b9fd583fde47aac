"""Problems found in the data, and the three ways `thidua validate` prints them.

Every problem names the file, line and column, the field path, what was expected and
what was found, so a communications office can fix its YAML without reading code.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from .text import visible

ERROR = "error"
WARNING = "warning"


class CannotBuild(Exception):
    """A site cannot be built here for a reason outside the data (the machine's SQLite is too old):
    the build stops with this message in one line, as it does for errors in the data."""


@dataclass(order=True, frozen=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    expected: str = ""
    found: str = ""
    severity: str = ERROR
    rule: str = ""
    source: str = ""  # where a rule comes from, e.g. a plan's section

    def __post_init__(self) -> None:
        # an invisible character (zero-width, bidi override) is shown as <U+200B>: a message must
        # say what is in the file, and a bidi override must not reorder the message itself
        for name in ("field", "message", "expected", "found"):
            value = getattr(self, name)
            shown = visible(value)
            if shown is not value:
                object.__setattr__(self, name, shown)

    def text(self) -> str:
        out = f"{self.file}:{self.line}:{self.column}: {self.severity}: "
        if self.field:
            out += f"{self.field}: "
        out += self.message
        if self.expected:
            out += f"\n    expected: {self.expected}"
        if self.found:
            out += f"\n    found:    {self.found}"
        if self.source:
            out += f"\n    rule:     {self.source}"
        return out

    def github(self) -> str:
        # GitHub Actions workflow command; newlines must be URL-encoded.
        body = self.message
        if self.expected:
            body += f" (expected: {self.expected}; found: {self.found})"
        if self.source:
            body += f" [rule: {self.source}]"
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        title = (self.field or self.rule or "thidua").replace(",", "%2C").replace("::", ": ")
        return f"::{self.severity} file={self.file},line={self.line},col={self.column},title={title}::{body}"


@dataclass
class Report:
    """Collects problems; nothing stops at the first one."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))

    def render(self, fmt: str = "text") -> str:
        problems = self.sorted()
        if fmt == "json":
            return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
        if fmt == "github":
            return "\n".join(p.github() for p in problems)
        lines = [p.text() for p in problems]
        lines.append(f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines)
