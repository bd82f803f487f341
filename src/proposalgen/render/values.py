"""Prose values: the edition's prose with its ``{{ values }}`` filled in, once the edition is
read and before it is checked, so that the checks see each text as the documents show it."""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from types import MappingProxyType

from ..diagnostics import Diagnostics
from ..model.edition import Edition, Prose


def with_values_filled(edition: Edition, diagnostics: Diagnostics) -> Edition:
    """``edition`` with the ``{{ values }}`` of its prose filled in from ``edition.values``, each
    problem reported at the text as written; a text the model holds in two places (a section's
    prose on a site page, a person in two roles) is filled in once."""
    if not any(_has_values(prose) for prose in edition.prose):
        return edition
    from .filling import parse_filled  # Jinja: imported only when some prose has values

    def filled(prose: Prose) -> Prose:
        return parse_filled(prose.markdown, prose.location, edition.values, diagnostics) if _has_values(prose) else prose

    return _replaced(edition, filled, {})


def _has_values(prose: Prose) -> bool:
    return "{{" in prose.markdown or "{%" in prose.markdown


# What holds no prose, however deep: not walked.
_LEAVES = (str, int, float, type(None))


def _replaced(value, replace: Callable[[Prose], Prose], done: dict[int, object]):
    """``value`` with each prose in it, however deep, replaced by ``replace(prose)``: a frozen
    object holding one is copied with it, one holding none kept as it is; an object met again
    (``done``, by its id) is the one made the first time, so the model stays shared as it was."""
    if isinstance(value, _LEAVES):
        return value
    if id(value) not in done:
        done[id(value)] = _rebuilt(value, replace, done)
    return done[id(value)]


def _rebuilt(value, replace: Callable[[Prose], Prose], done: dict[int, object]):
    if isinstance(value, Prose):
        return replace(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {name: getattr(value, name) for name in _prose_fields(type(value))}
        changed = {name: new for name, old in fields.items() if (new := _replaced(old, replace, done)) is not old}
        return dataclasses.replace(value, **changed) if changed else value
    if isinstance(value, (tuple, list)):
        items = [_replaced(item, replace, done) for item in value]
        return type(value)(items) if any(new is not old for new, old in zip(items, value)) else value
    if isinstance(value, (dict, MappingProxyType)):
        entries = {key: _replaced(item, replace, done) for key, item in value.items()}
        same = all(entries[key] is item for key, item in value.items())
        return value if same else MappingProxyType(entries) if isinstance(value, MappingProxyType) else entries
    return value


@functools.cache
def _prose_fields(cls: type) -> tuple[str, ...]:
    """The fields of the dataclass ``cls`` whose values may hold prose, by their types: a walk of
    the model skips the rest (a committee of 2,000 people holds its prose in their bios only)."""
    hints = typing.get_type_hints(cls)
    return tuple(field.name for field in dataclasses.fields(cls) if field.init and _may_hold_prose(hints[field.name], frozenset({cls})))


# Values of these types hold no prose; any other type that is neither a dataclass nor a container
# said item by item (a mapping proxy, `object`) is walked, as it may.
_NO_PROSE = (str, int, float, bool, type(None), bytes)


def _may_hold_prose(hint, seen: frozenset) -> bool:
    if hint is Prose:
        return True
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return hint not in seen and any(_may_hold_prose(h, seen | {hint}) for h in typing.get_type_hints(hint).values())
    if typing.get_origin(hint) in (typing.Union, types.UnionType, tuple, list, frozenset, MappingProxyType, dict):
        return any(_may_hold_prose(arg, seen) for arg in typing.get_args(hint) if arg is not Ellipsis)
    if isinstance(hint, type) and (issubclass(hint, _NO_PROSE) or hint.__module__ in ("pathlib", "datetime", "re")):
        return False
    return True
