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
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..loader import SETTINGS_FILE, compose, decode, read_data_file  # SETTINGS_FILE: data/rules.yml
from ..problems import ERROR, WARNING, Problem, Report
from ..repository import Repository
from ..schema import describe
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
    "story-markup": RuleInfo(ERROR, True, "story Markdown holds no raw HTML, and links only to full addresses"),
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

    # Read as a record file is (the size cap: the report cache keys larger files by their size
    # alone; encoding, syntax, aliases, depth), except that it may be a link to a shared file.
    raw = read_data_file(path, shown, problems, follow=True)
    if raw is None:
        return settings
    text = decode(raw, shown, problems)
    root = compose(text, shown, problems) if text is not None else None
    if root is None:
        return settings
    if not isinstance(root, yaml.MappingNode):
        bad(root, "the rule settings must be a mapping", "severity: {rule-name: error or warning}")
        return settings
    seen_settings: set[str] = set()
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode) or key.value != "severity":
            bad(key, f"unknown setting {describe(key, named=True)}", "severity", describe(key, named=True))
            continue
        if key.value in seen_settings:
            bad(key, 'the setting "severity" is given twice', "severity once", '"severity" again')
            continue
        seen_settings.add(key.value)
        if value.tag.endswith(":null"):
            continue
        if not isinstance(value, yaml.MappingNode):
            bad(value, "severity must map rule names to error or warning", "rule-name: error", "not a mapping")
            continue
        seen: set[str] = set()
        for name_node, level_node in value.value:
            name = describe(name_node, named=True)
            rule = str(name_node.value) if isinstance(name_node, yaml.ScalarNode) else ""
            level = str(level_node.value).strip().lower() if isinstance(level_node, yaml.ScalarNode) else ""
            if rule not in RULE_INFO:
                close = difflib.get_close_matches(rule, list(RULE_INFO), n=1) if 0 < len(rule) <= 60 else []
                hint = f' — did you mean "{close[0]}"?' if close else ""
                bad(name_node, f"unknown rule {name}{hint}", "one of: " + ", ".join(RULE_INFO), name)
            elif rule in seen:  # as a record's field given twice (an unknown one is reported as unknown)
                bad(name_node, f"the rule {name} is given twice", "each rule once", f"{name} again")
            elif level not in (ERROR, WARNING):
                bad(level_node, f'the severity of "{rule}" must be error or warning', "error or warning",
                    describe(level_node, named=True))
            elif RULE_INFO[rule].locked and level != RULE_INFO[rule].default:
                bad(level_node, f'"{rule}" is always an {RULE_INFO[rule].default}: {RULE_INFO[rule].summary}',
                    f"{RULE_INFO[rule].default} (or leave it out)", level)
            else:
                settings[rule] = level
            seen.add(rule)
    return settings
