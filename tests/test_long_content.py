"""`init`'s starter with long content added, as real workshops write it, builds whole with
`build all`: every text reaches the PDFs (pdftotext), and no line runs into the margin."""
import re
import subprocess

import pytest
import yaml

from proposalgen.cli import main

pytestmark = pytest.mark.engine  # every test here starts TeX

ASKED = ["--title", "Workshop on Careful Experiments", "--acronym", "CARE", "--venue", "iclr-2026", "--year", "2027"]
LONG_TITLE = ("What one hundred and fifty characters of a keynote title look like when a speaker "
              "writes the whole argument of the talk into its title, unabridged")
LONG_AFFILIATION = "Max Planck Institute for Intelligent Systems and Eberhard Karls Universität Tübingen"
LONG_URL = "https://openreview.net/group?id=ICLR.cc/2027/Workshop/Careful_Experiments_and_Their_Reproducibility/Authors"
LONG_NOTE = "held jointly with the mentorship programme, in the foyer of the main building, with lunch served from noon"


def starter_with_long_content(tmp_path):
    assert main(["init", str(tmp_path / "care"), *ASKED]) == 0
    edition = tmp_path / "care" / "data" / "2027"
    _edit(edition / "people.yaml", _long_people)
    _edit(edition / "schedule.yaml", _long_schedule)
    _edit(edition / "call.yaml", lambda call: call["submission"].update(url=LONG_URL))
    return tmp_path / "care" / "data"


def _edit(file, change):
    data = yaml.safe_load(file.read_text())
    change(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _long_people(people):
    for person in people["people"]:
        if person["id"] in ("chidi-nominal", "dana-fictive"):
            person["affiliation"] = LONG_AFFILIATION


def _long_schedule(schedule):
    talk = next(item for item in schedule["items"] if item["kind"] == "talk")
    talk.update(speakers=["chidi-nominal", "dana-fictive"], title=LONG_TITLE)
    next(item for item in schedule["items"] if item["kind"] == "poster")["note"] = LONG_NOTE


def pdf_text(pdf) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text)


def test_the_starter_with_long_content_builds_whole(tmp_path, capsys, monkeypatch):
    data = starter_with_long_content(tmp_path)
    monkeypatch.chdir(tmp_path)
    code = main(["build", "all", "--data", str(data), "--out", str(tmp_path / "out")])
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert (errors, code) == ([], 0)
    proposal, flyer = pdf_text(tmp_path / "out/2027/proposal.pdf"), pdf_text(tmp_path / "out/2027/cfp.pdf")
    assert LONG_TITLE in proposal.replace("- ", "-")
    assert LONG_AFFILIATION in proposal
    assert LONG_NOTE in proposal
    assert LONG_URL in flyer.replace(" ", "")
