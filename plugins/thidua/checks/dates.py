"""Checks of documents' dates: within their period, and not before the documents they rest on.
(Award decisions' dates are checked with the award rules, in `awards.py`.)"""
from __future__ import annotations

from .base import Context, add


def document_dates(ctx: Context) -> None:
    documents = ctx.repo.documents
    for document in documents.values():
        if document.date and document.period and not document.period.contains(document.date):
            add(ctx.report, document, "date", "the document is dated outside its period",
                f"a date within {document.period.id}", document.date.iso(), rule_name="date-in-period")
        if document.date:
            for link in document.basis:
                target = documents.get(link.document)
                if target and target.date and target.date.first > document.date.last:
                    add(ctx.report, link, "document", "the document rests on one issued after it",
                        f"a basis dated on or before {document.date.vi()}",
                        f"{target.id} dated {target.date.vi()}", rule_name="basis-date")
