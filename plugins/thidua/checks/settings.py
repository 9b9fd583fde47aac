"""Severities: which rule's problems are errors and which warnings, and the optional
`data/rules.yml` that overrides the defaults for the rules that are not locked:

    severity:
      prerequisite: error
      award-occasion: warning

Both `thidua validate` and the MkDocs plugin validate through `validate.validate`, so both
read the same file. docs/RULES.md describes every rule.
"""
from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..loader import SETTINGS_FILE, compose, decode  # in the data folder: data/rules.yml
from ..problems import ERROR, WARNING, Problem, Report
from ..repository import Repository
from ..schema import MAX_FILE_BYTES
from .base import display_path


@dataclass(frozen=True)
class RuleInfo:
    default: str  # "error" or "warning"
    locked: bool  # True: cannot be lowered to a warning (privacy, safety, a broken site)
    summary: str


RULE_INFO: dict[str, RuleInfo] = {
    "award-level": RuleInfo(ERROR, False, "the authority may grant the award form"),
    "award-subject": RuleInfo(ERROR, False, "the recipient's kind may receive the form"),
    "award-occasion": RuleInfo(WARNING, False, "the plan gives the form on this occasion"),
    "award-in-plan": RuleInfo(WARNING, False, "the plan the decision applies mentions its form"),
    "decision-campaign": RuleInfo(ERROR, False, "decision and plan belong to the same campaign"),
    "quota": RuleInfo(ERROR, False, "no more recipients than the plan allows"),
    "prerequisite": RuleInfo(WARNING, False, "recipients hold the earlier awards the plan requires"),
    "decision-date": RuleInfo(ERROR, False, "dated within the campaign and not before the plan"),
    "authority-existed": RuleInfo(ERROR, False, "the authority existed on the decision's date"),
    "recipient-id": RuleInfo(ERROR, False, "recipient ids are well-formed and unique"),
    "story-subject": RuleInfo(ERROR, True, "a story's subject line exists"),
    "story-photo": RuleInfo(ERROR, True, "photos stay in the data folder, exist and have alt text"),
    "story-markup": RuleInfo(ERROR, True, "story Markdown holds no raw HTML or script links"),
    "sample-reference": RuleInfo(ERROR, True, "real records never point at sample records"),
    "sample-number": RuleInfo(ERROR, True, "sample numbers carry the MẪU marker, and only theirs"),
    # privacy.py
    "personal-data": RuleInfo(ERROR, True, "no ID number, phone number, birth date or house address"),
    "poverty-consent": RuleInfo(ERROR, True, "a household in a poverty programme is published only with consent"),
    "private-recipient": RuleInfo(ERROR, True, "a line marked not public is shown nowhere"),
    "invisible-character": RuleInfo(ERROR, True, "no zero-width, soft hyphen or bidi control characters in text"),
    "mixed-script": RuleInfo(ERROR, True, "no look-alike Cyrillic or Greek letters inside a Latin word"),
    # the setting file itself
    "rule-settings": RuleInfo(ERROR, True, "data/rules.yml is well-formed"),
}
DEFAULT_SEVERITY: dict[str, str] = {name: info.default for name, info in RULE_INFO.items()}


def read_settings(repo: Repository, report: Report | None) -> dict[str, str]:
    """Read data/rules.yml (if any) into a rule -> severity mapping, reporting its problems."""
    settings = dict(DEFAULT_SEVERITY)
    path = Path(repo.root) / SETTINGS_FILE
    if not os.path.lexists(path):  # absent; a broken link is reported below
        return settings
    shown = display_path(repo, path)
    problems = report if report is not None else Report()

    def bad(node, message, expected="", found=""):
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        problems.add(Problem(shown, line, col, "severity" if node is not None else "", message, expected, found,
                             ERROR, "rule-settings", "docs/RULES.md"))

    # Read as a record file is (the same size cap: the report cache keys larger files by their size
    # alone; the same encoding, syntax, alias and depth checks, with the same messages), except that
    # it may be a link to a file shared by several data folders.
    raw, why = _read(path)
    if raw is None:
        bad(None, f"the rule settings cannot be read ({why})",
            f"a regular file, or a link to one, of at most {MAX_FILE_BYTES // (1024 * 1024)} MB", why)
        return settings
    text = decode(raw, shown, problems)
    root = compose(text, shown, problems) if text is not None else None
    if root is None:
        return settings
    if not isinstance(root, yaml.MappingNode):
        bad(root, "the rule settings must be a mapping", "severity: {rule-name: error or warning}")
        return settings
    for key, value in root.value:
        if key.value != "severity":
            bad(key, f'unknown setting "{key.value}"', "severity", f'"{key.value}"')
            continue
        if value.tag.endswith(":null"):
            continue
        if not isinstance(value, yaml.MappingNode):
            bad(value, "severity must map rule names to error or warning", "rule-name: error", "not a mapping")
            continue
        for name_node, level_node in value.value:
            name = str(name_node.value)
            level = str(level_node.value).strip().lower() if isinstance(level_node, yaml.ScalarNode) else ""
            if name not in RULE_INFO:
                close = difflib.get_close_matches(name, list(RULE_INFO), n=1)
                hint = f' — did you mean "{close[0]}"?' if close else ""
                bad(name_node, f'unknown rule "{name}"{hint}', "one of: " + ", ".join(RULE_INFO), f'"{name}"')
            elif level not in (ERROR, WARNING):
                bad(level_node, f'the severity of "{name}" must be error or warning', "error or warning",
                    f'"{getattr(level_node, "value", "")}"')
            elif RULE_INFO[name].locked and level != RULE_INFO[name].default:
                bad(level_node, f'"{name}" is always an {RULE_INFO[name].default}: {RULE_INFO[name].summary}',
                    f"{RULE_INFO[name].default} (or leave it out)", level)
            else:
                settings[name] = level
    return settings


def _read(path: Path) -> tuple[bytes | None, str]:
    """The file's bytes, or None and why: not a regular file (never waits on a pipe), past the size cap."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, str(exc.strerror)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, "not a regular file"
        if info.st_size > MAX_FILE_BYTES:
            return None, f"{info.st_size:,} bytes"
        chunks, left = [], MAX_FILE_BYTES + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks), ""
    except OSError as exc:
        return None, str(exc.strerror)
    finally:
        os.close(fd)
