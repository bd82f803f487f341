"""Schedules as workshops write them: 12-hour times, start and end, an open last item, a
tentative day, contributed papers, combined kinds, labels that keep the numbering."""
import json

import jsonschema
import pytest
import yaml

from proposalgen.commands.schemas import file_schema
from proposalgen.source.format import SCHEDULE
from proposalgen.source.schema import _minutes

from conftest import FIXTURES, HOSTILE, built_site_page, make_data

SCENARIO = FIXTURES / "schedule-as-workshops-write-it"


@pytest.mark.parametrize(("written", "minutes"), [
    ("9:00", 540), ("09:00", 540), ("14:30", 870), ("9:00am", 540), ("2:05pm", 845), ("9am", 540),
    ("9:00 PM", 1260), ("9:00a.m.", 540), ("12:00pm", 720), ("12pm", 720), ("12am", 0), ("12:30am", 30),
])
def test_times_in_usual_spellings(written, minutes):
    assert _minutes(written) == minutes


@pytest.mark.parametrize("written", ["9", "9h00", "9:0", "24:00", "13:00pm", "0:00am", "9:00m", "9:00 p", "9.00"])
def test_other_times_are_refused(written):
    assert _minutes(written) is None


@pytest.mark.engine
def test_the_proposal_lists_the_day_as_written(tmp_path, run):
    make_data(tmp_path, SCENARIO)
    assert run("build", "proposal")[0] == 0
    tex = (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    table = tex[tex.index(r"\textit{Tentative schedule}"):tex.index(r"\bottomrule")]
    assert table.splitlines()[3:] == [
        r"\textbf{Time} & \textbf{Session} & \textbf{Notes} \\",
        r"\midrule",
        r"9:00{\textendash}9:10 & Opening remarks &  \\",
        r"9:10{\textendash}9:40 & Invited talk 1 & Alan Turing (University of Manchester): \emph{On Computable Numbers} \\",
        r"9:40{\textendash}10:00 & Morning posters &  \\",
        r"10:00{\textendash}10:30 & Contributed talks 1 \& 2 & \href{https://example.org/paper-1}{\emph{A Very Long Title of a Contributed Paper That Must"
        r" Wrap Inside the Notes Column of the Table}} (A. Author, B. Author)\newline \emph{Second Paper} (C. Author) \\",
        r"10:30{\textendash}10:45 & Contributed talk 3 & Dorothy Vaughan (NACA): \href{https://example.org/paper-3}{\emph{A Lone Talk}} (D. Author) \\",
        r"10:45{\textendash}11:30 & Poster Session 2 and Break &  \\",
        r"11:30{\textendash}12:00 & Closing remarks &  \\",
        r"18:30 & Dinner &  \\",
    ]


def test_the_site_lists_the_day_as_written(tmp_path, run):
    data = make_data(tmp_path, SCENARIO)
    (data / "2030" / "site.yaml").write_text("room: Room 1\npages:\n  schedule: {title: Schedule}\n")
    assert run("build", "site")[0] == 0
    page = (tmp_path / "build" / "2030" / "site" / "schedule.md").read_text()
    assert page.split("**Room 1, April 26, 2030**\n\nAdd the day to your calendar: [schedule.ics](/assets/2030/schedule.ics).\n\n")[1] == (
        "*Tentative schedule*\n\n"
        "| **Time** | **Event** |\n"
        "| :------: | :------- |\n"
        "| <span class=\"schedule-time\" style=\"white-space: nowrap\">9:00 – 9:10</span> | **Opening remarks** |\n"
        "| <span class=\"schedule-time\" style=\"white-space: nowrap\">9:10 – 9:40</span> | **Invited talk 1** - [Alan Turing](https://example.org/turing) (University of Manchester) : *On Computable Numbers* |\n"
        "| <span class=\"schedule-time\" style=\"white-space: nowrap\">9:40 – 10:00</span> | **Morning posters** |\n"
        "| <span class=\"schedule-time\" style=\"white-space: nowrap\">10:00 – 10:30</span> | **Contributed talks 1 & 2**<br>*[A Very Long Title of a Contributed Paper That Must Wrap Inside the Notes"
        " Column of the Table](https://example.org/paper-1)* (A. Author, B. Author)<br>*Second Paper* (C. Author) |\n"
        "| <span class=\"schedule-time\" style=\"white-space: nowrap\">10:30 – 10:45</span> | **Contributed talk 3** - Dorothy Vaughan (NACA)<br>*[A Lone Talk](https://example.org/paper-3)* (D. Author) |\n"
        "| <span class=\"schedule-time\" style=\"white-space: nowrap\">10:45 – 11:30</span> | **Poster Session 2 and Break** |\n"
        "| <span class=\"schedule-time\" style=\"white-space: nowrap\">11:30 – 12:00</span> | **Closing remarks** |\n"
        "| <span class=\"schedule-time\" style=\"white-space: nowrap\">18:30</span> | **Dinner** |\n"
        "{: .table .schedule-table}\n"
    )


@pytest.mark.engine
def test_combined_kinds_share_their_minutes_in_the_report(tmp_path, run):
    make_data(tmp_path, SCENARIO)
    assert run("build", "proposal")[0] == 0
    facts = json.loads((tmp_path / "build" / "2030" / "report.json").read_text())["facts"]
    # the 45-minute poster session and break: 23 poster, 22 break; the open dinner has no minutes
    assert facts["schedule_minutes"] == {"opening": 40, "talks": 75, "poster": 43, "break": 22}


@pytest.mark.engine
def test_papers_not_known_yet_print_tbd(tmp_path, run):
    make_data(tmp_path, HOSTILE / "schedule-papers-tbd")
    assert run("build", "proposal")[0] == 0
    tex = (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    assert r"9:40{\textendash}10:10 & Contributed talks 1 \& 2 & \emph{TBD} (TBD)\newline \emph{Known} (TBD) \\" in tex
    assert r"10:10{\textendash}10:40 & Coffee Break & TBD \\" in tex


def test_the_scenarios_schedule_validates_against_the_json_schema():
    schema = file_schema("schedule", SCHEDULE)
    written = yaml.safe_load((SCENARIO / "2030" / "schedule.yaml").read_text())
    jsonschema.validate(written, schema)
    written["items"][0]["start"] = "9"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(written, schema)


def test_a_time_zone_and_a_room_not_known_yet_print_tbd(tmp_path, run):
    data = make_data(tmp_path)
    schedule = data / "2030" / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("timezone: CET", "timezone: TBD"))
    page = built_site_page(tmp_path, run, "room: TBD\npages:\n  schedule: {}\n", "schedule")
    assert "**TBD, April 26, 2030**\n" in page and "| **Time (TBD)** | **Event** |\n" in page
