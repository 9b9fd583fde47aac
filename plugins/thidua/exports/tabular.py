"""The tables as CSV (Python's `csv`, UTF-8 with a byte-order mark so Excel reads Vietnamese) and
the Frictionless Data Package (`datapackage.json`) that describes them, types from the model."""
from __future__ import annotations

import csv
import io
from typing import BinaryIO

from . import paths
from .records import Table, csv_value, dumps

BOM = "\ufeff"


class CsvWriter:
    """One table's CSV, written row by row into the binary file `out`."""

    def __init__(self, out: BinaryIO, table: Table):
        self.text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
        self.text.write(BOM)
        self.writer = csv.writer(self.text, lineterminator="\r\n")  # RFC 4180 line ends
        self.names = [c.name for c in table.columns]
        self.writer.writerow(self.names)
        self.count = 0

    def add(self, row: dict) -> None:
        self.writer.writerow([csv_value(row.get(n)) for n in self.names])
        self.count += 1

    def close(self) -> None:
        self.text.flush()
        self.text.detach()  # the caller closes the file


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
