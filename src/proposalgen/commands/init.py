"""``proposalgen init DIR``: a ready workshop repository, written from the starter files."""
from __future__ import annotations

import datetime
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from ..diagnostics import Diagnostic, Diagnostics, did_you_mean, display_path
from ..exceptions import UsageError
from ..settings import PACKAGE
from ..source.format import VENUE_RULES
from ..source.venue import USER_PRESETS, available_presets, in_our_look
from ..vocabulary import PLACEHOLDER
from .terminal import EXIT_OK, print_checklist

STARTER = PACKAGE / "starter"
PRESETS = PACKAGE / "venues"
# The starter's edition folder takes the edition's year as its name; the dot file is kept
# without its dot, since package data leaves dot files out.
STARTER_EDITION, RENAMED = "data/edition", {"gitignore": ".gitignore", "github-workflow.yml": ".github/workflows/proposal.yml"}
SCHEMAS = "schemas"
# The preset written, every rule TBD, for a venue we ship none for: data/venues/<venue>.yaml.
NEW_PRESET = "venue-preset.yaml"
# A preset's name is a file's name and a YAML value: letters and digits, in parts joined by hyphens.
_PRESET_NAME = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def run(args) -> int:
    """``proposalgen init FOLDER``: what was created, how to build it, and what to fill in."""
    asked = new_workshop(args.title, args.acronym, args.venue, args.year)
    created = init(args.folder.resolve(), asked)
    print(f"created {args.folder}: the {asked.year} edition at {asked.venue} ({created.files} files)")
    if not asked.ours:
        print(f"proposalgen ships no preset '{asked.venue}'{did_you_mean(asked.venue, available_presets())}: its rules are TBD in "
              f"{args.folder / 'data' / USER_PRESETS / asked.venue}.yaml, to fill in from the venue's call for workshop proposals")
    print(f"build it: cd {args.folder} && make proposal")
    print_checklist(created.to_fill, "`make check`")
    return EXIT_OK


@dataclass(frozen=True)
class NewWorkshop:
    """What the starter files are filled with."""

    title: str
    acronym: str
    venue: str  # a venue preset's id
    year: str
    ours: bool = True  # whether we ship the preset; else init writes one, every rule TBD


@dataclass(frozen=True)
class Created:
    files: int
    to_fill: tuple[Diagnostic, ...]


def new_workshop(title: str | None, acronym: str | None, venue: str | None, year: str | None) -> NewWorkshop:
    """The workshop asked for, TBD where no title or acronym is given, the newest venue preset in
    our own look (a venue's class is the organizers' choice) and next year by default; a venue we
    ship no preset for gets one of its own. Raises ``UsageError`` for a year or a preset name that
    cannot be."""
    year = year or str(datetime.date.today().year + 1)
    if not re.fullmatch(r"\d{4}", year):
        raise UsageError(f"'{year}' is not a year: write it with four digits, such as 2027")
    presets = available_presets()
    venue = venue or newest_preset([preset for preset in presets if in_our_look(preset)])
    if not _PRESET_NAME.fullmatch(venue):
        raise UsageError(f"'{venue}' cannot name a venue preset: write letters and digits, joined by hyphens, such as aaai-2027")
    return NewWorkshop(title or PLACEHOLDER, acronym or PLACEHOLDER, venue, year, ours=venue in presets)


def newest_preset(presets: list[str]) -> str:
    """The preset of the latest year (the year ends its id), the first by name among those."""
    return min(presets, key=lambda preset: (-_year_of(preset), preset))


def _year_of(preset: str) -> int:
    year = re.search(r"\d{4}$", preset)
    return int(year[0]) if year else 0


def init(folder: Path, workshop: NewWorkshop) -> Created:
    """Writes the repository into ``folder``, which must be empty or absent. Returns what a
    strict check of the new edition finds: what to fill in."""
    _refuse_non_empty(folder)
    files = {_target(name, workshop): text for name, text in _rendered(workshop).items()}
    written = _write_whole(folder, files)
    edition = folder / "data" / workshop.year
    return Created(written, _to_fill(edition))


def _refuse_non_empty(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{display_path(folder)} is a file; init writes a new repository into an empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(f"{display_path(folder)} is not empty; init writes a new repository into an empty folder only")


def _starter_names(workshop: NewWorkshop) -> list[str]:
    """The starter files the workshop needs: the preset's only for a venue we ship none for."""
    names = sorted(path.relative_to(STARTER).as_posix() for path in STARTER.rglob("*") if path.is_file())
    return [name for name in names if name != NEW_PRESET or not workshop.ours]


def _target(name: str, workshop: NewWorkshop) -> PurePosixPath:
    if name == NEW_PRESET:
        return PurePosixPath("data", USER_PRESETS, f"{workshop.venue}.yaml")
    path = PurePosixPath(RENAMED.get(name, name))
    return PurePosixPath("data", workshop.year, path.relative_to(STARTER_EDITION)) if path.is_relative_to(STARTER_EDITION) else path


def _rendered(workshop: NewWorkshop) -> dict[str, str]:
    """Every starter file filled in, in memory: nothing is written before all of them render."""
    from ..render.environments import starter_environment

    env = starter_environment(STARTER)
    return {name: env.get_template(name).render(_values(workshop, _target(name, workshop))) for name in _starter_names(workshop)}


def _values(workshop: NewWorkshop, target: PurePosixPath) -> dict:
    """The values a starter file is filled with; ``schema`` gives the path of a kind's JSON Schema
    from the file's folder, for the yaml-language-server line."""
    def schema(kind: str) -> str:
        return os.path.relpath(f"{SCHEMAS}/{kind}.schema.json", target.parent)

    preset = yaml.safe_load((PRESETS / f"{workshop.venue}.yaml").read_text(encoding="utf-8")) if workshop.ours else {}
    notification: datetime.date | None = preset.get("notification")
    return {"title": workshop.title, "acronym": workshop.acronym, "venue": workshop.venue, "year": workshop.year, "schema": schema,
            "preset": preset, "dates": example_dates(int(workshop.year), notification),
            "notification_pending": notification is not None and notification.year != int(workshop.year),
            "rules": VENUE_RULES, "rule_width": max(len(rule.name) for rule in VENUE_RULES)}


def example_dates(year: int, notification: datetime.date | None) -> dict[str, datetime.date]:
    """Plausible dates in the edition's year, decisions on the venue's notification day when it
    is of that year (the venue's other years say nothing of this one's)."""
    decisions = notification if notification and notification.year == year else datetime.date(year, 3, 5)
    submission = decisions - datetime.timedelta(days=30)
    return {"submission_deadline": submission, "review_start": submission + datetime.timedelta(days=7),
            "review_end": decisions - datetime.timedelta(days=7), "decisions": decisions,
            "camera_ready": decisions + datetime.timedelta(days=27), "workshop": decisions + datetime.timedelta(days=51)}


def _write_whole(folder: Path, files: dict[PurePosixPath, str]) -> int:
    """Writes the files and the schemas into a scratch folder inside ``folder``, then moves each
    into place: a failure leaves nothing half written, and the folder itself stays the one a
    shell may be standing in (``init .``). Returns how many files it wrote."""
    from .schemas import write_schemas

    scratch = folder / f".init-{os.getpid()}"
    scratch.mkdir(parents=True)
    try:
        for name, text in files.items():
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            (scratch / name).write_text(text, encoding="utf-8")
        schemas = write_schemas(scratch / SCHEMAS)
        for child in list(scratch.iterdir()):
            child.rename(folder / child.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return len(files) + len(schemas)


def _to_fill(edition: Path) -> tuple[Diagnostic, ...]:
    from ..registry import chosen
    from .check import check

    diagnostics = Diagnostics()
    check(edition, diagnostics, chosen("all"))
    return tuple(diagnostics.sorted())
