"""People as the outputs show them: positions, roles, TBD values, the speakers' and panelists'
blocks, committees by status and named committees, from tests/hostile/people-roles-and-committees."""
import dataclasses
import json
from types import MappingProxyType

import pytest
from pypdf import PdfReader

from proposalgen.cli import main
from proposalgen.commands.check import check
from proposalgen.diagnostics import Diagnostics, Location
from proposalgen.model.edition import Site, default_page
from proposalgen.registry import Request, render_target
from proposalgen.render.documents import bibliography_of

from conftest import HOSTILE, built_site_page, make_data, starts_engine

SCENARIO = HOSTILE / "people-roles-and-committees"


@pytest.fixture(scope="module")
@starts_engine
def built(tmp_path_factory):
    data = make_data(tmp_path_factory.mktemp("people"), SCENARIO)
    out = data.parent / "build"
    assert main(["build", "proposal", "--data", str(data), "--edition", "2030", "--out", str(out)]) == 0
    return out / "2030"


@pytest.fixture(scope="module")
def pages(built):
    """The organizers' and committee pages, rendered (the site itself wants confirmed speakers only)."""
    edition = check(built.parent.parent / "data" / "2030", Diagnostics())
    site = Site("", "/2030", (default_page("organizers"), default_page("committee")), Location(edition.folder), MappingProxyType({}))
    edition = dataclasses.replace(edition, site=site)
    return {d.name: d.content.decode() for d in render_target(edition, "site", Request(bibliography_of(edition), None))}


def _lines(pdf) -> list[str]:
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.mark.engine
def test_proposal_shows_people_blocks(built):
    lines = _lines(built / "proposal.pdf")
    start = lines.index("3 INVITED SPEAKERS AND PANELISTS")
    assert lines[start:lines.index("REFERENCES")] == [
        "3 INVITED SPEAKERS AND PANELISTS",
        "Alan Turing, University of Manchester (confirmed) https://example.org/turing",
        "Alan Turing asked whether machines can think.",
        "John von Neumann, IAS (not yet confirmed) johnny@example.org (website TBD)",
        "4 ORGANIZERS",
        "ADA LOVELACE, RESEARCH SCIENTIST AT ANALYTICAL ENGINES LTD. (Main coordinator)",
        "ada@example.org",
        "GRACE HOPPER (email TBD)",
        "Emmy Noether (Göttingen), Kurt Gödel∗.",
        "∗ not yet confirmed",
        "Confirmed (1): Emmy Noether (Göttingen).",
        "Not yet confirmed (1): Kurt Gödel.",
        "Steering committee (preliminary) John von Neumann (IAS), Kurt Gödel∗.",
        "∗ not yet confirmed",
    ]


def test_country_and_sector_are_counted(built):
    assert "Our organizers come from 2 different countries (United Kingdom and United States) and 2 sectors." in _lines(built / "proposal.pdf")


def test_site_lists_named_committees_and_roles(pages):
    committee = pages["site/committee.md"]
    assert committee.split("---\n", 2)[2] == (
        "\nWe thank the 2 members of our program committee:\n\n- Emmy Noether (Göttingen)\n- Kurt Gödel\n"
        "\n## Steering committee (preliminary)\n\n- John von Neumann (IAS)\n- Kurt Gödel\n"
    )
    organizers = pages["site/organizers.md"]
    assert ("### Ada Lovelace\n\n*Research Scientist at Analytical Engines Ltd.* — Main coordinator\n\n"
            "[GitHub](https://github.com/ada) · [OpenReview](https://openreview.net/profile?id=~Ada_Lovelace1)\n\n") in organizers
    assert "### Grace Hopper\n\n" in organizers and "()" not in organizers


def test_every_committee_block_is_excluded_from_the_page_count(built):
    """The venue excludes organizers and committees: the section holding only their blocks counts nothing."""
    sections = json.loads((built / "report.json").read_text())["pages"]["proposal"]["sections"]
    organizers = next(s for s in sections if s["title"] == "Organizers")
    assert organizers["pages"] > 0.1 and organizers["counted"] == 0.0


def test_the_site_leaves_declined_speakers_out(tmp_path, run):
    data = make_data(tmp_path)
    roles = data / "2030" / "roles.yaml"
    roles.write_text(roles.read_text().replace("speakers:\n", "speakers:\n  - {person: grace-hopper, status: declined}\n"))
    page = built_site_page(tmp_path, run, "pages:\n  speakers: {}\n", "speakers")
    assert "Alan Turing" in page and "Grace Hopper" not in page
