"""A series of editions: every edition builds, and later ones compute what they say of earlier ones."""
import json
import shutil
import subprocess

import pytest

from proposalgen.cli import main
from proposalgen.source.editions import edition_names

from conftest import ROOT

EDITIONS = edition_names(ROOT / "data")


def test_the_example_series_has_two_editions():
    assert EDITIONS == ["2024", "2026"]


@pytest.mark.engine
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_edition_builds_its_proposal_and_site(edition, tmp_path):
    assert main(["build", "proposal", "--data", str(ROOT / "data"), "--edition", edition, "--out", str(tmp_path)]) == 0
    assert main(["build", "site", "--data", str(ROOT / "data"), "--edition", edition, "--out", str(tmp_path)]) == 0
    assert (tmp_path / edition / "proposal.pdf").exists()
    assert json.loads((tmp_path / edition / "report.json").read_text())["ok"] is True


@pytest.mark.engine
def test_first_edition_uses_numeric_citations_and_its_own_address(tmp_path):
    assert main(["build", "all", "--data", str(ROOT / "data"), "--edition", "2024", "--out", str(tmp_path)]) == 1  # no call.yaml
    assert main(["build", "site", "--data", str(ROOT / "data"), "--edition", "2024", "--out", str(tmp_path)]) == 0
    page = (tmp_path / "2024" / "site" / "description.md").read_text()
    assert 'permalink: "/2024/proposal/"' in page
    assert "cannot fit random labels \\[[7](https://openreview.net/pdf?id=Sy8gdB9xx)\\]" in page
    assert main(["build", "proposal", "--data", str(ROOT / "data"), "--edition", "2024", "--out", str(tmp_path)]) == 0
    assert pdf_text(tmp_path / "2024" / "proposal.pdf").startswith("WORKSHOP ON SCIENTIFIC METHODS")  # a first edition: no "1st"


@pytest.mark.engine
def test_later_edition_computes_the_previous_editions_figures(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    edition = data / "2024" / "edition.yaml"
    edition.write_text(edition.read_text().replace("submissions: 85", "submissions: 91").replace("attendees: 700", "attendees: 1200"))
    roles = data / "2024" / "roles.yaml"
    roles.write_text(roles.read_text().replace(", davis-brown]", ", davis-brown, {person: jamie-simon, role: Co-chair}]"))  # a returning organizer, with a role
    people = data / "2024" / "people.yaml"
    people.write_text(people.read_text() + "  - {id: jamie-simon, name: Jamie Simon, affiliation: UC Berkeley}\n")
    assert main(["build", "proposal", "--data", str(data), "--out", str(tmp_path / "build")]) == 0
    text = " ".join(pdf_text(tmp_path / "build" / "2026" / "proposal.pdf").split())
    assert "2ND WORKSHOP ON SCIENTIFIC METHODS" in text
    assert "The first edition of this workshop at NeurIPS 2024 laid the foundation" in text
    assert "We received 91 submissions, 73 of which were accepted" in text
    assert "approximately 1,200 unique attendees" in text
    assert "Five of eight of the organizers are from last year’s team, while the other three of eight is new." in text


def pdf_text(pdf):
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_site_links_earlier_editions_at_their_own_address(tmp_path):
    assert main(["build", "site", "--data", str(ROOT / "data"), "--edition", "2026", "--out", str(tmp_path)]) == 0
    page = (tmp_path / "2026" / "site" / "description.md").read_text()
    assert "\n### Previous editions\n\n- [2024](/2024/proposal/)\n" in page
