"""Typed reading of YAML nodes: every problem becomes a diagnostic, nothing raises."""
from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path
from types import MappingProxyType
from typing import TypeGuard, TypeVar, overload

import yaml

from ..diagnostics import Diagnostics, Location, did_you_mean
from ..model.edition import Deadline, link_allowed
from ..vocabulary import PLACEHOLDER
from .format import AOE, EMAIL, Key
from .load import location_of

_Default = TypeVar("_Default")  # what a reading gives when the value is not given, or wrong

_TYPE_NAMES = {
    yaml.MappingNode: "a mapping",
    yaml.SequenceNode: "a list",
    yaml.ScalarNode: "a single value",
}
_TAG_NAMES = {
    "tag:yaml.org,2002:str": "text",
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "nothing",
    "tag:yaml.org,2002:timestamp": "a date",
}


# What text may be written as: `title: 2030` or `title: 2030-01-15` are texts as written too.
_TEXT_TAGS = tuple(f"tag:yaml.org,2002:{tag}" for tag in ("str", "int", "float", "timestamp"))
_TIMESTAMP = yaml.constructor.SafeConstructor.timestamp_regexp  # what YAML reads as a date, untagged


def _shown(text: str) -> str:
    """``text`` quoted, or its beginning when it is long."""
    return f"'{text}'" if len(text) <= 40 else f"'{text[:20]}...' ({len(text):,} characters)"


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return _TAG_NAMES.get(node.tag, "a value")
    return _TYPE_NAMES[type(node)]


class Fields:
    """The keys of one YAML mapping, read by type. With a ``shape`` (the format's declaration of
    the mapping, source/format.py), ``finish`` reports the keys it does not declare; without one,
    the keys nobody read."""

    def __init__(self, node: yaml.MappingNode, path: Path, diagnostics: Diagnostics, context: str, shape=None,
                 targets: frozenset[str] = frozenset()):
        self.path, self.diagnostics, self.context, self.shape = path, diagnostics, context, shape
        self.targets = targets  # the outputs being made, which decide the keys required (Key.needed_by)
        self.location = location_of(node, path)
        self._values: dict[str, yaml.Node] = {}
        self._keys: dict[str, yaml.Node] = {}
        self._read: set[str] = set()
        self._placeholders: set[str] = set()
        self._silent = False
        for key_node, value_node in node.value:
            self._add(key_node, value_node)

    @classmethod
    def unreadable(cls, path: Path, diagnostics: Diagnostics, shape) -> Fields:
        """The fields of a file that could not be read (reported): they hold nothing, and no key
        is reported missing from them."""
        fields = cls(yaml.MappingNode("tag:yaml.org,2002:map", [], yaml.Mark(str(path), 0, 0, 0, None, 0)), path, diagnostics, "", shape)
        fields._silent = True
        return fields

    @classmethod
    def of(cls, node, path, diagnostics, context, shape=None, targets: frozenset[str] = frozenset()) -> Fields | None:
        if isinstance(node, yaml.MappingNode):
            return cls(node, path, diagnostics, context, shape, targets)
        where = f"{context}: expected" if context else "the file must hold"
        diagnostics.error("type", f"{where} a mapping (key: value lines), got {describe(node)}", location_of(node, path))
        return None

    def _add(self, key_node: yaml.Node, value_node: yaml.Node) -> None:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
        if key in self._keys:
            first = self._keys[key].start_mark.line + 1
            self.error("duplicate", f"duplicate key '{key}' (first given on line {first})", key_node)
            return
        self._keys[key], self._values[key] = key_node, value_node

    def error(self, code: str, message: str, node: yaml.Node | None = None, hint: str = "") -> None:
        where = location_of(node, self.path) if node is not None else self.location
        self.diagnostics.error(code, f"{self.context}: {message}" if self.context else message, where, hint)

    def node(self, key: str, required: bool = True) -> yaml.Node | None:
        if self.shape is not None and key not in self.shape.names():
            raise KeyError(f"'{key}' is read but not declared in the format's {self.shape.name} (source/format.py)")
        self._read.add(key)
        value = self._values.get(key)
        if _is_placeholder(value):
            self._report_placeholder(key, value)
            return None
        if value is None and required and not self._silent and not self._misspelt(key):
            self.error("required", f"missing required field '{key}'")
        if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):
            if required:
                self.error("required", f"'{key}' is empty", value)
            return None
        return value

    def is_placeholder(self, key: str) -> bool:
        return _is_placeholder(self._values.get(key))

    def _report_placeholder(self, key: str, value: yaml.ScalarNode) -> None:
        if key not in self._placeholders:
            self._placeholders.add(key)
            where = f"{self.context}: " if self.context else ""
            self.diagnostics.warning("placeholder", f"{where}'{key}' is still {PLACEHOLDER}: fill it in", location_of(value, self.path))

    def _misspelt(self, key: str) -> bool:
        """Whether an unknown key looks like ``key``: ``finish`` reports that one instead."""
        known = self._known()
        return bool(difflib.get_close_matches(key, [k for k in self._keys if k not in known], n=1, cutoff=0.75))

    def locations(self) -> MappingProxyType:
        """The location of each value given, by key."""
        return MappingProxyType({key: location_of(node, self.path) for key, node in self._values.items()})

    def key_location(self, key: str) -> Location:
        node = self._values.get(key)
        return location_of(node, self.path) if node is not None else self.location

    @overload
    def text(self, key: str, required: bool = True, default: str = "") -> str: ...

    @overload
    def text(self, key: str, required: bool = True, *, default: _Default) -> str | _Default: ...

    def text(self, key: str, required: bool = True, default: str | _Default = "") -> str | _Default:
        node = self.node(key, required)
        if node is None:
            return default
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _TEXT_TAGS:
            self.error("type", f"'{key}' must be text, got {describe(node)}", node)
            return default
        text = str(node.value).strip()
        if text == PLACEHOLDER:  # written quoted, "TBD" is as much a value still to fill in
            self._report_placeholder(key, node)
        if "\t" in str(node.value):  # before it is stripped: "Ana Ruiz<TAB>" reads as "Ana Ruiz"
            self.diagnostics.warning("whitespace", f"{self.context + ': ' if self.context else ''}'{key}' holds a TAB: '{node.value}'",
                                     location_of(node, self.path), hint="the documents print it as a space or drop it: write a space, or nothing")
        return text

    def url(self, key: str, required: bool = True) -> str:
        """An address the outputs link to (``model.link_allowed``); another is reported and left out."""
        url = self.text(key, required)
        if url and not link_allowed(url):
            self.error("link", f"'{key}' must be a web address (https://...) or mailto:, got '{url}'", self._values[key])
            return ""
        return url

    def shown_text(self, key: str, required: bool = True) -> str:
        """Text that outputs show: the placeholder itself while it is TBD (reported), never empty."""
        return self.placeholder_or(key, lambda name: self.text(name, required))

    def placeholder_or(self, key: str, read):
        """``read(key)``, or the placeholder itself while the value is TBD (reported as such)."""
        if self.is_placeholder(key):
            self.node(key)  # reports the placeholder
            return PLACEHOLDER
        return read(key)

    def choice(self, key: str, choices: tuple[str, ...], required: bool = True, default: str = "") -> str:
        value = self.text(key, required, default)
        if value and value not in choices:
            self.error("value", f"'{key}' must be one of {', '.join(choices)}; got '{value}'{did_you_mean(value, choices)}", self._values[key])
            return default
        return value

    @overload
    def integer(self, key: str, required: bool = True, default: int = 0, minimum: int | None = None) -> int: ...

    @overload
    def integer(self, key: str, required: bool = True, *, default: _Default, minimum: int | None = None) -> int | _Default: ...

    def integer(self, key: str, required: bool = True, default: int | _Default = 0, minimum: int | None = None) -> int | _Default:
        """The whole number; ``default`` when it is not given, or wrong (reported)."""
        node = self._scalar(key, required, "int", "a whole number")
        if node is None:
            return default
        try:
            number = int(yaml.SafeLoader("").construct_yaml_int(node))
        except ValueError:  # tagged `!!int ten`, or past Python's 4,300 digits
            self.error("type", f"'{key}' must be a whole number of at most 4,300 digits, got {_shown(node.value)}", node)
            return default
        if minimum is not None and number < minimum:
            self.error("value", f"'{key}' must be at least {minimum}, got {number}", node)
            return default
        return number

    def boolean(self, key: str, required: bool = True, default: bool = False) -> bool:
        node = self._scalar(key, required, "bool", "true or false")
        return default if node is None else node.value.lower() in ("true", "yes", "on")

    def date(self, key: str, required: bool = True) -> datetime.date | None:
        node = self._scalar(key, required, "timestamp", "a date written YYYY-MM-DD")
        if node is None:
            return None
        if not _TIMESTAMP.match(node.value):  # tagged `!!timestamp soon`: the tag is all that made it one
            self.error("type", f"'{key}' must be a date written YYYY-MM-DD, got {_shown(node.value)}", node)
            return None
        try:
            value = yaml.SafeLoader("").construct_yaml_timestamp(node)
        except ValueError as e:  # 2026-02-30 has the form of a date, not a day of the calendar
            self.error("type", f"'{key}' is not a day of the calendar: {node.value} ({e})", node)
            return None
        if isinstance(value, datetime.datetime):  # its time would be dropped without a word
            self.error("type", f"'{key}' must be a date written YYYY-MM-DD, got a date and time: {node.value}", node,
                       hint="a date is a whole day; times of day belong in schedule.yaml")
            return None
        return value

    def _scalar(self, key: str, required: bool, tag: str, what: str) -> yaml.ScalarNode | None:
        """The value of ``key`` if it is a scalar YAML resolved to ``tag``; else None, reported."""
        node = self.node(key, required)
        if node is None:
            return None
        if not (isinstance(node, yaml.ScalarNode) and node.tag == f"tag:yaml.org,2002:{tag}"):
            self.error("type", f"'{key}' must be {what}, got {describe(node)}", node)
            return None
        return node

    def time(self, key: str, required: bool = True) -> int | None:
        """A time of day as minutes after midnight, written H:MM (24-hour) or with am/pm."""
        node = self.node(key, required)
        if node is None:
            return None
        minutes = _minutes(node.value) if isinstance(node, yaml.ScalarNode) else None
        if minutes is None:
            self.error("type", f"'{key}' must be a time of day written H:MM (24-hour) or H:MMam/pm, got '{node.value if isinstance(node, yaml.ScalarNode) else describe(node)}'", node)
        return minutes

    def sequence(self, key: str, required: bool = True) -> list[yaml.Node]:
        node = self.node(key, required)
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error("type", f"'{key}' must be a list, got {describe(node)}", node)
            return []
        return list(node.value)

    def mapping(self, key: str, required: bool = True) -> Fields | None:
        node = self.node(key, required)
        if node is None:
            return None
        shape = self.shape.shape_of(key) if self.shape is not None else None
        return Fields.of(node, self.path, self.diagnostics, self._inner(key), shape, self.targets)

    def _inner(self, key: str) -> str:
        return f"{self.context}.{key}" if self.context else key

    def read(self, name: str, required: bool | None = None):
        """The value of ``name`` as the format declares it: read by its kind, required where the
        declaration says (for the outputs being made) unless its place decides (``required``:
        a schedule's first start), its declared default when not given; for a mapping, its
        Fields; for a list, its items."""
        key = self._declared(name)
        required = key.required_for(self.targets) if required is None else required
        if name not in self._values and not required:  # most keys of most mappings: said fast
            self._read.add(name)
            return key.when_missing
        if key.shown_while_tbd and self.is_placeholder(name):
            self.node(name)  # reports the placeholder
            return PLACEHOLDER
        return _KIND_READERS[key.kind](self, key, required)

    def read_all(self, *names: str) -> dict:
        """The values of ``names``, or of every key declared that reads to a value (not a mapping or
        a list of mappings, which their own readers take on), by name."""
        chosen = names or tuple(k.name for k in self.shape.keys if k.kind != "mapping" and not k.shape)
        return {name: self.read(name) for name in chosen}

    def items(self, name: str) -> list[Fields | None]:
        """Each item of the list ``name`` as the Fields of its declared shape; None for an item
        that is not a mapping (reported)."""
        key = self._declared(name)
        return [Fields.of(node, self.path, self.diagnostics, f"{self._inner(name)}[{index}]", key.shape, self.targets)
                for index, node in enumerate(self.sequence(name, key.required_for(self.targets)))]

    def _declared(self, name: str) -> Key:
        key = self.shape.key(name) if self.shape is not None else None
        if key is None:
            raise KeyError(f"'{name}' is read but not declared in the format (source/format.py)")
        return key

    def timezone(self, key: str) -> tuple[str, datetime.tzinfo]:
        """A time zone as (label, zone): AoE in any case, UTC or GMT with an offset, or an IANA
        name; AoE when not given; a wrong one is reported (and read as AoE, so the dates are
        still checked)."""
        text = self.text(key, required=False, default="AoE")
        zone = time_zone(text)
        if zone is None:
            self.error("value", f"unknown time zone '{text}'", self._values[key],
                       hint="write AoE, UTC, an offset such as UTC-8 or UTC+5:30, or an IANA name such as America/Los_Angeles")
            return "AoE", AOE
        return zone

    def email(self, key: str, required: bool = True) -> str:
        """An email address (format.EMAIL, the JSON Schemas' rule too); another is reported and left out."""
        address = self.text(key, required)
        if address and address != PLACEHOLDER and not EMAIL.fullmatch(address):
            self.error("value", f"'{key}' must be an email address (name@example.org), got '{address}'", self._values[key])
            return ""
        return address

    def names(self, key: str, choices: tuple[str, ...], required: bool = True, noun: str = "") -> tuple[str, ...]:
        """A list of words among ``choices`` (``noun``: what they are); another is reported, naming
        the closest, and left out."""
        names = []
        for node in self.sequence(key, required):
            name = _shown_value(node)
            if name in choices:
                names.append(name)
            else:
                self.error("value", f"'{key}' lists {noun or 'any of ' + ', '.join(choices)}; '{name}' is none{did_you_mean(name, choices)}", node)
        return tuple(names)

    def words(self, key: str, required: bool = True) -> tuple[str, ...]:
        """A list of texts; an item that is not one is reported and left out."""
        words = []
        for node in self.sequence(key, required):
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith((":str", ":int", ":float")):
                words.append(str(node.value))
            else:
                self.error("type", f"'{key}' lists words, got {describe(node)}", node)
        return tuple(words)

    def deadline(self, key: str, required: bool = True) -> Deadline | None:
        """A deadline written ``2025-10-10 23:59 AoE``: the time (23:59) and zone (AoE) may be left out."""
        node = self.node(key, required)
        if node is None:
            return None
        match = _DEADLINE.fullmatch(str(node.value).strip()) if isinstance(node, yaml.ScalarNode) else None
        deadline = _deadline_of(*match.groups()) if match else None
        if deadline is None:
            self.error("type", f"'{key}' must be a day, a time and a time zone, such as 2025-10-10 23:59 AoE; got '{_shown_value(node)}'", node,
                       hint="the day is YYYY-MM-DD, the time H:MM (24-hour), the zone AoE, UTC±H or an IANA name")
        return deadline

    def single_value(self, key: str) -> str | int | bool | None:
        """A key of a mapping the format leaves open (a page's front matter): a text, number or
        boolean as YAML typed it; None when it is none (reported) or empty."""
        node = self.node(key, required=False)
        tag = node.tag if node is not None else ""
        if tag.endswith(":bool"):
            return self.boolean(key)
        if tag.endswith(":int"):
            return self.integer(key)
        return self.text(key, required=False, default=None)

    def refuse_replaced(self) -> None:
        """Reports each key given beside the key the shape says replaces it (``Shape.instead``)."""
        for key, replaced in self.shape.instead:
            for name in (name for name in replaced if key in self._values and name in self._values):
                self.error("value", f"'{name}' goes in each of '{key}' when there are {key}", self._values[name])

    def finish(self) -> None:
        known = self._known()
        for key, key_node in self._keys.items():
            if key not in known:
                self.error("key", f"unknown key '{key}'{did_you_mean(key, known)}", key_node)

    def _known(self) -> set[str]:
        return self._read | set(self.shape.names()) if self.shape is not None else self._read


def _list(fields: Fields, key: Key, required: bool):
    """Names among choices, or texts; else the items' nodes, for a reader that places each item
    (a file, a person, a mapping)."""
    if key.items == "choice":
        return fields.names(key.name, key.choices, required, key.noun)
    if key.items == "text" and not key.pattern:
        return fields.words(key.name, required)
    nodes = [node for node in fields.sequence(key.name, required) if not key.pattern or _matches(fields, key, _shown_value(node), node)]
    return tuple(str(node.value) for node in nodes) if key.items == "text" else nodes


def _shown_value(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else describe(node)


def _text(fields: Fields, key: Key, required: bool) -> str:
    text = fields.text(key.name, required, default=key.when_missing)
    return text if not (key.pattern and text) or _matches(fields, key, text, fields.node(key.name)) else key.when_missing


def _matches(fields: Fields, key: Key, text: str, node) -> bool:
    """Whether ``text`` matches the key's pattern whole; if not, reported (at ``node``)."""
    if key.matcher.fullmatch(str(text)):
        return True
    fields.error("value", f"'{key.name}' takes {key.noun}, such as {key.example}; got '{text}'", node)
    return False


# How a key of each kind is read: (fields, its declaration, whether it is required now) -> value.
_KIND_READERS = {
    "text": _text,
    "person": _text,
    "prose": _text,
    "number": lambda f, k, r: f.integer(k.name, r, default=k.when_missing, minimum=k.minimum),
    "boolean": lambda f, k, r: f.boolean(k.name, r, default=k.when_missing),
    "date": lambda f, k, r: f.date(k.name, r),
    "deadline": lambda f, k, r: f.deadline(k.name, r),
    "time": lambda f, k, r: f.time(k.name, r),
    "timezone": lambda f, k, r: f.timezone(k.name),
    "choice": lambda f, k, r: f.choice(k.name, k.choices, r, default=k.when_missing),
    "url": lambda f, k, r: f.url(k.name, r),
    "email": lambda f, k, r: f.email(k.name, r),
    "list": _list,
    "mapping": lambda f, k, r: f.mapping(k.name, r),
}

_DEADLINE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:\s+(\d{1,2}:\d{2}))?(?:\s+(\S+))?")


def _deadline_of(day: str, time: str | None, zone: str | None) -> Deadline | None:
    try:
        date, clock = datetime.date.fromisoformat(day), datetime.datetime.strptime(time or "23:59", "%H:%M").time()
    except ValueError:  # a day off the calendar, or a time past 23:59
        return None
    named = time_zone(zone or "AoE")
    return Deadline(date, clock, *named) if named else None


_UTC_OFFSET = re.compile(r"^(UTC|GMT)(?:\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?)?$", re.IGNORECASE)


def time_zone(text: str) -> tuple[str, datetime.tzinfo] | None:
    """(label, zone) for AoE, UTC±H[:MM] or an IANA name (through zoneinfo); None for others."""
    if text.casefold() == "aoe":
        return "AoE", AOE
    offset = _UTC_OFFSET.match(text)
    if offset:
        return _utc_offset(offset)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return text, ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _utc_offset(match: re.Match) -> tuple[str, datetime.tzinfo] | None:
    if not match[2]:
        return "UTC", datetime.UTC
    sign = -1 if match[2] in "-−" else 1
    hours, minutes = int(match[3]), int(match[4] or 0)
    if hours > 14 or minutes > 59:
        return None
    label = f"UTC{'-' if sign < 0 else '+'}{hours}" + (f":{minutes:02d}" if minutes else "")
    return label, datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes), label)


def _is_placeholder(node: yaml.Node | None) -> TypeGuard[yaml.ScalarNode]:
    # A plain scalar's style is None from PyYAML's composer and '' from libyaml's.
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") and node.value == PLACEHOLDER and not node.style


_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?$", re.IGNORECASE)


def _minutes(text: str) -> int | None:
    """Minutes after midnight of ``9:00``, ``09:00``, ``14:30``, ``2:05pm``, ``9am`` or ``12pm``
    (noon); a time without am/pm needs its minutes."""
    match = _TIME.match(str(text).strip())
    if match is None or (match[2] is None and match[3] is None):
        return None
    hours, minutes = int(match[1]), int(match[2] or 0)
    if match[3] is not None:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if match[3].lower() == "p" else 0)
    return hours * 60 + minutes if hours <= 23 and minutes <= 59 else None
