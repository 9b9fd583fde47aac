"""What a page's body is made from, as digests a later build compares without rendering the page.

A body is its template rendered with the context its builder gave it (`Renderer.page`), plus
whatever the template and its helpers look up while rendering: records by id in the repository,
relations and graph methods in the link graph. So a page's inputs are two things:

- its fingerprint (`Fingerprinter.page`): a hash of its title, description, what its head is
  made from, its table of contents and its whole context, walked object by object; a record met on the way stands
  as its kind, id and content digest (the parse cache's key: a hash of its file's bytes) and is
  not walked into. Counts, lists, derived names, breadcrumbs: whatever the builder worked out
  is in the context, so the fingerprint changes when it does;
- its lookups (`Tracker`): while a page renders, the repository and the graph that templates
  and helpers see are views that note each lookup as a key ("r", kind, id), ("d", relation,
  key), ("m", method, arguments), ... The digest of a key is that of what it returns, worked
  out by evaluating the key again (`Tracker.digest`): the same code whether the page was just
  rendered or a later build checks it.

A later build that finds a page's fingerprint and every lookup's digest unchanged would render
the same body. What the walk cannot fingerprint (the repository or graph themselves, an object
with nothing comparable in it) leaves the page untracked: it is rendered by every build.

This holds as long as: what a context holds does not change once planned, nor what a page's head
is made from when asked (`Page.head`: its title, description, JSON-LD and alternates); a record's parts are
not changed after they are read (its digest stands for them); and a value memoised across pages
on the way from a template (`Renderer.facts`) is worked out from its arguments alone, as a memo
that read the repository would show its lookups to the first page only. A set in a context
pickles in an order that changes from run to run: it costs renders, never a stale page.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import pickle
import types
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeAlias

from markupsafe import Markup

from ..graph import Line, LinkGraph
from ..kinds import KINDS
from ..repository import Repository

ABSENT = "-"  # the digest of a lookup that found nothing
# Objects the fingerprinter's memo holds at most between two pages; past it, it is emptied. Its
# entries only spare hashing an object again (a fingerprint is the same with or without them), and
# it pins every object it holds. Unbounded, it and the pages' inputs grew a national build's process
# by 0.7 GB while it wrote its 38,000 pages.
MEMO_BOUND = 100_000
Key: TypeAlias = tuple  # a lookup of plain values (str, int, tuples of them): see `Tracker`


class Untracked(Exception):
    """The value cannot be fingerprinted: whatever renders with it must be rendered again."""


def _hash(data: bytes | memoryview) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _record(kind: str, ident: str, digest: str) -> None:
    """Stands for a record in a fingerprint (never called: fingerprints are not unpickled)."""


def _part(file: str, path: str) -> None:
    """Stands for a part of a record (a recipient, a part of a plan's body): its file's digest
    and where in the file it was read (`schema.Reader` marks every object it reads so)."""


def _derived(cls: str, origin: tuple) -> None:
    """Stands for a value worked out from one record alone."""


def _function(module: str, name: str, cells: tuple, defaults) -> None:
    """Stands for a function that closes over values: those are data it reads when called."""


def _seen(digest: str) -> None:
    """Stands for an object fingerprinted before in this build (a recipient line on its
    decision's page and on two honor rolls)."""


def _ambient(name: str) -> None:
    """Stands for the renderer and modules: code (in the build's stamp), not data."""


# The fields `Fingerprinter.line` covers: a Line with any other is pickled as any object
LINE_COVERED = tuple(f.name for f in dataclasses.fields(Line)) == ("decision", "recipient", "anchor", "number", "identity")
_OPAQUE = (Repository, LinkGraph)  # reached from a context, they would hide every lookup
_UNTRACKED = _OPAQUE + (set, frozenset)  # sets: their order changes from run to run
# Pickled as they are, not memoised: small, or not our objects. None is a record, a part of one or
# a value derived from one, so they are told apart first (a function closing over values aside):
# a fifth of the objects fingerprinted at province are classes and functions.
_PLAIN = frozenset({types.FunctionType, types.BuiltinFunctionType, types.MethodType, type, functools.partial, Markup})


class _Pickler(pickle.Pickler):
    """Pickles a value the way a fingerprint needs: records as their kind, id and digest."""

    def __init__(self, out: io.BytesIO, fp: Fingerprinter, top: object = None):
        super().__init__(out, protocol=5)
        # Pickle's memo is kept: it spares a call of `reducer_override` for each repeat of a class or
        # function. It makes the bytes tell whether two equal values are one object; that only
        # follows the data and the code, which are the same from build to build when nothing changed.
        self.fp, self.top = fp, top

    def reducer_override(self, obj):  # called for every object but plain str, int, list, dict...
        cls = type(obj)
        if cls in _PLAIN:
            if cls is types.FunctionType and (obj.__closure__ or "<" in obj.__qualname__):
                return _function, (obj.__module__, obj.__qualname__,
                                   tuple(c.cell_contents for c in obj.__closure__ or ()), obj.__defaults__)
            return NotImplemented
        fp = self.fp
        seen = fp.memo.get(id(obj))
        if seen is not None and obj is not self.top:
            return _seen, (seen[1],)
        kind = fp.kinds.get(cls)
        if kind is not None:
            return _record, (kind, obj.id, fp.record(kind, obj.id))
        source = getattr(obj, "_file", None)
        if source is not None:
            file = fp.files.get(id(source))
            if file is not None:
                return _part, (file, getattr(obj, "_path", None))
        if cls is Line and LINE_COVERED and (line := fp.line(obj)) is not None:
            fp.memo[id(obj)] = (obj, line)
            return _seen, (line,)
        origin = fp.derived.get(id(obj))
        if origin is not None:
            return _derived, (cls.__qualname__, origin)
        if obj is fp.renderer or cls is types.ModuleType:
            return _ambient, (getattr(obj, "__name__", "renderer"),)
        if isinstance(obj, _UNTRACKED):
            raise Untracked(cls.__qualname__)
        if obj is self.top:
            return NotImplemented
        # Other objects are fingerprinted once and stand as their digest after: the objects a
        # build's pages hold do not change while it runs, and the memo holds them, so an id is
        # never another object's.
        seen = fp.memo[id(obj)] = (obj, fp.digest(obj, top=obj))
        return _seen, (seen[1],)


class Fingerprinter:
    """Hashes values for fingerprints: a record stands as its kind, id and content digest, a
    part of a record as its file's digest and its place in the file.

    `digests`: kind -> id -> content digest of every record of this build. `renderer`: the
    one pages render with; its own bound methods are fine in a context (what they read while
    rendering goes through the views), and its `derived` values (id -> the record they are
    worked out from, e.g. a document's facts) stand as that record."""

    def __init__(self, repo: Repository, digests: dict[str, dict[str, str]], renderer: Any = None,
                 lines: dict[tuple, str] | None = None):
        """`lines`: the previous build's `lines` (a preview server's), to take lines' digests from."""
        self.digests = digests
        self.kinds = {kind.record: kind.name for kind in KINDS.values()}
        self._decision = KINDS["decisions"].record
        # A record's parts are read from its file and never changed after: its digest covers them.
        self.files = {id(record._file): self.record(kind.name, record.id) for kind, record in repo.all()
                      if getattr(record, "_file", None) is not None}
        self.renderer = renderer
        self.derived: dict[int, Any] = getattr(renderer, "derived", {})
        self.memo: dict[int, tuple[object, str]] = {}  # id -> (object, digest)
        # A line's digest by the fields it is made from (`line`), handed from one build of a preview
        # server to the next, which plans every line anew: hashing them was a fifth of fingerprinting
        # a province's pages. This build's lines only (None: not kept, as in `mkdocs build`, where
        # each line is digested once and keeping them would cost memory for nothing).
        self.known_lines = lines or {}
        self.lines: dict[tuple, str] | None = {} if lines is not None else None

    def record(self, kind: str, ident) -> str:
        return self.digests.get(kind, {}).get(ident, ABSENT) if isinstance(ident, str) else ABSENT

    def digest(self, value, top: object = None) -> str:
        """Raises Untracked (or whatever pickling raises) for a value it cannot fingerprint."""
        out = io.BytesIO()
        _Pickler(out, self, top).dump(value)
        return _hash(out.getbuffer())

    def line(self, line: Line) -> str | None:
        """A recipient line's digest, made straight from its fields: there are tens of thousands
        at province scale, and a pickler each was most of the cost of the `lines_of_decision`
        lookups. None if a field is not one this covers (then it is pickled as any object)."""
        decision, recipient, identity = line.decision, line.recipient, line.identity
        file = self.files.get(id(getattr(recipient, "_file", None)))
        path = getattr(recipient, "_path", None)
        if (type(decision) is not self._decision or file is None or type(path) is not str
                or type(line.anchor) is not str or type(line.number) is not int
                or type(identity) is not tuple or any(type(part) is not str for part in identity)):
            return None
        key = ("Line", decision.id, self.record("decisions", decision.id), file, path, line.anchor, line.number, identity)
        found = self.known_lines.get(key)
        if found is None:
            found = _hash(repr(key).encode("utf-8", "surrogatepass"))
        if self.lines is not None:
            self.lines[key] = found
        return found

    def release(self) -> None:
        """Let go of the memo and the objects it holds (pinned so that their ids stay theirs): the
        pages are written. About 100 MB at region scale, held to the build's end otherwise."""
        self.memo.clear()

    def page(self, page) -> str | None:
        """The fingerprint of a page (site.Page), or None when it cannot be tracked."""
        if len(self.memo) > MEMO_BOUND:  # between pages: no pickling under way holds its ids
            self.release()
        try:
            # the head as what it is made from (`Page.make_head`: the renderer's `head` and its
            # arguments), not made: made for every page to fingerprint, it was made twice for each
            # page rendered, and is not needed for the others
            return self.digest((page.url, page.title, page.description, page.make_head,
                                [(e.level, e.id, e.title) for e in page.toc], page.kind, page.search,
                                page.index, page.render))
        except Exception:  # noqa: BLE001 - anything that cannot be pickled: render it every time
            return None


def renderer_of(page) -> Any:
    """The renderer a page's body renders with (`Renderer.page` makes it a partial of its
    `render`), or None."""
    return getattr(getattr(page.render, "func", None), "__self__", None)


class Tracker:
    """Notes the lookups of the page being rendered (`page`), and gives each lookup's digest
    under this build's data (`digest`), memoised: evaluated the same way when a page records
    it as when a later build checks it."""

    def __init__(self, repo: Repository, graph: LinkGraph, fingerprinter: Fingerprinter):
        self.repo, self.graph, self.fp = repo, graph, fingerprinter
        self.known: dict[Key, str] = {}
        self._seen: dict[Key, None] | None = None
        self.untracked = False

    @contextmanager
    def page(self) -> Iterator[dict[Key, None]]:
        """Within: lookups are noted into the dict yielded (untracked: `self.untracked`)."""
        global _active
        self._seen, self.untracked = {}, False
        _active = self
        try:
            yield self._seen
        finally:
            _active, self._seen = None, None

    def release(self) -> None:
        """Let go of the lookups' digests and the fingerprinter's memo: the pages are written."""
        self.known.clear()
        self.fp.release()

    def note(self, key: Key) -> None:
        seen = self._seen
        if seen is not None and key not in seen:
            seen[key] = None

    def taint(self) -> None:
        self.untracked = True

    def digest(self, key: Key) -> str | None:
        """The digest of a lookup under this build's data; None if it cannot be evaluated."""
        found = self.known.get(key)
        if found is None:
            try:
                found = self.known[key] = self._evaluate(key)
            except Exception:  # noqa: BLE001 - a key from a damaged manifest, a method gone: render
                return None
        return found

    def _evaluate(self, key: Key) -> str:
        what = key[0]
        if what == "r":
            return self.fp.record(key[1], key[2])
        if what == "k":
            return self.fp.digest(sorted(self.fp.digests.get(key[1], {}).items()))
        if key[1].startswith("_"):
            raise ValueError(f"not a lookup: {key!r}")  # a damaged manifest's, never a template's
        value = getattr(self.graph, key[1])
        if what == "d":
            return self.fp.digest(value[key[2]]) if key[2] in value else ABSENT
        if what == "m":
            return self.fp.digest(value(*self._decode(key[2])))
        if what == "g":  # a whole attribute, or a whole relation
            return self.fp.digest(value)
        raise ValueError(f"unknown lookup {key!r}")

    def _decode(self, args):
        out = []
        for arg in args:
            if isinstance(arg, tuple) and arg[:1] == ("\0R",):
                out.append(self.repo.of_kind(arg[1])[arg[2]])  # a record gone: KeyError, render
            else:
                out.append(arg)
        return out

    def encode(self, args) -> tuple | None:
        """Method arguments as a key part: ids, numbers, records (as kind and id); None if other."""
        out = []
        for arg in args:
            kind = self.fp.kinds.get(type(arg))
            if kind is not None:
                out.append(("\0R", kind, arg.id))
            elif arg is None or type(arg) in (str, int, bool, float):
                out.append(arg)
            elif type(arg) is tuple and all(type(a) in (str, int) for a in arg):
                out.append(arg)
            else:
                return None
        return tuple(out)

    def views(self) -> tuple[RepoView, GraphView]:
        return RepoView(self, self.repo), GraphView(self, self.graph)


_active: Tracker | None = None


def active() -> Tracker | None:
    """The tracker noting the lookups of the page rendering now, if any."""
    return _active


def _key_part(value) -> bool:
    return value is None or type(value) in (str, int) or (type(value) is tuple and all(type(v) in (str, int) for v in value))


class MappingView:
    """A dict as templates see it while a page renders: every key looked up is noted as
    (`what`, `name`, key), a walk over the whole as (`whole`, `name`)."""

    __slots__ = ("_tracker", "_what", "_whole_what", "_name", "_map")

    def __init__(self, tracker: Tracker, what: str, whole: str, name: str, mapping: dict):
        self._tracker, self._what, self._whole_what, self._name, self._map = tracker, what, whole, name, mapping

    def _note(self, key) -> None:
        if _key_part(key):
            self._tracker.note((self._what, self._name, key))
        else:
            self._tracker.taint()

    def _whole(self) -> dict:
        self._tracker.note((self._whole_what, self._name))
        return self._map

    def __getitem__(self, key):
        self._note(key)
        return self._map[key]

    def get(self, key, default=None):
        self._note(key)
        return self._map.get(key, default)

    def __contains__(self, key) -> bool:
        self._note(key)
        return key in self._map

    def __iter__(self):
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())

    def keys(self):
        return self._whole().keys()

    def values(self):
        return self._whole().values()

    def items(self):
        return self._whole().items()


class RepoView:
    """The repository as templates and helpers see it while a page renders."""

    def __init__(self, tracker: Tracker, repo: Repository):
        self._tracker, self._repo = tracker, repo
        self._kinds: dict[str, MappingView] = {}

    def of_kind(self, kind: str) -> MappingView:
        """One kind's records (`repo.authorities`): a lookup by id is ("r", kind, id)."""
        view = self._kinds.get(kind)
        if view is None:
            view = self._kinds[kind] = MappingView(self._tracker, "r", "k", kind, self._repo.of_kind(kind))
        return view

    def __getattr__(self, name: str):
        kind = name.replace("_", "-")
        if kind in KINDS:
            return self.of_kind(kind)
        self._tracker.taint()  # anything else (all(), root): not tracked, render every time
        return getattr(self._repo, name)


class GraphView:
    """The link graph as templates and helpers see it while a page renders: relations are
    `MappingView`s, a method call is noted with its arguments, any other attribute whole."""

    def __init__(self, tracker: Tracker, graph: LinkGraph):
        self._tracker, self._graph = tracker, graph

    def __getattr__(self, name: str):
        value = getattr(self._graph, name)
        tracker = self._tracker
        if name == "repo":
            return RepoView(tracker, value)
        if callable(value) and not isinstance(value, type):
            def call(*args, **kwargs):
                encoded = tracker.encode(args)
                if encoded is None or kwargs:
                    tracker.taint()
                else:
                    tracker.note(("m", name, encoded))
                return value(*args, **kwargs)
            return call
        if isinstance(value, dict | defaultdict):  # a relation (`graph.implemented_by`)
            return MappingView(tracker, "d", "g", name, value)
        tracker.note(("g", name))
        return value
