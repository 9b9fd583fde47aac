"""The data model: every record the portal publishes, as dataclasses (their fields in slots: `Read`).

These classes are the single source of truth for the YAML format. The loader walks
them to read and check YAML (`schema.py`), `thidua schema` turns them into JSON Schema,
and the page builders read them. A field's type annotation says what YAML may hold;
its metadata gives the documentation, and for references the kind of record it names.

One record per YAML file, in the folder of its kind (`kinds.py` declares the kinds).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .dates import MonthDay, PartialDate, Period


class Read:
    """Where a record, or a part of one, was read: its file, its path in the file and the names its
    fields were written under (set by the loader, `schema.py`, after construction).

    Every class below keeps its fields in slots, not in an instance dict: a national data set is
    millions of these objects, and each one pickled into or out of the parse cache was given a dict
    of its own. With slots, a national data set validates in 1.37-1.42 GB instead of 1.58-1.60 GB
    from the parse cache, and in 1.43 GB instead of 1.64 GB cold (BENCHMARKS.md, 2026-12-03, evening)."""

    __slots__ = ("_file", "_path", "_shown")  # `_shown` only when a field was written under another name


def doc(text: str, default=None, **meta):
    """A field with documentation (and, for `ref=`, the kind of record it names)."""
    if isinstance(default, list):
        return field(default_factory=list, metadata={"doc": text, **meta})
    return field(default=default, metadata={"doc": text, **meta})


def required(text: str, **meta):
    return field(metadata={"doc": text, **meta})


# --- Enumerations: YAML codes are English; `LABELS` give the Vietnamese the site shows.


class Level(StrEnum):
    CENTRAL = "central"
    PROVINCE = "province"
    DEPARTMENT = "department"
    DISTRICT = "district"
    COMMUNE = "commune"
    VILLAGE = "village"
    BOARD = "board"


LEVEL_ORDER = {level: i for i, level in enumerate(Level)}  # lists of authorities and counts by level, top down


class Change(StrEnum):
    MERGED = "merged"
    RENAMED = "renamed"
    ABOLISHED = "abolished"
    SPLIT = "split"  # dissolved, its work shared among several successors (`successors`)
    REORGANISED = "reorganised"  # rearranged (e.g. the 2025 commune mergers); the outcome is not yet recorded


class DocType(StrEnum):
    KE_HOACH = "ke-hoach"
    QUYET_DINH = "quyet-dinh"
    HUONG_DAN = "huong-dan"
    CONG_VAN = "cong-van"
    TO_TRINH = "to-trinh"
    BAO_CAO = "bao-cao"
    NGHI_QUYET = "nghi-quyet"
    CHI_THI = "chi-thi"
    THONG_BAO = "thong-bao"
    LUAT = "luat"
    NGHI_DINH = "nghi-dinh"
    THONG_TU = "thong-tu"


class Capacity(StrEnum):
    """Signing capacity: KT. (deputy on behalf of the head), TM. (for a collective body),
    TL. (by order), TUQ. (by authorisation), Q. (acting)."""

    KT = "KT"
    TM = "TM"
    TL = "TL"
    TUQ = "TUQ"
    Q = "Q"


class SubjectKind(StrEnum):
    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"
    HOUSEHOLD = "household"
    ENTERPRISE = "enterprise"
    DISTRICT = "district"
    COMMUNE = "commune"
    VILLAGE = "village"
    DEPARTMENT = "department"
    LOCALITY = "locality"


class Occasion(StrEnum):
    YEARLY = "yearly"
    MIDTERM = "midterm"
    FINAL = "final"
    ADHOC = "adhoc"


class Relation(StrEnum):
    IMPLEMENTS = "implements"
    BASED_ON = "based-on"
    CITES = "cites"


class Role(StrEnum):
    """What a part of a plan is, whatever number and wording the document gives it."""

    PURPOSES = "purposes"
    REQUIREMENTS = "requirements"
    CONTENTS = "contents"
    SOLUTIONS = "solutions"
    TARGETS = "targets"
    SUBJECTS = "subjects"
    CRITERIA = "criteria"
    STANDARDS = "standards"
    AWARDS = "awards"
    PROCEDURES = "procedures"
    DOSSIER = "dossier"
    DEADLINES = "deadlines"
    SCHEDULE = "schedule"
    FUNDING = "funding"
    RESPONSIBILITIES = "responsibilities"
    OTHER = "other"


class Comparison(StrEnum):
    EQ = "eq"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    RANGE = "range"


class Trend(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class DeadlineKind(StrEnum):
    SUBMISSION = "submission"
    REPORT = "report"
    OTHER = "other"


class Source(StrEnum):
    """Where a date or a signer comes from: the printed text, the digital-signature trailer,
    or inferred by the transcriber (e.g. from the plan's own schedule)."""

    PRINTED = "printed"
    SIGNATURE = "signature"
    INFERRED = "inferred"


class NoteKind(StrEnum):
    """An editorial note: `sic` keeps a source's typo as printed; `note` is any other remark."""

    SIC = "sic"
    NOTE = "note"


class MilestoneKind(StrEnum):
    PLAN = "plan"
    LAUNCH = "launch"
    IMPLEMENTATION = "implementation"
    MIDTERM = "midterm"
    FINAL = "final"
    MONITORING = "monitoring"


# Vietnamese labels. Keyed by (enum class, member): members of different enums share
# values (Level.DISTRICT == SubjectKind.DISTRICT == "district") but not labels.
_LABEL_PAIRS: list[tuple[StrEnum, str]] = [
    (Level.CENTRAL, "Trung ương"),
    (Level.PROVINCE, "Tỉnh, thành phố"),
    (Level.DEPARTMENT, "Sở, ban, ngành"),
    (Level.DISTRICT, "Huyện (đến 30/06/2025)"),
    (Level.COMMUNE, "Xã, phường, thị trấn"),
    (Level.VILLAGE, "Thôn, khu phố"),
    (Level.BOARD, "Hội đồng, ban"),
    (Change.MERGED, "sáp nhập"),
    (Change.RENAMED, "đổi tên"),
    (Change.ABOLISHED, "giải thể"),
    (Change.SPLIT, "giải thể, chia nhiệm vụ cho nhiều cơ quan"),
    (Change.REORGANISED, "sắp xếp"),
    (DocType.KE_HOACH, "Kế hoạch"),
    (DocType.QUYET_DINH, "Quyết định"),
    (DocType.HUONG_DAN, "Hướng dẫn"),
    (DocType.CONG_VAN, "Công văn"),
    (DocType.TO_TRINH, "Tờ trình"),
    (DocType.BAO_CAO, "Báo cáo"),
    (DocType.NGHI_QUYET, "Nghị quyết"),
    (DocType.CHI_THI, "Chỉ thị"),
    (DocType.THONG_BAO, "Thông báo"),
    (DocType.LUAT, "Luật"),
    (DocType.NGHI_DINH, "Nghị định"),
    (DocType.THONG_TU, "Thông tư"),
    (Capacity.KT, "KT."),
    (Capacity.TM, "TM."),
    (Capacity.TL, "TL."),
    (Capacity.TUQ, "TUQ."),
    (Capacity.Q, "Q."),
    (SubjectKind.COLLECTIVE, "Tập thể"),
    (SubjectKind.INDIVIDUAL, "Cá nhân"),
    (SubjectKind.HOUSEHOLD, "Hộ gia đình"),
    (SubjectKind.ENTERPRISE, "Doanh nghiệp"),
    (SubjectKind.DISTRICT, "Cấp huyện"),
    (SubjectKind.COMMUNE, "Cấp xã"),
    (SubjectKind.VILLAGE, "Thôn, khu phố"),
    (SubjectKind.DEPARTMENT, "Sở, ban, ngành"),
    (SubjectKind.LOCALITY, "Địa phương"),
    (Occasion.YEARLY, "Hằng năm"),
    (Occasion.MIDTERM, "Sơ kết"),
    (Occasion.FINAL, "Tổng kết"),
    (Occasion.ADHOC, "Đột xuất"),
    (Relation.IMPLEMENTS, "Thực hiện"),
    (Relation.BASED_ON, "Căn cứ"),
    (Relation.CITES, "Viện dẫn"),
    (Role.PURPOSES, "Mục đích"),
    (Role.REQUIREMENTS, "Yêu cầu"),
    (Role.CONTENTS, "Nội dung thi đua"),
    (Role.SOLUTIONS, "Giải pháp"),
    (Role.TARGETS, "Chỉ tiêu"),
    (Role.SUBJECTS, "Đối tượng"),
    (Role.CRITERIA, "Tiêu chí"),
    (Role.STANDARDS, "Tiêu chuẩn"),
    (Role.AWARDS, "Hình thức khen thưởng"),
    (Role.PROCEDURES, "Thủ tục"),
    (Role.DOSSIER, "Hồ sơ"),
    (Role.DEADLINES, "Thời hạn"),
    (Role.SCHEDULE, "Tiến độ"),
    (Role.FUNDING, "Kinh phí"),
    (Role.RESPONSIBILITIES, "Tổ chức thực hiện"),
    (Role.OTHER, "Khác"),
    (Comparison.EQ, "bằng"),
    (Comparison.GT, "trên"),
    (Comparison.GTE, "từ"),
    (Comparison.LT, "dưới"),
    (Comparison.LTE, "không quá"),
    (Comparison.RANGE, "từ … đến"),
    (Trend.INCREASE, "tăng"),
    (Trend.DECREASE, "giảm"),
    (DeadlineKind.SUBMISSION, "Nộp hồ sơ"),
    (DeadlineKind.REPORT, "Báo cáo"),
    (DeadlineKind.OTHER, "Thời hạn"),
    (Source.PRINTED, "in trong văn bản"),
    (Source.SIGNATURE, "theo chữ ký số"),
    (Source.INFERRED, "suy ra"),
    (NoteKind.SIC, "[sic]"),
    (NoteKind.NOTE, "Ghi chú"),
    (MilestoneKind.PLAN, "Ban hành kế hoạch"),
    (MilestoneKind.LAUNCH, "Phát động"),
    (MilestoneKind.IMPLEMENTATION, "Triển khai"),
    (MilestoneKind.MIDTERM, "Sơ kết"),
    (MilestoneKind.FINAL, "Tổng kết"),
    (MilestoneKind.MONITORING, "Kiểm tra, giám sát"),
]
LABELS: dict[tuple[type, StrEnum], str] = {(type(member), member): text for member, text in _LABEL_PAIRS}


def label(value) -> str:
    return LABELS.get((type(value), value), str(value))


# How a number of authorities of a level is named ("Xem 21 sở, ban, ngành"): the level's label in
# lower case, but where the label names a place and not bodies ("12 trung ương" says nothing)
_LEVEL_GROUPS = {Level.CENTRAL: "cơ quan trung ương"}


def group_label(level: Level) -> str:
    return _LEVEL_GROUPS.get(level) or label(level).lower()


# --- Shared pieces


@dataclass(slots=True)
class Signer(Read):
    title: str = required("The signer's title as printed, e.g. 'Phó Giám đốc'.")
    name: str | None = doc("The signer's name; absent when the source does not show it.")
    capacity: Capacity | None = doc("KT, TM, TL, TUQ or Q: the line above the title.")
    on_behalf_of: str | None = doc("Who the signer signs for, e.g. 'Giám đốc' in 'KT. GIÁM ĐỐC'.")


# --- Plan bodies: one recursive part type holds every section in document order.


@dataclass(slots=True)
class Target(Read):
    """A quantified target, e.g. 'trên 50% cơ sở giáo dục ... đến năm 2025'."""

    metric: str = required("What is measured, briefly.")
    value: float | None = doc("The number; the lower bound of a range.")
    value_max: float | None = doc("The upper bound, for a range such as 0,4 - 0,6.")
    unit: str | None = doc("Unit, e.g. '%', 'đơn vị', 'hộ'.")
    comparison: Comparison | None = doc("How the value bounds the result.")
    trend: Trend | None = doc("Increase or decrease, for rates of change.")
    per_year: bool = doc("The value is a yearly rate ('%/năm', 'hằng năm').", False)
    by: PartialDate | None = doc("The deadline, e.g. 2025.")
    subject: str | None = doc("Who the target applies to, where the text says.")
    alternative: bool = doc("Another way to meet the criterion of the target just before it (the text joins "
                            "them by 'hoặc'): the two are one criterion, either suffices, not two targets.", False)


@dataclass(slots=True)
class Quota(Read):
    """How many may be proposed or granted, e.g. 'không quá 10 tập thể'."""

    subjects: list[SubjectKind] = required("The subject kinds the number counts together.")
    max: int | None = doc("At most this many.")
    min: int | None = doc("At least this many.")
    occasion: Occasion | None = doc("Yearly, midterm or final review.")
    year: int | None = doc("The year the quota applies to, e.g. 2025 for the final review.")
    scope: str | None = doc("Who the number is counted for, e.g. 'Tỉnh chọn'.")
    proposals: bool = doc("The number is of nominations sent to the granting authority ('Tỉnh chọn ... đề nghị "
                          "Thủ tướng'), not of awards granted: shown as such and not checked against decisions.", False)


@dataclass(slots=True)
class AwardAlternative(Read):
    form: str = required("An award form the candidate must already hold.", ref="award-forms")
    count: int = doc("How many times.", 1)


@dataclass(slots=True)
class Prerequisite(Read):
    """Awards a candidate must hold first: any one alternative is enough."""

    any_of: list[AwardAlternative] = required("Alternatives; one of them suffices.")
    occasion: Occasion | None = doc("The occasion this prerequisite applies to.")
    same_campaign: bool = doc("The earlier awards must be for the same campaign.", True)
    granted_by: str | None = doc("The earlier awards must be granted by this authority.", ref="authorities")


@dataclass(slots=True)
class Award(Read):
    forms: list[str] = required("Award forms from the catalog.", ref="award-forms")
    granted_by: str | None = doc("The authority that grants it, where the plan names one.", ref="authorities")
    occasions: list[Occasion] = doc("When it is given: yearly, midterm, final.", [])
    subjects: list[SubjectKind] = doc("Who may receive it under this plan.", [])
    quotas: list[Quota] = doc("Numbers per subject kind and occasion.", [])
    prerequisites: list[Prerequisite] = doc("Awards a nominee must hold first.", [])


@dataclass(slots=True)
class Deadline(Read):
    what: str = required("What must be done by then, briefly.")
    kind: DeadlineKind = doc("Submission of dossiers, a report, or other.", DeadlineKind.OTHER)
    date: PartialDate | None = doc("A one-off date.")
    yearly: MonthDay | None = doc("A day recurring every year, MM-DD.")
    to: str | None = doc("Who receives it.")
    to_authority: str | None = doc("Who receives it, as a published authority: once it has ceased, the "
                                   "deadline is shown as addressed to a body that no longer exists.", ref="authorities")


@dataclass(slots=True)
class Milestone(Read):
    kind: MilestoneKind = required("What happens.")
    start: PartialDate | None = doc("When it happens, or starts.")
    end: PartialDate | None = doc("When a span ends.")
    yearly: bool = doc("It recurs every year.", False)


@dataclass(slots=True)
class Responsibility(Read):
    unit: str = required("The unit the part assigns tasks to, as the plan names it.")
    authority: str | None = doc("The unit as a published authority, if it is one.", ref="authorities")
    lead: bool = doc("The unit leads the task ('chủ trì').", False)
    support: list[str] = doc("The units it works with ('phối hợp với ...'), as the plan names them.", [])


@dataclass(slots=True)
class EditorialNote(Read):
    """A transcriber's note on a part: `kind: sic` marks words kept as printed although wrong."""

    kind: NoteKind = doc("sic (the source's words kept as printed, shown '[sic]') or note.", NoteKind.NOTE)
    quote: str | None = doc("The words of the part's text the note is about; '[sic]' is shown after them.")
    text: str | None = doc("The note itself, e.g. what a typo probably means.")


@dataclass(slots=True)
class Part(Read):
    """A heading, paragraph or list item of a document, with its sub-items in order.

    The text is kept whole; the typed facts (target, award, ...) say what it means.
    """

    label: str | None = doc("The numbering as printed: 'I.', '1.', 'a)', '-', '+'.")
    title: str | None = doc("A heading, or the lead words of an item ('Đối với tập thể').")
    text: str | None = doc("The body text.")
    role: Role | None = doc("What this part is: purposes, targets, awards, ...")
    subject: SubjectKind | None = doc("The subject kind these criteria or items are for.")
    target: Target | None = doc("The quantified target this text states.")
    award: Award | None = doc("The award form this text describes.")
    deadline: Deadline | None = doc("The deadline this text sets (one; `deadlines` for several).")
    deadlines: list[Deadline] = doc("Several deadlines this text sets, e.g. one per report.", [])
    milestone: Milestone | None = doc("The milestone this text sets (one; `milestones` for several).")
    milestones: list[Milestone] = doc("Several milestones this text sets, e.g. 'sơ kết 2023, tổng kết 2025'.", [])
    responsibility: Responsibility | None = doc("The unit this part assigns tasks to.")
    notes: list[EditorialNote] = doc("Editorial notes on this part's text, e.g. a typo kept as printed [sic].", [])
    items: list[Part] = doc("Sub-items, in order.", [])


@dataclass(slots=True)
class BasisLink(Read):
    document: str = required("The document relied on.", ref="documents")
    relation: Relation = doc("implements ('Thực hiện'), based-on ('Căn cứ') or cites.", Relation.IMPLEMENTS)
    note: str | None = doc("How the text refers to it, if worth keeping.")


@dataclass(slots=True)
class Succession(Read):
    """One of several authorities that took over part of the work of a body that was split."""

    authority: str = required("The authority that took this part.", ref="authorities")
    functions: str = required("The share of the work it took, e.g. 'giảm nghèo'.")


@dataclass(slots=True)
class Act(Read):
    """The document that made an authority's change: its number and date."""

    number: str = required("Số, ký hiệu, e.g. '202/2025/QH15'.")
    date: PartialDate = required("Its date.")
    type: DocType | None = doc("Its type: nghi-quyet, quyet-dinh, luat ...")
    issuer: str | None = doc("Who issued it, as text, e.g. 'Quốc hội'.")
    title: str | None = doc("What it is about, briefly.")
    url: str | None = doc("A link to its text.")


# --- Records


@dataclass(slots=True)
class Authority(Read):
    id: str = required("Stable id; the page URL derives from it.")
    name: str = required("Full name, e.g. 'Ủy ban nhân dân tỉnh Bình Thuận'.")
    level: Level = required("central, province, department, district, commune, village or board.")
    short_name: str | None = doc("Usual abbreviation, e.g. 'UBND tỉnh Bình Thuận'.")
    parent: str | None = doc("The authority above it.", ref="authorities")
    since: PartialDate | None = doc("When it was established, if known.")
    until: PartialDate | None = doc("The day it ceased (merged, renamed, abolished, split, reorganised).")
    successor: str | None = doc("The authority that took over the whole of its work (merged into, renamed to).",
                                ref="authorities")
    successors: list[Succession] = doc("For a body split up (change: split): each authority that took part of "
                                       "its work, and which part. Never also `successor`.", [])
    change: Change | None = doc("merged, renamed, abolished, split, or reorganised (the outcome not yet recorded).")
    change_source: Act | None = doc("The document that made the change (number and date); without it the "
                                    "page says the change is unsourced.")
    change_note: str | None = doc("What the change was, briefly (the date is `until`, the act `change_source`).")
    head: str | None = doc("The office-holder who acts for it, e.g. 'Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng'; "
                           "by default 'Chủ tịch' before a People's Committee, 'Giám đốc' before a Sở.")
    aliases: list[str] = doc("Former ids: each becomes a redirect.", [])


@dataclass(slots=True)
class Campaign(Read):
    id: str = required("Stable id.")
    name: str = required("The campaign's name, e.g. 'Vì người nghèo - Không để ai bị bỏ lại phía sau'.")
    period: Period = required("e.g. 2021-2025.")
    description: str | None = doc("What the campaign is, in a paragraph.")
    other_names: list[str] = doc("Other ways documents name it (a shorter or older wording), for search and import.", [])
    launched_by: str | None = doc("The document that launched it, of any level (a national decision, "
                                  "or a province's plan for a local campaign).", ref="documents")
    aliases: list[str] = doc("Former ids.", [])


@dataclass(slots=True)
class Document(Read):
    id: str = required("Stable id.")
    type: DocType = required("ke-hoach, quyet-dinh, huong-dan, cong-van, ...")
    title: str = required("The title (trích yếu) without the document type.")
    authority: str = required("Issuing authority.", ref="authorities")
    number: str | None = doc("Số, ký hiệu, e.g. '263/KH-UBND'; absent when unknown.")
    date: PartialDate | None = doc("Issue date: YYYY, YYYY-MM or YYYY-MM-DD.")
    date_source: Source = doc("Where the date comes from: printed (in the text), signature (the "
                              "digital-signature trailer) or inferred (e.g. from the plan's schedule); "
                              "the page says so unless printed.", Source.PRINTED)
    transcribed: bool = doc("false for a document known only from the texts that cite it.", True)
    campaign: str | None = doc("The campaign it organises.", ref="campaigns")
    period: Period | None = doc("The period it covers.")
    summary: str | None = doc("One or two sentences for listings and search.")
    signer: Signer | None = doc("Who signed it.")
    signer_source: Source = doc("Where the signer comes from: printed, signature (the digital-signature "
                                "trailer) or inferred.", Source.PRINTED)
    basis: list[BasisLink] = doc("Documents it implements or is based on.", [])
    preamble: str | None = doc("The opening paragraph (căn cứ, thực hiện ...).")
    body: list[Part] = doc("Every part of the document, in order.", [])
    closing: str | None = doc("The closing paragraph ('Trên đây là ...').")
    attachment_note: str | None = doc("A note such as '(Kèm theo Kế hoạch số ...)'.")
    distribution: list[str] = doc("Nơi nhận, one line each.", [])
    issuer_lines: list[str] = doc("The issuer block above the number exactly as printed, one line each (e.g. "
                                  "'UBND TỈNH CAO BẰNG', 'SỞ GIAO THÔNG VẬN TẢI'); the print view shows only "
                                  "the authority's name when absent.", [])
    source: str | None = doc("The file the text was transcribed from, for the transcriber; never shown.")
    source_label: str | None = doc("The source as the page names it, e.g. 'Bản điện tử văn bản đã ký'.")
    source_url: str | None = doc("A link to the signed original (a PDF).")
    review: list[str] = doc("Open questions for a reviewer (an importer writes its guesses here): a "
                            "warning while not empty; never shown on the site.", [])
    sample: bool = doc("Invented sample data, shown with a banner.", False)
    aliases: list[str] = doc("Former ids.", [])


@dataclass(slots=True)
class AwardForm(Read):
    id: str = required("Stable id.")
    name: str = required("e.g. 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh'.")
    granted_by_levels: list[Level] = required("Levels of authority that may grant it.")
    granted_by: str | None = doc("The only authority that grants it (e.g. the Prime Minister).", ref="authorities")
    granted_by_office: str | None = doc("The office-holder who grants it, as the law names it, e.g. 'Chủ tịch "
                                        "Ủy ban nhân dân tỉnh', 'Giám đốc Sở'.")
    subjects: list[SubjectKind] = doc("Who may receive it.", [])
    rank: int = doc("Precedence, highest first, for ordering honor rolls.", 0)
    legal_basis: str | None = doc("The articles of the law that create it and give the power to grant it.")
    aliases: list[str] = doc("Former ids.", [])


@dataclass(slots=True)
class Recipient(Read):
    kind: SubjectKind = required("collective, individual, household, enterprise, locality ...")
    name: str = required("The person's, household's or collective's name.")
    id: str | None = doc("Anchor on the honor roll; derived from the name when absent.")
    position: str | None = doc("Chức vụ: the person's position, e.g. 'Trưởng thôn'.")
    unit: str | None = doc("Unit, commune or address line at commune level — never a house address.")
    locality: str | None = doc("The commune or unit as an authority.", ref="authorities")
    achievement: str | None = doc("What they achieved.")
    public: bool = doc("false: the line is published nowhere.", True)
    poverty_programme: bool = doc("A household in a poverty programme: needs consent to publish.", False)
    consent: bool = doc("The recipient consented to publication.", False)


@dataclass(slots=True)
class AwardDecision(Read):
    id: str = required("Stable id.")
    date: PartialDate = required("Issue date.")
    authority: str = required("The authority that decided.", ref="authorities")
    form: str = required("The award form granted.", ref="award-forms")
    occasion: Occasion = required("yearly, midterm, final or adhoc.")
    recipients: list[Recipient] = required("Who is commended.")
    number: str | None = doc("Số, ký hiệu, e.g. '1234/QĐ-UBND'.")
    title: str | None = doc("The title, if it says more than the award.")
    campaign: str | None = doc("The campaign.", ref="campaigns")
    plan: str | None = doc("The plan whose rules it applies.", ref="documents")
    signer: Signer | None = doc("Who signed it.")
    review: list[str] = doc("Open questions for a reviewer (an importer writes its guesses here): a "
                            "warning while not empty; never shown on the site.", [])
    sample: bool = doc("Invented sample data, shown with a banner.", False)
    aliases: list[str] = doc("Former ids.", [])


@dataclass(slots=True)
class Photo(Read):
    file: str = required("Path inside the data folder, e.g. 'media/xa-minh-tien-1.jpg'.")
    alt: str = required("What the photo shows, for readers who cannot see it.")
    credit: str | None = doc("Who took it.")


@dataclass(slots=True)
class StorySubject(Read):
    name: str | None = doc("Who or what the story is about.")
    decision: str | None = doc("The award decision that commends them.", ref="decisions")
    recipient: str | None = doc("Their line's id in that decision.")
    authority: str | None = doc("When the subject is an authority.", ref="authorities")


@dataclass(slots=True)
class Story(Read):
    id: str = required("Stable id.")
    title: str = required("Headline.")
    date: PartialDate = required("Publication date.")
    body: str = required("The story in Markdown (no raw HTML).")
    subject: StorySubject | None = doc("Who the story is about.")
    unit: str | None = doc("Commune or unit, as text.")
    locality: str | None = doc("The commune or unit as an authority.", ref="authorities")
    campaign: str | None = doc("The campaign.", ref="campaigns")
    plan: str | None = doc("The plan it illustrates.", ref="documents")
    author: str | None = doc("The communications office that wrote it.", ref="authorities")
    photos: list[Photo] = doc("Photos with alt text.", [])
    tags: list[str] = doc("Free tags.", [])
    sample: bool = doc("Invented sample data, shown with a banner.", False)
    aliases: list[str] = doc("Former ids.", [])


def recipient_anchors(decision: AwardDecision) -> list[str]:
    """The anchor of each recipient line of `decision`, in the order of `decision.recipients`.

    A line's anchor is its `id`, else the slug of its name; a repeated anchor gets "-2",
    "-3", ... in order (given ids are served before derived ones). Public lines are served
    first, among themselves, so that removing the lines not to be published
    (`publish.publishable`) changes no public line's anchor and reveals nothing about the
    removed ones: story links and honor-roll URLs stay put.
    """
    from .text import slugify

    anchors: list[str | None] = [None] * len(decision.recipients)
    used: set[str] = set()
    for public, given in ((True, True), (True, False), (False, True), (False, False)):
        for i, recipient in enumerate(decision.recipients):
            if bool(recipient.public) != public or bool(recipient.id) != given:
                continue
            base = recipient.id or slugify(recipient.name) or "nguoi-nhan"
            anchor, n = base, 1
            while anchor in used:
                n += 1
                anchor = f"{base}-{n}"
            used.add(anchor)
            anchors[i] = anchor
    return anchors  # type: ignore[return-value]
