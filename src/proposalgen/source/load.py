"""Reading source files into positioned nodes; nothing here knows what the data means."""
from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import logging
import os
import re
import unicodedata
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..diagnostics import Diagnostics, Location, display_path
from ..files import is_inside

# Real sources are kilobytes; the limit keeps a runaway file from stalling the tool.
MAX_SOURCE_BYTES = 2_000_000


@dataclass(frozen=True)
class TextFile:
    path: Path
    text: str


@dataclass(frozen=True)
class Table:
    """A CSV file's cells as text: its header, then each record after it, blank ones too, so
    that record ``i`` of ``rows`` is the file's row ``i + 2`` as a spreadsheet numbers them."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass
class Reads:
    """What one stage of a build read: each file with the sha256 of its bytes as read (not as
    they are by the time the build ends), the files read as Markdown text, and those of them
    whose text was rendered."""

    files: dict[str, str] = field(default_factory=dict)
    texts: set[str] = field(default_factory=set)
    rendered: set[str] = field(default_factory=set)
    token: object = field(default_factory=object, compare=False, repr=False)  # this recording, told apart from any other


_READS: ContextVar[Reads | None] = ContextVar("reads", default=None)


@contextlib.contextmanager
def recording() -> Iterator[Reads]:
    """Records every file read in this context (and in no other, as threads or builds run)."""
    reads = Reads()
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)


def recording_token() -> object:
    """What tells the recording in progress from every other (None when there is none)."""
    reads = _READS.get()
    return reads.token if reads is not None else None


def note_read(path: Path, data: bytes) -> None:
    """Tells the recording in progress, if any, that ``path`` was read as ``data``."""
    reads = _READS.get()
    if reads is not None:
        reads.files[str(path)] = hashlib.sha256(data).hexdigest()


def note_rendered(path: Path) -> None:
    """Tells the recording in progress, if any, that a text read from ``path`` was rendered."""
    reads = _READS.get()
    if reads is not None:
        reads.rendered.add(str(path))


class _PositionedLoader(yaml.SafeLoader):
    """Composes node trees; refuses aliases so that a 'billion laughs' file cannot expand."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.MarkedYAMLError(problem="YAML aliases are not supported", problem_mark=mark)
        return super().compose_node(parent, index)


# libyaml composes in C, recursively: nesting deeper than this goes to the Python composer, which
# fails cleanly (RecursionError) where C would overflow its stack.
MAX_FAST_DEPTH = 200


def _compose(text: str) -> yaml.Node | None:
    """The node tree, composed by libyaml when PyYAML has it (15 times faster), refusing aliases."""
    if not (yaml.__with_libyaml__ and _shallow(text)):
        return yaml.compose(text, Loader=_PositionedLoader)
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    _refuse_aliases(node)
    return node


def _shallow(text: str) -> bool:
    """Whether the text cannot nest deeper than MAX_FAST_DEPTH, by its brackets and indentation."""
    depth = deepest = 0
    for bracket in re.sub(r"[^\[\]{}]", "", text):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    indents = re.findall(r"^ *", text, re.MULTILINE)
    return deepest < MAX_FAST_DEPTH and max(map(len, indents), default=0) < 2 * MAX_FAST_DEPTH


def _refuse_aliases(root: yaml.Node | None) -> None:
    """An alias makes libyaml reuse a node: meeting one twice means the file uses aliases."""
    seen = set()
    for node in _nodes(root):
        if id(node) in seen:
            raise yaml.MarkedYAMLError(problem="YAML aliases are not supported", problem_mark=node.start_mark)
        seen.add(id(node))


def _nodes(root: yaml.Node | None) -> Iterator[yaml.Node]:
    """Each node of the tree, a node reused by an alias each time it is reached."""
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(n for pair in node.value for n in pair)


def _tab_at(text: str, mark: yaml.Mark) -> bool:
    lines = text.splitlines()
    return mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


def location_of(node: yaml.Node, path: Path) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def kept_inside(path: Path, data: Path, diagnostics: Diagnostics) -> bool:
    """Whether a file an edition reads by its own name (people.yaml) is in the ``data`` folder;
    a symlink leading outside is reported at the file, and not followed."""
    try:
        if is_inside(path, data):
            return True
    except (OSError, RuntimeError):
        return True  # reading the file reports why it cannot be read
    diagnostics.error("file", f"this file leads outside the data folder ({display_path(data)}) through a symlink; it is not read", Location(path))
    return False


def named_file(folder: Path, name: str, what: str, where: Location, diagnostics: Diagnostics, hint: str = "") -> Path | None:
    """The file a value of the data names (``name``, relative to ``folder``: an edition, or
    venues/), or None after reporting, at the value, why it cannot be read: it is missing, the
    system refuses the name (too long), or it leads outside the data folder (the series folder,
    which holds ``folder``), by '..', an absolute path or a symlink. Every file a value names is
    found here, so that nothing outside the data is read; an earlier edition's files are inside."""
    path = folder / name
    try:
        inside = is_inside(path, folder.parent)
        exists = path.is_file()
    except (OSError, ValueError, RuntimeError) as e:
        diagnostics.error("file", f"{what} '{name}' cannot be opened: {_refusal(e)}", where)
        return None
    if not inside:
        diagnostics.error("file", f"{what} '{name}' is outside the data folder ({display_path(folder.parent)})", where,
                          hint="the data names only files in the data folder, and a symlink there must not lead out of it")
    elif not exists:
        diagnostics.error("file", f"{what} '{name}' does not exist", where, hint)
    return path if inside and exists else None


def _refusal(error: Exception) -> str:
    """Why the system refuses a name, in words that do not repeat the path."""
    if isinstance(error, RuntimeError):  # a symlink loop, before Python 3.13 (then ELOOP)
        return os.strerror(errno.ELOOP)
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)


def read_text(path: Path, diagnostics: Diagnostics) -> TextFile | None:
    """The Markdown text of the file as written, or None after reporting why it is not UTF-8
    text. Its letters stay as written, for the columns of its diagnostics: the character check
    and pylatexenc compose a decomposed letter themselves."""
    reads = _READS.get()
    if reads is not None:
        reads.texts.add(str(path))
    return _source(path, diagnostics)


def _composed(source: TextFile | None) -> TextFile | None:
    """The text with its letters composed (NFC): macOS writes "José" as e and a combining acute,
    which compares unequal to the same name typed elsewhere."""
    if source is None or unicodedata.is_normalized("NFC", source.text):
        return source
    return TextFile(source.path, unicodedata.normalize("NFC", source.text))


def _compose_scalars(root: yaml.Node | None) -> None:
    """Composes the letters of every scalar of the tree (NFC) in place, those written as escapes
    too, as ``_composed`` does a text: the marks keep the columns of the file as written."""
    for node in _nodes(root):
        if isinstance(node, yaml.ScalarNode) and not unicodedata.is_normalized("NFC", node.value):
            node.value = unicodedata.normalize("NFC", node.value)


def _source(path: Path, diagnostics: Diagnostics) -> TextFile | None:
    """The file's text, or None after reporting why it is not UTF-8 text."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            diagnostics.error("file", f"the file is {size / 1e6:.1f} MB; source files are at most {MAX_SOURCE_BYTES / 1e6:.0f} MB", Location(path),
                              hint="a bio or a prose text this long is a mistake")
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        diagnostics.error("file", "the file is missing", Location(path))
        return None
    except OSError as e:
        diagnostics.error("file", f"cannot read: {e.strerror}", Location(path))
        return None
    note_read(path, data)
    return _decoded(path, data, diagnostics)


def _decoded(path: Path, data: bytes, diagnostics: Diagnostics) -> TextFile | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        diagnostics.error("encoding", "UTF-16 text; save it as UTF-8", Location(path, 1, 1))
        return None
    if b"\x00" in data:
        diagnostics.error("encoding", "a binary file, not text", Location(path, data[: data.index(b"\x00")].count(b"\n") + 1, 1))
        return None
    try:
        return TextFile(path, data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        column = e.start - data.rfind(b"\n", 0, e.start)
        diagnostics.error("encoding", f"not UTF-8 text (byte 0x{data[e.start]:02x})", Location(path, line, column),
                          hint="save the file as UTF-8")
    return None


def load_yaml(path: Path, diagnostics: Diagnostics) -> yaml.Node | None:
    """The document's root node, or None (with a diagnostic) when the file is unusable."""
    source = _source(path, diagnostics)
    if source is None:
        return None
    try:
        node = _compose(source.text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        hint = "YAML indents with spaces, not tabs" if mark and _tab_at(source.text, mark) else ""
        diagnostics.error("yaml", _yaml_problem(e), _error_location(e, path), hint)
        return None
    except yaml.YAMLError as e:
        diagnostics.error("yaml", str(e), Location(path))
        return None
    except RecursionError:
        diagnostics.error("yaml", "values are nested too deeply", Location(path, 1, 1))
        return None
    if node is None:  # nothing but comments, or nothing: a mapping without keys, as in JSON Schema
        return yaml.MappingNode("tag:yaml.org,2002:map", [], yaml.Mark(str(path), 0, 0, 0, None, 0))
    _compose_scalars(node)
    return node


def load_plain(path: Path, diagnostics: Diagnostics):
    """The file's data as plain Python values (aliases refused too), or None after a diagnostic."""
    source = _composed(_source(path, diagnostics))
    if source is None:
        return None
    try:
        return _plain_data(source.text)
    except yaml.MarkedYAMLError as e:
        diagnostics.error("yaml", _yaml_problem(e), _error_location(e, path))
    except (yaml.YAMLError, RecursionError) as e:
        diagnostics.error("yaml", str(e) or "values are nested too deeply", Location(path))
    return None


def _plain_data(text: str):
    loader = _PositionedLoader(text)  # raises already on a character YAML does not allow
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _error_location(error: yaml.MarkedYAMLError, path: Path) -> Location:
    """Where PyYAML marks the problem, else its context; the file alone if it marks neither."""
    mark = error.problem_mark or error.context_mark
    return Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "invalid YAML"
    if error.context:
        return f"{error.context}: {problem}"
    return problem


def load_csv(path: Path, diagnostics: Diagnostics) -> Table | None:
    """The file's records, or None (with a diagnostic) when it is not CSV text with a header."""
    source = _source(path, diagnostics)
    if source is None:
        return None
    reader = csv.reader(io.StringIO(source.text, newline=""))
    try:
        records = [tuple(record) for record in reader]
    except csv.Error as e:
        diagnostics.error("csv", str(e), Location(path, reader.line_num, 1))
        return None
    if not records or not any(records[0]):
        diagnostics.error("csv", "the first row must name the columns", Location(path, 1, 1))
        return None
    return Table(path, records[0], tuple(records[1:]))


def load_bibtex(path: Path, diagnostics: Diagnostics):
    """The parsed bibtexparser library, or None when the file cannot be read."""
    source = _composed(_source(path, diagnostics))
    if source is None:
        return None
    import bibtexparser

    # bibtexparser logs every failed block itself; we report them as diagnostics instead.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    return bibtexparser.parse_string(source.text)
