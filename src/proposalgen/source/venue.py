"""The venue's rules: a preset of ours, with the edition's overrides."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from .. import load
from ..diagnostics import Diagnostics
from ..model import BLOCKS, PLACEHOLDER, Venue
from ..schema import Fields, describe, did_you_mean
from .format import VENUE

VENUE_RULES = ("name", "year", "page_limit", "excludes", "source_url", "bio_word_limit", "day_start", "day_end",
               "proposal_deadline", "required_sections", "speakers_confirmed")


def read_venue(fields: Fields | None, diagnostics: Diagnostics) -> Venue | None:
    """The preset's rules with the edition's overrides; a venue without rules while the preset is
    TBD; None when the venue is not given or its preset is unknown (reported)."""
    if fields is None:
        return None
    preset_id = fields.text("preset")
    pending = fields.is_placeholder("preset")
    preset = None if pending else _preset(preset_id, fields, diagnostics)
    if preset is None:
        fields.accept(VENUE_RULES)  # overrides of a preset that cannot be read are not unknown keys
        fields.finish()
        return _placeholder_venue(fields) if pending else None
    venue = _venue(preset_id, fields, preset)
    preset.accept(("note",))  # for people, not for the tool
    preset.finish()
    fields.finish()
    return venue


def _venue(preset_id: str, fields: Fields, preset: Fields) -> Venue:
    def value(key: str, read, required: bool = True):
        """The edition's own value for ``key`` if it gives one (None for TBD), else the preset's."""
        if fields.is_placeholder(key):
            preset.accept((key,))
            fields.node(key, required=False)  # reported as a placeholder
            return None
        if fields.node(key, required=False) is None:
            return read(preset, key, required=required)
        preset.accept((key,))  # overridden, which is not an unknown key
        return read(fields, key, required=False)

    return Venue(
        id=preset_id, name=value("name", Fields.text), year=value("year", Fields.integer),
        page_limit=value("page_limit", Fields.integer), excludes=tuple(value("excludes", _names) or ()),
        source_url=value("source_url", Fields.text), bio_word_limit=value("bio_word_limit", Fields.integer, required=False),
        day_start=value("day_start", Fields.time, required=False), day_end=value("day_end", Fields.time, required=False),
        proposal_deadline=value("proposal_deadline", Fields.date, required=False),
        required_sections=tuple(value("required_sections", _words, required=False) or ()),
        speakers_confirmed=bool(value("speakers_confirmed", Fields.boolean, required=False)), location=fields.location,
        # the preset's guesses, unless the edition gives its own value
        assumed=tuple(key for key in _words(preset, "assumed", required=False) if key not in fields.locations()),
    )


def _placeholder_venue(fields: Fields) -> Venue:
    """A venue not chosen yet: no rules to check, until a preset is named."""
    return Venue(id=PLACEHOLDER, name=PLACEHOLDER, year=None, page_limit=None, excludes=(), source_url="",
                 bio_word_limit=None, day_start=None, day_end=None, proposal_deadline=None, required_sections=(),
                 speakers_confirmed=False, location=fields.location)


def available_presets() -> list[str]:
    folder = resources.files("proposalgen.venues")
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def _preset(preset_id: str, fields: Fields, diagnostics: Diagnostics) -> Fields | None:
    if preset_id not in available_presets():
        if preset_id:
            fields.error("ref", f"unknown venue preset '{preset_id}'{did_you_mean(preset_id, available_presets())}", fields._values["preset"], hint=f"presets: {', '.join(available_presets())}")
        return None
    path = Path(str(resources.files("proposalgen.venues") / f"{preset_id}.yaml"))
    node = load.load_yaml(path, diagnostics)
    return Fields.of(node, path, diagnostics, "", VENUE) if node is not None else None


def _words(fields: Fields, key: str, required: bool = True) -> list[str]:
    return [str(n.value).lower() for n in fields.sequence(key, required=required) if isinstance(n, yaml.ScalarNode)]


def _names(fields: Fields, key: str, required: bool = True) -> list[str]:
    names = []
    for node in fields.sequence(key, required=required):
        if isinstance(node, yaml.ScalarNode) and node.value in (*BLOCKS, "references"):
            names.append(node.value)
        else:
            fields.error("value", f"'{key}' lists parts among schedule, organizers, committee, references; got {getattr(node, 'value', describe(node))}", node)
    return names
