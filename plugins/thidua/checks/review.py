"""Open questions left in a record: `review:` on a document or an award decision.

An importer writes there what it guessed; a reviewer answers each question and deletes it.
A fixed warning (not in `settings.RULE_INFO`): the record is valid and may be published
while questions remain, but the list is never shown on the site.
"""
from __future__ import annotations

from ..problems import WARNING
from .base import Context, add


def open_questions(ctx: Context) -> None:
    for kind in ("documents", "decisions"):
        for record in ctx.repo.of_kind(kind).values():
            if record.review:
                first = record.review[0]
                shown = first if len(first) <= 80 else first[:77] + "..."
                add(ctx.report, record, "review",
                    f"{len(record.review)} question(s) left for review, e.g. \"{shown}\"",
                    "an empty review list once every question is answered",
                    f"{len(record.review)} item(s)", severity=WARNING, rule_name="review")
