"""The tables as CSV (Python's `csv`, UTF-8 with a byte-order mark so Excel reads Vietnamese) and
the Frictionless Data Package (`datapackage.json`) that describes them, types from the model."""
from __future__ import annotations

import csv
import io

from . import paths
from .records import Table, csv_value, dumps

BOM = "\ufeff"


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO(newline="")
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    names = [c.name for c in table.columns]
    writer.writerow(names)
    for row in table.rows:
        writer.writerow([csv_value(row.get(n)) for n in names])
    return out.getvalue().encode("utf-8")


def datapackage(tables: list[Table], site_name: str, site_url: str) -> bytes:
    """A Data Package (v1) with one tabular resource per CSV file; paths relative to `du-lieu/`."""
    names = {t.name for t in tables}
    resources = []
    for t in tables:
        fields = []
        for c in t.columns:
            field: dict[str, object] = {"name": c.name, "type": c.type, "description": c.doc}
            constraints: dict[str, object] = {}
            if c.required:
                constraints["required"] = True
            if c.values:
                constraints["enum"] = list(c.values)
            if c.pattern:
                constraints["pattern"] = c.pattern.strip("^$")  # Table Schema patterns match the whole value
            if constraints:
                field["constraints"] = constraints
            fields.append(field)
        schema: dict = {"fields": fields, "primaryKey": list(t.key), "missingValues": [""]}
        foreign = [{"fields": c.name, "reference": {"resource": "" if c.ref == t.name else c.ref, "fields": "id"}}
                   for c in t.columns if c.ref in names and c.ref and c.name != "id"]
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append({
            "name": t.name, "title": t.title, "path": paths.csv_file(t.name).removeprefix(paths.SECTION),
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8-sig", "dialect": {"delimiter": ",", "header": True},
            "schema": schema,
        })
    package = {"profile": "tabular-data-package", "name": "thidua", "title": site_name,
               "description": "Kế hoạch thi đua, quyết định khen thưởng và gương điển hình tiên tiến.",
               "resources": resources}
    if site_url:
        package["homepage"] = paths.absolute(site_url, paths.SECTION)
    return dumps(package)
