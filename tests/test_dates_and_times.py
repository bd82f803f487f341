"""Time zones in every usual spelling, through zoneinfo; deadlines at the end of their day there."""
import datetime
import json
import shutil

import pytest
from icalendar import Calendar

from proposalgen.cli import main
from proposalgen.source.schema import time_zone

from conftest import ROOT


@pytest.mark.parametrize("written, label, offset_hours", [
    ("AoE", "AoE", -12), ("AOE", "AoE", -12), ("aoe", "AoE", -12), ("UTC", "UTC", 0), ("gmt", "UTC", 0),
    ("UTC-12", "UTC-12", -12), ("UTC+1", "UTC+1", 1), ("UTC+5:30", "UTC+5:30", 5.5), ("UTC−8", "UTC-8", -8),
    ("America/Los_Angeles", "America/Los_Angeles", -8), ("Europe/Paris", "Europe/Paris", 1),
])
def test_time_zones_in_usual_spellings(written, label, offset_hours):
    shown, zone = time_zone(written)
    winter = datetime.datetime(2026, 1, 30, tzinfo=zone)
    assert (shown, winter.utcoffset()) == (label, datetime.timedelta(hours=offset_hours))


@pytest.mark.parametrize("written", ["PST", "UTC+15", "UTC-8:75", "Mars/Olympus", "../../etc/passwd", "", "AoE+1"])
def test_other_time_zones_are_refused(written):
    assert time_zone(written) is None


def _example_with_timezone(tmp_path, written: str):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    edition = data / "2026" / "edition.yaml"
    edition.write_text(edition.read_text().replace("  timezone: AoE\n", f"  timezone: {written}\n"))
    assert f"timezone: {written}\n" in edition.read_text()
    return data


def _deadline_end(out, name: str) -> datetime.datetime:
    calendar = Calendar.from_ical((out / "dates.ics").read_bytes())
    event = next(e for e in calendar.walk("VEVENT") if str(e["uid"]).endswith(f"-{name}@proposalgen"))
    return event["dtend"].dt


@pytest.mark.engine
@pytest.mark.parametrize("written, end_utc", [("AOE", "2026-01-31 12:00"), ("America/Los_Angeles", "2026-01-31 08:00")])
def test_call_for_papers_builds_with_any_spelling(tmp_path, written, end_utc, capsys):
    data = _example_with_timezone(tmp_path, written)
    assert main(["check", "--data", str(data), "--for", "cfp"]) == 0
    assert main(["build", "cfp", "--data", str(data), "--out", str(tmp_path / "build")]) == 0
    end = _deadline_end(tmp_path / "build" / "2026", "submission_deadline")
    assert end == datetime.datetime.fromisoformat(end_utc).replace(tzinfo=datetime.UTC)


@pytest.mark.engine
def test_an_unknown_time_zone_fails_check_and_build_alike(tmp_path, capsys):
    data = _example_with_timezone(tmp_path, "PST")
    expected = ("data/2026/edition.yaml:9:13: error: dates: unknown time zone 'PST' [value]\n"
                "  hint: write AoE, UTC, an offset such as UTC-8 or UTC+5:30, or an IANA name such as America/Los_Angeles\n")
    for command in (["check"], ["build", "cfp", "--out", str(tmp_path / "build")]):
        assert main([*command, "--data", str(data)]) == 1
        assert capsys.readouterr().err.replace(str(tmp_path) + "/", "") == expected


@pytest.mark.engine
def test_a_page_limit_written_tbd_is_not_the_presets(tmp_path, run):
    from conftest import make_data

    data = make_data(tmp_path)
    edition = data / "2030" / "edition.yaml"
    edition.write_text(edition.read_text().replace("  preset: iclr-2026\n", "  preset: iclr-2026\n  page_limit: TBD\n"))
    assert run("build", "proposal")[0] == 0
    report = json.loads((tmp_path / "build" / "2030" / "report.json").read_text())
    assert report["pages"]["proposal"]["limit"] is None
