"""The accepted papers (papers.csv): our columns, or those of OpenReview's export, by row."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostics, Location, did_you_mean
from ..model.edition import Paper, link_allowed
from ..vocabulary import DECISIONS
from . import load
from .format import PAPER_COLUMN_ALIASES, PAPERS
from .reader import Reader

FILE = "papers.csv"
# OpenReview writes decisions as "Accept (Oral)" (NeurIPS, ICML, workshops) or "Accept: poster" (ICLR).
_ACCEPTED = re.compile(r"accept(?:ed)?\s*[(:]\s*(\w+)\s*\)?", re.IGNORECASE)
_NOT_ACCEPTED = re.compile(r"(desk[ _-]?)?reject|withdraw", re.IGNORECASE)


@dataclass
class PaperIndex:
    """The rows of papers.csv that the schedule may name: each one's paper, or None for a row
    reported wrong (naming it reports nothing more), and the row of each title. When the file
    cannot be read at all, ``readable`` is False and no name is checked."""

    readable: bool = True
    by_row: dict[int, Paper | None] = field(default_factory=dict)
    rows_by_title: dict[str, int] = field(default_factory=dict)

    @property
    def papers(self) -> tuple[Paper, ...]:
        return tuple(paper for paper in self.by_row.values() if paper is not None)


def title_key(title: str) -> str:
    """A title as two spellings of it compare: case and spacing aside."""
    return " ".join(title.casefold().split())


def read_papers(reader: Reader) -> PaperIndex:
    """The accepted papers; none when the edition has no papers.csv."""
    path = reader.folder / FILE
    if not path.exists():
        return PaperIndex()
    table = load.load_csv(path, reader.diagnostics) if load.kept_inside(path, reader.folder.parent, reader.diagnostics) else None
    columns = _columns(table, reader.diagnostics) if table is not None else None
    if table is None or columns is None:
        reader.unread.add("papers")
        return PaperIndex(readable=False)
    index = PaperIndex()
    for number, cells in enumerate(table.rows, start=2):
        if any(cell.strip() for cell in cells):
            _index(index, _Row(table.path, number, cells, columns, reader.diagnostics))
    return index


def _columns(table: load.Table, diagnostics: Diagnostics) -> dict[str, int] | None:
    """Where each of our columns is (from 0), named ours or OpenReview's way, in any case; None
    when a required one is missing (reported)."""
    columns: dict[str, int] = {}
    for position, name in enumerate(table.header):
        name = name.strip().casefold()
        columns.setdefault(PAPER_COLUMN_ALIASES.get(name, name), position)
    missing = [key.name for key in PAPERS.keys if key.required and key.name not in columns]
    if missing:
        named = " and ".join(f"'{name}'" for name in missing)
        diagnostics.error("csv", f"the first row lacks the column{'s' if len(missing) > 1 else ''} {named}", Location(table.path, 1, 1),
                          hint=f"its columns are {', '.join(key.name for key in PAPERS.keys)} (see papers.csv in docs/source.md)")
        return None
    return columns


class _Row:
    """One row's cells by our column names, each reported wrong at its row and column."""

    def __init__(self, path, number: int, cells: tuple[str, ...], columns: dict[str, int], diagnostics: Diagnostics):
        self.path, self.number, self.cells, self.columns, self.diagnostics = path, number, cells, columns, diagnostics
        self.failed = False

    def cell(self, name: str) -> str:
        position = self.columns.get(name)
        return self.cells[position].strip() if position is not None and position < len(self.cells) else ""

    def where(self, name: str) -> Location:
        return Location(self.path, self.number, self.columns.get(name, 0) + 1)

    def error(self, name: str, message: str, hint: str = "", code: str = "value") -> None:
        self.diagnostics.error(code, message, self.where(name), hint)
        self.failed = True


def _index(index: PaperIndex, row: _Row) -> None:
    """Adds the row's paper to ``index``; a rejected or withdrawn paper is left out."""
    decision = _decision(row)
    if decision == "":
        return
    title, authors, url = row.cell("title"), _authors(row), _url(row)
    if not title:
        row.error("title", "the title is empty")
    first = index.rows_by_title.setdefault(title_key(title), row.number)
    if title and first != row.number:
        row.error("title", f"'{title}' is already the title of row {first}", code="duplicate")
    index.by_row[row.number] = None if row.failed or decision is None else Paper(title, authors, url, decision, row.where("title"))


def _decision(row: _Row) -> str | None:
    """Among DECISIONS; "" for a paper not accepted; None when it cannot be read (reported)."""
    text = row.cell("decision")
    accepted = _ACCEPTED.fullmatch(text)
    decision = (accepted[1] if accepted else text).casefold()
    if decision in DECISIONS:
        return decision
    if _NOT_ACCEPTED.match(text):
        return ""
    row.error("decision", f"unknown decision '{text}'{did_you_mean(decision, DECISIONS)}" if text else "the decision is empty",
              hint=f"write {', '.join(DECISIONS[:-1])} or {DECISIONS[-1]}; OpenReview's 'Accept (Oral)' reads as oral")
    return None


def _authors(row: _Row) -> str:
    """The authors as printed; OpenReview separates them with '|'."""
    names = [name.strip() for name in row.cell("authors").split("|")]
    if not any(names):
        row.error("authors", "the author list is empty")
    return ", ".join(name for name in names if name)


def _url(row: _Row) -> str:
    url = row.cell("url")
    if url and not link_allowed(url, mail=False):
        row.error("url", f"'{url}' is not a web address: a paper's link starts with http:// or https://")
    return url
