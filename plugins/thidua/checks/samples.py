"""sample-reference: a record that is not a sample never refers to one, so dropping the
samples (`publish.drop_samples`) leaves no dangling link. Always an error.
sample-number: sample numbers carry the "MẪU" marker, and only theirs do."""
from __future__ import annotations

from .. import sample_marks
from ..kinds import KINDS
from .base import Context, references


def sample_references(ctx: Context) -> None:
    for kind in KINDS:
        for record in ctx.repo.of_kind(kind).values():
            if getattr(record, "sample", False):
                continue
            for owner, key, target_kind, ident in references(record):
                target = ctx.repo.of_kind(target_kind).get(ident)
                if target is not None and getattr(target, "sample", False):
                    ctx.problem("sample-reference", owner, key,
                                "a record that is not a sample refers to sample data",
                                "a reference to a real record (sample records are left out by include_samples: false)",
                                f'"{ident}" is a sample')


def sample_numbers(ctx: Context) -> None:
    """sample-number: a sample decision's number carries the "MẪU" marker, and only a sample's does,
    so an invented number can never be taken for, or collide with, a real one."""
    for kind in ("decisions",):
        for record in ctx.repo.of_kind(kind).values():
            number = getattr(record, "number", None)
            if not number:
                continue
            marked = sample_marks.NUMBER_MARK in number.upper()
            if getattr(record, "sample", False) and not marked:
                ctx.problem("sample-number", record, "number", "a sample's number must say it is invented",
                            f'a number with the marker "{sample_marks.NUMBER_MARK}", e.g. "{number}-{sample_marks.NUMBER_MARK}"',
                            f'"{number}"')
            elif not getattr(record, "sample", False) and marked:
                ctx.problem("sample-number", record, "number", "only sample data has a number marked as a sample",
                            f'a real number without "{sample_marks.NUMBER_MARK}" (or sample: true)', f'"{number}"')
