"""The check report written beside the outputs of every build."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from ..diagnostics import Diagnostics
from ..model.edition import Edition
from ..model.values import reviewer_capacity, schedule_minutes
from ..vocabulary import REPORT
from .output import Outputs


def write_report(outputs: Outputs, edition_name: str, diagnostics: Diagnostics, strict: bool, edition: Edition | None, pages: dict) -> None:
    report = {
        "edition": edition_name,
        "ok": not diagnostics.failing(strict),
        "strict": strict,
        "diagnostics": [d.as_json() for d in diagnostics.sorted()],
        "facts": facts(edition) if edition and edition.complete else None,
        "pages": pages,
        # Sorted, not in the order of writing: the TeX runs finish in either order, and the same
        # build must give the same report.
        "outputs": sorted(str(p.relative_to(outputs.folder)) for p in outputs.written),
    }
    outputs.write_text(REPORT, json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def recorded_pages(folder: Path) -> dict[str, dict]:
    """The page reports of the last build into ``folder``, by document; none when its
    report.json is missing or damaged (the next build writes it anew)."""
    try:
        pages = json.loads((folder / REPORT).read_text(encoding="utf-8")).get("pages")
    except (OSError, ValueError, AttributeError):  # AttributeError: JSON, but not an object
        return {}
    return {name: figures for name, figures in pages.items() if isinstance(figures, dict)} if isinstance(pages, dict) else {}


def facts(edition: Edition) -> dict:
    """The figures computed from the data, for organizers to read and tools to check."""
    return {
        "counts": dataclasses.asdict(edition.values["counts"]),
        "schedule_minutes": schedule_minutes(edition.schedule),
        "reviews": _reviews(edition) if edition.submissions and edition.submissions.known else None,
    }


def _reviews(edition: Edition) -> dict:
    capacity = reviewer_capacity(edition.committee, edition.submissions)
    return {"available": capacity.available, "needed": capacity.needed, "reviewers": capacity.reviewers, "max_load": capacity.max_load}
