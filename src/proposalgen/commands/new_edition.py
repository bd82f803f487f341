"""``proposalgen new-edition``: start an edition from the last one, without touching it."""
from __future__ import annotations

import codecs
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..diagnostics import Diagnostic, Diagnostics, display_path
from ..exceptions import UsageError
from ..model.edition import Dates
from ..source import load
from ..source.editions import require_edition_name
from ..vocabulary import INVITED_ROLES, PLACEHOLDER
from .terminal import EXIT_OK, print_checklist

RESET = {"venue": ("preset",), "dates": Dates.FIELDS,
         "outcome": None}  # None: every value of the mapping
OUTCOME_TO_FILL = f"\noutcome:  # known after the workshop\n  submissions: {PLACEHOLDER}\n  accepted: {PLACEHOLDER}\n  attendees: {PLACEHOLDER}\n"
END_OF_FILE = sys.maxsize  # a span starting there appends to the file


@dataclass(frozen=True)
class NewEdition:
    folder: Path
    files: int
    invited: dict[str, int]  # role: how many entries were set back to "invited"
    to_fill: tuple[Diagnostic, ...]


def run(args) -> int:
    """``proposalgen new-edition NAME --from SOURCE``: what was created, and what to fill in."""
    created = new_edition(args.data.resolve(), args.name, args.source)
    shown = args.data / args.name
    print(f"created {shown} from {args.data / args.source} ({created.files} files); {args.data / args.source} is unchanged")
    if created.invited:
        counts = ", ".join(f"{n} {role}" for role, n in created.invited.items())
        print(f"set back to invited, until they confirm again: {counts}")
    print_checklist(created.to_fill, f"`proposalgen check --edition {args.name} --strict`")
    return EXIT_OK


def new_edition(data: Path, name: str, source: str) -> NewEdition:
    """Creates ``data/<name>`` from ``data/<source>``: people, prose, committee, schedule and
    references carried over; every status set to invited; venue, dates and outcome TBD.
    Raises ``DiagnosticsError`` when the source edition has errors: a file that cannot be read
    would be carried over with its old statuses and dates."""
    from .check import require_no_errors

    target, origin = data / name, data / source
    _check_names(target, origin, name, source)
    require_no_errors(origin)
    scratch = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=data))
    try:
        # A link is copied, never what it leads to; the accepted papers are the old edition's own.
        shutil.copytree(origin, scratch, symlinks=True, dirs_exist_ok=True, ignore=shutil.ignore_patterns("papers.csv"))
        invited = _invite_again(scratch / "roles.yaml")
        _reset_edition(scratch / "edition.yaml")
        scratch.rename(target)  # the edition appears whole, or not at all
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return NewEdition(target, sum(1 for p in target.rglob("*") if p.is_file()), invited, _to_fill(target))


def _check_names(target: Path, origin: Path, name: str, source: str) -> None:
    require_edition_name(name)
    require_edition_name(source)
    if not origin.is_dir():
        raise UsageError(f"{display_path(origin)}: no such edition to start from")
    if target.exists():
        raise UsageError(f"{display_path(target)} exists already; new-edition never overwrites an edition")


def _replace_values(path: Path, spans: list[tuple[int, int, str]]) -> None:
    """Replaces the text between node marks, last first, so the file keeps its comments and layout,
    its line endings and its byte order mark. The marks count characters in the text as the
    loader read it: after the byte order mark, with every carriage return."""
    if not spans:
        return  # nothing to change, or a file the loader could not read
    data = path.read_bytes()
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text, newline = data[len(bom):].decode("utf-8"), "\r\n" if b"\r\n" in data else "\n"
    for start, end, value in sorted(spans, reverse=True):
        text = text[:start] + value.replace("\n", newline) + text[end:]
    path.write_bytes(bom + text.encode("utf-8"))


def _pairs(node) -> list[tuple[yaml.Node, yaml.Node]]:
    """The keys and values of a mapping node; none for any other node (a damaged file)."""
    return node.value if isinstance(node, yaml.MappingNode) else []


def _mapping(node, key: str):
    return next((value for key_node, value in _pairs(node) if key_node.value == key), None)


def _lists_to_confirm(root):
    """Each list of people who must confirm again, by the name the summary gives it: the roles,
    then each named committee's members."""
    for role in INVITED_ROLES:
        yield role, _mapping(root, role)
    committees = _mapping(root, "committees")
    for committee in committees.value if isinstance(committees, yaml.SequenceNode) else []:
        name = _mapping(committee, "name")
        yield (name.value if isinstance(name, yaml.ScalarNode) else "committees"), _mapping(committee, "members")


def _invite_again(roles: Path) -> dict[str, int]:
    root = load.load_yaml(roles, Diagnostics())
    spans = []
    invited: dict[str, int] = {}  # role -> how many are invited again
    for role, entries in _lists_to_confirm(root):
        for entry in entries.value if isinstance(entries, yaml.SequenceNode) else []:
            status = _mapping(entry, "status")
            if isinstance(status, yaml.ScalarNode) and status.value != "invited":
                spans.append((status.start_mark.index, status.end_mark.index, "invited"))
                invited[role] = invited.get(role, 0) + 1
    _replace_values(roles, spans)
    return invited


def _reset_edition(edition: Path) -> None:
    root = load.load_yaml(edition, Diagnostics())
    spans = []
    for section, keys in RESET.items():
        for key_node, value in _pairs(_mapping(root, section)):
            if keys is None or key_node.value in keys:
                spans.append((value.start_mark.index, value.end_mark.index, PLACEHOLDER))
    if root is not None and _mapping(root, "outcome") is None:
        spans.append((END_OF_FILE, END_OF_FILE, OUTCOME_TO_FILL))
    _replace_values(edition, spans)


def _to_fill(folder: Path) -> tuple[Diagnostic, ...]:
    """What a strict check of the new edition finds: the checklist for its organizers."""
    from .check import NO_OUTPUT, check

    diagnostics = Diagnostics()
    check(folder, diagnostics, NO_OUTPUT)
    return tuple(diagnostics.sorted())
