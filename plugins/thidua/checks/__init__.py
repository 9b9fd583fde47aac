"""Checks across records, run after the loader has read and schema-checked every file.

Each check is a function `check(ctx)` of a `base.Context` (the repository, the report, and
the severities `settings.read_settings` found in data/rules.yml). A new check is written in the
module of its job and listed here: in `RECORD_CHECKS` if it works on one record at a time (it
gives that work to `ctx.each_record`, which keeps its problems in the memo), else in `CHECKS`.
Both are then split over processes by `Context.run`, each check across records a task of its own.

  references.py     dangling references, duplicate numbers and aliases, cycles and over-long lines of
                    basis links, empty bodies,
                    links out that are not full web addresses
  dates.py          documents dated within their period and after what they rest on
  awards.py         one decision against the law and its plan (level, subject, occasion, dates...)
  quotas.py         recipients counted across decisions against a plan's quotas
  prerequisites.py  the earlier awards a recipient must hold
  stories.py        stories' subjects, photos and markup
  samples.py        real records never point at sample ones
  privacy.py        what may be published about people
  review.py         questions an importer left for a reviewer (a warning)
  settings.py       each rule's severity, and data/rules.yml
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import parallel
from ..problems import Report
from ..repository import Repository
from . import (
    awards,
    dates,
    prerequisites,
    privacy,
    quotas,
    references,
    review,
    samples,
    stories,
)
from .base import Context
from .memo import CheckMemo
from .settings import read_settings

Check = Callable[[Context], None]

# First, before the work is split over processes: what they give each_record.
RECORD_CHECKS: list[Check] = [
    stories.story_markup,
    privacy.personal_data,
    privacy.private_recipients,
]

CHECKS: list[Check] = [
    references.dangling_references,
    references.duplicate_numbers,
    references.basis_cycles,
    references.basis_depth,
    dates.document_dates,
    references.authority_changes,
    references.aliases_unique,
    references.list_page_ids,
    references.transcribed_documents_have_body,
    references.link_addresses,
    awards.award_level,
    awards.award_subject,
    awards.award_occasion,
    awards.decision_campaign,
    quotas.quotas,
    prerequisites.prerequisites,
    awards.decision_dates,
    awards.recipient_ids,
    stories.story_subjects,
    stories.story_photos,
    samples.sample_references,
    samples.sample_numbers,
    privacy.poverty_consent,
    privacy.private_subjects,
    review.open_questions,
]


def check(repo: Repository, report: Report, cache: Path | None = None, workers: int = 0) -> None:
    """Run every check on `repo`; problems go to `report` (data/rules.yml's own ones first).
    `cache`: the parse cache's folder, where checks of one record at a time keep their problems
    (memo.py), for the records `repo` was just loaded with through that cache. `workers`:
    processes those checks may use (0: one per core, 1: this one alone)."""
    severity = read_settings(repo, report)
    memo = CheckMemo(cache, severity, repo) if cache is not None else None
    ctx = Context(repo, report, severity, memo, workers=workers or parallel.cpu_count())
    for fn in RECORD_CHECKS:
        fn(ctx)  # work on one record at a time, given to ctx.each_record
    ctx.run(CHECKS)  # that work in one pass, and the checks across records, over processes
    if memo is not None:
        memo.write()
