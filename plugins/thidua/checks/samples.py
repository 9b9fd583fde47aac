"""sample-reference: a record that is not a sample never refers to one, so dropping the
samples (`publish.drop_samples`) leaves no dangling link. Always an error."""
from __future__ import annotations

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
