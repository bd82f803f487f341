"""The venue's rules: a preset (the user's in data/venues/, else ours), with the edition's overrides."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from ..diagnostics import Diagnostics, did_you_mean
from ..model.edition import DocumentStyle, Venue
from ..vocabulary import PLACEHOLDER
from . import load
from .format import VENUE
from .format import VENUE_RULES as RULES
from .schema import Fields

VENUE_RULES = tuple(rule.name for rule in RULES)
USER_PRESETS = "venues"  # data/venues/<venue>-<year>.yaml, found before ours


def read_venue(fields: Fields | None, data: Path, diagnostics: Diagnostics) -> Venue | None:
    """The preset's rules with the edition's overrides; a venue without rules while the preset is
    TBD; None when the venue is not given or its preset is unknown (reported)."""
    if fields is None:
        return None
    preset_id = fields.read("preset")
    pending = fields.is_placeholder("preset")
    preset = None if pending else _preset(preset_id, fields, data, diagnostics)
    if preset is None:
        fields.finish()
        return _placeholder_venue(fields) if pending else None
    venue = _venue(preset_id, fields, preset, data)
    preset.finish()
    fields.finish()
    return venue


def _venue(preset_id: str, fields: Fields, preset: Fields, data: Path) -> Venue:
    rules = {key: _rule(key, fields, preset) for key in VENUE_RULES}
    style = _style(rules.pop("style"), data / USER_PRESETS / preset_id)
    return Venue(id=preset_id, **{**rules, "required_sections": tuple(word.lower() for word in rules["required_sections"] or ())},
                 location=fields.location, assumed=_assumed(preset, fields), style=style, note=preset.read("note"))


def _rule(key: str, fields: Fields, preset: Fields):
    """The edition's own value for ``key`` if it gives one (None while TBD), else the preset's."""
    if fields.is_placeholder(key):
        fields.node(key, required=False)  # reported as a placeholder
        return None
    return (fields if key in fields.locations() else preset).read(key)


def _style(style: Fields | None, kit: Path) -> DocumentStyle | None:
    """The ``style`` mapping, whose kit files are in ``kit`` (data/venues/<preset>/)."""
    if style is None:
        return None
    read = style.read_all("class", "options", "packages")
    read_style = DocumentStyle(document_class=read["class"], options=read["options"], files=tuple(_kit_files(style, kit)),
                               packages=read["packages"], location=style.location)
    style.finish()
    return read_style if read_style.document_class else None


def _kit_files(fields: Fields, kit: Path) -> list[Path]:
    """The style kit's files, each inside data/venues/<preset>/ (reported if not)."""
    places = ((str(node.value), load.location_of(node, fields.path)) for node in fields.read("files"))
    return [path for path in (load.named_file(kit, name, "style file", where, fields.diagnostics) for name, where in places) if path]


def _assumed(preset: Fields, fields: Fields) -> tuple[str, ...]:
    """The preset's values not read from the venue's page (its ``verified`` list), unless the
    edition gives its own."""
    verified = _verified(preset)
    given, own = preset.locations(), fields.locations()
    return tuple(key for key in VENUE_RULES if key in given and key not in own and key not in (*verified, "source_url")
                 and not preset.is_placeholder(key))


def _verified(preset: Fields) -> list[str]:
    """The fields the preset read from its ``source_url``; each one must be a field it gives."""
    verified = preset.read("verified")
    if verified and not preset.locations().get("source_url"):
        preset.error("required", "'verified' needs 'source_url': the page the verified values were read from", preset.node("verified"))
    given = [key for key in preset.locations() if key in VENUE_RULES and key != "source_url"]
    for name in (name for name in verified if name not in given):
        preset.error("value", f"'verified' lists fields the preset gives ({', '.join(given)}); got {name}", preset.node("verified"))
    return list(verified)




def _placeholder_venue(fields: Fields) -> Venue:
    """A venue not chosen yet: no rules to check, until a preset is named."""
    return Venue(id=PLACEHOLDER, name=PLACEHOLDER, year=None, page_limit=None, excludes=(), source_url="",
                 bio_word_limit=None, day_start=None, day_end=None, proposal_deadline=None, notification=None,
                 required_sections=(), speakers_confirmed=False, location=fields.location)


def available_presets() -> list[str]:
    """Our presets, shipped with the tool."""
    return _preset_names(Path(str(resources.files("proposalgen.venues"))))


def in_our_look(preset_id: str) -> bool:
    """Whether our preset ``preset_id`` leaves the proposal in our own look (gives no ``style``)."""
    text = (Path(str(resources.files("proposalgen.venues"))) / f"{preset_id}.yaml").read_text(encoding="utf-8")
    return "style" not in (yaml.safe_load(text) or {})


def user_presets(data: Path) -> list[str]:
    """The presets of data/venues/, beside series.yaml."""
    return _preset_names(data / USER_PRESETS)


def _preset_names(folder: Path) -> list[str]:
    return sorted(p.name.removesuffix(".yaml") for p in folder.glob("*.yaml")) if folder.is_dir() else []


def _preset(preset_id: str, fields: Fields, data: Path, diagnostics: Diagnostics) -> Fields | None:
    folder = _preset_folder(preset_id, data)
    if folder is None:
        if preset_id:
            _unknown_preset(preset_id, fields, data)
        return None
    path = folder / f"{preset_id}.yaml"
    if folder == data / USER_PRESETS and not load.named_file(folder, path.name, "venue preset", fields.key_location("preset"), diagnostics):
        return None
    node = load.load_yaml(path, diagnostics)
    return Fields.of(node, path, diagnostics, "", VENUE) if node is not None else None


def _preset_folder(preset_id: str, data: Path) -> Path | None:
    """Where the preset is: data/venues/ when the user has one of that name, else ours."""
    if preset_id in user_presets(data):
        return data / USER_PRESETS
    if preset_id in available_presets():
        return Path(str(resources.files("proposalgen.venues")))
    return None


def _unknown_preset(preset_id: str, fields: Fields, data: Path) -> None:
    ours, yours = available_presets(), user_presets(data)
    hint = f"presets: {', '.join(ours)}" + (f"; in data/{USER_PRESETS}/: {', '.join(yours)}" if yours else "")
    fields.error("ref", f"unknown venue preset '{preset_id}'{did_you_mean(preset_id, ours + yours)}", fields._values["preset"], hint=hint)

