"""Valid content never breaks the layout: long titles, names, affiliations and addresses wrap in
the proposal and the flyer (real pdflatex, the text read back with pdftotext); the schedule
prints as organizers write it (time ranges, a 12-hour clock, durations, their status words)."""
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, make_data

pytestmark = pytest.mark.engine  # every test here starts TeX

LONG = FIXTURES / "layout-long-content"
OUT = Path("build") / "2030"
KEYNOTE = ("On computable numbers, with an application to the decision problem, and what trajectories of spacecraft "
           "teach us about the limits of computation by hand")


def pdf_text(pdf: Path) -> str:
    """The PDF's text on one line: line breaks (and a hyphen TeX added at one) read as a space."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text).split())


def pdf_lines(pdf: Path) -> list[str]:
    """The PDF's lines as laid out (a table's row on one line), each space run read as one."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.split()) for line in text.splitlines()]


def unbroken(pdf: Path) -> str:
    """The PDF's text with its line breaks removed, to find an address broken across lines."""
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.replace("\n", "")


def link_targets(pdf: Path) -> list[str]:
    return [a.get_object()["/A"]["/URI"] for page in PdfReader(pdf).pages for a in page.get("/Annots", [])
            if "/URI" in a.get_object().get("/A", {})]


def test_long_titles_names_and_addresses_wrap(tmp_path, run):
    make_data(tmp_path, LONG)
    code, err = run("build", "all")
    assert code == 0 and "overfull" not in err, err
    proposal = pdf_text(tmp_path / OUT / "proposal.pdf")
    for shown in (KEYNOTE, "Alan Turing (Computing Machine Laboratory, Department of Mathematics, Victoria University of Manchester)",
                  "Joint keynote in two parts, with questions from the audience between the parts and after the end",
                  "Stored programs (G. Hopper) Best paper award We show that a machine that stores its program as data can modify it",
                  "Opening remarks, welcome, and a word from the"):
        assert shown in proposal
    assert "National_Advisory_Committee_for_Aeronautics/Langley_Memorial_Aeronautical_Laboratory/Flight_Research_Division" in unbroken(tmp_path / OUT / "proposal.pdf")
    assert "augusta.ada.king.countess.of.lovelace@analytical-engines.example.org" in unbroken(tmp_path / OUT / "proposal.pdf")


def test_a_long_submission_address_breaks_in_the_flyer_and_links_exactly(tmp_path, run):
    make_data(tmp_path, LONG)
    code, err = run("build", "cfp")
    assert code == 0 and "overfull" not in err, err
    address = "https://openreview.net/group?id=Workshop_on_Careful_Experiments/2030/Workshop/Careful_Experiments_on_Learning_Machines/"
    assert address + "~Submission" in unbroken(tmp_path / OUT / "cfp.pdf")  # as written: ~, not %7E
    assert address + "%7ESubmission" in link_targets(tmp_path / OUT / "cfp.pdf")  # the same address (RFC 3986)
    assert "mailto:careful-experiments-on-learning-machines-organizers@example.org" in link_targets(tmp_path / OUT / "cfp.pdf")


def test_a_proposal_without_sections_prints_its_long_abstract(tmp_path, run):
    data = make_data(tmp_path)
    edition = (data / "2030" / "edition.yaml").read_text()
    (data / "2030" / "edition.yaml").write_text(edition[:edition.index("\nsections:")] + "\nsections: []\n")
    (data / "2030" / "prose" / "motivation.md").unlink()
    paragraph = "Careful experiments answer precise questions about how and why learning machines work. " * 12
    (data / "2030" / "prose" / "abstract.md").write_text("\n\n".join([paragraph.strip()] * 12) + "\n\nThe last sentence, after @turing1950.\n")
    assert run("build", "proposal") == (0, "wrote build/2030/proposal.pdf\n")
    text = pdf_text(tmp_path / OUT / "proposal.pdf")
    assert text.count("Careful experiments") == 144 and "The last sentence, after Turing (1950)." in text


def schedule_built(tmp_path, run, schedule: str, roles: str = "") -> Path:
    data = tmp_path / "data" if (tmp_path / "data").exists() else make_data(tmp_path)
    (data / "2030" / "schedule.yaml").write_text(schedule)
    if roles:
        (data / "2030" / "roles.yaml").write_text(roles)
    assert run("build", "proposal")[0] == 0
    return tmp_path / OUT / "proposal.pdf"


def test_a_12_hour_clock_prints_in_the_proposal_and_on_the_site(tmp_path, run):
    pdf = schedule_built(tmp_path, run, "timezone: CET\nclock: 12h\nitems:\n  - {kind: opening, start: '9:00', duration: 10}\n"
                                        "  - {kind: talk, start: '11:50', duration: 30, speakers: [alan-turing]}\n"
                                        "  - {kind: break, start: '13:00', label: Lunch, end: '2:00pm'}\n")
    lines = pdf_lines(pdf)
    assert {"9:00am–9:10am Opening remarks", "11:50am–12:20pm Invited talk 1 Alan Turing (University of Manchester)", "1:00pm–2:00pm Lunch"} <= set(lines)
    (tmp_path / "data" / "2030" / "site.yaml").write_text("pages:\n  schedule: {}\n")
    assert run("build", "site")[0] == 0
    assert "9:00am – 9:10am" in (tmp_path / OUT / "site" / "schedule.md").read_text()


def test_a_plan_without_times_shows_each_items_duration(tmp_path, run):
    pdf = schedule_built(tmp_path, run, "items:\n  - {kind: opening, duration: 10}\n  - {kind: talk, duration: 30, speakers: [alan-turing]}\n"
                                        "  - {kind: break, label: Coffee Break}\n")
    lines = pdf_lines(pdf)
    start = lines.index("Length Session Notes")
    assert lines[start + 1:start + 4] == ["10 min Opening remarks", "30 min Invited talk 1 Alan Turing (University of Manchester)", "Coffee Break"]


def test_the_unconfirmed_are_marked_in_the_organizers_words(tmp_path, run):
    roles = ("organizers: [ada-lovelace, grace-hopper]\nspeakers:\n  - {person: alan-turing, status: invited}\n"
             "committee:\n  - {person: emmy-noether, status: invited}\n")
    schedule = ("timezone: CET\nlabels: {invited: to be confirmed}\nitems:\n  - {kind: opening, start: '9:00', duration: 10}\n"
                "  - {kind: talk, duration: 30, speakers: [alan-turing]}\n")
    data = make_data(tmp_path)
    edition = (data / "2030" / "edition.yaml").read_text()
    (data / "2030" / "edition.yaml").write_text(edition.replace("      - block: schedule\n", "      - block: schedule\n      - block: speakers\n"))
    text = pdf_text(schedule_built(tmp_path, run, schedule, roles))
    assert "Alan Turing (University of Manchester)∗" in text
    assert text.count("∗ to be confirmed") == 2  # under the schedule and under the committee
    assert "Alan Turing, University of Manchester (to be confirmed)" in text
    assert "not yet confirmed" not in text


def test_a_bare_address_in_prose_breaks_and_links_exactly(tmp_path, run):
    """``<https://...>`` in prose prints the address as written, broken where it must be, like
    the addresses the templates print; its link goes to the address, ``~`` included."""
    data = make_data(tmp_path)
    address = "https://example.org/~ada/workshops/careful-experiments/2030/accepted_papers_and_their_reproducibility_reports.html"
    (data / "2030" / "prose" / "motivation.md").write_text(f"Read the reports at <{address}> before the day.\n")
    code, err = run("build", "proposal")
    assert code == 0 and "overfull" not in err, err
    assert address in unbroken(tmp_path / OUT / "proposal.pdf")
    assert address.replace("~", "%7E") in link_targets(tmp_path / OUT / "proposal.pdf")
