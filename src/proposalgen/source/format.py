"""The source format, declared once: every file kind, its keys, their kinds and meanings.

The reader checks each mapping's keys against its shape here (unknown keys, "did you mean"),
``proposalgen schema`` writes a JSON Schema per file kind from it, and the docs' reference
tables are generated from it (tests/docs_format.py), so the three cannot drift apart.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import timedelta, timezone

from ..settings import ENGINES
from ..vocabulary import (
    ATTRIBUTES,
    BLOCKS,
    CHECK_CODES,
    CITATION_ORDERS,
    CITATION_STYLES,
    CLOCKS,
    DECISIONS,
    LINKS,
    PLACEHOLDER,
    SCHEDULE_KINDS,
    SITE_DEFAULTS,
    STATUS_LABELS,
    STATUSES,
)

KIND_DEFAULT = object()  # a key's default when its declaration names none: its kind's (KIND_DEFAULTS)


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its name, kind and meaning; a list's items or a mapping's keys."""

    name: str
    kind: str  # text, number, boolean, date, deadline, time, timezone, choice, prose, person, url, email, list or mapping: each has its JSON Schema in commands/schemas.py
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    shape: Shape | None = None  # a mapping's keys, or the keys of each item of a list of mappings
    items: str = ""  # the kind of each item of a list of single values
    needed_by: tuple[str, ...] = ()  # the outputs (build targets) that cannot be made without it
    default: object = KIND_DEFAULT  # its value when not given: by default its kind's (KIND_DEFAULTS)
    minimum: int | None = None  # a number's least value
    shown_while_tbd: bool = False  # while TBD, its value is the placeholder itself, which outputs print
    noun: str = ""  # what a list's choices are, in messages: "check codes"
    pattern: str = ""  # what a text, or each text of a list, must match whole (the JSON Schemas' pattern too)
    example: str = ""  # a text that matches it, for messages

    @functools.cached_property
    def matcher(self) -> re.Pattern:
        return re.compile(self.pattern)

    def required_for(self, targets: frozenset[str]) -> bool:
        """Whether it must be given (when its mapping is) for making ``targets``."""
        return self.required or not targets.isdisjoint(self.needed_by)

    @property
    def when_missing(self):
        return KIND_DEFAULTS.get(self.kind) if self.default is KIND_DEFAULT else self.default


@dataclass(frozen=True)
class Shape:
    """The keys a mapping may hold."""

    name: str
    keys: tuple[Key, ...]
    instead: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (key, keys it replaces): given with it, they are refused

    def names(self) -> dict[str, Key]:
        """The keys by name (the reader asks for them at every value it reads)."""
        return self._by_name

    def key(self, name: str) -> Key | None:
        return self._by_name.get(name)

    @functools.cached_property
    def _by_name(self) -> dict[str, Key]:
        return {key.name: key for key in self.keys}

    def shape_of(self, name: str) -> Shape | None:
        key = self.key(name)
        return key.shape if key else None


# An email address: one rule, for the reader and the JSON Schemas (an ECMAScript regex as well).
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s.]+$"
EMAIL = re.compile(EMAIL_PATTERN)

# A key's value when it is not given, by kind, unless its declaration names another.
AOE = timezone(timedelta(hours=-12), "AoE")  # Anywhere on Earth
KIND_DEFAULTS: dict[str, object] = {"text": "", "person": "", "url": "", "email": "", "choice": "", "boolean": False, "list": (),
                                    "timezone": ("AoE", AOE)}


def _text(name: str, doc: str, required: bool = False, **declared) -> Key:
    return Key(name, "text", doc, required, **declared)


SERIES = Shape("series.yaml", (
    _text("title", "the workshop's title, the same every year", required=True, shown_while_tbd=True),
    _text("acronym", "its short name, if it has one", shown_while_tbd=True),
    Key("contact", "email", "the organizers' address, for the call for papers"),
    Key("url", "url", "the website's address"),
    Key("earlier_editions", "number", "editions held before the first folder in `data/`, which number the later ones", default=0, minimum=0),
    Key("numbered", "boolean", "whether titles carry the edition's ordinal (\"2nd\"); default: from the second edition on", default=None),
    Key("ignore", "list", "check codes whose warnings are not reported, as a linter's configuration: `[site, placeholder]`; errors always are",
        items="choice", choices=CHECK_CODES, noun="check codes"),
    Key("words", "list", "words the spelling check takes as written: terms, names of methods or places", items="text"),
))

# What the preamble writes as TeX: class, option and package names, and kit files copied beside the
# document, all held to plain names that cannot close a brace or name a path.
TEX_NAME = r"[A-Za-z][A-Za-z0-9_-]*"

STYLE = Shape("style", (
    _text("class", "the document class the venue asks proposals to use, from TeX Live (`IEEEtran`, `acmart`, `llncs`, `article`) or the style kit (`files`)", required=True,
          pattern=TEX_NAME, example="IEEEtran", noun="plain names"),
    Key("options", "list", "the class's options: `[conference]` for IEEEtran, `[sigconf]` for acmart", items="text",
        pattern=r"[A-Za-z0-9][A-Za-z0-9=.-]*", example="sigconf or natbib=true", noun="plain names"),
    Key("files", "list", "the venue's style kit: files (`.sty`, `.cls`, `.bst`...) copied from the venue's page into `data/venues/<preset>/`", items="file",
        pattern=r"[A-Za-z0-9][A-Za-z0-9_.-]*\.(?:sty|cls|clo|cfg|def|fd|bst)", example="iclr2026_conference.sty",
        noun="the names of the kit's TeX files (.sty, .cls, .clo, .cfg, .def, .fd, .bst) in data/venues/<preset>/"),
    Key("packages", "list", "packages of the kit to load: `iclr2026_conference` for `iclr2026_conference.sty`", items="text",
        pattern=TEX_NAME, example="iclr2026_conference", noun="plain names"),
))

VENUE_RULES = (
    _text("name", "the venue's name: ICLR"),
    Key("year", "number", "the year the rules are for"),
    Key("page_limit", "number", "pages of the proposal's main part"),
    Key("excludes", "list", "parts that do not count towards the limit", items="choice", choices=(*BLOCKS, "references")),
    Key("source_url", "url", "the venue's page the rules were read from"),
    Key("bio_word_limit", "number", "words a bio may have"),
    Key("day_start", "time", "when the workshop day may begin"),
    Key("day_end", "time", "when it must end"),
    Key("proposal_deadline", "deadline", "the deadline for workshop proposals: a day, then a time (default 23:59) and a time zone (default AoE)"),
    Key("notification", "date", "the venue's last day for telling authors the decisions: `dates.decisions` may not be later"),
    Key("required_sections", "list", "words that a section title or a run-in heading must contain", items="text"),
    Key("speakers_confirmed", "boolean", "whether every invited speaker must be confirmed in the proposal"),
    Key("style", "mapping", "the format the venue asks proposals to use, in which the proposal is typeset; default: ours (see *Venue presets*)", shape=STYLE),
)

VENUE = Shape("venue preset", (
    *VENUE_RULES,
    _text("note", "for people: what was read from the source, and what is assumed"),
    Key("verified", "list", "the fields read from the page at `source_url`, which it needs; the other fields given are assumed", items="choice",
        choices=tuple(key.name for key in VENUE_RULES), noun="the preset's fields"),
))

VENUE_CHOICE = Shape("venue", (
    _text("preset", "the venue's rules: a preset such as `iclr-2026` (see *Venue presets*)", required=True),
    *VENUE_RULES,
))

DATES = Shape("dates", (
    Key("abstract_deadline", "date", "abstracts are due, before the papers"),
    Key("submission_deadline", "date", "papers are due", required=True),
    Key("review_start", "date", "reviewing begins"),
    Key("review_end", "date", "reviewing ends"),
    Key("decisions", "date", "authors are notified", required=True),
    Key("camera_ready", "date", "final versions are due"),
    Key("workshop", "date", "the workshop's day, which the call for papers needs"),
    Key("timezone", "timezone", "the deadlines' time zone (default `AoE`): `AoE`, `UTC-8`, `UTC+5:30` or an IANA name"),
))

SUBMISSIONS = Shape("submissions", (
    Key("expected", "number", "submissions expected", required=True, minimum=0, shown_while_tbd=True),
    Key("reviews_per_paper", "number", "reviews each submission gets", required=True, minimum=1, shown_while_tbd=True),
    Key("max_load", "number", "papers a reviewer reviews at most", required=True, minimum=1, shown_while_tbd=True),
    Key("reviewers_from_authors", "number", "reviewers each submission's authors nominate to the committee", minimum=0, default=0, shown_while_tbd=True),
))

OUTCOME = Shape("outcome", tuple(Key(name, "number", doc, default=PLACEHOLDER) for name, doc in (
    ("submissions", "papers submitted"), ("accepted", "papers accepted"), ("attendees", "people who came"),
    ("registered_interest", "people who registered their interest"), ("challenge_entries", "entries to the challenge"),
)))

PART = Shape("part", (
    Key("block", "choice", "a part drawn from the data", required=True, choices=BLOCKS),
    _text("name", "a `committee` block's named committee (a key of `committees` in roles.yaml); default: the program committee"),
    Key("by_status", "boolean", "a `committee` block lists the confirmed and the not-yet-confirmed members apart, with their counts"),
))

SECTION = Shape("section", (
    _text("title", "the section's title", required=True),
    Key("parts", "list", "prose files (`prose/motivation.md`) and blocks (`{block: schedule}`), in order", required=True, shape=PART, items="prose"),
))

# The outputs that need the edition's dates: the call, the proposal, and a site with a call page.
SITE_CALL_PAGE = "site:call"

EDITION = Shape("edition.yaml", (
    Key("venue", "mapping", "the venue's rules: a `preset`, and any of its fields overridden; the proposal needs it", shape=VENUE_CHOICE, needed_by=("proposal",)),
    Key("citation_style", "choice", "`author-year` (Zhang et al., 2016; the default) or `numeric` [10]", choices=CITATION_STYLES, default=CITATION_STYLES[0]),
    Key("citation_order", "choice", "the reference list's order, which numbers it (default: `appearance` for numeric, `author` for author-year)", choices=CITATION_ORDERS),
    Key("dates", "mapping", "the edition's dates, written `YYYY-MM-DD`; the proposal, the call and a site with a call page need them", shape=DATES,
        needed_by=("proposal", "cfp", SITE_CALL_PAGE)),
    Key("submissions", "mapping", "the figures reviewer capacity is computed from; the proposal needs them", shape=SUBMISSIONS, needed_by=("proposal",)),
    Key("engine", "choice", "the TeX engine: `pdflatex` (default), or `lualatex` for names in scripts pdflatex cannot set (CJK)", choices=ENGINES, default=ENGINES[0]),
    Key("abstract", "prose", "the abstract's prose file"),
    Key("outcome", "mapping", "how the edition went, for later editions to cite", shape=OUTCOME),
    Key("sections", "list", "the proposal's numbered sections, in order; the proposal needs them", shape=SECTION, needed_by=("proposal",)),
))

LINK_MEANINGS = {"website": "their page, linked from their name", "scholar": "their Google Scholar page",
                 "github": "their GitHub page", "twitter": "their Twitter/X page", "bluesky": "their Bluesky page",
                 "linkedin": "their LinkedIn page"}

PERSON = Shape("person", (
    _text("id", "how roles and the schedule name them: `grace-hopper`", required=True),
    _text("name", "the name as printed", required=True, shown_while_tbd=True),
    _text("affiliation", "where they work", shown_while_tbd=True),
    _text("position", "their position, shown instead of the affiliation under their name: `Research Scientist at X`", shown_while_tbd=True),
    Key("email", "email", "their address", shown_while_tbd=True),
    _text("photo", "their photo: a path in the edition folder or an http(s) URL", shown_while_tbd=True),
    _text("openreview", "their OpenReview profile id: `~Grace_Hopper1`", shown_while_tbd=True),
    *(Key(name, "url", LINK_MEANINGS[name], shown_while_tbd=True) for name in LINKS),
    Key("bio", "prose", "a short biography (Markdown), written in place"),
    *(Key(name, "text", f"self-reported, for the diversity figures: {name.replace('_', ' ')}") for name in ATTRIBUTES),
))

PEOPLE = Shape("people.yaml", (Key("people", "list", "everyone the edition names, each written once", required=True, shape=PERSON),))

PARTICIPANT = Shape("participant", (
    Key("person", "person", "the person's id in people.yaml", required=True),
    Key("status", "choice", "whether they accepted", required=True, choices=STATUSES, shown_while_tbd=True),
))

ORGANIZER = Shape("organizer", (
    Key("person", "person", "the person's id in people.yaml", required=True),
    _text("role", "their role title: `Main coordinator`", shown_while_tbd=True),
))

COMMITTEE = Shape("committee", (
    _text("name", "how a block names it: `steering`", required=True),
    _text("title", "its heading: `Steering committee`", required=True, shown_while_tbd=True),
    Key("members", "list", "its members", required=True, shape=PARTICIPANT),
    Key("preliminary", "boolean", "the list is not final: its heading says \"(preliminary)\""),
))

ROLES = Shape("roles.yaml", (
    Key("organizers", "list", "the organizers: person ids, or `{person: id, role: title}`", required=True, shape=ORGANIZER, items="person"),
    Key("speakers", "list", "the invited speakers", shape=PARTICIPANT),
    Key("panelists", "list", "the panelists", shape=PARTICIPANT),
    Key("committee", "list", "the program committee", shape=PARTICIPANT),
    Key("committees", "list", "other committees (steering committee, senior PC, volunteers), in order", shape=COMMITTEE),
))

LABELS = Shape("labels", (
    *(Key(kind, "text", f"the label of a `{kind}` item") for kind in SCHEDULE_KINDS),
    *(Key(status, "text", f"the proposal's words for a speaker's or member's status `{status}` (default \"{words}\")")
      for status, words in STATUS_LABELS.items()),
))

PAPER_REFERENCE = "a paper of papers.csv, instead of its title, authors and link: its row there (`3`) or its title"

PAPER = Shape("paper", (
    _text("paper", PAPER_REFERENCE, shown_while_tbd=True),
    _text("title", "its title (required unless `paper` names it)", shown_while_tbd=True),
    _text("authors", "its authors or presenters, as printed", shown_while_tbd=True),
    Key("url", "url", "its page, paper or video"),
))

ITEM = Shape("item", (
    Key("kind", "choice", "what happens", required=True, choices=SCHEDULE_KINDS),
    Key("also", "list", "the kinds it is combined with: `[break]` for a poster session over coffee", items="choice", choices=SCHEDULE_KINDS),
    Key("start", "time", "when it starts (`9:00`, `14:30`, `2:30pm`); by default when the item before it ends"),
    Key("duration", "number", "its length in minutes; the last item may have none (open end)", default=None, minimum=1),
    Key("end", "time", "when it ends, instead of a duration"),
    Key("talks", "number", "talks in a contributed-talks slot (default 1, or the number of `papers`)", default=None, minimum=1),
    Key("speakers", "list", "invited speakers or panelists, by person id; a contributed talk's or poster's presenters, anyone in people.yaml", items="person"),
    _text("title", "the talk's title", shown_while_tbd=True),
    _text("abstract", "the talk's abstract: an invited talk's is shown under its speakers on the site's speakers page, any other's in the schedule's notes",
          shown_while_tbd=True),
    _text("paper", PAPER_REFERENCE, shown_while_tbd=True),
    _text("authors", "a contributed talk's authors or presenters, as printed", shown_while_tbd=True),
    Key("url", "url", "the talk's page, paper or video"),
    Key("papers", "list", "the contributed talks or posters of the slot", shape=PAPER),
    _text("note", "a note shown beside it, after its speakers or papers", shown_while_tbd=True),
    _text("label", "its label, instead of the computed one (\"Invited talk 3\")"),
))

SCHEDULE = Shape("schedule.yaml", (
    _text("timezone", "the label of the day's time zone: `BRT`; an IANA name or an offset (`UTC-3`) also places schedule.ics's times", shown_while_tbd=True),
    Key("zone", "timezone", "the day's time zone for schedule.ics when `timezone` is a label such as `BRT`: an IANA name (`America/Sao_Paulo`) or an offset"),
    Key("tentative", "boolean", "whether the schedule is tentative (printed \"Tentative schedule\")"),
    Key("clock", "choice", "how the outputs print times: `24h` (14:30, the default) or `12h` (2:30pm), however the items write them", choices=CLOCKS,
        default=CLOCKS[0]),
    Key("labels", "mapping", "the label of a kind of item, or the words for a status, instead of ours", shape=LABELS),
    Key("items", "list", "the day's items, in order", required=True, shape=ITEM),
))

TRACK_FORMAT = (
    Key("pages", "number", "pages a paper may have", default=None, minimum=1, shown_while_tbd=True),
    _text("extra_pages", "what may come beyond them"),
    Key("style_files", "url", "the LaTeX style files"),
)

TRACK = Shape("track", (_text("name", "the kind of paper: `Research papers`", required=True), *TRACK_FORMAT))

SUBMISSION_RULES = Shape("submission", (
    _text("system", "the submission system: `OpenReview`, `CMT`, `EasyChair`, or any other name", required=True),
    Key("url", "url", "where papers are submitted", required=True, shown_while_tbd=True),
    *TRACK_FORMAT,
    Key("tracks", "list", "kinds of paper, each with its own `pages`, `extra_pages` and `style_files` (instead of giving them here)", shape=TRACK),
    Key("anonymous", "boolean", "`true`: double-blind; `false`: single-blind", required=True, shown_while_tbd=True),
    Key("archival", "boolean", "whether accepted papers are archival", required=True, shown_while_tbd=True),
    _text("published", "where accepted papers appear, ending \"accepted papers appear ...\": `on OpenReview`, `in the proceedings of ...`, `in a special issue of ...`"),
    Key("dual_submission", "prose", "the dual-submission policy's prose file"),
), instead=(("tracks", tuple(key.name for key in TRACK_FORMAT)),))

CHALLENGE = Shape("challenge", (
    Key("text", "prose", "the challenge's prose file"),
    _text("prize", "what the winners get"),
))

CALL = Shape("call.yaml", (
    Key("aim", "prose", "the aim and topics", required=True),
    Key("submission", "mapping", "what submissions must be", required=True, shape=SUBMISSION_RULES),
    Key("challenge", "mapping", "a challenge beside the papers", shape=CHALLENGE),
    Key("reviewers", "prose", "the call for reviewers"),
    Key("contact", "email", "where to write (default: the series' contact)", shown_while_tbd=True),
))

PAGE = Shape("page", (
    _text("title", "the page's title"),
    _text("layout", "the Jekyll layout (default `page`)"),
    _text("slug", "its address under the prefix"),
    Key("nav_order", "number", "its place in the menu"),
    Key("nav", "boolean", "whether the theme's menu lists it (default `true`)", default=True),
    Key("front_matter", "mapping", "more front-matter keys for the theme, each a text, number or boolean: `{description: ..., toc: true}`"),
    Key("prose", "list", "prose files the page opens with (default: none; the description page: the first section's)", items="prose"),
))

PAGES = Shape("pages", tuple(Key(kind, "mapping", f"the {title.lower()} page", shape=PAGE) for kind, (title, _) in SITE_DEFAULTS.items()))

SITE = Shape("site.yaml", (
    _text("room", "the workshop's room", shown_while_tbd=True),
    _text("prefix", "where the pages live: `<prefix>/<slug>/` (default `/<edition>`)"),
    Key("allow_html", "boolean", "raw HTML in prose and bios reaches the pages as HTML (default: false, it shows as text)"),
    Key("conference_schedule", "url", "the conference's own page of the workshop's programme, linked from the schedule page"),
    Key("pages", "mapping", "the pages to build, each with its front matter (default: all)", shape=PAGES),
))

# papers.csv's columns, matched whatever their case; OpenReview's export names the link `forum`.
PAPERS = Shape("papers.csv", (
    _text("title", "the paper's title", required=True),
    _text("authors", "its authors as printed: `Ada Lovelace, Alan Turing` (OpenReview's `|` between names reads as a comma)", required=True),
    Key("url", "url", "its page, an http(s) address; OpenReview's export gives it as `forum`"),
    Key("decision", "choice", "how it is presented; OpenReview's `Accept (Oral)` is `oral`, and its rejected or withdrawn papers are left out",
        required=True, choices=DECISIONS),
))
PAPER_COLUMN_ALIASES = {"forum": "url"}

# The shape of each source file, by its name in an edition folder (series.yaml beside them).
FILES = {"series.yaml": SERIES, "edition.yaml": EDITION, "people.yaml": PEOPLE, "roles.yaml": ROLES,
         "schedule.yaml": SCHEDULE, "call.yaml": CALL, "site.yaml": SITE,
         "papers.csv": PAPERS}
# The file kinds `proposalgen schema` writes a JSON Schema for.
KINDS_OF_FILES = {"series": SERIES, "edition": EDITION, "people": PEOPLE, "roles": ROLES, "schedule": SCHEDULE,
                  "call": CALL, "site": SITE, "venue": VENUE}
