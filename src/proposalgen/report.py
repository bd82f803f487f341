"""The check report written beside the outputs of every build."""
from __future__ import annotations

import json

from .diagnostics import Diagnostics
from .output import Outputs


def write_report(outputs: Outputs, edition_name: str, diagnostics: Diagnostics, strict: bool, pages=None) -> None:
    report = {
        "edition": edition_name,
        "ok": not diagnostics.failing(strict),
        "strict": strict,
        "diagnostics": [d.as_json() for d in diagnostics.sorted()],
        "pages": pages.as_json() if pages else None,
        "outputs": [p.name for p in outputs.written],
    }
    outputs.write_text("report.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n")
