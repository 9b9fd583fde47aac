"""Honor rolls and the honor-roll finder.

vinh-danh/                          the finder (nav entry): filters and a name box, plus links to the rolls
vinh-danh/{nam,co-quan}/<key>/[trang-N/]
                                    honor rolls per year and per deciding authority: every line, in pages
                                    of at most PAGE_LINES lines
vinh-danh/{hinh-thuc,phong-trao}/<key>/[trang-N/]
                                    per award form and per campaign: the decisions, with their counts, in
                                    pages of at most PAGE_DECISIONS; each links to its lines (`LISTED`)
vinh-danh/du-lieu/                  the finder's data (static JSON, fetched by finder.js), made as the site
                                    is written (`Site.later`), not while its pages are planned:

  index.json        {"v": 1, "n": lines, "d": decisions,
                     "f": {"form": [[id, name, count]], "year": [[year, "2024", count]],
                           "kind": [[code, label, count]], "occ": [[code, label, count]],
                           "prov": [[id, label, count, authorities file]]},
                     "t": [[lo, hi, count, directory file]]}
  m/<hash>.json     a directory: {"s": [[lo, hi, count, shard file]]}, at most DIR_SHARDS shards
  w/<hash>.json     the word index: {"w": [[folded word, [shard numbers]]]} (index.json "w" lists the files
                    with their first and last word; "ds" is DIR_SHARDS)
  p/<hash>.json     a shard: {"d": [[decision id, number, date, form, authority id, authority label, occasion,
                                     sample]],
                              "r": [[name, kind, unit, achievement, decision, anchor, province]]}
  a/<hash>.json     the deciding authorities of one province's lines: {"a": [[id, label, count]]}

Lines are sorted by given name (the folded last word of the name: `text.finder_words`), then full name, and cut into shards of
SHARD_LINES; lo and hi are the first and last given name of a shard or directory. A name query fetches
the index, then only the directories and shards whose range can hold its last word as a given-name
prefix: usually one of each, however many recipients there are (a very common given name spans a few
shards, read a page of results at a time). Filters without a name read the shards in order, lazily,
until a page of results is found (the search worker reads them so). The finder (finder.js) matches every
word of a name instead: it reads the word index for each typed word and fetches only the shards that
hold them all, then shows the lines newest first. Facet numbers (form, kind, occasion, province,
decision) index the lists above. Everything is sorted and hashed by content, so builds are
byte-for-byte reproducible and a stale cached shard is never mixed with a fresh index.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby

from .. import model
from ..graph import Line
from ..text import finder_words, place_name, sort_key, vi_number
from .site import Site, TocEntry
from .decisions import decision_heading
from . import lines as line_html
from .render import Renderer, authority_label
from .urls import FINDER_DATA, honor_url, record_url, story_list_url

PAGE_LINES = 500  # lines per honor-roll page
PAGE_DECISIONS = 200  # decisions per page of a roll that lists them
# Rolls that list decisions rather than lines. A line is written on its decision's page, its year's
# roll (the page above the decision's in its breadcrumbs) and its issuer's (where a commune or a
# department looks for its own): written on the form's and the campaign's as well, every line was
# on five pages, a gigabyte of rows at national scale; there the finder, filtered by form, names them.
LISTED = frozenset({"award-forms", "campaigns"})
SHARD_LINES = 250  # lines per finder shard: ~60 kB of JSON, ~15 kB gzipped, at 240 bytes a line
DIR_SHARDS = 200  # shards per finder directory
ACHIEVEMENT_MAX = 200  # characters of an achievement kept in a shard; the decision page has it whole
WORD_FILE = 2000  # words per file of the finder's word index


# --- Honor-roll pages


@dataclass
class Chunk:
    decision: model.AwardDecision
    lines: list[Line]
    continued: bool  # the decision's first lines are on an earlier page


@dataclass
class Group:
    id: str
    title: str
    chunks: list[Chunk] = field(default_factory=list)


def groups_by(renderer: Renderer, decisions: list[model.AwardDecision], by: str):
    """[(id, title, decisions)]: by award form (highest rank first) or by year (newest first).
    `decisions` are newest first already (the graph sorts them), and stay so in each group."""
    forms = renderer.repo.award_forms
    if by == "form":
        key = lambda d: (-forms[d.form].rank, sort_key(forms[d.form].name), d.form)
        return [(k[2], forms[k[2]].name, list(ds)) for k, ds in groupby(sorted(decisions, key=key), key=key)]
    key = lambda d: d.date.year
    return [(f"nam-{y}", f"Năm {y}", list(ds)) for y, ds in groupby(decisions, key=key)]


def paginate(renderer: Renderer, groups, listed: bool = False) -> list[list[Group]]:
    """Cut the groups' lines into pages of at most PAGE_LINES; a long decision continues on the next page.
    `listed`: a decision is one unit, PAGE_DECISIONS a page, its chunk without lines. The groups hold
    decisions with a public line only (`LinkGraph.with_public_lines`)."""
    capacity = PAGE_DECISIONS if listed else PAGE_LINES
    pages: list[list[Group]] = [[]]
    count = 0
    for gid, title, decisions in groups:
        for decision in decisions:
            units = [decision] if listed else renderer.graph.lines_of_decision[decision.id]
            start = 0
            while start < len(units):
                if count == capacity:
                    pages.append([])
                    count = 0
                take = units[start:start + capacity - count]
                page = pages[-1]
                if not page or page[-1].id != gid:
                    page.append(Group(gid, title))
                page[-1].chunks.append(Chunk(decision, [] if listed else take, continued=start > 0))
                start += len(take)
                count += len(take)
    return pages


def build_roll(renderer: Renderer, site: Site, facet: str, key, *, title: str, short: str, lead: str,
               decisions: list[model.AwardDecision], by: str, record_link: tuple[str, str] | None,
               finder_query: str) -> None:
    g = renderer.graph
    decisions = g.with_public_lines(decisions)  # counted as shown
    total = sum(len(g.lines_of_decision[d.id]) for d in decisions)
    listed = facet in LISTED
    pages = paginate(renderer, groups_by(renderer, decisions, by), listed)
    urls = [honor_url(facet, key, i + 1) for i in range(len(pages))]
    for number, groups in enumerate(pages, start=1):
        url = urls[number - 1]
        crumbs: list[tuple[str | None, str]] = [("", "Trang chủ"), (honor_url(), "Vinh danh")]
        crumbs += [(urls[0], short), (None, f"Trang {number}")] if number > 1 else [(None, short)]
        page_title = title if number == 1 else f"{title} (trang {number})"
        page = renderer.page(
            "honor_roll.html", url, page_title, kind="honor-roll",
            description=f"{title}: {vi_number(total)} lượt khen thưởng theo {vi_number(len(decisions))} quyết định.",
            toc=[TocEntry(2, grp.id, grp.title) for grp in groups],
            crumbs=crumbs, roll_title=title, lead=lead, groups=groups, total=total, decision_count=len(decisions),
            pages=urls, current=number, record_link=record_link, finder=honor_url() + finder_query, listed=listed,
            show_form=facet != "award-forms",  # a roll by form: every decision's is the roll's
            has_sample=any(c.decision.sample for grp in groups for c in grp.chunks), honor_url=honor_url,
            decision_heading=decision_heading,
        )
        page.search = False  # the decision pages are indexed; rolls would only repeat them
        site.pages.append(page)


def build_rolls(renderer: Renderer, site: Site) -> None:
    repo, g = renderer.repo, renderer.graph
    for year in sorted(g.decisions_of_year):
        build_roll(renderer, site, "years", year, title=f"Bảng vinh danh năm {year}", short=f"Năm {year}",
                   lead=f"Các tập thể, cá nhân được khen thưởng theo quyết định ban hành năm {year}, theo hình thức khen thưởng.",
                   decisions=g.decisions_of_year[year], by="form", record_link=None, finder_query=f"?nam={year}")
    for form_id in sorted(g.decisions_of_form):
        form = repo.award_forms[form_id]
        build_roll(renderer, site, "award-forms", form_id, title=f"Bảng vinh danh: {form.name}", short=form.name,
                   lead=f"Các quyết định tặng {form.name}, theo năm; mỗi quyết định dẫn tới danh sách tập thể, cá nhân được khen thưởng.",
                   decisions=g.decisions_of_form[form_id], by="year",
                   record_link=(record_url("award-forms", form_id), "Thẩm quyền, đối tượng của hình thức này"),
                   finder_query=f"?hinh-thuc={form_id}")
    for campaign_id in sorted(g.decisions_of_campaign):
        campaign = repo.campaigns.get(campaign_id)
        if campaign is None:
            continue
        build_roll(renderer, site, "campaigns", campaign_id, title=f"Bảng vinh danh phong trào “{campaign.name}”",
                   short=campaign.name,
                   lead=f"Các quyết định khen thưởng trong phong trào thi đua “{campaign.name}” {campaign.period.vi()}, theo năm; "
                        "mỗi quyết định dẫn tới danh sách tập thể, cá nhân được khen thưởng.",
                   decisions=g.decisions_of_campaign[campaign_id], by="year",
                   record_link=(record_url("campaigns", campaign_id), "Kế hoạch, văn bản của phong trào"),
                   finder_query="")
    for authority_id in sorted(g.decisions_of_authority):
        authority = repo.authorities[authority_id]
        build_roll(renderer, site, "authorities", authority_id, title=f"Bảng vinh danh: {authority.name}",
                   short=authority_label(authority),
                   lead=f"Các tập thể, cá nhân được khen thưởng theo quyết định của {authority.name}, theo năm.",
                   decisions=g.decisions_of_authority[authority_id], by="year",
                   record_link=(record_url("authorities", authority_id), "Thông tin cơ quan, kế hoạch đã ban hành"),
                   finder_query="")


# --- The finder's data


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _emit(files: dict[str, bytes], folder: str, data) -> str:
    """Put `data` under du-lieu/<folder>/ named by its content hash; return the path relative to du-lieu/."""
    content = _json(data)
    name = f"{folder}/{hashlib.sha256(content).hexdigest()[:16]}.json"
    files[FINDER_DATA + name] = content
    return name


def province_label(renderer: Renderer, province: model.Authority) -> str:
    """'Tỉnh Bình Thuận (nay là tỉnh Lâm Đồng)' from 'Ủy ban nhân dân tỉnh Bình Thuận'."""
    text = place_name(province.name, leading=True)
    now = renderer.graph.current_successor(province.id)
    return f"{text} (nay là {place_name(now.name)})" if now else text


def _shorten(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= ACHIEVEMENT_MAX else text[:ACHIEVEMENT_MAX - 1].rstrip() + "…"


def build_finder_data(renderer: Renderer, check: Callable[[], None]) -> dict[str, bytes]:
    """The finder's files (FINDER_DATA): its index, the shards of lines in given-name order, the
    directories of shards, the word index and each province's issuing authorities. `check` is
    called for every decision and every shard's worth of lines: what it raises stops the work there
    (`Site.later`)."""
    repo, g = renderer.repo, renderer.graph
    files: dict[str, bytes] = {}
    province_cache: dict[str, model.Authority | None] = {}

    def province(authority_id: str | None):
        if not authority_id:
            return None
        if authority_id not in province_cache:
            province_cache[authority_id] = g.province_of(authority_id)
        return province_cache[authority_id]

    entries = []  # (sort key, line, province id)
    for lines in g.lines_of_decision.values():
        check()
        for line in lines:
            words, given = finder_words(line.recipient.name)
            date = line.decision.date.sort_key()
            prov = province(line.recipient.locality) or province(line.decision.authority)
            entries.append(((given, words, line.recipient.name, -date[0], -date[1], -date[2], line.decision.id,
                             line.number), line, prov.id if prov else ""))
    entries.sort(key=lambda e: e[0])

    # Facets: every value with a line, and how many lines it has.
    forms: dict[str, int] = {}
    years: dict[int, int] = {}
    kinds: dict[str, int] = {}
    occasions: dict[str, int] = {}
    provinces: dict[str, int] = {}
    authorities: dict[str, dict[str, int]] = {}
    for number, (_, line, prov) in enumerate(entries):
        if not number % SHARD_LINES:
            check()
        d = line.decision
        forms[d.form] = forms.get(d.form, 0) + 1
        years[d.date.year] = years.get(d.date.year, 0) + 1
        kinds[line.recipient.kind] = kinds.get(line.recipient.kind, 0) + 1
        occasions[d.occasion] = occasions.get(d.occasion, 0) + 1
        provinces[prov] = provinces.get(prov, 0) + 1
        per = authorities.setdefault(prov, {})
        per[d.authority] = per.get(d.authority, 0) + 1

    form_ids = sorted(forms, key=lambda f: (-repo.award_forms[f].rank, sort_key(repo.award_forms[f].name), f))
    kind_ids = [k for k in model.SubjectKind if k in kinds]
    occ_ids = [o for o in model.Occasion if o in occasions]
    prov_label = {p: province_label(renderer, repo.authorities[p]) if p else "Trung ương, không thuộc tỉnh"
                  for p in provinces}
    prov_ids = sorted(provinces, key=lambda p: (p == "", sort_key(prov_label[p]), p))
    form_ix = {f: i for i, f in enumerate(form_ids)}
    kind_ix = {k: i for i, k in enumerate(kind_ids)}
    occ_ix = {o: i for i, o in enumerate(occ_ids)}
    prov_ix = {p: i for i, p in enumerate(prov_ids)}

    prov_facet = []
    for p in prov_ids:
        rows: list[list] = sorted(([a, authority_label(repo.authorities[a]), n] for a, n in authorities[p].items()),
                      key=lambda r: (sort_key(r[1]), r[0]))
        prov_facet.append([p, prov_label[p], provinces[p], _emit(files, "a", {"a": rows})])

    # Shards of SHARD_LINES lines in given-name order, each with the decisions its lines cite.
    shards: list[list] = []
    for start in range(0, len(entries), SHARD_LINES):
        check()
        part = entries[start:start + SHARD_LINES]
        decisions: dict[str, int] = {}
        table: list[list] = []
        rows = []
        for _, line, prov in part:
            d, r = line.decision, line.recipient
            if d.id not in decisions:
                decisions[d.id] = len(table)
                table.append([d.id, d.number or "", d.date.iso(), form_ix[d.form], d.authority,
                              authority_label(repo.authorities[d.authority]), occ_ix[d.occasion], 1 if d.sample else 0])
            unit = r.unit or (authority_label(repo.authorities[r.locality]) if r.locality in repo.authorities else "")
            rows.append([r.name, kind_ix[r.kind], unit, _shorten(r.achievement), decisions[d.id], line.anchor,
                         prov_ix[prov]])
        shards.append([part[0][0][0], part[-1][0][0], len(part), _emit(files, "p", {"d": table, "r": rows})])
    directories = []
    for start in range(0, len(shards), DIR_SHARDS):
        run = shards[start:start + DIR_SHARDS]
        directories.append([run[0][0], run[-1][1], sum(s[2] for s in run), _emit(files, "m", {"s": run})])

    # Every folded word of every name -> the shards (numbered in order) that hold it, so a query can
    # match any word of a name ("thanh long", "hop tac xa", "ho ong"), not only the given name.
    postings: dict[str, set[int]] = {}
    for number, start in enumerate(range(0, len(entries), SHARD_LINES)):
        check()
        for key, _, _ in entries[start:start + SHARD_LINES]:
            for word in key[1].split():
                postings.setdefault(word, set()).add(number)
    vocabulary = sorted(postings)
    word_files = [[run[0], run[-1], _emit(files, "w", {"w": [[w, sorted(postings[w])] for w in run]})]
                  for run in (vocabulary[i:i + WORD_FILE] for i in range(0, len(vocabulary), WORD_FILE))]

    index = {
        "v": 1,
        "ds": DIR_SHARDS,  # shards per directory: shard k is entry k % ds of directory k // ds
        "w": word_files,  # [[first word, last word, file]]; a file is {"w": [[word, [shard numbers]]]}
        "n": len(entries),
        "d": len(repo.decisions),
        "f": {
            "form": [[f, repo.award_forms[f].name, forms[f]] for f in form_ids],
            "year": [[y, str(y), years[y]] for y in sorted(years, reverse=True)],
            "kind": [[str(k), model.label(k), kinds[k]] for k in kind_ids],
            "occ": [[str(o), model.label(o), occasions[o]] for o in occ_ids],
            "prov": prov_facet,
        },
        "t": directories,
    }
    files[FINDER_DATA + "index.json"] = _json(index)
    return files


# --- The finder page


def build_finder(renderer: Renderer, site: Site) -> None:
    repo, g = renderer.repo, renderer.graph
    line_count = lambda decisions: sum(len(g.lines_of_decision.get(d.id, [])) for d in decisions)
    years = [(y, line_count(g.decisions_of_year[y])) for y in sorted(g.decisions_of_year, reverse=True)]
    forms = [(repo.award_forms[f], line_count(g.decisions_of_form[f]))
             for f in sorted(g.decisions_of_form, key=lambda f: (-repo.award_forms[f].rank, sort_key(repo.award_forms[f].name)))]
    campaigns = [(repo.campaigns[c], line_count(g.decisions_of_campaign[c]))
                 for c in sorted(g.decisions_of_campaign, key=lambda c: sort_key(repo.campaigns[c].name)) if c in repo.campaigns]
    toc = [TocEntry(2, "tra-cuu", "Tra cứu theo tên")]
    if years:
        toc += [TocEntry(2, "theo-nam", "Theo năm"), TocEntry(2, "theo-hinh-thuc", "Theo hình thức khen thưởng")]
    if campaigns:
        toc.append(TocEntry(2, "theo-phong-trao", "Theo phong trào"))
    toc.append(TocEntry(2, "theo-co-quan", "Theo cơ quan"))
    site.pages.append(renderer.page(
        "finder.html", honor_url(), "Vinh danh", kind="finder",
        description="Tra cứu tập thể, cá nhân, hộ gia đình được khen thưởng theo tên, hình thức, năm, cơ quan, tỉnh, đối tượng và dịp khen thưởng.",
        toc=toc, crumbs=[("", "Trang chủ"), (None, "Vinh danh")],
        years=years, forms=forms, campaigns=campaigns, lines=sum(len(lines) for lines in g.lines_of_decision.values()),
        decision_count=len(repo.decisions),
        has_sample=any(d.sample for d in repo.decisions.values()), data_url=FINDER_DATA,
        honor_url=honor_url, story_list_url=story_list_url,
    ))


def build(renderer: Renderer, site: Site) -> None:
    line_html.install(renderer)
    build_rolls(renderer, site)
    site.later[FINDER_DATA] = partial(build_finder_data, renderer)  # made as the site is written
    build_finder(renderer, site)
