"""Facts computed from the data reach prose as values, so no sentence carries a stale number."""
import json

import pytest

from proposalgen.commands.check import check
from proposalgen.diagnostics import Diagnostics

from conftest import make_data

ATTRIBUTES = {"ada-lovelace": "gender: female\n    continent: Europe\n", "grace-hopper": "gender: female\n    continent: North America\n"}
PROSE = ('We are {{ counts.organizers | words }} organizers from {{ diversity.organizers.continent.distinct | words }} continents '
         '({{ diversity.organizers.continent.names }}), {{ diversity.organizers.gender["female"] | words }} of us female; '
         'submissions close on {{ dates.submission_deadline }} and decisions come on {{ dates.decisions.day }}.\n')


@pytest.mark.engine
def test_counts_diversity_and_dates_in_prose(tmp_path, run):
    data = make_data(tmp_path)
    people = data / "2030" / "people.yaml"
    text = people.read_text()
    for person, attributes in ATTRIBUTES.items():
        text = text.replace(f"id: {person}\n", f"id: {person}\n    {attributes}")
    people.write_text(text)
    (data / "2030" / "prose" / "abstract.md").write_text(PROSE)
    assert run("build", "proposal")[0] == 0
    tex = (tmp_path / "build" / "2030" / "proposal.tex").read_text()
    assert ("We are two organizers from two continents (Europe and North America), two of us female; "
            "submissions close on January 30th, 2030 and decisions come on March 1st.") in tex


@pytest.mark.engine
def test_report_states_the_computed_facts(tmp_path, run):
    make_data(tmp_path)
    assert run("build", "proposal")[0] == 0
    facts = json.loads((tmp_path / "build" / "2030" / "report.json").read_text())["facts"]
    assert facts == {
        "counts": {"organizers": 2, "speakers": 1, "panelists": 0, "committee": 1},
        "schedule_minutes": {"opening": 10, "talks": 30, "break": 30},
        "reviews": {"available": 164, "needed": 120, "reviewers": 41, "max_load": 4},
    }


def test_a_text_the_edition_holds_in_two_places_is_filled_in_once(tmp_path):
    """Values are filled in after reading: the bio of an organizer is one object, as a person and as an organizer."""
    data = make_data(tmp_path)
    people = data / "2030" / "people.yaml"
    people.write_text(people.read_text().replace("Ada Lovelace wrote the first program.", "Ada is one of {{ counts.organizers | words }} organizers."))
    edition = check(data / "2030", Diagnostics())
    ada = next(person for person in edition.people if person.id == "ada-lovelace")
    assert edition.organizers[0] is ada
    assert ada.bio is not None and ada.bio.markdown == "Ada is one of two organizers.\n"
