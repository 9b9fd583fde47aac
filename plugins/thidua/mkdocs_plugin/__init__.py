"""The MkDocs adapter, shaped like Material's own plugins (`material/plugins/blog/`).

config.py        the plugin's options (`plugins: - thidua: ...` in mkdocs.yml)
plugin.py        the event hooks: map MkDocs events onto the core, and nothing else
chrome.py        Material's page chrome, rendered once per folder and filled per record page
search_index.py  the search build step: Pagefind's index written, Material's own emptied
pagefind_index.py  the core's documents as Pagefind sees them (folded, closed words), indexed
sitemap.py       MkDocs' own sitemap template, rendered with every page (in parts past 50,000)
assets/          the scripts and styles that only make sense on Material (search worker, CSS)

Everything that knows MkDocs or Material lives here (and in theme/), so the core moves unchanged
to ProperDocs or another front end: MkDocs 1.6 is the last MkDocs release.
"""
