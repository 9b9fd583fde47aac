"""Redirect pages for former ids: a static HTML file at the old URL pointing to the new one."""
from __future__ import annotations

from markupsafe import escape

from .pages.urls import relative


def redirect_html(old_url: str, new_url: str) -> str:
    target = escape(relative(new_url, old_url))
    return (
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        f"<title>Đã chuyển địa chỉ</title><link rel=\"canonical\" href=\"{target}\">"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target}\"><meta name=\"robots\" content=\"noindex\">"
        f"</head><body><p>Trang đã chuyển tới <a href=\"{target}\">{target}</a>.</p></body></html>\n"
    )
