"""The cyclic garbage collector around bulk work: loading, checking, unpickling a cache, planning.

Such work makes millions of objects and almost no cycles. With the collector on, it would rescan
them again and again for nothing (minutes at national scale); switched back on with all of them
still young, its first collection would walk every one (2.7 s after a national validation). So
it is off meanwhile, and the heap is then frozen: never rescanned, yet freed as usual by
reference counting once dropped. Garbage in reference cycles stays until an unfreeze: a build
unfreezes it all when it is over (plugin.py); other long-lived callers may call gc.unfreeze().
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block; then what was made is frozen, and the collector on again
    if it was (within another paused block it stays off, and the outer block freezes)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.freeze()
            gc.enable()
