"""The kk-report JSON document: `Report.to_json_dict()`, indented, UTF-8, one final newline.
The same report gives the same bytes (keys keep the order of the tables and their rows)."""

from __future__ import annotations

import json

from reporting.tables import Report


def render(report: Report) -> bytes:
    document = report.to_json_dict()
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
