"""References: the BibTeX file, every entry that can be read, and what could not be."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from ..diagnostics import Diagnostics, Location
from ..model.edition import Name, Reference, link_allowed
from . import load
from .reader import Reader

# "Doe, Jane et al." or "Doe, Jane and et al.": BibTeX reads a name, printed "Doe, J. e. a.".
_ET_AL = re.compile(r"\bet\.?\s*al\b\.?")


def read_references(reader: Reader) -> tuple[Reference, ...]:
    """The entries read; when the file or an entry's key could not be read, a key cited may be
    one of those missing, so ``references`` is unread."""
    path = reader.folder / "references.bib"
    references, every_key = _entries(path, reader.diagnostics) if load.kept_inside(path, reader.folder.parent, reader.diagnostics) else ((), False)
    if not every_key:
        reader.unread.add("references")
    return references


def _entries(path: Path, diagnostics: Diagnostics) -> tuple[tuple[Reference, ...], bool]:
    """The entries, and whether every entry's key is known. An entry that cannot be parsed
    (reported) is kept empty when its first line gives its key, so that citing it is not also an
    undefined citation."""
    if not path.exists():
        return (), True
    library = load.load_bibtex(path, diagnostics)
    if library is None:
        return (), False
    _report_failed_blocks(library, path, diagnostics)
    entries = tuple(_reference(entry, path, diagnostics) for entry in library.entries)
    unparsed = _unparsed_entries(library, path)
    return entries + tuple(r for r in unparsed if r is not None), None not in unparsed


def _report_failed_blocks(library, path: Path, diagnostics: Diagnostics) -> None:
    from bibtexparser.model import DuplicateBlockKeyBlock

    for block in library.failed_blocks:
        where = Location(path, block.start_line + 1, 1)
        if isinstance(block, DuplicateBlockKeyBlock):
            diagnostics.error("cite", f"duplicate reference key '{block.key}'", where)
        else:
            reason = getattr(block.error, "abort_reason", "") or str(block.error) or "syntax error"
            diagnostics.error("bibtex", f"cannot parse this entry: {_clause(reason)}", where,
                              hint="are its braces balanced?" if "end of file" in reason or "block start" in reason else "")


def _unparsed_entries(library, path: Path) -> list[Reference | None]:
    """An empty reference for each entry that could not be parsed, None for one whose key is unknown."""
    from bibtexparser.model import DuplicateBlockKeyBlock

    blocks = [block for block in library.failed_blocks if not isinstance(block, DuplicateBlockKeyBlock)]
    return [_empty_reference(_head(block.raw), Location(path, block.start_line + 1, 1)) for block in blocks]


def _empty_reference(head, where: Location) -> Reference | None:
    return Reference(head.key, head.entry_type.lower(), (), False, "", "", "", "", "", "", "", where) if head else None


def _head(raw: str):
    """The entry that the first line of ``raw`` opens, without its fields; None when the line does not give its key."""
    import bibtexparser

    first_line = raw.split("\n", 1)[0]
    if "," not in first_line:
        return None
    entries = bibtexparser.parse_string(first_line.split(",", 1)[0] + ",}").entries
    return entries[0] if entries else None


def _clause(message: str) -> str:
    """A library's message as the end of our sentence: lower-case first letter, no final period."""
    message = message.strip().rstrip(".")
    return message[:1].lower() + message[1:]


def _reference(entry, path: Path, diagnostics: Diagnostics) -> Reference:
    fields = {k.lower(): _decoded(str(f.value)) for k, f in entry.fields_dict.items()}
    where = Location(path, entry.start_line + 1, 1)
    authors, et_al = _authors_of(entry, path, diagnostics)
    for name in ("author", "title", "year"):
        if not fields.get(name):
            diagnostics.error("cite", f"reference '{entry.key}' has no {name}", where)
    venue = fields.get("booktitle") or fields.get("journal") or fields.get("publisher") or fields.get("howpublished", "")
    return Reference(entry.key, entry.entry_type.lower(), authors, et_al, fields.get("year", ""), fields.get("title", ""),
                     venue, fields.get("volume", ""), fields.get("number", ""), fields.get("pages", "").replace("--", "–"),
                     _web_address(entry, fields, path, diagnostics) or _doi_url(fields.get("doi", "")), where)


def _authors_of(entry, path: Path, diagnostics: Diagnostics) -> tuple[tuple[Name, ...], bool]:
    """The entry's authors; none when its author list cannot be split into names, which is
    reported at the field's line so that the entry's other problems and every other check still show."""
    from bibtexparser.middlewares.names import InvalidNameError

    field = _field(entry, "author")
    if field is None:
        return (), False
    _check_et_al(entry.key, str(field.value), Location(path, field.start_line + 1, 1), diagnostics)
    try:
        return _authors(str(field.value))
    except InvalidNameError as e:
        diagnostics.error("bibtex", f"reference '{entry.key}': cannot split the author list into names at '{e.name}': "
                          f"{_clause(e.reason)}", Location(path, field.start_line + 1, 1),
                          hint="separate names by 'and', each written 'First Last', 'Last, First' or 'Last, Jr, First'")
        return (), False


def _check_et_al(key: str, authors: str, where: Location, diagnostics: Diagnostics) -> None:
    written = _ET_AL.search(authors)
    if written:
        diagnostics.warning("etal", f"reference '{key}': '{written[0]}' in the author list is read as a name and printed as one", where,
                            hint="BibTeX's way is to end the list with 'and others': the style then prints 'et al.'")


def _field(entry, name: str):
    """The entry's field ``name`` as parsed (BibTeX field names ignore case), or None."""
    return next((f for f in entry.fields if f.key.lower() == name), None)


def _decoded(value: str) -> str:
    """A BibTeX value as text: LaTeX accents and braces decoded by pylatexenc when there are any."""
    if any(c in value for c in "\\{}$~%&^_"):
        return _latex_decoder().latex_to_text(value).strip()
    return value.strip()


@functools.cache
def _latex_decoder():
    # Building the decoder sets up every macro it knows: once per run, not once per entry.
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text()


def _authors(field: str) -> tuple[tuple[Name, ...], bool]:
    """The names of a raw author list and whether it ends in "and others". It is split before
    decoding, so that braces keep a name whole: "{Barnes and Noble}", "{Google DeepMind}"."""
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    names = [parse_single_name_into_parts(n) for n in split_multiple_persons_names(field)]
    et_al = bool(names) and names[-1].last == ["others"]
    people = names[:-1] if et_al else names
    if et_al and not people:
        raise InvalidNameError(field.strip(), "No name before 'others'")
    return tuple(Name(_decoded(" ".join(n.von + n.last)), _decoded(" ".join(n.first))) for n in people), et_al


def _web_address(entry, fields: dict, path: Path, diagnostics: Diagnostics) -> str:
    """The entry's url when it is a web address; another (``javascript:...``) is reported and left
    out, since the site and the PDF link to it."""
    url = fields.get("url", "")
    if url and not link_allowed(url, mail=False):
        where = Location(path, _field(entry, "url").start_line + 1, 1)
        diagnostics.error("bibtex", f"reference '{entry.key}': url '{url}' is not a web address (https://...)", where)
        return ""
    return url


def _doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}" if doi else ""
