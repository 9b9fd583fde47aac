#!/usr/bin/env python3
"""Synthetic data for benchmarks: a complete data folder at a chosen scale.

    python benchmarks/generate.py --scale small --out benchmarks/out/small [--seed 1] [--jobs N]

Scales:
    demo      the real data/ folder, unchanged
    small     1 province: ~20 plans, ~40 award decisions, ~400 honor-roll lines, ~10 stories (CI)
    province  1 province with its ~20 departments and ~100 communes: ~300 plans, ~1,000 decisions,
              ~20,000 lines, ~300 stories
    region    10 provinces of Đắk Lắk's size at the province's rates: ten times the province's data
    national  34 provinces and 3,321 communes: ~12,000 plans, ~40,000 decisions, ~800,000 lines,
              ~10,000 stories

Every scale starts from a copy of the real data/ (the national campaign, the award forms, the
transcribed plans); generated records refer to those ids and are marked `sample: true` where the
model has that field. The output is deterministic: the same scale and seed give byte-identical
files, whatever --jobs is (each province draws from its own random.Random seeded by seed + province).

Also usable as a function: `generate(scale, out, seed=1, jobs=0) -> dict` (returns counts).
"""
from __future__ import annotations

import argparse
import bisect
import dataclasses
import datetime as dt
import functools
import json
import os
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The real records every scale starts from. Tests point it at their frozen copy
# (THIDUA_BENCH_REAL_DATA, set in tests/conftest.py): a data commit must never change what they see.
REAL_DATA = Path(os.environ.get("THIDUA_BENCH_REAL_DATA") or ROOT / "data")
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import names as N  # noqa: E402

KINDS = ["authorities", "campaigns", "documents", "award-forms", "decisions", "stories"]
D = dt.date
MERGE_DAY = D(2025, 7, 1)          # provinces merged, districts abolished, communes merged
DEPT_MERGE_DAY = D(2025, 3, 1)     # provincial departments merged
LAST_DAY = D(2025, 12, 31)
STORY_LAST_DAY = D(2026, 6, 30)

FORM_PROVINCE = "bang-khen-chu-tich-ubnd-tinh"
FORM_DEPARTMENT = "giay-khen-giam-doc-so"
FORM_COMMUNE = "giay-khen-chu-tich-ubnd-xa"
FORM_PM = "bang-khen-thu-tuong"


# --------------------------------------------------------------------------- scales


@dataclass
class Scale:
    provinces: list[str]                       # province slugs, in order
    communes: dict[str, int] | None = None     # per-province commune count (None: the real count)
    departments: list[str] | None = None       # department keys (None: all)
    absorbed: bool = True                      # include the provinces merged away in 2025
    merged_communes: float = 0.12              # extra communes merged away on 1 July 2025
    # probability that an authority of a level issues a plan for a campaign
    plan_p: dict = field(default_factory=lambda: {
        ("vi-nguoi-ngheo", "department"): 1.0, ("vi-nguoi-ngheo", "commune"): 1.0,
        ("nong-thon-moi", "department"): 1.0, ("nong-thon-moi", "commune"): 1.0,
        ("xoa-nha-tam", "department"): 1.0, ("xoa-nha-tam", "commune"): 0.97,
    })
    # probability of a decision per plan, occasion and level
    decision_p: dict = field(default_factory=lambda: {
        "province": {"yearly": 0.95, "midterm": 0.9, "final": 1.0, "adhoc": 0.6},
        "department": {"yearly": 0.6, "midterm": 0.6, "final": 0.8, "adhoc": 0.0},
        "commune": {"yearly": 0.82, "midterm": 0.5, "final": 0.9, "adhoc": 0.3},
    })
    quota_factor: float = 1.0
    story_rate: float = 0.25                   # stories per decision (about a recipient)
    authority_story_rate: float = 0.03         # stories per commune plan (about the commune)


ALL_PROVINCES = [p[0] for p in N.PROVINCES]
SCALES: dict[str, Scale | None] = {
    "demo": None,
    "small": Scale(
        provinces=["quang-tri"], communes={"quang-tri": 11},
        departments=["noi-vu", "ldtbxh", "gddt", "nnptnt", "nnmt"],
        merged_communes=0.1,
        plan_p={("vi-nguoi-ngheo", "department"): 1.0, ("vi-nguoi-ngheo", "commune"): 1.0,
                ("nong-thon-moi", "department"): 0.0, ("nong-thon-moi", "commune"): 0.0,
                ("xoa-nha-tam", "department"): 0.0, ("xoa-nha-tam", "commune"): 0.0},
        decision_p={"province": {"yearly": 0.6, "midterm": 0.5, "final": 1.0, "adhoc": 0.0},
                    "department": {"yearly": 0.35, "midterm": 0.3, "final": 0.5, "adhoc": 0.0},
                    "commune": {"yearly": 0.28, "midterm": 0.15, "final": 0.35, "adhoc": 0.05}},
        quota_factor=0.38, story_rate=0.2, authority_story_rate=0.1,
    ),
    # one province at about the national average's 85%: ~300 plans, ~1,000 decisions, ~20,000 lines
    "province": Scale(
        provinces=["dak-lak"], merged_communes=0.08,
        plan_p={("vi-nguoi-ngheo", "department"): 1.0, ("vi-nguoi-ngheo", "commune"): 1.0,
                ("nong-thon-moi", "department"): 0.85, ("nong-thon-moi", "commune"): 0.85,
                ("xoa-nha-tam", "department"): 0.8, ("xoa-nha-tam", "commune"): 0.7},
        decision_p={"province": {"yearly": 0.95, "midterm": 0.9, "final": 1.0, "adhoc": 0.6},
                    "department": {"yearly": 0.55, "midterm": 0.55, "final": 0.8, "adhoc": 0.0},
                    "commune": {"yearly": 0.78, "midterm": 0.45, "final": 0.85, "adhoc": 0.25}},
        quota_factor=0.92, story_rate=0.3,
    ),
    "national": Scale(provinces=ALL_PROVINCES),
}
# Ten provinces of about Đắk Lắk's size (95-104 communes, 998 against its 102) at the province
# scale's rates: ten times its data, to see whether a build grows faster than the data (issue 16).
SCALES["region"] = dataclasses.replace(SCALES["province"], provinces=[  # type: ignore[type-var]
    "dak-lak", "dong-thap", "an-giang", "can-tho", "hung-yen", "lao-cai", "bac-ninh", "tay-ninh",
    "quang-ngai", "dong-nai"])


# --------------------------------------------------------------------------- small helpers


_TRANS = str.maketrans({"đ": "d", "Đ": "D"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=200_000)
def slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.translate(_TRANS))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub("-", text).strip("-")


def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    if '"' in s or "\\" in s or "\n" in s:
        return json.dumps(s, ensure_ascii=False)
    return '"' + s + '"'


class Raw(str):
    """A scalar written without quotes: ids and enum codes."""


def scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Raw):
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v == int(v) else repr(v)
    if isinstance(v, D):
        return '"' + v.isoformat() + '"'
    return q(v)


def emit(d: dict, ind: int, out: list[str]) -> None:
    """Block-style YAML for a dict; None values and empty lists are left out."""
    pad = " " * ind
    for k, v in d.items():
        if v is None or (isinstance(v, list) and not v):
            continue
        if isinstance(v, dict):
            out.append(f"{pad}{k}:")
            emit(v, ind + 2, out)
        elif isinstance(v, list):
            if isinstance(v[0], dict):
                out.append(f"{pad}{k}:")
                for item in v:
                    emit_item(item, ind + 2, out)
            elif all(isinstance(x, Raw) for x in v):
                out.append(f"{pad}{k}: [{', '.join(v)}]")
            else:
                out.append(f"{pad}{k}:")
                out.extend(f"{pad}  - {scalar(x)}" for x in v)
        elif isinstance(v, Block):
            out.append(f"{pad}{k}: |-")
            out.extend((f"{pad}  {line}" if line else "") for line in v.split("\n"))
        else:
            out.append(f"{pad}{k}: {scalar(v)}")


def emit_item(d: dict, ind: int, out: list[str]) -> None:
    start = len(out)
    emit(d, ind + 2, out)
    out[start] = " " * ind + "- " + out[start][ind + 2:]


class Block(str):
    """A multi-line string written as a literal block (story bodies)."""


def vi_date(d: D) -> str:
    return f"{d.day:02d}/{d.month}/{d.year}"


def vnum(x: float) -> str:
    """A number as Vietnamese documents write it: decimal comma."""
    return (str(int(x)) if x == int(x) else f"{x:.1f}").replace(".", ",")


def rand_date(rng: random.Random, a: D, b: D) -> D | None:
    if b < a:
        return None
    return D.fromordinal(rng.randint(a.toordinal(), b.toordinal()))


def parse_partial(v) -> tuple[D, D] | None:
    """(first, last) day of a YYYY, YYYY-MM or YYYY-MM-DD value from the real YAML."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, D):
        return v, v
    text = str(v).strip()
    m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$", text)
    if not m:
        return None
    y, mo, da = (int(g) if g else None for g in m.groups())
    if da:
        return D(y, mo, da), D(y, mo, da)
    if mo:
        nxt = D(y + (mo == 12), mo % 12 + 1, 1)
        return D(y, mo, 1), nxt - dt.timedelta(days=1)
    return D(y, 1, 1), D(y, 12, 31)


class Pick:
    """Weighted choice with precomputed cumulative weights."""

    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        self.cum = []
        total = 0
        for _, w in pairs:
            total += w
            self.cum.append(total)
        self.total = total

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


SURNAME = Pick(N.SURNAMES)
SURNAME_NM = Pick(N.SURNAMES_NORTH_MOUNTAIN)


class Fmt(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fill(text: str, tx: dict) -> str:
    return text.format_map(tx) if "{" in text else text


# --------------------------------------------------------------------------- the real data


@dataclass
class RealIndex:
    ids: dict[str, set]
    authorities: dict[str, dict]
    documents: dict[str, dict]
    plans: dict[tuple[str, str], str]          # (authority, campaign) -> plan id
    numbers: set                               # (authority, year, NUMBER)
    forms: set
    campaigns: set


def load_real(data: Path) -> RealIndex:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    ids = {k: set() for k in KINDS}
    authorities, documents, plans, numbers = {}, {}, {}, set()
    for kind in KINDS:
        folder = data / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.y*ml")):
            try:
                rec = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=loader)
            except Exception:  # a file someone is still editing: its id is all we need
                rec = None
            if not isinstance(rec, dict):
                ids[kind].add(path.stem)
                continue
            rid = str(rec.get("id") or path.stem)
            ids[kind].add(rid)
            ids[kind].add(path.stem)
            if kind == "authorities":
                authorities[rid] = {
                    "level": rec.get("level"), "parent": rec.get("parent"),
                    "since": parse_partial(rec.get("since")), "until": parse_partial(rec.get("until")),
                    "name": rec.get("name"), "short_name": rec.get("short_name"),
                }
            if kind in ("documents", "decisions"):
                date = parse_partial(rec.get("date"))
                if rec.get("number") and date:
                    numbers.add((rec.get("authority"), date[0].year, str(rec["number"]).replace(" ", "").upper()))
            if kind == "documents":
                documents[rid] = {
                    "authority": rec.get("authority"), "campaign": rec.get("campaign"), "type": rec.get("type"),
                    "date": parse_partial(rec.get("date")), "number": rec.get("number"),
                }
                if rec.get("type") == "ke-hoach" and rec.get("campaign"):
                    key = (rec.get("authority"), rec.get("campaign"))
                    plans[key] = min(plans.get(key, rid), rid)
    return RealIndex(ids, authorities, documents, plans, numbers, set(ids["award-forms"]), set(ids["campaigns"]))


def sample_kinds() -> set[str]:
    """The kinds whose model has a `sample` field (the banner for invented data)."""
    try:
        plugins = str(ROOT / "plugins")
        if plugins not in sys.path:
            sys.path.insert(0, plugins)
        from thidua.kinds import KINDS

        return {kind.name for kind in KINDS.values() if any(f.name == "sample" for f in dataclasses.fields(kind.record))}
    except Exception:
        return {"documents", "decisions", "stories"}


# --------------------------------------------------------------------------- output


class Out:
    def __init__(self, root: Path, real: RealIndex, sample: set[str]):
        self.root = root
        self.real = real
        self.sample = sample
        self.counts = {k: 0 for k in KINDS}
        self.bytes = {k: 0 for k in KINDS}
        self.recipients = 0

    def write(self, kind: str, rid: str, text: str) -> None:
        data = text.encode("utf-8")
        with open(self.root / kind / f"{rid}.yml", "xb") as fh:  # "x": an id collision fails loudly
            fh.write(data)
        self.counts[kind] += 1
        self.bytes[kind] += len(data)

    def record(self, kind: str, rec: dict) -> None:
        rec["id"] = Raw(rec["id"])
        if kind in self.sample:
            rec["sample"] = True
        lines: list[str] = []
        emit(rec, 0, lines)
        lines.append("")
        self.write(kind, rec["id"], "\n".join(lines))


# --------------------------------------------------------------------------- authorities


class Auth:
    __slots__ = ("id", "name", "short", "level", "parent", "since", "until", "successor", "change", "note",
                 "real", "role", "place", "pname", "ptype", "prov", "key", "abbr", "nganh", "villages",
                 "chair", "vices", "tx", "communes")

    def __init__(self, **kw):
        for s in self.__slots__:
            setattr(self, s, kw.get(s))

    def alive(self, d: D) -> bool:
        return (self.since is None or d >= self.since) and (self.until is None or d < self.until)

    def last_day(self) -> D:
        return min(LAST_DAY, self.until - dt.timedelta(days=1)) if self.until else LAST_DAY


@dataclass
class Province:
    slug: str
    name: str
    kind: str            # tinh | tp
    region: str
    mountain: bool
    n_communes: int
    absorbed: list


def person(rng: random.Random, region: str, mountain: bool, female: bool | None = None,
           full: bool = False) -> tuple[str, bool]:
    """(full name, female). full: never a two-word name, which could be the first words of another's."""
    if female is None:
        female = rng.random() < 0.45
    r = rng.random()
    if region == "tn" and r < 0.22:
        if rng.random() < 0.5:
            given = rng.choice(N.EDE_GIVEN_FEMALE if female else N.EDE_GIVEN_MALE)
            return (f"H'{given} " if female else f"Y {given} ") + rng.choice(N.EDE_CLANS), female
        g = rng.choice(N.JRAI_GIVEN)
        return f"{rng.choice(N.JRAI_CLANS)} {g}", g.startswith("H'") or female
    surname = SURNAME_NM(rng) if (region == "bac" and mountain and r < 0.45) else SURNAME(rng)
    if female:
        return f"{surname} {rng.choice(N.MIDDLE_FEMALE)} {rng.choice(N.GIVEN_FEMALE)}", True
    if not full and rng.random() < 0.12:  # two-syllable names without a middle name are common for men in the north
        return f"{surname} {rng.choice(N.GIVEN_MALE)}", False
    return f"{surname} {rng.choice(N.MIDDLE_MALE)} {rng.choice(N.GIVEN_MALE)}", False


PRIVATE_MIDDLE = ("Bửu",)  # folded "buu": no surname, and in text only "bưu điện", "bưu chính"


def private_name(name: str) -> str:
    """A hidden household's name with one more syllable after the surname, one no other name in
    names.py has ("Hộ ông Lê Văn An" -> "Hộ ông Lê Bửu Văn An"): so no signer, story subject or
    sentence names a hidden line, which at national scale happened by chance (a signer's name; "Nguyễn
    Văn Hùng vinh dự ..." read as "Hộ ông Nguyễn Văn Hùng Vinh"; "đó, Đoàn Hồng Thủy" as "Hộ bà Đỗ Doãn
    Hồng Thủy": the rule folds diacritics), and the private-recipient rule
    rightly refused the data. Chosen without the random stream: the rest of the data is as before."""
    parts = name.split(" ")  # "Hộ", "ông"/"bà", surname, ...
    parts.insert(3, PRIVATE_MIDDLE[sum(map(ord, name)) % len(PRIVATE_MIDDLE)])
    return " ".join(parts)


def commune_name(rng: random.Random, prov: Province) -> str:
    r = rng.random()
    if prov.region == "bac" and prov.mountain and r < 0.35:
        return f"{rng.choice(N.COMMUNE_NORTH_MOUNTAIN_A)} {rng.choice(N.COMMUNE_NORTH_MOUNTAIN_B)}"
    if prov.region == "tn" and r < 0.4:
        return f"{rng.choice(N.COMMUNE_TN_A)} {rng.choice(N.COMMUNE_TN_B)}"
    a = rng.choice(N.COMMUNE_A)
    b = rng.choice(N.COMMUNE_B)
    while b == a:
        b = rng.choice(N.COMMUNE_B)
    return f"{a} {b}"


def make_villages(rng: random.Random, prov: Province, ptype: str) -> list[tuple[str, str]]:
    """(type word, name) pairs: ("thôn", "Đông Hòa"), ("bản", "Nà Pò"), ("ấp", "Tân Hòa") ..."""
    n = rng.randint(4, 11)
    out, seen = [], set()
    numbered = rng.random() < 0.3
    for i in range(n):
        if ptype == "phường":
            vt = "khu phố" if prov.region == "nam" else "tổ dân phố"
            vn = str(i + 1)
        elif prov.region == "nam":
            vt = "ấp"
            vn = str(i + 1) if numbered else rng.choice(N.VILLAGE_SOUTH)
        elif prov.region == "tn" and rng.random() < 0.5:
            vt = "buôn"
            vn = rng.choice(N.VILLAGE_TN)
        elif prov.region == "bac" and prov.mountain and rng.random() < 0.5:
            vt = "bản"
            vn = rng.choice(N.VILLAGE_NORTH_MOUNTAIN)
        else:
            vt = "thôn"
            vn = str(i + 1) if numbered else rng.choice(N.VILLAGE_NAMES)
        if (vt, vn) in seen:
            continue
        seen.add((vt, vn))
        out.append((vt, vn))
    return out


def leaders(rng, prov: Province, a: Auth) -> None:
    a.chair = person(rng, prov.region, prov.mountain)[0]
    a.vices = [person(rng, prov.region, prov.mountain)[0] for _ in range(rng.randint(2, 3))]


def apply_real(a: Auth, real: RealIndex) -> Auth:
    """An id the real data already has: use the real record's facts and do not write ours."""
    info = real.authorities.get(a.id)
    if info is None:
        return a
    a.real = True
    a.since = info["since"][0] if info["since"] else None
    a.until = info["until"][0] if info["until"] else None
    if info.get("name"):
        a.name = info["name"]
    if info.get("short_name"):
        a.short = info["short_name"]
    return a


def authority_record(a: Auth) -> dict:
    return {
        "id": a.id, "name": a.name, "short_name": a.short, "level": Raw(a.level),
        "parent": Raw(a.parent) if a.parent else None,
        "since": a.since, "until": a.until,
        "successor": Raw(a.successor) if a.successor else None,
        "change": Raw(a.change) if a.change else None, "change_note": a.note,
    }


# --------------------------------------------------------------------------- plans


@dataclass
class Plan:
    id: str
    auth: Auth
    campaign: str        # campaign key
    date: D | None
    last: D | None       # last day the (possibly partial) date may mean
    number: str | None
    period: tuple[int, int]
    generated: bool
    award: dict | None = None   # the award form this authority grants under the plan


class Numbers:
    VOLUME = {("province", "KH"): 420, ("province", "QĐ"): 3200, ("department", "KH"): 160,
              ("department", "QĐ"): 900, ("commune", "KH"): 180, ("commune", "QĐ"): 420}

    def __init__(self, used: set):
        self.used = set(used)

    def take(self, rng: random.Random, a: Auth, d: D, kind: str) -> str:
        level = "province" if a.level == "province" else a.level
        volume = self.VOLUME[(level, kind)]
        suffix = f"{kind}-{a.abbr}"
        n = max(1, int(d.timetuple().tm_yday / 366 * volume) + rng.randint(-6, 6))
        while (a.id, d.year, f"{n}/{suffix}".upper()) in self.used:
            n += 1
        self.used.add((a.id, d.year, f"{n}/{suffix}".upper()))
        return f"{n}/{suffix}"


def signer(rng, a: Auth) -> dict:
    if a.role in ("province", "old-province", "commune"):
        if rng.random() < 0.4:
            return {"capacity": Raw("TM"), "on_behalf_of": "Ủy ban nhân dân", "title": "Chủ tịch", "name": a.chair}
        return {"capacity": Raw("KT"), "on_behalf_of": "Chủ tịch", "title": "Phó Chủ tịch",
                "name": rng.choice(a.vices)}
    head = {"thanh-tra": "Chánh Thanh tra", "van-phong-ubnd": "Chánh Văn phòng", "ban-dan-toc": "Trưởng ban"}.get(
        a.key, "Giám đốc")
    if rng.random() < 0.45:
        return {"title": head, "name": a.chair}
    return {"capacity": Raw("KT"), "on_behalf_of": head, "title": "Phó " + head,
            "name": rng.choice(a.vices)}


def pick_n(rng, pool: list, k: int) -> list:
    return rng.sample(pool, min(k, len(pool)))


def lbl(i: int) -> str:
    return "abcdđeghiklmnopq"[i] + ")"


ROMAN = ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII."]


def quota_text(quotas: list[dict], occ: str, unit_words: tuple[str, str]) -> str | None:
    qs = [qq for qq in quotas if qq["occasion"] == occ]
    if not qs:
        return None
    parts = [f"{qq['max']:02d} {unit_words[i]}" for i, qq in enumerate(qs)]
    return "không quá " + " và ".join(parts)


class PlanWriter:
    """Builds one plan's record: its body from the text pools, its award rules and links."""

    def __init__(self, ctx: ProvinceJob):
        self.ctx = ctx

    def award_rules(self, rng, a: Auth, camp: str, level: str) -> dict:
        f = self.ctx.scale.quota_factor
        start, end = N.CAMPAIGNS[camp]["period"]
        if level in ("province", "old-province"):
            form, subjects = FORM_PROVINCE, ["collective", "enterprise", "commune", "village", "individual", "household"]
            groups = [["collective", "enterprise", "commune", "village"], ["individual", "household"]]
            base = {"yearly": (22, 32), "midterm": (26, 36), "final": (34, 50), "adhoc": (12, 18)}
            words = ("tập thể (kể cả doanh nghiệp, xã, thôn)", "cá nhân (kể cả hộ gia đình)")
        elif level == "department":
            form, subjects = FORM_DEPARTMENT, ["collective", "individual"]
            groups = [["collective"], ["individual"]]
            base = {"yearly": (8, 18), "midterm": (9, 22), "final": (12, 28), "adhoc": (4, 9)}
            words = ("tập thể", "cá nhân")
        else:
            form, subjects = FORM_COMMUNE, ["collective", "village", "individual", "household"]
            groups = [["collective", "village"], ["individual", "household"]]
            base = {"yearly": (7, 21), "midterm": (9, 23), "final": (12, 32), "adhoc": (5, 12)}
            words = ("tập thể, thôn", "cá nhân, hộ gia đình")
        if camp == "xoa-nha-tam":
            occasions = ["adhoc", "final"] if level != "department" else ["final"]
        else:
            occasions = ["yearly", "midterm", "final"] + (["adhoc"] if level == "commune" else [])
        quotas = []
        for occ in occasions:
            lo, hi = base[occ]
            for i, g in enumerate(groups):
                n = max(2, round((lo if i == 0 else hi) * f * rng.uniform(0.8, 1.25)))
                qq = {"subjects": [Raw(s) for s in g], "max": n, "occasion": Raw(occ)}
                if occ == "midterm":
                    qq["year"] = 2023
                elif occ == "final":
                    qq["year"] = end
                quotas.append(qq)
        rules = {"form": form, "granted_by": a.id, "occasions": occasions, "subjects": subjects,
                 "quotas": quotas, "groups": groups, "words": words, "prerequisite": False}
        if level in ("province", "old-province") and camp != "xoa-nha-tam":
            rules["prerequisite"] = True
        return rules

    # -- the body

    def body(self, rng, plan: Plan, parent_ref: str, tx: dict) -> list[dict]:
        a, camp = plan.auth, plan.campaign
        level = "province" if a.role in ("province", "old-province") else a.role
        rules = plan.award
        parts = []
        # I. purposes and requirements
        purposes = pick_n(rng, N.PURPOSES["_"], rng.randint(1, 2)) + pick_n(rng, N.PURPOSES[camp], rng.randint(1, 2))
        parts.append({"label": "I.", "title": "MỤC ĐÍCH, YÊU CẦU", "items": [
            {"label": "1.", "title": "Mục đích", "role": Raw("purposes"),
             "items": [{"label": "-", "text": fill(t, tx)} for t in purposes]},
            {"label": "2.", "title": "Yêu cầu", "role": Raw("requirements"),
             "items": [{"label": "-", "text": fill(t, tx)} for t in pick_n(rng, N.REQUIREMENTS, rng.randint(2, 3))]},
        ]})
        # II. contents and solutions
        contents = []
        pool = N.CONTENTS[camp][level]
        for i, (title, subject, text) in enumerate(pick_n(rng, pool, rng.randint(min(3, len(pool)), len(pool)))):
            item = {"label": lbl(i)}
            if title:
                item["title"] = fill(title, tx)
                item["subject"] = Raw(subject)
                if subject not in ("household", "enterprise", "village"):
                    item["responsibility"] = {"unit": fill(title, tx)}
            item["text"] = fill(text, tx)
            contents.append(item)
        parts.append({"label": "II.", "title": "NỘI DUNG, GIẢI PHÁP THỰC HIỆN PHONG TRÀO THI ĐUA", "items": [
            {"label": "1.", "title": "Nội dung thi đua", "role": Raw("contents"), "items": contents},
            {"label": "2.", "title": "Giải pháp thực hiện", "role": Raw("solutions"),
             "items": [{"label": "-", "text": fill(t, tx)} for t in pick_n(rng, N.SOLUTIONS, rng.randint(2, 4))]},
        ]})
        # III. targets
        targets = self.targets(rng, camp, level, tx)
        parts.append({"label": "III.", "title": "CHỈ TIÊU THI ĐUA", "role": Raw("targets"),
                      "items": [{"label": f"{i + 1}.", **t} for i, t in enumerate(targets)]})
        # IV. criteria, awards, dossier
        kinds = [k for k in ("collective", "individual", "household", "enterprise", "commune", "village")
                 if k in rules["subjects"]]
        criteria = []
        for i, k in enumerate(kinds):
            criteria.append({"label": lbl(i), "title": N.SUBJECT_TITLES[k], "subject": Raw(k),
                             "items": [{"label": "-", "text": t} for t in pick_n(rng, N.CRITERIA[k], rng.randint(1, 2))]})
        parts.append({"label": "IV.", "title": "ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG", "items": [
            {"label": "1.", "title": "Tiêu chí thi đua", "role": Raw("criteria"), "items": criteria},
            {"label": "2.", "title": "Hình thức và số lượng khen thưởng", "role": Raw("awards"),
             "text": "Việc khen thưởng thực hiện theo quy định của pháp luật về thi đua, khen thưởng hiện hành.",
             "items": self.award_parts(rng, plan, tx)},
            {"label": "3.", "title": "Hồ sơ, thời gian đề nghị khen thưởng", "items": [
                {"label": "a)", "title": "Hồ sơ đề nghị khen thưởng", "role": Raw("dossier"),
                 "items": [{"label": "-", "text": t} for t in N.DOSSIER[: rng.randint(3, 4)]]},
                {"label": "b)", "title": "Thời gian gửi hồ sơ", "role": Raw("deadlines"), "items": [self.submission(rng, plan, tx)]},
            ]},
        ]})
        # V. schedule
        parts.append({"label": "V.", "title": "TIẾN ĐỘ THỰC HIỆN", "role": Raw("schedule"),
                      "items": self.schedule(rng, plan, tx)})
        # VI. responsibilities
        parts.append({"label": "VI.", "title": "TỔ CHỨC THỰC HIỆN", "role": Raw("responsibilities"),
                      "items": self.responsibilities(rng, plan, tx)})
        return parts

    def targets(self, rng, camp: str, level: str, tx: dict) -> list[dict]:
        pool = N.TARGETS[camp]
        if level != "province":
            pool = [t for t in pool if t[4] != "xã"]
        if level == "department":
            pool = [t for t in pool if t[4] == "%"] or pool[:2]
        scale = {"province": 1.0, "department": 0.3, "commune": 0.06}[level]
        out = []
        for text, metric, vr, wr, unit, comp, trend, per_year, by, subject in pick_n(rng, pool, rng.randint(2, 3)):
            if unit == "%":
                v = round(rng.uniform(*vr), 1) if vr[0] != vr[1] else vr[0]
            elif unit in ("căn", "ngày công", "sản phẩm", "xã"):
                v = max(2, round(rng.uniform(*vr) * scale))
            else:
                v = round(rng.uniform(*vr))
            w = None
            if wr:
                w = round(max(v + 0.2, rng.uniform(*wr)), 1)
            t = {"metric": metric, "value": float(v) if isinstance(v, float) else v, "value_max": w, "unit": unit,
                 "comparison": Raw(comp), "trend": Raw(trend) if trend else None, "per_year": per_year or None,
                 "by": by, "subject": subject}
            out.append({"text": fill(text.replace("{v}", vnum(v)).replace("{w}", vnum(w) if w else ""), tx),
                        "target": t})
        return out

    def award_parts(self, rng, plan: Plan, tx: dict) -> list[dict]:
        a, rules, ctx = plan.auth, plan.award, self.ctx
        level = a.role
        start, end = plan.period
        items = []
        occ_words = {"yearly": "hằng năm", "midterm": "sơ kết năm 2023", "final": f"tổng kết năm {end}",
                     "adhoc": "đột xuất, theo chuyên đề"}
        own = {"forms": [Raw(rules["form"])], "granted_by": Raw(rules["granted_by"]),
               "occasions": [Raw(o) for o in rules["occasions"]], "subjects": [Raw(s) for s in rules["subjects"]],
               "quotas": rules["quotas"]}
        lines = []
        for occ in rules["occasions"]:
            qt = quota_text(rules["quotas"], occ, rules["words"])
            if qt:
                lines.append({"label": "-", "text": f"Số lượng khen thưởng {occ_words[occ]}: {qt}."})
        if rules["prerequisite"]:
            own["prerequisites"] = [{
                "any_of": [{"form": Raw(FORM_DEPARTMENT), "count": 2}, {"form": Raw(FORM_COMMUNE), "count": 2},
                           {"form": Raw(FORM_PROVINCE), "count": 1}],
                "occasion": Raw("final"), "same_campaign": True, "granted_by": None,
            }]
            lines.append({"label": "+", "text": f"Tiêu chí đề nghị tặng Bằng khen tổng kết năm {end}: đạt thành tích xuất sắc tiêu biểu; "
                          "có ít nhất 02 lần được tặng Giấy khen hoặc 01 lần được Chủ tịch Ủy ban nhân dân "
                          f"{tx['tinh_loai']} tặng Bằng khen về Phong trào thi đua này."})
        prov = ctx.province_auth if level != "old-province" else a
        if level in ("province", "old-province"):
            items.append({"label": "a)", "title": "Bằng khen của Thủ tướng Chính phủ",
                          "text": f"Vào dịp tổng kết năm {end}, {tx['tinh_loai'].capitalize()} lựa chọn tập thể, cá nhân, hộ gia đình tiêu biểu xuất sắc nhất đề nghị Thủ tướng Chính phủ tặng Bằng khen.",
                          "award": {"forms": [Raw(FORM_PM)], "granted_by": Raw("thu-tuong-chinh-phu"),
                                    "occasions": [Raw("final")],
                                    "subjects": [Raw("collective"), Raw("individual"), Raw("household")],
                                    "quotas": [{"subjects": [Raw("collective")], "max": 2, "occasion": Raw("final"),
                                                "year": end, "scope": f"{tx['Tinh']} chọn"},
                                               {"subjects": [Raw("individual"), Raw("household")], "max": 3,
                                                "occasion": Raw("final"), "year": end, "scope": f"{tx['Tinh']} chọn"}]}})
            items.append({"label": "b)", "title": f"Bằng khen của Chủ tịch Ủy ban nhân dân {tx['tinh_loai']}",
                          "award": own, "items": lines})
            items.append({"label": "c)", "title": "Giấy khen của Giám đốc sở, Thủ trưởng ban, ngành và Chủ tịch Ủy ban nhân dân cấp xã",
                          "text": "Do các sở, ban, ngành và Ủy ban nhân dân cấp xã xét tặng theo thẩm quyền, phù hợp với tình hình thực tế và nhiệm vụ được giao.",
                          "award": {"forms": [Raw(FORM_DEPARTMENT), Raw(FORM_COMMUNE)]}})
        else:
            items.append({"label": "a)", "title": f"Bằng khen của Chủ tịch Ủy ban nhân dân {tx['tinh_loai']}",
                          "text": "Lựa chọn tập thể, cá nhân tiêu biểu xuất sắc đề nghị Chủ tịch Ủy ban nhân dân "
                                  f"{tx['tinh_loai']} tặng Bằng khen vào dịp sơ kết, tổng kết.",
                          "award": {"forms": [Raw(FORM_PROVINCE)], "granted_by": Raw(prov.id),
                                    "occasions": [Raw(o) for o in rules["occasions"] if o in ("midterm", "final")] or [Raw("final")]}})
            title = ("Giấy khen của Giám đốc Sở" if level == "department" else
                     f"Giấy khen của Chủ tịch Ủy ban nhân dân {a.ptype}")
            if a.key == "thanh-tra":
                title = "Giấy khen của Chánh Thanh tra tỉnh"
            elif a.key == "van-phong-ubnd":
                title = "Giấy khen của Chánh Văn phòng Ủy ban nhân dân tỉnh"
            elif a.key == "ban-dan-toc":
                title = "Giấy khen của Trưởng ban Dân tộc"
            items.append({"label": "b)", "title": title, "award": own, "items": lines})
        return items

    def submission(self, rng, plan: Plan, tx: dict) -> dict:
        a = plan.auth
        md = {"province": "11-30", "old-province": "11-30", "department": "11-15", "commune": "11-05"}[a.role]
        md = md[:3] + f"{int(md[3:]) - rng.randint(0, 4):02d}"
        to = {"province": "Sở Nội vụ (Ban Thi đua - Khen thưởng)", "old-province": "Sở Nội vụ (Ban Thi đua - Khen thưởng)",
              "department": "Hội đồng Thi đua - Khen thưởng Sở (qua Văn phòng Sở)",
              "commune": "Ủy ban nhân dân xã (qua Công chức Văn phòng - Thống kê)"}[a.role]
        if a.role == "commune" and a.ptype != "xã":
            to = to.replace("xã", a.ptype)
        m, d = md.split("-")
        return {"label": "-",
                "text": f"Hồ sơ đề nghị khen thưởng hằng năm gửi về {to} trước ngày {int(d):02d} tháng {int(m)} hằng năm.",
                "deadline": {"what": "Gửi hồ sơ đề nghị khen thưởng hằng năm", "kind": Raw("submission"),
                             "yearly": md, "to": to}}

    def schedule(self, rng, plan: Plan, tx: dict) -> list[dict]:
        d = plan.date
        start, end = plan.period
        launch = d + dt.timedelta(days=rng.randint(5, 40))
        items = [
            {"title": f"Tháng {d.month} năm {d.year}", "text": "Ban hành kế hoạch, tổ chức quán triệt, triển khai Phong trào thi đua.",
             "milestone": {"kind": Raw("plan"), "start": f"{d.year}-{d.month:02d}"}},
            {"title": f"Tháng {launch.month} năm {launch.year}", "text": "Tổ chức phát động Phong trào thi đua; các cơ quan, đơn vị đăng ký giao ước thi đua.",
             "milestone": {"kind": Raw("launch"), "start": f"{launch.year}-{launch.month:02d}"}},
            {"title": f"Giai đoạn {max(start, d.year)} - {end}", "text": "Tổ chức thực hiện các nội dung thi đua; khen thưởng và đề nghị khen thưởng theo thẩm quyền.",
             "milestone": {"kind": Raw("implementation"), "start": str(max(start, d.year)), "end": str(end)}},
        ]
        if plan.campaign != "xoa-nha-tam":
            items.append({"title": "Năm 2023", "text": "Sơ kết giữa kỳ Phong trào thi đua, khen thưởng theo thẩm quyền.",
                          "milestone": {"kind": Raw("midterm"), "start": "2023"}})
        items.append({"title": f"Năm {end}", "text": f"Tổng kết Phong trào thi đua {tx['gd']}; khen thưởng và đề nghị cấp trên khen thưởng.",
                      "milestone": {"kind": Raw("final"), "start": str(end)}})
        items.append({"title": "Hằng năm", "text": "Kiểm tra, giám sát việc tổ chức thực hiện Phong trào thi đua tại các cơ quan, đơn vị.",
                      "milestone": {"kind": Raw("monitoring"), "yearly": True}})
        return [{"label": f"{i + 1}.", **it} for i, it in enumerate(items)]

    def responsibilities(self, rng, plan: Plan, tx: dict) -> list[dict]:
        a, camp, ctx = plan.auth, plan.campaign, self.ctx
        out = []
        report_md = {"province": "11-10", "old-province": "11-10", "department": "11-05", "commune": "10-31"}[a.role]
        if a.role in ("province", "old-province"):
            def dept(key: str, unit: str, text: str):
                ref = ctx.dept_at(key, plan.date) if a.role == "province" else None
                r = {"unit": unit}
                if ref:
                    r["authority"] = Raw(ref.id)
                return {"text": text, "responsibility": r}
            out.append(dept("noi-vu", "Sở Nội vụ (Ban Thi đua - Khen thưởng)",
                            f"Sở Nội vụ (Ban Thi đua - Khen thưởng) là cơ quan thường trực, hướng dẫn, theo dõi, đôn đốc việc tổ chức thực hiện Kế hoạch; tham mưu Ủy ban nhân dân {tx['tinh_loai']} sơ kết, tổng kết và khen thưởng."))
            lead = {"vi-nguoi-ngheo": ("ldtbxh", "Sở Lao động - Thương binh và Xã hội", "theo dõi, tổng hợp kết quả thực hiện mục tiêu giảm nghèo bền vững gắn với Phong trào thi đua"),
                    "nong-thon-moi": ("nnptnt", "Sở Nông nghiệp và Phát triển nông thôn (Văn phòng Điều phối nông thôn mới)", "hướng dẫn, theo dõi việc thực hiện các tiêu chí nông thôn mới gắn với Phong trào thi đua"),
                    "xoa-nha-tam": ("xay-dung", "Sở Xây dựng", "hướng dẫn tiêu chí, thiết kế mẫu nhà ở, theo dõi tiến độ xóa nhà tạm, nhà dột nát")}[camp]
            key, unit, what = lead
            ref = ctx.dept_at(key, plan.date) if a.role == "province" else None
            if ref is not None and ref.key != key:
                unit = ref.name.replace(" " + ctx.place, "")
            out.append(dept(key, unit, f"{unit} chủ trì, phối hợp với các cơ quan liên quan {what}."))
            out.append(dept("tai-chinh", "Sở Tài chính", "Sở Tài chính tham mưu bố trí kinh phí khen thưởng và tổ chức Phong trào thi đua theo quy định."))
            out.append({"text": f"Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {tx['tinh_loai']} và các tổ chức chính trị - xã hội phối hợp tuyên truyền, vận động đoàn viên, hội viên và Nhân dân tích cực hưởng ứng Phong trào thi đua.",
                        "responsibility": {"unit": f"Ủy ban Mặt trận Tổ quốc Việt Nam {tx['tinh_loai']} và các tổ chức chính trị - xã hội"}})
            who = f"Các sở, ban, ngành và Ủy ban nhân dân {tx['cap_duoi']}"
        elif a.role == "department":
            out.append({"text": "Văn phòng Sở tham mưu triển khai, theo dõi, đôn đốc thực hiện Kế hoạch; tổng hợp hồ sơ đề nghị khen thưởng trình Hội đồng Thi đua - Khen thưởng Sở.",
                        "responsibility": {"unit": "Văn phòng Sở"}})
            out.append({"text": "Các phòng, đơn vị thuộc Sở quán triệt, phổ biến Kế hoạch đến toàn thể công chức, viên chức, người lao động; bình xét, đề nghị khen thưởng theo quy định.",
                        "responsibility": {"unit": "Các phòng, đơn vị thuộc Sở"}})
            out.append({"text": "Công đoàn cơ sở, Đoàn Thanh niên vận động đoàn viên tích cực tham gia Phong trào thi đua.",
                        "responsibility": {"unit": "Công đoàn cơ sở, Đoàn Thanh niên"}})
            who = "Các phòng, đơn vị thuộc Sở"
        else:
            out.append({"text": f"Công chức Văn phòng - Thống kê tham mưu Ủy ban nhân dân {a.ptype} triển khai, theo dõi, đôn đốc thực hiện Kế hoạch; tổng hợp hồ sơ đề nghị khen thưởng.",
                        "responsibility": {"unit": "Công chức Văn phòng - Thống kê"}})
            out.append({"text": "Công chức Văn hóa - Xã hội phối hợp rà soát hộ nghèo, hộ cận nghèo; đẩy mạnh tuyên truyền trên hệ thống truyền thanh cơ sở, biểu dương các điển hình tiên tiến.",
                        "responsibility": {"unit": "Công chức Văn hóa - Xã hội"}})
            out.append({"text": f"Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {a.ptype} và các đoàn thể vận động hội viên, đoàn viên và Nhân dân tích cực tham gia Phong trào thi đua.",
                        "responsibility": {"unit": f"Ủy ban Mặt trận Tổ quốc Việt Nam {a.ptype} và các đoàn thể"}})
            who = "Các ban, ngành, đoàn thể và các thôn, khu phố"
        m, d = report_md.split("-")
        out.append({"text": f"{who} báo cáo kết quả thực hiện Phong trào thi đua trước ngày {int(d):02d} tháng {int(m)} hằng năm.",
                    "deadline": {"what": "Báo cáo kết quả thực hiện Phong trào thi đua", "kind": Raw("report"),
                                 "yearly": report_md},
                    "responsibility": {"unit": who}})
        return [{"label": f"{i + 1}.", **it} for i, it in enumerate(out)]


# --------------------------------------------------------------------------- one province


CAMPAIGN_ORDER = ["vi-nguoi-ngheo", "nong-thon-moi", "xoa-nha-tam"]
PLAN_WINDOWS = {  # when the provinces issued their plans
    "vi-nguoi-ngheo": (D(2022, 6, 20), D(2022, 12, 10)),
    "nong-thon-moi": (D(2022, 3, 25), D(2022, 9, 30)),
    "xoa-nha-tam": (D(2024, 10, 10), D(2024, 12, 5)),
}


class ProvinceJob:
    def __init__(self, prov: Province, scale: Scale, seed: int, real: RealIndex, out: Out, launch: dict):
        self.prov = prov
        self.scale = scale
        self.rng = random.Random(f"{seed}:{prov.slug}")
        self.real = real
        self.out = out
        self.launch = launch            # campaign key -> (doc id, date, number, authority words, title)
        self.numbers = Numbers(real.numbers)
        self.place = ("Thành phố Hồ Chí Minh" if prov.slug == "ho-chi-minh" else
                      f"{'thành phố' if prov.kind == 'tp' else 'tỉnh'} {prov.name}")
        self.depts: dict[str, Auth] = {}
        self.communes: list[Auth] = []
        self.old: list[tuple[Auth, Province]] = []
        self.plans: list[Plan] = []
        self.story_candidates: list[tuple] = []
        self.writer = PlanWriter(self)
        self.decision_count = 0

    # -- authorities

    def build_authorities(self) -> None:
        rng, prov, real = self.rng, self.prov, self.real
        tinh_loai = "thành phố" if prov.kind == "tp" else "tỉnh"
        pid = f"ubnd-{'tp' if prov.kind == 'tp' else 'tinh'}-{prov.slug}"
        p = Auth(id=pid, name=f"Ủy ban nhân dân {self.place}", short=f"UBND {self.place}", level="province",
                 role="province", place=self.place, pname=prov.name, ptype=tinh_loai, prov=prov.slug, abbr="UBND")
        apply_real(p, real)
        leaders(rng, prov, p)
        self.province_auth = p
        if self.scale.absorbed:
            for oslug, oname in prov.absorbed:
                o = Auth(id=f"ubnd-tinh-{oslug}", name=f"Ủy ban nhân dân tỉnh {oname}", short=f"UBND tỉnh {oname}",
                         level="province", role="old-province", place=f"tỉnh {oname}", pname=oname, ptype="tỉnh",
                         prov=prov.slug, abbr="UBND", until=MERGE_DAY, successor=p.id, change="merged",
                         note=f"Tỉnh {oname} sáp nhập vào {self.place} từ ngày 01/7/2025.")
                apply_real(o, real)
                leaders(rng, prov, o)
                # the old province's communes appear in its honor rolls only as text
                oprov = Province(oslug, oname, "tinh", prov.region, prov.mountain, 0, [])
                o.communes = []
                seen = set()
                while len(o.communes) < 14:
                    cn = commune_name(rng, oprov)
                    if slug(cn) not in seen:
                        seen.add(slug(cn))
                        o.communes.append(Auth(id=None, pname=cn, ptype="xã", place=f"xã {cn}",
                                               villages=make_villages(rng, oprov, "xã")))
                self.old.append((o, oprov))
        # departments
        keys = self.scale.departments or [d[0] for d in N.DEPARTMENTS]
        pending = []
        for key, dname, abbr, nganh, fate in N.DEPARTMENTS:
            if key not in keys:
                continue
            did = {"thanh-tra": f"thanh-tra-{prov.slug}", "van-phong-ubnd": f"van-phong-ubnd-{prov.slug}",
                   "ban-dan-toc": f"ban-dan-toc-{prov.slug}"}.get(key, f"so-{key}-{prov.slug}")
            short = N.DEPARTMENT_SHORT.get(key, dname)
            if key in ("thanh-tra", "van-phong-ubnd"):
                short = f"{short} {tinh_loai} {prov.name}" if key == "thanh-tra" else f"VP UBND {tinh_loai} {prov.name}"
            else:
                short = f"{short} {prov.name}"
            d = Auth(id=did, name=f"{dname} {self.place}", short=short, level="department", role="department",
                     parent=p.id, key=key, abbr=abbr, nganh=fill(nganh, {"tinh_loai": tinh_loai}), prov=prov.slug,
                     place=self.place, pname=prov.name, ptype=tinh_loai)
            if fate and fate[0] == "merged" and fate[1] in keys:
                d.until = DEPT_MERGE_DAY
                d.change = "merged"
                pending.append((d, fate[1]))
            elif fate and fate[0] == "new":
                d.since = DEPT_MERGE_DAY
            apply_real(d, real)
            leaders(rng, prov, d)
            self.depts[key] = d
        for d, skey in pending:
            succ = self.depts[skey]
            d.successor = succ.id
            d.note = f"Hợp nhất vào {succ.name.replace(' ' + self.place, '')} trong đợt sắp xếp các sở năm 2025."
        for d in self.depts.values():
            if d.since and not d.real:
                merged = [x for x in self.depts.values() if x.successor == d.id]
                if merged:
                    d.note = "Thành lập từ ngày 01/3/2025 trên cơ sở hợp nhất " + ", ".join(
                        x.name.replace(" " + self.place, "") for x in merged) + "."
        self.dept_list = list(self.depts.values())
        self.newspaper = Auth(id=f"bao-{prov.slug}", name=f"Báo {prov.name}", short=f"Báo {prov.name}",
                              level="department", role="newspaper", parent=p.id, prov=prov.slug)
        apply_real(self.newspaper, real)
        # communes: special zones, then the rest; some extra ones merged away in 2025
        n = (self.scale.communes or {}).get(prov.slug, prov.n_communes)
        used = {slug(p[1]) for p in N.PROVINCES} | {slug(o[1]) for p in N.PROVINCES for o in p[6]}
        specs = [("đặc khu", z) for z in N.SPECIAL_ZONES.get(prov.slug, [])][: max(0, n - 1)]
        ward_share = 0.55 if prov.kind == "tp" else 0.15
        while len(specs) < n:
            cn = commune_name(rng, prov)
            if slug(cn) in used:
                continue
            used.add(slug(cn))
            specs.append(("phường" if rng.random() < ward_share else "xã", cn))
        for ptype, cn in specs:
            used.add(slug(cn))
            self.communes.append(self.make_commune(ptype, cn))
        n_old = round(n * self.scale.merged_communes)
        current = [c for c in self.communes if c.ptype != "đặc khu"]
        k = 0
        while k < n_old and current:
            cn = commune_name(rng, prov)
            if slug(cn) in used:
                continue
            used.add(slug(cn))
            succ = rng.choice(current)
            c = self.make_commune(succ.ptype, cn)
            c.until, c.successor, c.change = MERGE_DAY, succ.id, "merged"
            c.note = (f"Sáp nhập vào {succ.ptype} {succ.pname} từ ngày 01/7/2025 theo Nghị quyết của Ủy ban Thường vụ "
                      "Quốc hội về sắp xếp đơn vị hành chính cấp xã.")
            apply_real(c, real)
            self.communes.append(c)
            k += 1
        self.communes_now = [c for c in self.communes if c.until is None]
        self.commune_by_id = {c.id: c for c in self.communes}
        # write
        for a in [p, *[o for o, _ in self.old], *self.depts.values(), self.newspaper, *self.communes]:
            if not a.real:
                self.out.record("authorities", authority_record(a))

    def make_commune(self, ptype: str, cn: str) -> Auth:
        prov, rng = self.prov, self.rng
        tslug = {"xã": "xa", "phường": "phuong", "đặc khu": "dac-khu"}[ptype]
        c = Auth(id=f"ubnd-{tslug}-{slug(cn)}-{prov.slug}", name=f"Ủy ban nhân dân {ptype} {cn}",
                 short=f"UBND {ptype} {cn}", level="commune", role="commune", parent=self.province_auth.id,
                 place=f"{ptype} {cn}", pname=cn, ptype=ptype, prov=prov.slug, abbr="UBND",
                 villages=make_villages(rng, prov, ptype))
        apply_real(c, self.real)
        leaders(rng, prov, c)
        return c

    def dept_at(self, key: str, d: D) -> Auth | None:
        """The department responsible for `key`'s field on day d (its successor after a merge)."""
        a = self.depts.get(key)
        if a is None and key == "nnptnt":
            a = self.depts.get("nnmt")
        while a is not None and not a.alive(d):
            if a.until and d >= a.until and a.successor:
                a = next((x for x in self.depts.values() if x.id == a.successor), None)
            else:
                return None
        return a

    # -- text context

    def tx(self, a: Auth, camp: str, d: D, period: tuple[int, int]) -> dict:
        home = a if a.role == "old-province" else self.province_auth
        tinh_loai = home.ptype
        before = d < MERGE_DAY
        cap_xa = "các xã, phường, thị trấn" if before else "các xã, phường, đặc khu"
        tx = Fmt(
            pt=f"“{N.CAMPAIGNS[camp]['name']}”", gd=f"giai đoạn {period[0]} - {period[1]}",
            tinh=home.place, tinh_loai=tinh_loai, Tinh="Thành" if tinh_loai == "thành phố" else "Tỉnh",
            TinhTen=home.pname, cap_xa=cap_xa,
            cap_duoi=("các huyện, thị xã, thành phố và " + cap_xa) if before else cap_xa,
            xa=a.place if a.role == "commune" else "", nganh=a.nganh or "", short=N.CAMPAIGNS[camp]["short"],
        )
        if a.role in ("province", "old-province"):
            tx["db"] = f"trên địa bàn {home.place}"
            tx["cq"] = f"Ủy ban nhân dân {tinh_loai}"
        elif a.role == "department":
            tx["db"] = f"trong {a.nganh}"
            tx["cq"] = a.name.replace(" " + self.place, "")
        else:
            tx["db"] = f"trên địa bàn {a.place}"
            tx["cq"] = f"Ủy ban nhân dân {a.ptype}"
        return tx

    # -- plans

    def build_plans(self) -> None:
        rng, scale = self.rng, self.scale
        p = self.province_auth
        for camp in CAMPAIGN_ORDER:
            cid = N.CAMPAIGNS[camp]["id"]
            if camp not in self.launch:
                continue
            nat_id, nat_date, nat_number, nat_auth, nat_title = self.launch[camp]
            w0, w1 = PLAN_WINDOWS[camp]
            w0 = max(w0, nat_date + dt.timedelta(days=7))
            tops = []
            for a in [p, *[o for o, _ in self.old]]:
                plan = self.plan_for(a, camp, None, (nat_id, nat_date, nat_number, nat_auth, nat_title), w0, w1)
                if plan and a is p:
                    tops.append(plan)
            if not tops:
                continue
            top = tops[0]
            if top.last is None:
                continue
            parent = (top.id, top.last, top.number, p.name, None)
            for key, d in self.depts.items():
                if d.real and (d.id, cid) in self.real.plans:
                    continue
                if camp != "vi-nguoi-ngheo" and key not in N.DEPARTMENT_CAMPAIGNS[camp]:
                    continue
                if rng.random() >= scale.plan_p[(camp, "department")]:
                    continue
                lo = max(top.last + dt.timedelta(days=5), d.since + dt.timedelta(days=10) if d.since else D.min)
                hi = min(lo + dt.timedelta(days=80), d.last_day(), D(N.CAMPAIGNS[camp]["period"][1], 10, 31))
                self.plan_for(d, camp, top, parent, lo, hi)
            for c in self.communes:
                if camp == "nong-thon-moi" and c.ptype != "xã":
                    continue
                if rng.random() >= scale.plan_p[(camp, "commune")]:
                    continue
                lo = top.last + dt.timedelta(days=7)
                hi = min(lo + dt.timedelta(days=110), c.last_day())
                self.plan_for(c, camp, top, parent, lo, hi)

    def plan_for(self, a: Auth, camp: str, parent_plan: Plan | None, parent: tuple, lo: D, hi: D) -> Plan | None:
        rng = self.rng
        cid = N.CAMPAIGNS[camp]["id"]
        cstart, cend = N.CAMPAIGNS[camp]["period"]
        existing = self.real.plans.get((a.id, cid))
        if existing:
            info = self.real.documents[existing]
            date = info["date"]
            plan = Plan(existing, a, camp, date[0] if date else None, date[1] if date else None, info["number"],
                        (cstart, cend), False)
            self.plans.append(plan)
            return plan
        d = rand_date(rng, lo, hi)
        if d is None or not a.alive(d):
            return None
        start = cstart if (a.role != "commune" or camp == "xoa-nha-tam") else max(cstart, 2022)
        period = (start, cend)
        number = self.numbers.take(rng, a, d, "KH")
        pid = f"kh-{number.split('/')[0]}-{a.id}-{d.year}"
        plan = Plan(pid, a, camp, d, d, number, period, True)
        level = "province" if a.role in ("province", "old-province") else a.role
        plan.award = self.writer.award_rules(rng, a, camp, a.role if a.role != "province" else "province")
        tx = self.tx(a, camp, d, period)
        par_id, par_date, par_number, par_auth, par_title = parent
        if parent_plan is None:
            doc_kind = "Quyết định" if par_id.startswith("qd-") else "Kế hoạch"
            par_ref = f"{doc_kind} số {par_number} ngày {vi_date(par_date)} của {par_auth}"
            if par_title:
                par_ref += f" {par_title[0].lower()}{par_title[1:]}"
        else:
            pd = parent_plan.date
            par_ref = (f"Kế hoạch số {par_number} ngày {vi_date(pd)}" if par_number and pd and pd == parent_plan.last
                       else "Kế hoạch") + f" của Ủy ban nhân dân {self.province_auth.place}"
        basis = [{"document": Raw(par_id), "relation": Raw("implements"), "note": par_ref}]
        if level == "province" and camp == "vi-nguoi-ngheo" and "hd-2357-btdkt-2022" in self.real.ids["documents"]:
            g = self.real.documents.get("hd-2357-btdkt-2022", {}).get("date")
            if g and g[1] < d:
                basis.append({"document": Raw("hd-2357-btdkt-2022"), "relation": Raw("based-on"),
                              "note": f"Công văn số 2357/HD-BTĐKT ngày {vi_date(g[0])} của Ban Thi đua - Khen thưởng Trung ương"})
        pt, gd = tx["pt"], tx["gd"]
        if level == "province":
            title = f"Tổ chức thực hiện Phong trào thi đua {pt} {gd} trên địa bàn {a.place}"
            preamble = (f"Căn cứ Luật Thi đua, khen thưởng {'ngày 15 tháng 6 năm 2022' if d >= D(2022, 6, 15) else 'ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013'}; thực hiện {par_ref}; "
                        f"Ủy ban nhân dân {a.ptype} ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua {pt} {gd} "
                        f"trên địa bàn {a.place} với các nội dung cụ thể như sau:")
            contact = "Ủy ban nhân dân tỉnh (qua Sở Nội vụ)" if a.ptype == "tỉnh" else "Ủy ban nhân dân thành phố (qua Sở Nội vụ)"
        elif level == "department":
            title = f"Triển khai thực hiện Phong trào thi đua {pt} {gd} trong {a.nganh}"
            preamble = (f"Thực hiện {par_ref} về tổ chức thực hiện Phong trào thi đua {pt} {gd}, "
                        f"{tx['cq']} ban hành Kế hoạch triển khai thực hiện trong {a.nganh} như sau:")
            contact = f"{tx['cq']} (qua Văn phòng Sở)"
        else:
            title = f"Tổ chức thực hiện Phong trào thi đua {pt} {gd} trên địa bàn {a.place}"
            preamble = (f"Thực hiện {par_ref} về tổ chức thực hiện Phong trào thi đua {pt} {gd}, "
                        f"Ủy ban nhân dân {a.place} xây dựng Kế hoạch tổ chức thực hiện như sau:")
            contact = f"Ủy ban nhân dân {a.ptype} (qua Công chức Văn phòng - Thống kê)"
        summary = (f"Kế hoạch của {a.name} tổ chức thực hiện Phong trào thi đua {pt} {gd} {tx['db']}, thực hiện "
                   f"{par_ref.split(' ngày ')[0]}. Kế hoạch nêu mục đích, yêu cầu, nội dung thi đua, chỉ tiêu, tiêu chí, "
                   "hình thức và số lượng khen thưởng, tiến độ và phân công tổ chức thực hiện.")
        dist = N.DISTRIBUTION["province" if level == "province" else level]
        dist = [fill(x, tx) for x in dist]
        if level == "department":
            dist[0] = f"UBND {tx['tinh']}"
        rec = {
            "id": pid, "type": Raw("ke-hoach"), "number": number, "date": d, "authority": Raw(a.id),
            "title": title, "campaign": Raw(cid), "period": f"{period[0]}-{period[1]}", "summary": summary,
            "signer": signer(rng, a), "basis": basis, "preamble": preamble,
            "body": self.writer.body(rng, plan, par_ref, tx),
            "closing": (f"Trên đây là Kế hoạch tổ chức thực hiện Phong trào thi đua {pt} {gd} của {a.name}. Trong quá trình "
                        f"thực hiện, nếu có khó khăn, vướng mắc, đề nghị các cơ quan, đơn vị phản ánh về {contact} để "
                        "được hướng dẫn, giải quyết./."),
            "distribution": dist,
        }
        self.out.record("documents", rec)
        self.plans.append(plan)
        return plan

    # -- decisions

    def build_decisions(self) -> None:
        for plan in self.plans:
            if plan.generated and plan.award:
                self.decisions_for(plan)

    def decisions_for(self, plan: Plan) -> None:
        rng, a, rules = self.rng, plan.auth, plan.award
        camp = plan.campaign
        start, end = plan.period
        level = "province" if a.role in ("province", "old-province") else a.role
        probs = self.scale.decision_p[level]
        first = plan.date + dt.timedelta(days=14)
        last = a.last_day()
        slots = []   # (occasion, year, lo, hi)
        for occ in rules["occasions"]:
            if occ == "yearly":
                for y in range(max(start, plan.date.year), end):  # the final review replaces the last year
                    slots.append((occ, y, D(y, 11, 20), D(y, 12, 30)))
            elif occ == "midterm":
                slots.append((occ, 2023, D(2023, 6, 1), D(2023, 12, 25)))
            elif occ == "final":
                slots.append((occ, end, D(end, 9, 15), D(end, 12, 20)))
            elif occ == "adhoc":
                if camp == "xoa-nha-tam":
                    slots.append((occ, end, D(end, 3, 1), D(end, 8, 31)))
                else:
                    for y in range(max(start, plan.date.year), end + 1):
                        slots.append((occ, y, D(y, 11, 18), D(y, 12, 10)))
        slots.sort(key=lambda s: (s[3], s[0]))
        earlier: list[tuple] = []
        for occ, y, lo, hi in slots:
            lo, hi = max(lo, first), min(hi, last)
            if hi < lo or rng.random() >= probs[occ]:
                continue
            quotas = [qq for qq in rules["quotas"] if qq["occasion"] == occ and qq.get("year", y) == y]
            counts = []
            for i, g in enumerate(rules["groups"]):
                qq = next((x for x in quotas if [str(s) for s in x["subjects"]] == g), None)
                mx = qq["max"] if qq else (6 if i == 0 else 10)
                counts.append(rng.randint(max(1, round(mx * 0.42)), mx))
            batches = 2 if (occ == "yearly" and rng.random() < 0.12 and sum(counts) >= 6) else 1
            dates = sorted(rand_date(rng, lo, hi) for _ in range(batches))
            for b, d in enumerate(dates):
                part = [c // batches + (c % batches if b == 0 else 0) for c in counts]
                if occ == "final" and rules["prerequisite"]:
                    recips = self.reuse(rng, earlier, rules, part, occ, y, camp, plan)
                else:
                    recips = self.recipients(rng, plan, rules, part, occ, y, d)
                if not recips:
                    continue
                self.write_decision(plan, occ, y, d, recips)
                earlier.extend((r, d) for r in recips)

    def reuse(self, rng, earlier, rules, counts, occ, y, camp, plan) -> list[list]:
        """Final-review lines: people already commended under this plan (the prerequisite)."""
        out, seen = [], set()
        for i, g in enumerate(rules["groups"]):
            pool = [r for r, _ in earlier if r[0] in g]
            rng.shuffle(pool)
            k = 0
            for r in pool:
                if k >= counts[i]:
                    break
                if r[8] in seen:
                    continue
                seen.add(r[8])
                new = list(r)
                new[4] = self.achievement(rng, camp, r[0], occ, y, plan.period)
                new[9] = r[9]
                out.append(new)
                k += 1
        return out

    def achievement(self, rng, camp, kind, occ, y, period) -> str:
        lead = N.ACHIEVEMENT_LEAD[occ].format(pt=f"“{N.CAMPAIGNS[camp]['name']}”", nam=y,
                                              gd=f"giai đoạn {period[0]} - {period[1]}")
        spec = rng.choice(N.ACHIEVEMENTS[camp][kind if kind in N.ACHIEVEMENTS[camp] else "collective"])
        if "{" in spec:
            spec = spec.replace("{n}", str(rng.randint(2, 15))).replace("{m}", str(rng.randint(5, 300)))
        return f"{lead}, {spec}."

    def recipients(self, rng, plan: Plan, rules: dict, counts: list[int], occ: str, y: int, d: D) -> list[list]:
        out, seen = [], set()
        for i, g in enumerate(rules["groups"]):
            k = tries = 0
            while k < counts[i] and tries < counts[i] * 6:
                tries += 1
                kind = rng.choice(g) if len(g) > 1 else g[0]
                if kind in ("commune", "enterprise") and rng.random() < 0.6:
                    kind = g[0]
                if kind == "household" and rng.random() < 0.35:
                    kind = "individual"
                r = self.recipient(rng, plan, kind, occ, y, d)
                if r is None or r[8] in seen:
                    continue
                seen.add(r[8])
                out.append(r)
                k += 1
        return out

    def where(self, rng, a: Auth, d: D):
        """(commune-like object, authority id or None) for a line of a decision by `a` on day d."""
        if a.role == "commune":
            return a, a.id
        if a.role == "old-province":
            return rng.choice(a.communes), None
        c = rng.choice(self.communes_now if d >= MERGE_DAY else self.communes)
        return c, c.id

    def recipient(self, rng, plan: Plan, kind: str, occ: str, y: int, d: D) -> list | None:
        """[kind, name, unit, locality, achievement, public, poverty, consent, slug, id]"""
        a = plan.auth
        prov = self.prov
        unit = locality = None
        if a.role == "department":
            units = N.DEPARTMENT_UNITS.get(a.key, []) + N.DEPARTMENT_UNITS["_"]
            u = rng.choice(units)
            if "{xa}" in u:
                u = u.replace("{xa}", rng.choice(self.communes).pname)
            if kind == "collective":
                name, unit = u, a.short
            else:
                title = (rng.choice(N.SCHOOL_TITLES) if u.startswith("Trường") else
                         rng.choice(N.HEALTH_TITLES) if ("Y tế" in u or "Bệnh viện" in u) else rng.choice(N.STAFF_TITLES))
                name = person(rng, prov.region, prov.mountain)[0]
                unit = f"{title} {u}, {a.short}"
        else:
            c, locality = self.where(rng, a, d)
            vt, vn = rng.choice(c.villages)
            village = f"{vt.capitalize()} {vn}"
            if kind == "collective":
                if a.role != "commune" and a.role != "old-province" and rng.random() < 0.25:
                    dep = rng.choice(self.dept_list)
                    if not dep.alive(d):
                        return None
                    name = rng.choice(N.DEPARTMENT_UNITS.get(dep.key, N.DEPARTMENT_UNITS["_"]))
                    if "{xa}" in name:
                        name = name.replace("{xa}", c.pname)
                    unit, locality = dep.short, None
                else:
                    name = rng.choice(N.COMMUNE_COLLECTIVES).replace("{xa}", c.place).replace("{thon}", f"{vt} {vn}")
                    if a.role != "commune":
                        unit = c.place if "{thon}" not in name else None
            elif kind == "village":
                name, unit = village, c.place
            elif kind == "commune":
                name, unit = f"{c.ptype.capitalize()} {c.pname}", None
            elif kind == "enterprise":
                if rng.random() < 0.4:
                    name = f"Hợp tác xã {rng.choice(N.COOPERATIVE_TRADES)} {c.pname}"
                else:
                    name = f"{rng.choice(N.ENTERPRISE_TYPES)} {rng.choice(N.ENTERPRISE_TRADES)} {rng.choice(N.ENTERPRISE_NAMES)}"
                unit = c.place
            elif kind == "individual":
                name = person(rng, prov.region, prov.mountain)[0]
                pos, scope = rng.choice(N.COMMUNE_POSITIONS)
                if rng.random() < 0.25:
                    unit = f"{village}, {c.place}"
                elif scope == "thon":
                    pos = f"Trưởng {vt}" if pos == "Trưởng thôn" else pos
                    unit = f"{pos} {vt} {vn}, {c.place}" if pos != f"Trưởng {vt}" else f"{pos} {vn}, {c.place}"
                else:
                    unit = f"{pos} {c.place}"
            else:  # household
                n, female = person(rng, prov.region, prov.mountain, full=True)
                name = f"Hộ {'bà' if female else 'ông'} {n}"
                unit = f"{village}, {c.place}"
        ach = self.achievement(rng, plan.campaign, kind, occ, y, plan.period)
        public, poverty, consent = True, False, False
        if kind == "household" and rng.random() < 0.55:
            poverty = True
            consent = rng.random() < 0.92
            public = consent
        if public and kind == "household" and rng.random() < 0.04:
            # about 1% of all lines: households that asked not to be published. Only households: the
            # private-recipient rule looks for a hidden line's name in every story, and a hidden person
            # "X" is named by any story about "hộ ông X"; organisations are not personal data.
            public = False
        if not public:
            name = private_name(name)
        return [kind, name, unit, locality, ach, public, poverty, consent, slug(name), None]

    def write_decision(self, plan: Plan, occ: str, y: int, d: D, recips: list[list]) -> None:
        rng, a, rules = self.rng, plan.auth, plan.award
        camp = plan.campaign
        number = self.numbers.take(rng, a, d, "QĐ")
        did = f"qd-{number.split('/')[0]}-{a.id}-{d.year}"
        form_title = {FORM_PROVINCE: f"Bằng khen của Chủ tịch Ủy ban nhân dân {a.ptype if a.role != 'old-province' else 'tỉnh'}",
                      FORM_DEPARTMENT: "Giấy khen của Giám đốc Sở",
                      FORM_COMMUNE: f"Giấy khen của Chủ tịch Ủy ban nhân dân {a.ptype}"}[rules["form"]]
        if a.key == "thanh-tra":
            form_title = "Giấy khen của Chánh Thanh tra"
        elif a.key == "van-phong-ubnd":
            form_title = "Giấy khen của Chánh Văn phòng Ủy ban nhân dân"
        elif a.key == "ban-dan-toc":
            form_title = "Giấy khen của Trưởng ban Dân tộc"
        pt = f"“{N.CAMPAIGNS[camp]['name']}”"
        when = {"yearly": f"năm {y}", "midterm": f"sơ kết năm {y}",
                "final": f"giai đoạn {plan.period[0]} - {plan.period[1]}", "adhoc": f"đợt cao điểm năm {y}"}[occ]
        kinds = {r[0] for r in recips}
        who = ", ".join(w for k, w in (("collective", "tập thể"), ("village", "thôn"), ("commune", "xã"),
                                          ("enterprise", "doanh nghiệp"), ("individual", "cá nhân"),
                                          ("household", "hộ gia đình")) if k in kinds)
        title = f"Về việc tặng {form_title} cho các {who} có thành tích xuất sắc trong Phong trào thi đua {pt} {when}"
        # one line may become a story's subject: it gets an explicit anchor id
        story = None
        if rng.random() < self.scale.story_rate:
            ok = [r for r in recips if r[5] and (not r[6] or r[7]) and r[0] != "commune"]
            if ok:
                story = rng.choice(ok)
                story[9] = story[8]
        sg = signer(rng, a)
        lines = [
            f"id: {did}", f"number: {q(number + '-MẪU' if 'decisions' in self.out.sample else number)}", f'date: "{d.isoformat()}"', f"authority: {a.id}",
            f"form: {rules['form']}", f"occasion: {occ}", f"title: {q(title)}",
            f"campaign: {N.CAMPAIGNS[camp]['id']}", f"plan: {plan.id}", "signer:",
        ]
        for k, v in sg.items():
            lines.append(f"  {k}: {scalar(v)}")
        if "decisions" in self.out.sample:
            lines.append("sample: true")
        lines.append("recipients:")
        for r in recips:
            lines.append(f"  - kind: {r[0]}")
            lines.append(f"    name: {q(r[1])}")
            if r[9]:
                lines.append(f"    id: {r[9]}")
            if r[2]:
                lines.append(f"    unit: {q(r[2])}")
            if r[3]:
                lines.append(f"    locality: {r[3]}")
            lines.append(f"    achievement: {q(r[4])}")
            if not r[5]:
                lines.append("    public: false")
            if r[6]:
                lines.append("    poverty_programme: true")
                lines.append(f"    consent: {'true' if r[7] else 'false'}")
        lines.append("")
        self.out.write("decisions", did, "\n".join(lines))
        self.out.recipients += len(recips)
        self.decision_count += 1
        if story is not None:
            self.story_candidates.append((did, tuple(story), d, plan, form_title))

    # -- stories

    def build_stories(self) -> None:
        rng = self.rng
        used_ids: set[str] = set()
        for did, r, d, plan, form_title in self.story_candidates:
            self.story_about_line(rng, did, r, d, plan, form_title, used_ids)
        commune_plans = [p for p in self.plans if p.generated and p.auth.role == "commune"]
        for plan in commune_plans:
            if rng.random() < self.scale.authority_story_rate:
                self.story_about_authority(rng, plan, used_ids)

    def _story_id(self, base: str, used: set) -> str:
        sid = base[:80].strip("-")
        n = 2
        while sid in used or sid in self.real.ids["stories"]:
            sid = f"{base[:76].strip('-')}-{n}"
            n += 1
        used.add(sid)
        return sid

    def story_common(self, rng, camp: str, name: str, c, plan: Plan, d: D) -> tuple[dict, str]:
        home = plan.auth if plan.auth.role == "old-province" else self.province_auth
        mo_hinh = rng.choice(N.STORY_MODELS[camp])
        tx = Fmt(name=name, xa=c.place if c else home.place, tinh=home.place, nam=d.year,
                 pt=f"“{N.CAMPAIGNS[camp]['name']}”", mo_hinh=mo_hinh, short=N.CAMPAIGNS[camp]["short"],
                 n=rng.randint(3, 25), m=rng.randint(50, 900), k=max(1, d.year - plan.date.year),
                 loai=c.ptype if c is not None and c.ptype else "xã")
        return tx, mo_hinh

    def story_about_line(self, rng, did, r, d, plan: Plan, form_title: str, used: set) -> None:
        kind, name = r[0], r[1]
        camp = plan.campaign
        a = plan.auth
        c = a if a.role == "commune" else None
        if c is None and r[3]:
            c = self.commune_by_id.get(r[3])
        sd = min(d + dt.timedelta(days=rng.randint(7, 120)), STORY_LAST_DAY)
        tx, _ = self.story_common(rng, camp, name, c, plan, sd)
        tx["nam"] = d.year
        if c is None and r[2] and ", " in r[2]:
            tx["xa"] = r[2].rsplit(", ", 1)[1]   # an old province's commune, known only as text
        tkind = kind if kind in N.STORY_TITLES else "collective"
        title = fill(rng.choice(N.STORY_TITLES[tkind]), tx)
        title = title[0].upper() + title[1:]
        if name.startswith("Hộ "):
            tx["name"] = "h" + name[1:]          # mid-sentence: "hộ ông ..."
        opening = rng.choice(N.STORY_OPENINGS[:2] if kind == "household" else N.STORY_OPENINGS)
        paras = [fill(opening, tx)]
        paras += [fill(p, tx) for p in N.STORY_MIDDLES.get(tkind, N.STORY_MIDDLES["collective"])]
        paras.append("> " + rng.choice(N.STORY_QUOTES["household" if kind == "household" else "_"]))
        head = {"thanh-tra": "Chánh Thanh tra", "van-phong-ubnd": "Chánh Văn phòng", "ban-dan-toc": "Trưởng ban"}.get(
            a.key, "Giám đốc") if a.role == "department" else "Chủ tịch"
        cap = f"{head} {a.name}"
        tx["name"] = name
        paras.append(fill(rng.choice(N.STORY_CLOSINGS), Fmt(tx, cap=cap, form=form_title.split(" của ")[0])))
        author = self.newspaper
        if c is not None and c.id and c.alive(sd) and rng.random() < 0.35 and not getattr(c, "real", False):
            author = c
        base = slug(name)
        if c is not None and slug(c.pname) not in base:
            base += "-" + slug(c.pname)
        # the province keeps ids unique across provinces (commune names repeat): output must not
        # depend on which province is written last
        sid = self._story_id(f"{base}-{self.prov.slug}-{d.year}", used)
        rec = {
            "id": sid, "title": title, "date": sd, "body": Block("\n\n".join(paras)),
            "subject": {"name": name, "decision": Raw(did), "recipient": Raw(r[9])},
            "unit": r[2] or (c.place if c else None),
            "locality": Raw(r[3]) if r[3] else None,
            "campaign": Raw(N.CAMPAIGNS[camp]["id"]), "plan": Raw(plan.id), "author": Raw(author.id),
            "tags": N.CAMPAIGNS[camp]["tags"] + [rng.choice(N.STORY_TAGS)],
        }
        self.out.record("stories", rec)

    def story_about_authority(self, rng, plan: Plan, used: set) -> None:
        c = plan.auth
        camp = plan.campaign
        lo = plan.date + dt.timedelta(days=200)
        hi = min(c.last_day(), LAST_DAY)
        sd = rand_date(rng, lo, hi)
        if sd is None:
            return
        name = f"{c.ptype.capitalize()} {c.pname}"
        tx, _ = self.story_common(rng, camp, c.place, c, plan, sd)   # mid-sentence: "xã Ea Knốp"
        title = fill(rng.choice(N.STORY_TITLES["authority"]), tx)
        title = title[0].upper() + title[1:]
        paras = [fill(p, tx) for p in N.STORY_MIDDLES["authority"]]
        paras.append("Một số kết quả nổi bật:\n\n" + "\n".join(
            f"- {fill(t, tx)}" for t in (
                "Các ban, ngành, đoàn thể và {n} thôn, khu phố đều xây dựng kế hoạch hưởng ứng;",
                "Huy động khoảng {m} triệu đồng từ doanh nghiệp, nhà hảo tâm và Nhân dân;",
                "Nhiều mô hình {mo_hinh} được nhân rộng.")))
        paras.append("> " + rng.choice(N.STORY_QUOTES["_"]))
        sid = self._story_id(f"{slug(N.CAMPAIGNS[camp]['short'])}-{slug(c.ptype)}-{slug(c.pname)}-{self.prov.slug}-{sd.year}", used)
        rec = {
            "id": sid, "title": title, "date": sd, "body": Block("\n\n".join(paras)),
            "subject": {"name": name, "authority": Raw(c.id)}, "unit": c.place, "locality": Raw(c.id),
            "campaign": Raw(N.CAMPAIGNS[camp]["id"]), "plan": Raw(plan.id), "author": Raw(self.newspaper.id),
            "tags": N.CAMPAIGNS[camp]["tags"] + ["địa phương tiêu biểu"],
        }
        self.out.record("stories", rec)

    def run(self) -> None:
        self.build_authorities()
        self.build_plans()
        self.build_decisions()
        self.build_stories()


# --------------------------------------------------------------------------- the whole run


def province_list(scale: Scale) -> list[Province]:
    table = {p[0]: Province(*p) for p in N.PROVINCES}
    return [table[s] for s in scale.provinces]


def national_records(real: RealIndex, out: Out) -> dict:
    """The generated campaigns and their launch documents; returns campaign key -> launch facts."""
    launch = {}
    for key in CAMPAIGN_ORDER:
        c = N.CAMPAIGNS[key]
        cid = c["id"]
        if key == "vi-nguoi-ngheo":
            doc = real.documents.get(c["launch"])
            if cid not in real.campaigns or doc is None or not doc.get("date"):
                continue
            launch[cid] = (c["launch"], doc["date"][1], doc.get("number") or "666/QĐ-TTg", "Thủ tướng Chính phủ",
                           "Ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua “Vì người nghèo - Không để ai bị "
                           "bỏ lại phía sau” giai đoạn 2021 - 2025")
            continue
        ld = c["launch"]
        if "thu-tuong-chinh-phu" not in real.ids["authorities"]:
            continue
        if cid not in real.campaigns:
            # no launched_by: a campaign cannot be marked sample, and a record that is not a sample
            # may not point at one (the launch document is invented); the plans link to it instead
            out.record("campaigns", {"id": cid, "name": c["name"], "period": f"{c['period'][0]}-{c['period'][1]}",
                                     "description": c["description"]})
        if ld["id"] not in real.ids["documents"]:
            out.record("documents", {
                "id": ld["id"], "type": Raw(ld["type"]), "number": ld["number"], "date": ld["date"],
                "authority": Raw(ld["authority"]), "title": ld["title"], "transcribed": False,
                "campaign": Raw(cid), "period": f"{c['period'][0]}-{c['period'][1]}",
            })
        launch[cid] = (ld["id"], D.fromisoformat(ld["date"]), ld["number"], "Thủ tướng Chính phủ", ld["title"])
    return {k: launch[N.CAMPAIGNS[k]["id"]] for k in CAMPAIGN_ORDER if N.CAMPAIGNS[k]["id"] in launch}


def _run_province(args) -> dict:
    slug_, scale_name, seed, out_dir, real, launch, sample = args
    scale = SCALES[scale_name]
    prov = next(p for p in province_list(scale) if p.slug == slug_)
    out = Out(Path(out_dir), real, sample)
    job = ProvinceJob(prov, scale, seed, real, out, launch)
    job.run()
    return {"counts": out.counts, "bytes": out.bytes, "recipients": out.recipients}


def prepare(out: Path) -> None:
    out = out.resolve()
    if out == REAL_DATA.resolve() or REAL_DATA.resolve().is_relative_to(out):
        raise SystemExit(f"refusing to write into {out}: it holds the real data")
    out.mkdir(parents=True, exist_ok=True)
    for kind in [*KINDS, "media"]:
        if (out / kind).exists():
            shutil.rmtree(out / kind)
    for kind in KINDS:
        if (REAL_DATA / kind).is_dir():
            shutil.copytree(REAL_DATA / kind, out / kind)
        else:
            (out / kind).mkdir()
    if (REAL_DATA / "media").is_dir():
        shutil.copytree(REAL_DATA / "media", out / "media")


def generate(scale: str, out: str | Path, seed: int = 1, jobs: int = 0) -> dict:
    """Write a complete data folder for `scale` into `out`; returns counts and sizes per kind.

    jobs: worker processes (0: two for national, else one). The output does not depend on it."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}: one of {', '.join(SCALES)}")
    jobs = jobs or (min(2, os.cpu_count() or 1) if scale == "national" else 1)
    out = Path(out)
    prepare(out)
    real = load_real(REAL_DATA)
    sample = sample_kinds()
    totals = {"counts": {k: 0 for k in KINDS}, "bytes": {k: 0 for k in KINDS}, "recipients": 0}
    cfg = SCALES[scale]
    if cfg is not None:
        main = Out(out, real, sample)
        launch = national_records(real, main)
        results = [{"counts": main.counts, "bytes": main.bytes, "recipients": 0}]
        provinces = province_list(cfg)
        tasks = [(p.slug, scale, seed, str(out), real, launch, sample) for p in provinces]
        if jobs > 1 and len(tasks) > 1:
            import multiprocessing as mp

            order = sorted(range(len(tasks)), key=lambda i: -provinces[i].n_communes)
            with mp.get_context("fork").Pool(jobs) as pool:
                results += pool.map(_run_province, [tasks[i] for i in order], chunksize=1)
        else:
            results += [_run_province(t) for t in tasks]
        for r in results:
            for k in KINDS:
                totals["counts"][k] += r["counts"][k]
                totals["bytes"][k] += r["bytes"][k]
            totals["recipients"] += r["recipients"]
    # what the folder holds in the end, real data included
    totals["files"] = {k: sum(1 for _ in (out / k).glob("*.yml")) for k in KINDS}
    totals["size"] = {k: sum(p.stat().st_size for p in (out / k).glob("*.yml")) for k in KINDS}
    return totals


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", required=True, choices=list(SCALES))
    ap.add_argument("--out", required=True, help="the data folder to write (its kind folders are replaced)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (default: 2 for national, else 1)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    totals = generate(args.scale, args.out, args.seed, args.jobs)
    secs = time.perf_counter() - t0
    print(f"scale {args.scale}, seed {args.seed}: {secs:.1f} s -> {args.out}")
    for k in KINDS:
        print(f"  {k:12} {totals['files'][k]:>8} files {totals['size'][k] / 1e6:>9.1f} MB"
              f"  (generated {totals['counts'][k]})")
    print(f"  honor-roll lines generated: {totals['recipients']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
