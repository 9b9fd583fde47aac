"""Suggested typed facts on a plan's parts: roles, subjects, targets, awards (matched against
data/award-forms/), quotas, deadlines, milestones and responsibilities.

All are guesses from wording; each one is recorded as a review note where it is set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold
from .datafolder import DataFolder
from .review import Notes
from .text import collapse, folded

ROLES = [  # folded title words -> role; a title matching several families gets none
    ("purposes", r"\bmuc dich\b"), ("requirements", r"\byeu cau\b"), ("contents", r"\bnoi dung\b"),
    ("solutions", r"\bgiai phap\b"), ("targets", r"\bchi tieu\b"), ("subjects", r"\bdoi tuong\b"),
    ("criteria", r"\btieu chi\b"), ("standards", r"\btieu chuan\b"), ("procedures", r"\bthu tuc\b"),
    ("dossier", r"\bho so\b"), ("deadlines", r"\bthoi gian gui|\bthoi han\b"), ("schedule", r"\btien do\b"),
    ("funding", r"\bkinh phi\b"), ("responsibilities", r"^to chuc thuc hien$"),
]
SUBJECTS = [  # folded words -> subject kind, in the order they are tried
    ("district", r"\bcap huyen\b|\bhuyen, thi xa\b|^doi voi huyen\b"), ("commune", r"\bcap xa\b|\bxa, phuong\b"),
    ("village", r"\bthon\b|\bkhu pho\b"), ("household", r"\bho gia dinh\b"), ("enterprise", r"\bdoanh nghiep\b|\bcong ty\b"),
    ("department", r"\bso, ban, nganh\b"), ("collective", r"\btap the\b"), ("individual", r"\bca nhan\b|\bcan bo\b"),
]
AWARD_KINDS = ["huan chuong", "bang khen", "giay khen", "ky niem chuong", "co thi dua", "chien si thi dua"]
LEVEL_RE = [
    ("central", r"\bthu tuong\b"),
    ("province", r"\bubnd (?:cac )?tinh\b|\bchu tich (?:ubnd )?tinh\b"),
    ("district", r"\bubnd (?:cac )?(?:huyen|quan|thi xa)\b|\bchu tich (?:ubnd )?huyen\b"),
    ("commune", r"\bubnd (?:cac )?(?:xa|phuong|thi tran)\b|\bchu tich (?:ubnd )?xa\b"),
    ("department", r"\bgiam doc\b|\bthu truong\b"),
]
OCCASIONS = [("yearly", r"\bhang nam\b"), ("midterm", r"\bso ket\b"), ("final", r"\btong ket\b")]
NUM = r"\d+(?:,\d+)?"
PERCENT_RE = re.compile(rf"(?P<v>{NUM})\s*(?:(?:-|–|đến)\s*(?P<v2>{NUM}))?\s*%(?P<py>\s*/\s*năm)?(?P<up>\s*trở lên)?")
QUOTA_RE = re.compile(r"(?:(?P<lead>không quá|tối đa|ít nhất|tối thiểu)\s+)?(?P<a>\d{1,3})(?:\s*(?:đến|-|–)\s*(?P<b>\d{1,3}))?\s+(?P<rest>\S.*)",
                      re.IGNORECASE)
DEADLINE_RE = re.compile(r"trước ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s*|/\s*)(?P<m>\d{1,2})(?:\s*(?:năm\s*|/\s*)(?P<y>\d{4}))?",
                         re.IGNORECASE)
TIME_LEAD_RE = re.compile(r"^(?:năm\s+(?P<y>\d{4})|tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<my>\d{4})|giai đoạn\s+(?P<a>\d{4})\s*[-–]\s*(?P<b>\d{4})"
                          r"|(?P<yearly>hằng năm|hàng năm))\b", re.IGNORECASE)
UNIT_CUT_RE = re.compile(r"\s+(?:chủ trì|phối hợp|có trách nhiệm|căn cứ|tổ chức thực hiện|tổ chức triển khai|triển khai|thực hiện|"
                         r"báo cáo|đẩy mạnh|hướng dẫn|tham mưu|theo dõi|lồng ghép|giám sát)\b", re.IGNORECASE)


@dataclass
class Context:
    data: DataFolder
    issuer: str | None
    notes: Notes

    def authority_at(self, level: str) -> str | None:
        for aid in self.data.ancestors(self.issuer):
            if self.data.authorities.get(aid, {}).get("level") == level:
                return aid
        return None


def _first_of(patterns, text: str) -> list[str]:
    return [name for name, rx in patterns if re.search(rx, text)]


def role_for(title: str) -> str | None:
    f = folded(title)
    if "khen thuong" in f and "hinh thuc" in f:
        return "awards"
    found = _first_of(ROLES, f)
    return found[0] if len(found) == 1 else None


def subject_for(title: str) -> str | None:
    f = folded(title)
    if not (f.startswith("doi voi") or f in ("tap the", "ca nhan", "ho gia dinh")):
        return None
    found = _first_of(SUBJECTS, f)
    return found[0] if found else None


def _own_text(part: dict) -> str:
    return " ".join(x for x in (part.get("title"), part.get("text")) if x)


def _all_text(part: dict) -> str:
    return " ".join([_own_text(part), *(_all_text(c) for c in part.get("items", []))])


# --- awards


def match_forms(text: str, data: DataFolder) -> list[tuple[str, str]]:
    """(award form id, granting level) for each award form `text` names, in order. A form's
    grantor is looked for in the same clause only: 'Bằng khen Thủ tướng ...: có 02 lần được Chủ
    tịch UBND tỉnh tặng' names one form, not two."""
    out: list[tuple[str, str]] = []
    for clause in re.split(r"[:;.()]", text):
        for found in _forms_in_clause(clause, data):
            if found[0] not in [x for x, _ in out]:
                out.append(found)
    return out


def _forms_in_clause(text: str, data: DataFolder) -> list[tuple[str, str]]:
    f = folded(text)
    hits = sorted((m.start(), kind) for kind in AWARD_KINDS for m in re.finditer(rf"\b{kind}\b", f))
    out: list[tuple[str, str]] = []
    for i, (pos, kind) in enumerate(hits):
        end = hits[i + 1][0] if i + 1 < len(hits) else len(f)
        window = f[pos:end]
        stop = re.search(r"\bhoac\b|\bve\b|\bvao dip\b|\bcho\b", window[len(kind):])
        window = window[: len(kind) + stop.start()] if stop else window
        full = [fid for fid, form in data.award_forms.items() if window.startswith(folded(str(form.get("name", ""))))
                and folded(str(form.get("name", ""))).split()[2:]]
        if full:
            levels = data.award_forms[full[0]].get("granted_by_levels") or ["central"]
            out.append((full[0], levels[0]))
            continue
        levels = sorted((m.start(), level) for level, rx in LEVEL_RE for m in re.finditer(rx, window))
        for _, level in levels:
            for fid, form in data.award_forms.items():
                if folded(str(form.get("name", ""))).startswith(kind) and level in (form.get("granted_by_levels") or []):
                    if fid not in [x for x, _ in out]:
                        out.append((fid, level))
                    break
    return out


def _granted_by(form_id: str, level: str, ctx: Context) -> str | None:
    form = ctx.data.award_forms.get(form_id, {})
    if form.get("granted_by"):
        return form["granted_by"]
    return ctx.authority_at(level)


def suggest_award(part: dict, path: str, ctx: Context, held: set[str]) -> dict | None:
    found = [(fid, lvl) for fid, lvl in match_forms(_own_text(part), ctx.data) if fid not in held]
    if not found:
        return None
    award: dict = {"forms": [fid for fid, _ in found]}
    if len(found) == 1:
        granted = _granted_by(*found[0], ctx)
        if granted:
            award["granted_by"] = granted
    everything = fold(_all_text(part))
    occasions = [name for name, rx in OCCASIONS if re.search(rx, everything)]
    if occasions:
        award["occasions"] = occasions
    own = folded(part.get("text") or "")
    subjects = [s for s, rx in SUBJECTS if s in ("collective", "individual", "household") and re.search(rx, own)]
    if subjects:
        award["subjects"] = subjects
    part["award"] = award
    ctx.notes.add(f"{path}.award", "đề xuất hình thức khen thưởng " + ", ".join(award["forms"])
                  + (f", do {award['granted_by']} tặng" if "granted_by" in award else "")
                  + (", dịp: " + ", ".join(occasions) if occasions else "") + " — cần kiểm tra")
    return award


def quotas_in(text: str) -> list[dict]:
    out = []
    f_all = fold(text)
    seen = sorted((m.start(), name) for name, rx in OCCASIONS for m in [re.search(rx, f_all)] if m)
    occasion = seen[0][1] if seen else None
    year = re.search(r"năm\s+(\d{4})", text) if occasion == "final" else None
    scope = re.match(r"^((?:Tỉnh|Huyện|Xã|Sở|Ngành) chọn)\b", text.strip())
    lead_before = ""
    for segment in re.split(r";|\.\s|\s+và\s+(?=(?:không quá\s+)?\d)", text):
        m = QUOTA_RE.search(segment)
        if not m:
            continue
        # 'Không quá 10 tập thể và 10 cá nhân': the second number shares the first one's bound
        lead_here = (m.group("lead") or "").lower()
        lead_before = lead_here or (lead_before if segment.strip()[:1].isdigit() else "")
        rest = folded(m.group("rest"))
        if re.match(r"(lan|nam|thang|ngay|bo|ban)\b", rest):
            continue
        head = " ".join(rest.split()[:8]) + " " + " ".join(re.findall(r"ke ca [a-z ]+", rest))
        subjects = []
        for kind, rx in [("district", r"\bcap huyen\b"), ("commune", r"\bcap xa\b"), ("village", r"\bthon\b|\bkhu pho\b"),
                         ("household", r"^ho\b|\bke ca ho\b"), ("enterprise", r"\bdoanh nghiep\b"),
                         ("collective", r"\btap the\b"), ("individual", r"\bca nhan\b")]:
            if re.search(rx, head) and kind not in subjects:
                subjects.append(kind)
        if not subjects:
            continue
        a, b, lead = int(m.group("a")), m.group("b"), lead_before
        quota: dict = {"subjects": subjects}
        if b:
            quota.update(min=a, max=int(b))
        elif lead in ("không quá", "tối đa"):
            quota["max"] = a
        elif lead in ("ít nhất", "tối thiểu"):
            quota["min"] = a
        else:
            quota.update(min=a, max=a)
        if occasion:
            quota["occasion"] = occasion
        if year:
            quota["year"] = int(year.group(1))
        if scope:
            quota["scope"] = scope.group(1)
        out.append(quota)
    return out


# --- targets, deadlines, milestones


def _number(text: str | None) -> float | None:
    return float(text.replace(",", ".")) if text else None


def targets_in(text: str) -> list[dict]:
    out = []
    for m in PERCENT_RE.finditer(text):
        clause_start = max(text.rfind(sep, 0, m.start()) for sep in (";", ". ", ":  ")) + 1
        before = text[clause_start:m.start()]
        low = fold(before)
        target: dict = {}
        value, value_max = _number(m.group("v")), _number(m.group("v2"))
        metric = re.sub(r"(?i)\b(phấn đấu|hàng năm|hằng năm|đến năm \d{4}|duy trì mức|mức|giảm|tăng|trên|dưới|từ|không quá|đạt|:)\s*", " ", before)
        metric = collapse(metric).strip(" ,:")
        if len(metric.split()) < 2:
            metric = " ".join(re.split(r"[;.]", text[m.end():])[0].split()[:15]).strip(" ,")
        target["metric"] = metric[:1].upper() + metric[1:] if metric else "Chỉ tiêu"
        target["value"] = value
        if value_max is not None:
            target["value_max"] = value_max
        target["unit"] = "%"
        tail = low[-25:]
        if value_max is not None:
            target["comparison"] = "range"
        elif m.group("up") or re.search(r"\btu\s*$", tail):
            target["comparison"] = "gte"
        elif re.search(r"\btren\s*$", tail):
            target["comparison"] = "gt"
        elif re.search(r"\bduoi\s*$", tail):
            target["comparison"] = "lt"
        elif re.search(r"\bkhong qua\s*$", tail):
            target["comparison"] = "lte"
        else:
            target["comparison"] = "eq"
        if re.search(r"\bgiam\b", low):
            target["trend"] = "decrease"
        elif re.search(r"\btang\b", low):
            target["trend"] = "increase"
        if m.group("py") or re.search(r"\bhang nam\b", fold(text[clause_start:m.end() + 40])):
            target["per_year"] = True
        by = re.search(r"đến năm\s+(\d{4})", text[clause_start:m.end() + 60])
        if by:
            target["by"] = by.group(1)
        out.append(target)
    return out


def deadline_in(text: str) -> dict | None:
    m = DEADLINE_RE.search(text)
    if not m:
        return None
    f = fold(text)
    deadline: dict = {}
    before = collapse(re.sub(r"(?i)^(trước ngày[^,]*,\s*)", "", text[:m.start()] if m.start() > 10 else text[m.end():]))
    what = " ".join(before.strip(" ,.;").split()[:16])
    deadline["what"] = (what[:1].upper() + what[1:]) if what else "Thời hạn"
    deadline["kind"] = "submission" if re.search(r"\bho so\b", f) else "report" if re.search(r"\bbao cao\b", f) else "other"
    if m.group("y"):
        deadline["date"] = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    else:
        deadline["yearly"] = f"{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    to = re.search(r"(?:gửi\s+)?về\s+(.+?)(?=\s+trước ngày|\s+chủ trì|\s+để\b|[,;]|\.\s|\.$|$)", text, re.IGNORECASE)
    if to:
        deadline["to"] = collapse(to.group(1))
    return deadline


def deadlines_in(text: str) -> list[dict]:
    """Every deadline of a text: each sentence or clause with its own 'trước ngày ...'."""
    if len(DEADLINE_RE.findall(text)) < 2:
        found = deadline_in(text)
        return [found] if found else []
    out = []
    for clause in re.split(r"(?<=[.;])\s+", text):
        found = deadline_in(clause)
        if found and found not in out:
            out.append(found)
    return out or [d for d in [deadline_in(text)] if d]


def milestone_in(text: str, whole: str | None = None) -> dict | None:
    m = TIME_LEAD_RE.match(text.strip())
    if not m:
        return None
    f = fold(whole or text)
    kind = ("plan" if re.search(r"ban hanh ke hoach|xay dung (va ban hanh )?ke hoach", f) else
            "midterm" if "so ket" in f else "final" if "tong ket" in f else
            "monitoring" if re.search(r"kiem tra|giam sat", f) else "launch" if "phat dong" in f else "implementation")
    milestone: dict = {"kind": kind}
    if m.group("y"):
        milestone["start"] = m.group("y")
    elif m.group("my"):
        milestone["start"] = f"{int(m.group('my')):04d}-{int(m.group('m')):02d}"
    elif m.group("a"):
        milestone.update(start=m.group("a"), end=m.group("b"))
    else:
        milestone["yearly"] = True
    return milestone


def responsibility_in(part: dict) -> dict | None:
    unit = part.get("title")
    lead = False
    text = part.get("text") or ""
    if unit:
        unit = re.sub(r"^(Giao|Đề nghị)\s+", "", unit)
        lead = bool(LEAD_RE.match(text))
    else:
        text = re.sub(r"(?i)^trước ngày[^,]*,\s*", "", text)
        cut = UNIT_CUT_RE.search(text)
        unit = text[:cut.start()] if cut else ""
        lead = bool(cut and LEAD_RE.match(text[cut.start():]))
    unit = collapse(unit).strip(" ,:;")
    if not unit or len(unit.split()) > 30:
        return None
    out: dict = {"unit": unit[:1].upper() + unit[1:]}
    if lead:
        out["lead"] = True
    support = SUPPORT_RE.search(text)
    if support:
        units = [collapse(u).strip(" ,") for u in re.split(r",\s*|\s+và\s+", support.group(1))]
        units = [u for u in units if u and len(u.split()) <= 15]
        if units:
            out["support"] = units
    return out


# "chủ trì, phối hợp ..." (or "là cơ quan thường trực, chủ trì ...") at the start of what a unit is given
LEAD_RE = re.compile(r"\s*(?:là cơ quan thường trực[^,.;]{0,40},?\s*)?chủ trì\b", re.IGNORECASE)
# "phối hợp với Sở Nội vụ, các đơn vị liên quan để ..." -> the supporting units
SUPPORT_RE = re.compile(r"phối hợp (?:chặt chẽ )?với\s+(.+?)(?=\s+(?:để|tham mưu|triển khai|tổ chức|thực hiện|"
                        r"hướng dẫn|trong|theo dõi|xây dựng|đôn đốc)\b|[.;:(]|$)", re.IGNORECASE)


# --- the walk


AWARD_SCOPE = re.compile(r"khen thuong")
NOT_AWARD_SCOPE = re.compile(r"\b(thu tuc|ho so|kinh phi|tieu chi|doi tuong|tien do|thoi gian)\b")


def suggest(body: list[dict], ctx: Context) -> None:
    for i, part in enumerate(body):
        _walk(part, f"body[{i}]", ctx, awards=False, schedule=False, duties=False, held=set(), award_owner=None)


def _walk(part, path, ctx, awards, schedule, duties, held, award_owner) -> None:
    notes = ctx.notes
    title = part.get("title") or ""
    if title:
        f = folded(title)
        role = role_for(title)
        if role:
            part["role"] = role
            notes.add(path, f"đề xuất role: {role}")
        subject = subject_for(title)
        if subject:
            part["subject"] = subject
            notes.add(path, f"đề xuất subject: {subject}")
        if AWARD_SCOPE.search(f) and not NOT_AWARD_SCOPE.search(f):
            awards = True
        if NOT_AWARD_SCOPE.search(f):
            awards = False
        schedule = schedule or role == "schedule"
        child_duties = role == "responsibilities"
    else:
        child_duties = False
    held = set(held)
    if awards:
        award = suggest_award(part, path, ctx, held)
        if award:
            held |= set(award["forms"])
            award_owner = (part, path)
        if award_owner is not None and part.get("text"):
            quotas = quotas_in(part["text"])
            if quotas:
                owner, owner_path = award_owner
                owner["award"].setdefault("quotas", []).extend(quotas)
                for q in quotas:
                    notes.add(f"{owner_path}.award", "đề xuất số lượng: " + ", ".join(q["subjects"])
                              + (f" tối đa {q['max']}" if "max" in q else "") + (f" tối thiểu {q['min']}" if "min" in q else "")
                              + (f" ({q['occasion']})" if "occasion" in q else "") + f" — từ {path}")
    text = part.get("text") or ""
    found = targets_in(text) if "%" in text else []
    if len(found) == 1:
        part["target"] = found[0]
        notes.add(f"{path}.target", f"đề xuất chỉ tiêu {found[0]['value']:g}{found[0]['unit']} — cần kiểm tra")
    elif found:
        items = part.setdefault("items", [])
        for t in found:
            items.append({"target": t})
            notes.add(f"{path}.items[{len(items) - 1}]", f"đề xuất chỉ tiêu {t['value']:g}{t['unit']} (mục chỉ chứa chỉ tiêu)")
    found_deadlines = deadlines_in(text) if text else []
    # one deadline -> `deadline:`; several in one text (one per report, say) -> `deadlines:`
    key = "deadline" if len(found_deadlines) == 1 else "deadlines"
    if found_deadlines:
        part[key] = found_deadlines[0] if key == "deadline" else found_deadlines
    for k, deadline in enumerate(found_deadlines):
        when = deadline.get("date") or f"{deadline['yearly']} hằng năm"
        notes.add(f"{path}.{key}" + (f"[{k}]" if key == "deadlines" else ""), f"đề xuất thời hạn {when}"
                  + (" (văn bản không ghi năm: coi là hằng năm)" if "yearly" in deadline else "") + " — cần kiểm tra")
    lead = title or text
    milestone = milestone_in(lead, _own_text(part)) if (schedule or TIME_LEAD_RE.match(lead.strip() or "x")) and lead else None
    if milestone:
        part["milestone"] = milestone
        notes.add(f"{path}.milestone", f"đề xuất mốc {milestone['kind']} " + str(milestone.get("start", "hằng năm")))
    if duties:
        resp = responsibility_in(part)
        if resp:
            part["responsibility"] = resp
            notes.add(f"{path}.responsibility", f"đề xuất đơn vị thực hiện: {resp['unit']}"
                      + (" (chủ trì)" if resp.get("lead") else "")
                      + (f"; phối hợp: {', '.join(resp['support'])}" if resp.get("support") else ""))
    for j, child in enumerate(list(part.get("items", []))):
        if set(child) == {"target"}:
            continue
        _walk(child, f"{path}.items[{j}]", ctx, awards, schedule, child_duties, held, award_owner)
