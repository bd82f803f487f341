"""After acceptance: papers.csv gives the papers page and the contributed talks their papers;
schedule.ics gives the day, read back with icalendar."""
import datetime
import re
import shutil
from zoneinfo import ZoneInfo

from icalendar import Calendar

from proposalgen.cli import main

from conftest import HOSTILE, ROOT, make_data

PAPERS = """title,authors,url,decision
Careful Baselines,"Ada Lovelace, Grace Hopper",https://openreview.net/forum?id=abc,oral
Seeds Matter,Alan Turing,,poster
Ablations All the Way Down,Emmy Noether,https://arxiv.org/abs/1,spotlight
More Seeds,Grace Hopper,https://example.org/seeds,poster
"""
SCHEDULE = """timezone: {timezone}
items:
  - {{kind: opening, start: "9:00", duration: 10}}
  - {{kind: talk, duration: 30, speakers: [alan-turing], title: On Computable Numbers}}
  - {{kind: contributed, duration: 15, paper: 2, speakers: [ada-lovelace]}}
  - {{kind: contributed, duration: 30, papers: [{{paper: seeds matter}}, {{paper: 5}}]}}
  - {{kind: break, label: Coffee Break, duration: 30}}
"""


def site(tmp_path, run, papers: str = PAPERS, timezone: str = "CET") -> tuple:
    """The site built from the minimal edition with ``papers`` as papers.csv (PAPERS: and a
    schedule naming some of them): its folder and stderr."""
    data = make_data(tmp_path)
    (data / "2030" / "papers.csv").write_text(papers)
    if papers == PAPERS:
        (data / "2030" / "schedule.yaml").write_text(SCHEDULE.format(timezone=timezone))
    (data / "2030" / "site.yaml").write_text("room: Hall A\n")
    code, err = run("build", "site")
    assert code == 0, err
    return tmp_path / "build" / "2030" / "site", err


def test_the_papers_page_lists_them_by_decision_each_title_linked(tmp_path, run):
    folder, _ = site(tmp_path, run)
    _, front_matter, body = (folder / "papers.md").read_text().split("---\n", 2)
    assert {'title: "Accepted Papers"', 'permalink: "/2030/papers/"', "nav_order: 7"} <= set(front_matter.splitlines())
    assert body == """
## Orals

- **[Careful Baselines](https://openreview.net/forum?id=abc)**<br>Ada Lovelace, Grace Hopper

## Spotlights

- **[Ablations All the Way Down](https://arxiv.org/abs/1)**<br>Emmy Noether

## Posters

- **Seeds Matter**<br>Alan Turing
- **[More Seeds](https://example.org/seeds)**<br>Grace Hopper
"""


def test_contributed_talks_show_the_papers_they_name_by_row_or_title(tmp_path, run):
    folder, _ = site(tmp_path, run)
    events = dict(re.findall(r'nowrap">([^<]+)</span> \| (.*)$', (folder / "schedule.md").read_text(), re.MULTILINE))
    assert events["9:40 – 9:55"] == "**Contributed talk 1** - Ada Lovelace (Analytical Engines Ltd.)<br>*[Careful Baselines](https://openreview.net/forum?id=abc)* (Ada Lovelace, Grace Hopper) |"
    assert events["9:55 – 10:25"] == "**Contributed talks 2 & 3**<br>*Seeds Matter* (Alan Turing)<br>*[More Seeds](https://example.org/seeds)* (Grace Hopper) |"


def test_openreview_export_columns_and_decisions_are_read(tmp_path, run):
    export = (HOSTILE / "papers-openreview-export" / "2030" / "papers.csv").read_text()
    page = (site(tmp_path, run, export)[0] / "papers.md").read_text()
    assert "- **[Careful Baselines](https://openreview.net/forum?id=abc)**<br>Ada Lovelace, Grace Hopper\n" in page
    assert "## Spotlights\n\n- **[Spot On](https://openreview.net/forum?id=jkl)**<br>Emmy Noether\n" in page
    assert "## Posters\n\n- **[Ablations](https://openreview.net/forum?id=ghi)**<br>Emmy Noether\n" in page
    assert "Seeds Matter" not in page  # rejected


def test_values_in_the_papers_page_are_shown_literally(tmp_path, run):
    hostile = (HOSTILE / "papers-hostile-values" / "2030" / "papers.csv").read_text()
    page = (site(tmp_path, run, hostile)[0] / "papers.md").read_text()
    assert page.endswith("## Orals\n\n- **[&#123;&#123; site.secret &#125;&#125; &#123;% include ../../secret.txt %&#125;]"
                         "(https://example.org/a%29%5Bx%5D%28javascript:alert%281%29)**"
                         "<br>\\<script\\>alert(1)\\</script\\>\\](javascript:alert(1))\n")


def test_pages_without_their_data_are_neither_written_nor_linked(tmp_path, run):
    data = make_data(tmp_path)
    (data / "2030" / "schedule.yaml").write_text("timezone: CET\nitems: []\n")
    (data / "2030" / "site.yaml").write_text("room: Hall A\n")
    assert run("build", "site")[0] == 0
    folder = tmp_path / "build" / "2030" / "site"
    assert sorted(p.name for p in folder.iterdir()) == ["committee.md", "description.md", "organizers.md", "speakers.md"]
    assert not any("/2030/papers/" in p.read_text() or "/2030/schedule/" in p.read_text() for p in folder.iterdir())


def events(folder, edition: str = "2030") -> dict:
    """The events of the day's calendar in the site ``folder``, by UID, in the calendar's order."""
    calendar = Calendar.from_ical((folder / "assets" / edition / "schedule.ics").read_bytes())
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_schedule_ics_has_one_event_per_item_in_the_schedules_zone(tmp_path, run):
    found = events(site(tmp_path, run, timezone="Europe/Paris")[0])
    paris = ZoneInfo("Europe/Paris")
    assert sorted(found) == sorted(f"wce-2030-{n}@proposalgen" for n in (
        "opening", "talk-alan-turing", "contributed-ada-lovelace", "contributed", "break-coffee-break"))
    talk = found["wce-2030-talk-alan-turing@proposalgen"]
    assert (talk.decoded("dtstart"), talk.decoded("dtend")) == (datetime.datetime(2030, 4, 26, 9, 10, tzinfo=paris),
                                                               datetime.datetime(2030, 4, 26, 9, 40, tzinfo=paris))
    assert talk.decoded("dtstart").tzinfo.key == "Europe/Paris"
    assert str(talk["summary"]) == "WCE 2030: Invited talk 1 – Alan Turing: On Computable Numbers"
    assert str(talk["location"]) == "Hall A"
    slot = found["wce-2030-contributed@proposalgen"]
    assert str(slot["description"]) == "Seeds Matter (Alan Turing)\nMore Seeds (Grace Hopper) <https://example.org/seeds>"
    assert str(slot["url"]) == "https://example.org/seeds"  # the one link among its papers


def test_a_contributed_talks_event_names_its_presenter_and_links_its_paper(tmp_path, run):
    talk = events(site(tmp_path, run)[0])["wce-2030-contributed-ada-lovelace@proposalgen"]
    assert str(talk["summary"]) == "WCE 2030: Contributed talk 1 – Ada Lovelace: Careful Baselines"
    assert str(talk["description"]) == "Careful Baselines (Ada Lovelace, Grace Hopper) <https://openreview.net/forum?id=abc>"
    assert str(talk["url"]) == "https://openreview.net/forum?id=abc"


def test_inserting_an_item_changes_no_other_events_uid(tmp_path, run):
    folder, _ = site(tmp_path, run)
    before = set(events(folder))
    schedule = tmp_path / "data" / "2030" / "schedule.yaml"
    inserted = '  - {kind: talk, duration: 30, speakers: [emmy-noether]}\n  - {kind: break, label: Coffee Break, duration: 30}\n'
    schedule.write_text(schedule.read_text().replace('  - {kind: talk,', inserted + '  - {kind: talk,', 1))
    assert run("build", "site")[0] == 0
    after = set(events(folder))
    # The talks after it are renumbered, and the coffee break is the day's second: their UIDs stay.
    assert after - before == {"wce-2030-talk-emmy-noether@proposalgen", "wce-2030-break-coffee-break-2@proposalgen"}
    assert before <= after


def test_items_alike_have_uids_of_their_own(tmp_path, run):
    data = make_data(tmp_path)
    (data / "2030" / "schedule.yaml").write_text(
        'timezone: CET\nitems:\n  - {kind: break, label: Coffee Break 2, start: "9:00", duration: 10}\n'
        '  - {kind: break, label: Coffee Break, duration: 10}\n  - {kind: break, label: Coffee Break, duration: 10}\n')
    (data / "2030" / "site.yaml").write_text("room: Hall A\n")
    assert run("build", "site")[0] == 0
    assert list(events(tmp_path / "build" / "2030" / "site")) == [
        "wce-2030-break-coffee-break-2@proposalgen", "wce-2030-break-coffee-break@proposalgen", "wce-2030-break-coffee-break-3@proposalgen"]


OPENING = "wce-2030-opening@proposalgen"


def test_a_utc_offset_places_the_times_in_utc(tmp_path, run):
    offset = events(site(tmp_path, run, timezone="UTC-3")[0])[OPENING]
    assert offset.decoded("dtstart") == datetime.datetime(2030, 4, 26, 12, 0, tzinfo=datetime.UTC)


def test_a_time_zone_label_leaves_the_times_local(tmp_path, run):
    folder, err = site(tmp_path, run, timezone="BRT")
    assert events(folder)[OPENING].decoded("dtstart") == datetime.datetime(2030, 4, 26, 9, 0)
    assert ("data/2030/schedule.yaml:1:11: warning: the schedule's time zone 'BRT' is a label, not a zone: "
            "schedule.ics gives its times without one, as local wherever it is imported [site]\n") in err


def test_schedule_zone_places_the_times_of_a_label(tmp_path, run):
    folder, err = site(tmp_path, run, timezone="BRT\nzone: America/Sao_Paulo")
    start = events(folder)[OPENING].decoded("dtstart")
    assert start == datetime.datetime(2030, 4, 26, 9, 0, tzinfo=ZoneInfo("America/Sao_Paulo")) and "schedule.ics" not in err
    assert "| **Time (BRT)** | **Event** |" in (folder / "schedule.md").read_text()


def test_schedule_uids_are_stable_across_builds(built_example, tmp_path):
    assert main(["build", "site", "--data", str(ROOT / "data"), "--edition", "2026", "--out", str(tmp_path)]) == 0
    uids = [sorted(events(folder, "2026")) for folder in (built_example / "site", tmp_path / "2026" / "site")]
    assert uids[0] == uids[1] and len(uids[0]) == 14


def test_the_examples_2024_papers_are_on_its_papers_page(tmp_path):
    assert main(["build", "site", "--data", str(ROOT / "data"), "--edition", "2024", "--out", str(tmp_path)]) == 0
    page = (tmp_path / "2024" / "site" / "papers.md").read_text()
    assert page.count("\n- **[") == 3
    assert ("- **[Input Space Mode Connectivity in Deep Neural Networks](https://openreview.net/forum?id=dUwa5F2zHL)**"
            "<br>Jakub Vrabel, Ori Shem-Ur, Yaron Oz, David Krueger\n") in page


def test_a_field_too_long_for_csv_is_reported_at_its_row(tmp_path, run):
    data = make_data(tmp_path)
    (data / "2030" / "papers.csv").write_text(PAPERS + 'Long,"' + "x" * 200_000 + '",,poster\n')
    assert run("check") == (1, "data/2030/papers.csv:6:1: error: field larger than field limit (131072) [csv]\n")


def test_a_page_whose_data_is_gone_is_removed_from_the_site(tmp_path, run):
    folder, _ = site(tmp_path, run)
    (tmp_path / "data" / "2030" / "papers.csv").unlink()
    (tmp_path / "data" / "2030" / "schedule.yaml").write_text("timezone: CET\nitems: []\n")
    assert run("build", "site")[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == ["committee.md", "description.md", "organizers.md", "speakers.md"]


def test_a_new_edition_leaves_the_accepted_papers_behind(tmp_path, capsys):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    assert main(["new-edition", "2028", "--from", "2024", "--data", str(tmp_path / "data")]) == 0
    assert (tmp_path / "data" / "2024" / "papers.csv").exists() and not (tmp_path / "data" / "2028" / "papers.csv").exists()


def test_a_paper_still_tbd_prints_tbd(tmp_path, run):
    data = make_data(tmp_path)
    (data / "2030" / "papers.csv").write_text(PAPERS)
    (data / "2030" / "schedule.yaml").write_text(SCHEDULE.format(timezone="CET").replace("{paper: 5}", "{paper: TBD}"))
    (data / "2030" / "site.yaml").write_text("room: Hall A\n")
    code, err = run("build", "site")
    assert code == 0 and "data/2030/schedule.yaml:6:79: warning: items[3].papers[1]: 'paper' is still TBD: fill it in [placeholder]\n" in err
    assert "*Seeds Matter* (Alan Turing)<br>*TBD* |" in (tmp_path / "build" / "2030" / "site" / "schedule.md").read_text()
