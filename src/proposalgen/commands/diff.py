"""``proposalgen diff``: what changed from one edition to another, read from their data."""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics
from ..source import load
from ..source.editions import edition_folder
from ..vocabulary import ROLES
from .terminal import EXIT_OK


def run(args) -> int:
    """``proposalgen diff OLD NEW``: the differences, a line each, once both editions exist."""
    for name in (args.old, args.new):
        edition_folder(args.data.resolve(), name)
    print("\n".join(diff_editions(args.data.resolve(), args.out.resolve(), args.old, args.new)))
    return EXIT_OK


def diff_editions(data: Path, out: Path, old: str, new: str) -> list[str]:
    """The differences as lines of text: people, roles and statuses, venue, dates, page counts.
    Raises ``DiagnosticsError`` with the errors of either edition: a file that cannot be read
    would otherwise show up as everything in it removed."""
    from .check import require_no_errors

    require_no_errors(data / old, data / new)
    before, after = _facts(data / old, out / old), _facts(data / new, out / new)
    lines = [f"{old} → {new}"]
    lines += _set_change("people", before["people"], after["people"])
    for role in dict.fromkeys([*before["roles"], *after["roles"]]):  # the roles, then each named committee
        old_role, new_role = before["roles"].get(role, {}), after["roles"].get(role, {})
        lines += _set_change(role, set(old_role), set(new_role))
        lines += _status_changes(role, old_role, new_role)
    lines += _value_changes("venue", {"preset": before["venue"]}, {"preset": after["venue"]})
    lines += _value_changes("dates", before["dates"], after["dates"])
    lines += _value_changes("pages", before["pages"], after["pages"])
    return lines if len(lines) > 1 else lines + ["  no differences"]


def _facts(folder: Path, out: Path) -> dict:
    diagnostics = Diagnostics()
    people = load.load_plain(folder / "people.yaml", diagnostics) or {}
    roles = load.load_plain(folder / "roles.yaml", diagnostics) or {}
    edition = load.load_plain(folder / "edition.yaml", diagnostics) or {}
    return {
        "people": {p.get("id") for p in people.get("people") or [] if isinstance(p, dict)},
        "roles": {**{role: _statuses(roles.get(role) or []) for role in ROLES}, **_committees(roles)},
        "venue": (edition.get("venue") or {}).get("preset", ""),
        "dates": {k: str(v) for k, v in (edition.get("dates") or {}).items()},
        "pages": _pages(out),
    }


def _committees(roles: dict) -> dict[str, dict[str, str]]:
    """Each named committee's members and their statuses, by the committee's name."""
    committees = [c for c in roles.get("committees") or [] if isinstance(c, dict) and "name" in c]
    return {str(c["name"]): _statuses(c.get("members") or []) for c in committees}


def _statuses(entries) -> dict[str, str]:
    """Person id: status; organizers are listed by id alone and have none."""
    statuses = {}
    for entry in entries:
        if isinstance(entry, str):
            statuses[entry] = ""
        elif isinstance(entry, dict) and "person" in entry:
            statuses[entry["person"]] = str(entry.get("status", ""))
    return statuses


def _pages(out: Path) -> dict[str, str]:
    from ..report.report import recorded_pages

    return {name: str(figures.get("total")) for name, figures in recorded_pages(out).items()}


def _set_change(what: str, before: set, after: set) -> list[str]:
    added, removed = sorted(after - before), sorted(before - after)
    lines = [f"  {what}: + {', '.join(added)}"] if added else []
    return lines + ([f"  {what}: - {', '.join(removed)}"] if removed else [])


def _status_changes(role: str, before: dict, after: dict) -> list[str]:
    """One line per change of status, naming who made it: "speakers: confirmed → invited: a, b"."""
    moves: dict[tuple[str, str], list[str]] = {}
    for person in sorted(set(before) & set(after)):
        if before[person] != after[person]:
            moves.setdefault((before[person], after[person]), []).append(person)
    return [f"  {role}: {old} → {new}: {', '.join(people)}" for (old, new), people in moves.items()]


def _value_changes(what: str, before: dict, after: dict) -> list[str]:
    keys = sorted(set(before) | set(after))
    return [f"  {what}.{k}: {before.get(k, '(none)')} → {after.get(k, '(none)')}" for k in keys if before.get(k) != after.get(k)]
