"""Venue presets: ours read cleanly, a user's in data/venues/ is a recorded input of the build."""
import datetime

import pytest

from proposalgen.diagnostics import Diagnostics
from proposalgen.source import load
from proposalgen.source.format import EDITION
from proposalgen.source.schema import Fields
from proposalgen.source.venue import available_presets, read_venue

from conftest import make_data


def venue_of(data, preset: str, diagnostics: Diagnostics, overrides: str = ""):
    """The venue an edition naming ``preset``, with ``overrides`` (``key: value, ...``), reads."""
    edition = data / "2030" / "venue.yaml"
    edition.write_text(f"venue: {{preset: {preset}{', ' if overrides else ''}{overrides}}}\n")
    fields = Fields.of(load.load_yaml(edition, diagnostics), edition, diagnostics, "", EDITION)
    return read_venue(fields.mapping("venue"), data, diagnostics)


@pytest.mark.parametrize("preset", available_presets())
def test_every_shipped_preset_reads_without_diagnostics(preset, tmp_path):
    diagnostics = Diagnostics()
    venue = venue_of(make_data(tmp_path), preset, diagnostics)
    assert diagnostics.sorted() == []
    assert f"{venue.name.lower()}-{venue.year}" == preset


def test_shipped_presets_are_the_issues_nine_and_three_in_a_venues_class():
    assert available_presets() == ["ecir-2026", "iclr-2024", "iclr-2025", "iclr-2026", "icml-2024", "icml-2025", "icml-2026",
                                   "icra-2026", "icse-2026", "neurips-2023", "neurips-2024", "neurips-2025"]


def test_the_proposal_deadline_keeps_its_time_and_zone(tmp_path):
    venue = venue_of(make_data(tmp_path), "iclr-2026", Diagnostics())
    assert str(venue.proposal_deadline) == "2025-10-10 23:59 AoE"
    assert venue.proposal_deadline.instant == datetime.datetime(2025, 10, 11, 11, 59, tzinfo=datetime.UTC)
    assert venue.notification == datetime.date(2026, 3, 1)
    assert venue.assumed == ("page_limit", "excludes", "required_sections")


@pytest.mark.parametrize("written, meant", [
    ("2029-10-10", "2029-10-10 23:59 AoE"),
    ("2029-10-10 17:00 Europe/Paris", "2029-10-10 17:00 Europe/Paris"),
    ("2029-10-10 9:30 utc+5:30", "2029-10-10 09:30 UTC+5:30"),
])
def test_a_proposal_deadline_is_a_day_with_an_optional_time_and_zone(written, meant, tmp_path):
    diagnostics = Diagnostics()
    venue = venue_of(make_data(tmp_path), "iclr-2026", diagnostics, f"proposal_deadline: {written}")
    assert diagnostics.sorted() == [] and str(venue.proposal_deadline) == meant


def test_a_preset_without_verified_values_is_all_assumed(tmp_path):
    venue = venue_of(make_data(tmp_path), "icml-2025", Diagnostics())
    assert venue.assumed == ("name", "year", "page_limit", "excludes", "required_sections")
    assert venue.proposal_deadline is None and venue.notification is None


@pytest.mark.engine
def test_a_user_preset_is_an_input_of_the_build(tmp_path, run):
    data = make_data(tmp_path)
    (data / "venues").mkdir()
    preset = data / "venues" / "iclr-2026.yaml"
    preset.write_text("name: ICLR\nyear: 2030\npage_limit: 4\nexcludes: [references, organizers, committee]\n")
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    assert run("build", "proposal") == (0, "up to date: build/2030/proposal.pdf\n")
    preset.write_text(preset.read_text().replace("name: ICLR", "name: ICLR (lab copy)"))
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
