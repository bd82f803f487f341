"""Measuring the compiled PDF against the venue's page limit, from the marks written at shipout."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics, Location
from ..model.edition import Edition, Section, Venue

MARKS_SUFFIX = ".marks"
LINES_SUFFIX = ".lines"
TEXT_BLOCK = "text-block "  # the marks file's first line: the text block's top and height, the page's width
_PAGES_WRITTEN = re.compile(r"^Output written on .*\((\d+) pages?", re.MULTILINE)


@dataclass(frozen=True)
class Mark:
    """Where a named mark landed: its 1-based page and how far down that page (0 top, 1 bottom)."""

    page: int
    depth: float  # in two columns, the second column's top is 0.5

    @property
    def position(self) -> float:
        """Pages from the start of the document to this mark, as a fraction."""
        return self.page - 1 + self.depth


@dataclass(frozen=True)
class Stretch:
    """A stretch of the document between two top-level marks: before the first section, a
    section, the references. ``counted`` leaves out the parts the venue excludes."""

    title: str
    section: Section | None
    page: int
    pages: float
    counted: float

    @property
    def label(self) -> str:
        return f"{self.section.number} '{self.title}'" if self.section else self.title

    def as_json(self) -> dict:
        number = self.section.number if self.section else None
        return {"number": number, "title": self.title, "page": self.page, "pages": self.pages, "counted": self.counted}


@dataclass(frozen=True)
class PageReport:
    total_pages: int
    main_pages: float
    limit: int | None  # None while TBD; 0: no limit
    assumed: tuple[str, ...]
    stretches: tuple[Stretch, ...]
    excluded: dict[str, float]
    rules: str = ""  # the venue's page the limit was read from, for whoever checks it

    def as_json(self) -> dict:
        return {"total": self.total_pages, "main_part": self.main_pages, "limit": self.limit, "assumed": list(self.assumed),
                "rules": self.rules, "sections": [p.as_json() for p in self.stretches], "excluded": self.excluded}


def read_marks(pdf: Path) -> tuple[int, dict[str, Mark]]:
    """The page count of ``pdf``, from the engine's log, and the page marks it wrote beside it,
    in the order TeX shipped them; a name marked twice (a template's own mark) stands where it
    was first shipped."""
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    written = _PAGES_WRITTEN.search(log)
    block: TextBlock | None = None
    raw: dict[str, tuple[int, float, float, int]] = {}
    for line in _lines(pdf.with_suffix(MARKS_SUFFIX)):
        if line.startswith(TEXT_BLOCK):
            block = TextBlock(*(float(n) for n in line.split(" ")[1:]))
            continue
        name, page, x, y, columns = line.rsplit(" ", 4)
        raw.setdefault(name, (int(page), float(x), float(y), int(columns)))
    marks = {name: _mark(block, *where) for name, where in raw.items()}
    if "start" in marks:  # the document starts at the top of its page, above a class's title block
        marks["start"] = Mark(marks["start"].page, 0.0)
    return int(written[1]) if written else 0, marks


@dataclass(frozen=True)
class TextBlock:
    """Where the text stands on a page, in sp from the page's bottom: its top, its height, and
    the page's width (whose middle parts the columns of a two-column page)."""

    top: float
    height: float
    page_width: float


def _mark(block: TextBlock | None, page: int, x: float, y: float, columns: int) -> Mark:
    """A mark's page and depth: how far down its column it stands, a column of a two-column
    page counting half a page, the second one following the first."""
    if block is None:
        return Mark(page, 0.0)
    depth = min(max((block.top - y) / max(block.height, 1.0), 0.0), 1.0)
    column = 1 if columns == 2 and x > block.page_width / 2 else 0
    return Mark(page, (column + depth) / columns)


def paragraph_pages(tex: Path) -> dict[int, int]:
    """The page each paragraph of ``tex`` ends on, by the LaTeX line it begins at."""
    pages: dict[int, int] = {}
    for line in _lines(tex.with_suffix(LINES_SUFFIX)):
        number, page = line.split(" ")
        pages.setdefault(int(number), int(page))
    return pages


def _lines(path: Path) -> list[str]:
    """The lines of a marks file; none when the templates place no marks."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def check_page_limit(edition: Edition, pdf: Path, diagnostics: Diagnostics) -> PageReport:
    """The main part, everything the venue does not exclude wherever it stands, against the limit."""
    venue = edition.venue
    assert venue is not None, "a proposal is built only with its venue read"
    total, marks = read_marks(pdf)
    spans = _spans(marks, total)
    excluded = {name: round(sum(_part_spans(spans, name)), 1) for name in venue.excludes if _part_spans(spans, name)}
    length = marks["end"].position if "end" in marks else float(total)
    main = round(length - sum(sum(_part_spans(spans, name)) for name in venue.excludes), 1)
    report = PageReport(total, main, venue.page_limit, venue.assumed, _stretches(edition, venue, marks, spans), excluded, venue.source_url)
    if venue.page_limit and main > venue.page_limit:
        _report_overflow(edition, venue, venue.page_limit, report, diagnostics)
    return report


def _spans(marks: dict[str, Mark], total: int) -> dict[str, float]:
    """How far each mark's stretch runs: to the next mark, or to the end of the document. The
    ``end`` mark has none: what follows it is the empty rest of the last page."""
    ordered = sorted(((n, m) for n, m in marks.items() if n != "end"), key=lambda item: item[1].position)
    ends = [mark.position for _, mark in ordered[1:]] + [marks["end"].position if "end" in marks else float(total)]
    return {name: end - mark.position for (name, mark), end in zip(ordered, ends)}


def _part_spans(spans: dict[str, float], name: str) -> list[float]:
    """The lengths of the blocks of one part: ``part-committee``, and ``part-committee-1``
    for the first named committee's block."""
    return [length for mark, length in spans.items() if _is_part(mark, name)]


def _is_part(mark: str, name: str) -> bool:
    return mark == f"part-{name}" or mark.startswith(f"part-{name}-")


def _stretches(edition: Edition, venue: Venue, marks: dict[str, Mark], spans: dict[str, float]) -> tuple[Stretch, ...]:
    """The document cut at the sections and the references, each with its length and the
    length that counts; what comes before the first section is a stretch of its own."""
    opening = "before section 1" if edition.sections else "abstract"
    tops: list[tuple[str, Section | None, str]] = [(opening, None, "start"), *((s.title, s, s.mark) for s in edition.sections),
                                                   ("references", None, "part-references")]
    tops = [top for top in tops if top[2] in marks]
    starts = [marks[name].position for _, _, name in tops] + [float("inf")]
    stretches = []
    for (title, section, name), start, end in zip(tops, starts, starts[1:]):
        inside = {n: length for n, length in spans.items() if start <= marks[n].position < end}
        counted = sum((length for n, length in inside.items() if not any(_is_part(n, x) for x in venue.excludes)), 0.0)
        stretches.append(Stretch(title, section, marks[name].page, round(sum(inside.values(), 0.0), 1), round(counted, 1)))
    return tuple(stretches)


def _report_overflow(edition: Edition, venue: Venue, limit: int, report: PageReport, diagnostics: Diagnostics) -> None:
    """The overflow, at the section where the counted pages pass the limit, naming every stretch that counts."""
    counted = ", ".join(f"{p.label} {p.counted:.1f}" for p in report.stretches if p.counted)
    message = (f"the main part is {report.main_pages:.1f} pages; {venue.full_name} allows {limit} "
               f"({report.main_pages - limit:.1f} over); counted: {counted}")
    diagnostics.error("pages", message, _place_past_limit(edition, limit, report.stretches), hint=_limit_hint(venue))


def _place_past_limit(edition: Edition, limit: int, stretches: tuple[Stretch, ...]) -> Location:
    """The first section by whose end the counted pages pass the limit; the last one if none
    does; in a proposal without sections, the abstract (else edition.yaml)."""
    running = 0.0
    for stretch in stretches:
        running += stretch.counted
        if stretch.section is not None and running > limit:
            return stretch.section.location
    if edition.sections:
        return edition.sections[-1].location
    return edition.abstract.location if edition.abstract else Location(edition.folder / "edition.yaml")


def _limit_hint(venue: Venue) -> str:
    limit = f"page limit {venue.page_limit} assumed, not read from the venue's page; " if "page_limit" in venue.assumed else ""
    excludes = " (assumed)" if "excludes" in venue.assumed else ""
    rules = f"; the venue's rules: {venue.source_url}" if venue.source_url else ""
    return f"{limit}not counted{excludes}: {', '.join(venue.excludes) or 'nothing'}{rules}"


def check_one_page(edition: Edition, pdf: Path, diagnostics: Diagnostics) -> PageReport:
    """The call-for-papers flyer must fit on one page."""
    total, _ = read_marks(pdf)
    if total > 1:
        where = edition.call.location if edition.call else Location(edition.folder / "call.yaml")
        diagnostics.error("pages", f"the call-for-papers flyer runs to {total} pages; it must fit on one", where,
                          hint="shorten the call's aim or the challenge text in call.yaml's prose")
    return PageReport(total, float(total), 1, (), (), {})
