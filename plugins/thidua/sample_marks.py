"""How invented sample data (`sample: true`) is marked wherever a page's words leave the page:
its title (browser tab, search results, Open Graph), its description and its JSON-LD. A sample
must never pass for a real document, so its structured data is never a `Legislation` or news type."""
from __future__ import annotations

TAG = "Dữ liệu mẫu"
TITLE_PREFIX = f"[{TAG}] "
DESCRIPTION_PREFIX = f"{TAG} (minh họa, không phải thông tin chính thức). "
NUMBER_MARK = "MẪU"  # in every sample decision's number, so none can collide with a real one (checks/samples.py)


def title(text: str) -> str:
    return text if text.startswith(TITLE_PREFIX) else TITLE_PREFIX + text


def description(text: str) -> str:
    return text if text.startswith(DESCRIPTION_PREFIX) else DESCRIPTION_PREFIX + text


def jsonld(data: dict, marked_title: str, marked_description: str) -> dict:
    """A plain CreativeWork that says it is sample data; legal and news properties are dropped."""
    out = {"@type": "CreativeWork", "name": marked_title, "genre": TAG, "inLanguage": data.get("inLanguage", "vi")}
    if marked_description:
        out["description"] = marked_description
    return out
