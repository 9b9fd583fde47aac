"""A plan's text -> a draft Document record (a dict in the model's shape), the documents it
cites that the data folder lacks, an authority draft for an unknown issuer, and review notes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import fold, slugify
from . import citations, facts, header as header_mod, signature
from .datafolder import DataFolder
from .review import Notes
from .text import Paragraph, collapse, folded, is_page_number, normalize, paragraphs, rank, strip_contacts

ISSUER_VERB_RE = re.compile(r"\s(?:ban hành|xây dựng)\s+[Kk]ế hoạch")
ISSUER_START_RE = re.compile(r"(?:Ủy|Uỷ|UỶ|ỦY) ban nhân dân|UBND|Sở|Ban|Phòng|Hội đồng|Trường|Bộ")
PROVINCE_RE = re.compile(r"\btỉnh\s+((?:[A-ZÀ-ỸĐ][a-zà-ỹđ]+)(?:\s+[A-ZÀ-ỸĐ][a-zà-ỹđ]+){0,2})")
PERIOD_RE = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
ATTACHMENT_RE = re.compile(r"^\(\s*Kèm theo .*\)\.?$", re.IGNORECASE)
CLOSING_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=Trên đây là\b)")


@dataclass
class Draft:
    record: dict
    notes: Notes
    cited: list[dict] = field(default_factory=list)  # new transcribed: false documents
    authorities: list[dict] = field(default_factory=list)  # new authority drafts
    removed_contacts: list[str] = field(default_factory=list)
    dropped_trailer: list[str] = field(default_factory=list)


def clean(raw_lines: list[str]) -> tuple[list[str], list[str], signature.Trailer]:
    lines, trailer = signature.strip_trailer([normalize(l).rstrip() for l in raw_lines])
    kept, removed = [], []
    for line in lines:
        line2, gone = strip_contacts(line)
        removed += gone
        if gone and not line2.strip():
            continue
        if is_page_number(line2):
            continue
        kept.append(line2.rstrip())
    return kept, removed, trailer


def _end_start(lines: list[str], start: int) -> int:
    for i in range(start, len(lines)):
        if signature.is_start(lines[i]):
            return i
    # no 'Nơi nhận' and no 'KT./TM.' line: trailing capitals and names are the signer
    i = len(lines)
    while i > start and (not lines[i - 1].strip() or signature.NAME_RE.match(collapse(lines[i - 1]))
                         or (header_mod.is_upper_line(lines[i - 1]) and len(collapse(lines[i - 1]).split()) <= 6)):
        i -= 1
    return i


def build_tree(paras: list[Paragraph]) -> list[dict]:
    root: dict = {"items": []}
    stack: list[tuple[float, dict]] = [(-1, root)]
    for p in paras:
        if p.kind:
            r = rank(p.kind, p.label or "")
            while stack[-1][0] >= r:
                stack.pop()
            node = make_part(p)
            stack[-1][1].setdefault("items", []).append(node)
            stack.append((r, node))
            continue
        target = stack[-1][1]
        if target is root:
            root["items"].append({"text": p.text})
        elif not target.get("text") and not target.get("items"):
            target["text"] = p.text
        elif not target.get("title") and not target.get("items"):
            target["text"] += "\n\n" + p.text
        else:
            target.setdefault("items", []).append({"text": p.text})
    return root["items"]


def make_part(p: Paragraph) -> dict:
    part: dict = {"label": p.label}
    t = p.text
    dash = p.kind in ("dash", "plus")
    if p.kind == "roman" or t.endswith(":"):
        part["title"] = t.rstrip(":").strip()
        return part
    head, sep, tail = t.partition(":")
    timed = re.search(r"\d{4}", head)  # '- Năm 2023: ...' reads as one sentence; '1. Năm 2022: ...' as a heading
    if sep and tail.strip() and not re.search(r"[;.“”]", head) and len(head.split()) <= (3 if dash else 12) \
            and not (dash and timed):
        part["title"], part["text"] = head.strip(), tail.strip()
        return part
    if not dash and t and t[-1] not in ".;!?…)\"”" and len(t.split()) <= 25:
        part["title"] = t
        return part
    part["text"] = t
    return part


def parse(raw_lines: list[str], data: DataFolder, source: str | None = None) -> Draft:
    notes = Notes()
    lines, removed, trailer = clean(raw_lines)
    head = header_mod.parse(lines)
    end = _end_start(lines, head.body_start)
    paras = paragraphs(lines[head.body_start:end])
    paras = [q for p in paras for q in _split_closing(p)]
    block = signature.parse(lines[end:])

    preamble: list = []
    body_paras: list = []
    closing: list = []
    attachment = None
    for p in paras:
        if closing or (not p.kind and fold(p.text).startswith("tren day la")):
            closing.append(p.text)
        elif not p.kind and ATTACHMENT_RE.match(p.text):
            attachment = p.text
        elif not body_paras and not p.kind:
            preamble.append(p.text)
        else:
            body_paras.append(p)
    body = build_tree(body_paras)

    record: dict = {"id": None, "type": head.doc_type, "title": head.title or "Kế hoạch"}
    if not head.title:
        notes.add("title", "không tìm thấy tiêu đề sau dòng 'KẾ HOẠCH': cần nhập")
    all_text = " ".join([head.title, *preamble, *closing])
    province = _province(head, all_text, data)
    issuer_id, drafts = _issuer(head, preamble, closing, province, data, notes)
    record["authority"] = issuer_id
    for draft_authority in drafts:  # known from here on, in memory only, so facts can name it
        data.authorities[draft_authority["id"]] = draft_authority
    if head.number:
        record["number"] = head.number
    date, date_note = head.date, "ngày in trong văn bản" if head.date else None
    if head.notes:
        notes.add("date", "; ".join(head.notes))
    if date and trailer.date and trailer.date != date:
        notes.add("date", f"chữ ký số ghi ngày ký {trailer.date}, khác ngày in {date}: giữ ngày in")
    date_source = "printed"
    if not date and trailer.date:
        date, date_note = trailer.date, "ngày lấy từ chữ ký số (không in trong văn bản)"
        date_source = "signature"
    campaign = data.campaign_in(head.title)
    if campaign:
        record["campaign"] = campaign
        notes.add("campaign", f"đề xuất phong trào {campaign} (khớp tên trong tiêu đề)")
    period = PERIOD_RE.search(head.title)
    if period:
        record["period"] = f"{period.group(1)}-{period.group(2)}"
    signer = dict(block.signer)
    if trailer.signer and not signer.get("name"):
        signer["name"] = trailer.signer
        record["signer_source"] = "signature"
        notes.add("signer.name", "tên người ký lấy từ chữ ký số, không in trong văn bản")
    elif trailer.signer and fold(trailer.signer) != fold(signer.get("name", "")):
        notes.add("signer.name", f"chữ ký số ghi người ký khác: {trailer.signer}")
    if signer.get("title"):
        record["signer"] = {k: signer[k] for k in ("title", "name", "capacity", "on_behalf_of") if k in signer}
    else:
        record.pop("signer_source", None)
        notes.add("", "không đọc được khối người ký: cần nhập signer")
    if preamble:
        record["preamble"] = "\n\n".join(preamble)
    record["body"] = body
    if closing:
        record["closing"] = " ".join(closing)
    if attachment:
        record["attachment_note"] = attachment
    if block.distribution:
        record["distribution"] = block.distribution
    if block.leftover:
        notes.add("", "chưa xếp được vào trường nào (khối ký): " + " | ".join(block.leftover))
    if source:
        record["source"] = source

    ctx = facts.Context(data, issuer_id, notes)
    facts.suggest(body, ctx)
    if not date:
        inferred = _date_from_schedule(body)
        if inferred:
            date, date_note = inferred, "ngày suy ra từ tiến độ ('ban hành kế hoạch'), không in trong văn bản"
            date_source = "inferred"
    if date:
        record["date"] = date
        record["date_source"] = date_source  # the writer leaves out the default, printed
        if date_note and date_note != "ngày in trong văn bản":
            notes.add("date", date_note)

    draft = Draft(record, notes, authorities=drafts, removed_contacts=removed, dropped_trailer=trailer.lines)
    _basis(draft, preamble, body, closing, attachment, province, data)
    record["id"] = plan_id(record, data)
    # keep the model's key order: id first is enough, the writer orders the rest
    return draft


def _split_closing(p: Paragraph) -> list[Paragraph]:
    parts = CLOSING_SPLIT_RE.split(p.text, maxsplit=1)
    if len(parts) == 1:
        return [p]
    return [Paragraph(parts[0], p.kind, p.label), Paragraph(parts[1])]


def _province(head, text: str, data: DataFolder) -> str | None:
    """The issuer's province, as named in the place line or 'tỉnh X' in the text; names the data
    knows win, and an unknown name keeps two words (most province names have two)."""
    candidates = [c for c in [head.place, *(m.group(1) for m in PROVINCE_RE.finditer(text))] if c]
    for candidate in candidates:
        words = candidate.split()
        for k in range(len(words), 0, -1):
            if data.resolve_authority(f"UBND tỉnh {' '.join(words[:k])}")[1] >= 2 + k:
                return " ".join(words[:k])
    for candidate in candidates:
        if candidate != head.place:
            return " ".join(candidate.split()[:2])
    if head.parent:
        m = PROVINCE_RE.search(head.parent)
        if m:
            return m.group(1)
    return None


def _issuer(head, preamble, closing, province, data: DataFolder, notes: Notes) -> tuple[str, list[dict]]:
    phrase = head.issuer
    how = "khối tiêu đề"
    if not phrase:
        found = [phrase for text in preamble for phrase in _issuer_phrases(text)]
        phrase = collapse(found[-1]) if found else None
        how = "câu mở đầu"
    if phrase:
        aid, n = data.resolve_authority(phrase, province)
        if aid and n >= len(folded(phrase).split()) - 1:
            notes.add("authority", f"cơ quan ban hành {aid}: khớp '{phrase}' ({how})"
                      + (f", tỉnh {province}" if province else ""))
            return aid, []
    name = phrase or "Chưa rõ cơ quan ban hành"
    if phrase and province and "tỉnh" not in phrase and re.match(r"(Sở|Ban|Phòng)\b", phrase):
        name = f"{phrase} tỉnh {province}"
    elif phrase and re.fullmatch(r"(?:Ủy|Uỷ) ban nhân dân tỉnh|UBND tỉnh", phrase) and province:
        name = f"Ủy ban nhân dân tỉnh {province}"
    level = _level_of(name)
    draft: dict = {"id": _free(slugify(name, 60) or "co-quan-moi", data, "authorities"), "name": name, "level": level}
    parent = data.resolve_authority(head.parent, province)[0] if head.parent else None
    parent = parent or (data.resolve_authority(f"UBND tỉnh {province}")[0] if province and level != "province" else None)
    if parent:
        draft["parent"] = parent
    notes.add("authority", f"cơ quan ban hành chưa có trong dữ liệu: đã tạo bản nháp authorities/{draft['id']}.yml"
              f" ('{name}', cấp {level}) — cần kiểm tra tên, cấp và cơ quan cấp trên")
    return draft["id"], [draft]


def _issuer_phrases(text: str) -> list[str]:
    """'..., Sở Giao thông vận tải ban hành Kế hoạch ...' -> ['Sở Giao thông vận tải']."""
    out = []
    for verb in ISSUER_VERB_RE.finditer(text):
        clause = re.split(r"[,;:.”]", text[:verb.start()])[-1]
        starts = list(ISSUER_START_RE.finditer(clause))
        if starts:
            out.append(clause[starts[0].start():].strip())
    return out


def _level_of(name: str) -> str:
    f = fold(name)
    if re.match(r"(uy ban nhan dan|ubnd) (tinh|thanh pho)\b", f):
        return "province"
    if re.match(r"(uy ban nhan dan|ubnd) (huyen|quan|thi xa)\b", f):
        return "district"
    if re.match(r"(uy ban nhan dan|ubnd) (xa|phuong|thi tran)\b", f):
        return "commune"
    if f.startswith(("so ", "phong ")):
        return "department"
    if f.startswith(("bo ", "thu tuong", "chinh phu")):
        return "central"
    return "board"


def _free(base: str, data: DataFolder, kind: str) -> str:
    candidate, n = base, 1
    while data.taken(kind, candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _date_from_schedule(body: list[dict]) -> str | None:
    stack = list(body)
    while stack:
        part = stack.pop(0)
        m = part.get("milestone")
        text = fold(" ".join(x for x in (part.get("title"), part.get("text")) if x))
        if m and m.get("kind") == "plan" and "ban hanh" in text and m.get("start"):
            return m["start"]
        stack[0:0] = part.get("items", [])
    return None


def _texts(parts: list[dict]):
    for part in parts:
        for key in ("title", "text"):
            if part.get(key):
                yield part[key]
        yield from _texts(part.get("items", []))


def _basis(draft: Draft, preamble, body, closing, attachment, province, data: DataFolder) -> None:
    record, notes = draft.record, draft.notes
    basis: list[dict] = []
    seen: set[str] = set()
    sources = [(t, "cites") for t in preamble] + [(t, "cites") for t in _texts(body)] + [(t, "cites") for t in closing]
    for text, default in sources:
        in_preamble = text in preamble
        for c in citations.find(text, default):
            relation = c.relation if in_preamble else "cites"
            doc_id = data.find_document(c.number, c.year)
            if doc_id is None:
                doc_id = _cited_draft(draft, c, province, data)
            if doc_id in seen:
                continue
            seen.add(doc_id)
            link = {"document": doc_id, "relation": relation, "note": citations.note_for(c, text)}
            basis.append(link)
            notes.add(f"basis[{len(basis) - 1}]", f"quan hệ {relation} với {doc_id} ('{link['note']}')"
                      + ("" if in_preamble else ", viện dẫn trong thân văn bản"))
    if basis:
        record["basis"] = basis


def _cited_draft(draft: Draft, c: citations.Citation, province, data: DataFolder) -> str:
    for existing in draft.cited:
        if fold(existing["number"]) == fold(c.number) and str(existing.get("date", ""))[:4] == str(c.year or ""):
            return existing["id"]
    aid, title = citations.authority_and_title(c, data, province)
    if aid is None:
        phrase = re.split(r"\s+(?:về việc|việc|về|ban hành|hướng dẫn|phê duyệt)\b|[,;(]", c.authority_phrase, maxsplit=1)[0]
        phrase = collapse(phrase) or "Chưa rõ cơ quan"
        known = [a for a in draft.authorities if a["name"] == phrase]
        if known:
            aid = known[0]["id"]
        else:
            aid = _free(slugify(phrase, 60) or "co-quan-moi", data, "authorities")
            draft.authorities.append({"id": aid, "name": phrase, "level": _level_of(phrase)})
            draft.notes.add("", f"tạo bản nháp cơ quan {aid} ('{phrase}') cho văn bản {c.number}")
    short = re.sub(r"-(tinh|huyen|xa|thanh-pho)-", "-", aid)
    number_slug = slugify(c.number.split("/")[0])
    base = f"{c.prefix}-{number_slug}-{short}" + (f"-{c.year}" if c.year else "")
    doc = {"id": _free(base, data, "documents"), "type": c.type, "title": title or f"{c.type} số {c.number}",
           "authority": aid, "number": c.number, "transcribed": False}
    if c.date:
        doc["date"] = c.date
    period = PERIOD_RE.search(title or "")
    if period:
        doc["period"] = f"{period.group(1)}-{period.group(2)}"
    campaign = data.campaign_in(title or "")
    if campaign:
        doc["campaign"] = campaign
    draft.cited.append(doc)
    draft.notes.add("", f"văn bản được viện dẫn chưa có trong dữ liệu: tạo documents/{doc['id']}.yml (transcribed: false)")
    return str(doc["id"])


def plan_id(record: dict, data: DataFolder) -> str:
    authority = record["authority"]
    if record.get("number"):
        year = str(record.get("date", ""))[:4]
        short = re.sub(r"-(tinh|huyen|xa|thanh-pho)-", "-", authority)
        base = f"kh-{slugify(record['number'].split('/')[0])}-{short}" + (f"-{year}" if year else "")
    else:
        campaign = record.get("campaign", "")
        topic = re.sub(r"-\d{4}-\d{4}$", "", campaign) if campaign else slugify(record["title"], 40)
        base = "-".join(x for x in ("kh", authority, topic, record.get("period", "")) if x)
    return base
