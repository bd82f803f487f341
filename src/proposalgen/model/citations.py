"""Citations resolved in Python: the bibliography's order, numbers and in-text labels."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from .edition import CitationStyle, Name, Reference


@dataclass(frozen=True)
class BibEntry:
    """One reference as the bibliography shows it; ``anchor`` names its link target."""

    reference: Reference
    number: int

    @property
    def anchor(self) -> str:
        return f"ref-{self.number}"

    @property
    def authors(self) -> str:
        names = [_inverted(n) for n in self.reference.authors]
        if self.reference.et_al:
            return ", ".join(names + ["et al."])
        if len(names) <= 2:
            return " and ".join(names)
        return ", ".join(names[:-1]) + ", and " + names[-1]

    @property
    def short_authors(self) -> str:
        lasts = [n.last for n in self.reference.authors]
        if self.reference.et_al or len(lasts) > 2:
            return f"{lasts[0]} et al."
        return " and ".join(lasts)

    @property
    def venue_prefix(self) -> str:
        return "In " if self.reference.entry_type in ("inproceedings", "incollection", "conference") else ""

    @property
    def venue_details(self) -> str:
        """Volume, number and pages as ", 2021(12):124003", empty when the entry has none."""
        ref = self.reference
        issue = f"({ref.number})" if ref.number else ""
        pages = f":{ref.pages}" if ref.pages else ""
        return f", {ref.volume}{issue}{pages}" if ref.volume else (f", {ref.pages}" if ref.pages else "")


@dataclass(frozen=True)
class Citation:
    """A group of keys cited together, as the text shows them."""

    entries: tuple[BibEntry, ...]
    narrative: bool
    style: str

    def labels(self) -> tuple[str, ...]:
        """Each entry's text: "Zhang et al., 2016", "Zhang et al. (2016)", "10" or "Zhang et al. [10]"."""
        return tuple(self._label(e) for e in self.entries)

    def _label(self, entry: BibEntry) -> str:
        if self.style == "numeric":
            return f"{entry.short_authors} [{entry.number}]" if self.narrative else str(entry.number)
        if self.narrative:
            return f"{entry.short_authors} ({entry.reference.year})"
        return f"{entry.short_authors}, {entry.reference.year}"

    @property
    def brackets(self) -> tuple[str, str]:
        if self.narrative:
            return ("", "")
        return ("[", "]") if self.style == "numeric" else ("(", ")")

    @property
    def separator(self) -> str:
        return ", " if self.style == "numeric" and not self.narrative else "; "


@dataclass(frozen=True)
class Bibliography:
    style: str  # the citation style's kind: author-year or numeric
    entries: tuple[BibEntry, ...]

    @functools.cached_property
    def _by_key(self) -> dict[str, BibEntry]:
        return {e.reference.key: e for e in self.entries}

    def citation(self, keys, narrative: bool) -> Citation:
        return Citation(tuple(self._by_key[k] for k in keys if k in self._by_key), narrative, self.style)

    def cited_in(self, texts) -> tuple[BibEntry, ...]:
        """The entries that the prose ``texts`` cite, with their numbers: a web page's own list."""
        keys = {use.key for text in texts for use in text.citations}
        return tuple(e for e in self.entries if e.reference.key in keys)


def build_bibliography(references, cited_keys, style: CitationStyle) -> Bibliography:
    """The cited references, in the style's order and numbered in it; ``cited_keys`` are in the
    order the text cites them, repeats included."""
    rank = {key: index for index, key in enumerate(dict.fromkeys(cited_keys))}
    cited = [r for r in references if r.key in rank]
    ordered = sorted(cited, key=_sort_key if style.order == "author" else lambda r: rank[r.key])
    return Bibliography(style.kind, tuple(BibEntry(r, i) for i, r in enumerate(ordered, start=1)))


def _sort_key(reference: Reference):
    names = tuple((n.last.lower(), n.first.lower()) for n in reference.authors)
    return names, reference.year, reference.title.lower()


def _inverted(name: Name) -> str:
    return f"{name.last}, {name.initials}" if name.initials else name.last
