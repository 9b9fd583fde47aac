"""thidua: publishes emulation-campaign plans, honor rolls and stories as a static portal.

The core (model, loader, rules, graph, pages) knows nothing of MkDocs; `mkdocs_plugin`
adapts MkDocs events to it.
"""
