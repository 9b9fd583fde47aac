"""Pagefind's filter lists in a fixed order, so the same data gives the same search index, byte for byte.

Pagefind 1.5 writes each filter (`filter/vi_<hash>.pf_filter`: gzip of b"pagefind_dcd" + CBOR
`[name, [[value, [page numbers]], ...]]`) and the meta file's list of filters in hash-map order:
another order, hence other bytes and other names, on every build; the meta file
(`pagefind.vi_<hash>.pf_meta`) names the filter files and `pagefind-entry.json` names the meta file.
`reorder` sorts what Pagefind leaves unordered, writes the files again (gzip time 0, no file name)
and names them as Pagefind does: the language, `_`, and the first hex digits of the SHA-1 of the
CBOR bytes (7 for a filter, 10 for the meta file). Pagefind's browser code only looks files up by
these names: it does not check them against the content. Index chunks and fragments are already
written in page order and are left alone.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

import cbor2

MAGIC = b"pagefind_dcd"
FILTER_DIGITS = 7
META_DIGITS = 10


def read_data(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise ValueError(f"{path}: not a Pagefind data file")
    return cbor2.loads(raw[len(MAGIC):])


def write_data(folder: Path, prefix: str, language: str, digits: int, suffix: str, value, taken: set[str]) -> str:
    """Write `value` as folder/<prefix><language>_<hash><suffix>; return the `<language>_<hash>` part."""
    encoded = cbor2.dumps(value)
    full = hashlib.sha1(encoded).hexdigest()
    while f"{language}_{full[:digits]}" in taken:  # two different files with the same short hash: as Pagefind, lengthen
        digits += 1
    name = f"{language}_{full[:digits]}"
    taken.add(name)
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzipped(MAGIC + encoded))
    return name


def gzipped(data: bytes, level: int = 9) -> bytes:
    """Gzip with no file name, time 0 and the "unknown" system byte, as Pagefind writes (gzip.compress
    would put the system Python runs on): the same data, the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=level, fileobj=buffer, mtime=0) as file:
        file.write(data)
    return buffer.getvalue()


def reorder(out: Path) -> None:
    """Rewrite out/ (Pagefind's output folder) with its filters and their list in a fixed order."""
    entry_path = out / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, about in entry["languages"].items():
        meta_path = out / f"pagefind.{about['hash']}.pf_meta"
        meta = read_data(meta_path)
        filters = meta[3]
        lists = []
        for name, old in sorted(filters, key=lambda f: f[0]):
            old_path = out / "filter" / f"{old}.pf_filter"
            filter_name, values = read_data(old_path)
            lists.append((name, [filter_name, sorted(([value, sorted(pages)] for value, pages in values),
                                                     key=lambda v: v[0])]))
        for _name, old in filters:  # all read before any is written: a new name may be an old one
            (out / "filter" / f"{old}.pf_filter").unlink()
        taken: set[str] = set()
        meta[3] = [[name, write_data(out / "filter", "", language, FILTER_DIGITS, ".pf_filter", content, taken)]
                   for name, content in lists]
        meta_path.unlink()
        about["hash"] = write_data(out, "pagefind.", language, META_DIGITS, ".pf_meta", meta, set())
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
