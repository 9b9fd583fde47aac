"""What the data folder already holds, indexed for matching names and numbers in a new text.

Read with plain YAML (not the full loader) so an import works even when other records have
problems; only ids, names and a few fields are needed.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .text import folded


def _load(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def plain(value):
    """YAML values as the model writes them: dates as ISO text."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@dataclass
class DataFolder:
    root: Path
    authorities: dict[str, dict] = field(default_factory=dict)
    documents: dict[str, dict] = field(default_factory=dict)
    award_forms: dict[str, dict] = field(default_factory=dict)
    campaigns: dict[str, dict] = field(default_factory=dict)
    decisions: dict[str, dict] = field(default_factory=dict)
    stories: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path) -> DataFolder:
        folder = cls(Path(root))
        for kind in ("authorities", "documents", "award-forms", "campaigns", "decisions", "stories"):
            store = getattr(folder, kind.replace("-", "_"))
            for path in sorted((folder.root / kind).glob("*.y*ml")):
                record = plain(_load(path))
                if isinstance(record.get("id"), str):
                    store[record["id"]] = record
        return folder

    def taken(self, kind: str, record_id: str) -> bool:
        return record_id in getattr(self, kind.replace("-", "_")) or (self.root / kind / f"{record_id}.yml").exists()

    # --- authorities

    def authority_keys(self) -> dict[str, str]:
        """Folded name or short name -> authority id; a department also by name + its province."""
        keys: dict[str, str] = {}
        for aid, a in self.authorities.items():
            for name in (a.get("name"), a.get("short_name")):
                if isinstance(name, str):
                    keys.setdefault(folded(name), aid)
        return keys

    def province_of(self, authority_id: str | None) -> str | None:
        """The province-level authority above `authority_id` (itself if it is one)."""
        seen = set()
        while authority_id and authority_id not in seen:
            seen.add(authority_id)
            a = self.authorities.get(authority_id)
            if a is None:
                return None
            if a.get("level") == "province":
                return authority_id
            authority_id = a.get("parent")
        return None

    def ancestors(self, authority_id: str | None) -> list[str]:
        out: list[str] = []
        while authority_id and authority_id not in out:
            out.append(authority_id)
            authority_id = (self.authorities.get(authority_id) or {}).get("parent")
        return out

    def province_name(self, authority_id: str | None) -> str | None:
        pid = self.province_of(authority_id)
        name = (self.authorities.get(pid) or {}).get("name", "") if pid else ""
        m = re.search(r"tỉnh\s+(.+)$|thành phố\s+(.+)$", name)
        return (m.group(1) or m.group(2)) if m else None

    def resolve_authority(self, phrase: str, province: str | None = None) -> tuple[str | None, int]:
        """The authority a phrase starts with ('Ủy ban nhân dân tỉnh Cao Bằng về việc ...'),
        and how many folded words it took. A bare 'UBND tỉnh' or 'Sở Nội vụ' is completed with
        `province` (the issuer's), as the documents themselves mean it."""
        keys = self.authority_keys()
        tokens = folded(phrase).split()
        prov = folded(province).split() if province else []
        for n in range(min(len(tokens), 14), 0, -1):
            head = tokens[:n]
            key = " ".join(head)
            if key in keys:
                return keys[key], n
            if prov:
                tail = prov if head[-1] == "tinh" else ["tinh", *prov]
                key = " ".join(head + tail)
                if key in keys and n >= 2:
                    return keys[key], n
        return None, 0

    # --- documents, forms, campaigns

    def find_document(self, number: str, year: int | None) -> str | None:
        want = folded(number)
        for did, d in self.documents.items():
            if isinstance(d.get("number"), str) and folded(d["number"]) == want:
                if year is None or str(d.get("date", ""))[:4] in ("", str(year)):
                    return did
        return None

    def campaign_in(self, text: str) -> str | None:
        f = folded(text)
        for cid, c in self.campaigns.items():
            # plans name one campaign several ways: its name or any of its other_names
            for name in [c.get("name", ""), *(c.get("other_names") or [])]:
                name = folded(str(name))
                if name and name in f:
                    return cid
        return None
