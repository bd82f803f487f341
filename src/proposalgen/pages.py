"""Measuring the compiled PDF against the venue's page limit, from the marks written at shipout."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics
from .model import Edition

MARKS_SUFFIX = ".marks"
_PAGES_WRITTEN = re.compile(r"^Output written on .*\((\d+) pages?", re.MULTILINE)


@dataclass(frozen=True)
class Mark:
    """Where a named mark landed: its 1-based page and how far down that page (0 top, 1 bottom)."""

    page: int
    depth: float

    @property
    def position(self) -> float:
        """Pages from the start of the document to this mark, as a fraction."""
        return self.page - 1 + self.depth


@dataclass(frozen=True)
class PageReport:
    total_pages: int
    main_pages: float
    limit: int
    sections: dict[str, int]

    def as_json(self) -> dict:
        return {"total": self.total_pages, "main_part": round(self.main_pages, 2), "limit": self.limit, "section_pages": self.sections}


def read_marks(pdf: Path) -> tuple[int, dict[str, Mark]]:
    """The page count of ``pdf``, from the engine's log, and the page marks it wrote beside it."""
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    written = _PAGES_WRITTEN.search(log)
    raw = {}
    for line in _lines(pdf.with_suffix(MARKS_SUFFIX)):
        name, page, y, height = line.rsplit(" ", 3)
        raw[name] = (int(page), float(y), float(height))
    return int(written[1]) if written else 0, _normalized(raw)


def _lines(path: Path) -> list[str]:
    """The lines of the marks file; none when the templates place no marks."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def _normalized(raw: dict[str, tuple[int, float, float]]) -> dict[str, Mark]:
    """Marks with their depth in the text block; the ``start`` mark gives the top of text and,
    the margins being equal, the bottom too."""
    if "start" not in raw:
        return {name: Mark(page, 0.0) for name, (page, _, _) in raw.items()}
    _, top, height = raw["start"]
    text_height = max(top - (height - top), 1.0)
    return {name: Mark(page, min(max((top - y) / text_height, 0.0), 1.0)) for name, (page, y, _) in raw.items()}


def check_page_limit(edition: Edition, pdf: Path, diagnostics: Diagnostics) -> PageReport:
    total, marks = read_marks(pdf)
    main_end = _main_end(edition, marks)
    sections = {s.title: marks[s.mark].page for s in edition.sections if s.mark in marks}
    report = PageReport(total, main_end.position if main_end else float(total), edition.venue.page_limit, sections)
    if main_end is not None and edition.venue.page_limit and main_end.page > edition.venue.page_limit:
        _report_overflow(edition, marks, main_end, diagnostics)
    return report


def _main_end(edition: Edition, marks: dict[str, Mark]) -> Mark | None:
    """Where the main part ends: the first mark of a part the venue excludes, or the document's end."""
    ends = [marks[f"part-{name}"] for name in edition.venue.excludes if f"part-{name}" in marks]
    ends.append(marks.get("end"))
    return min((m for m in ends if m is not None), key=lambda m: m.position, default=None)


def _report_overflow(edition: Edition, marks: dict[str, Mark], main_end: Mark, diagnostics: Diagnostics) -> None:
    limit = edition.venue.page_limit
    running = [s for s in edition.sections if s.mark in marks and marks[s.mark].page <= limit]
    culprit = running[-1] if running else edition.sections[0]
    message = (f"the main part runs to {main_end.position:.1f} pages (ends on page {main_end.page}); "
               f"{edition.venue.name} {edition.venue.year} allows {limit}; section {culprit.number} "
               f"'{culprit.title}' runs over the limit")
    excluded = ", ".join(edition.venue.excludes) or "nothing"
    diagnostics.error("pages", message, culprit.location, hint=f"the limit excludes: {excluded}")


def check_one_page(edition: Edition, pdf: Path, diagnostics: Diagnostics) -> PageReport:
    """The call-for-papers flyer must fit on one page."""
    total, _ = read_marks(pdf)
    if total > 1:
        where = edition.call.location
        diagnostics.error("pages", f"the call-for-papers flyer runs to {total} pages; it must fit on one", where,
                          hint="shorten the call's aim or the challenge text in call.yaml's prose")
    return PageReport(total, float(total), 1, {})
