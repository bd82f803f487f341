"""The call for papers as workshops write it, and the workshop's title, in every output."""
from pathlib import Path

import pytest
import yaml
from test_series import pdf_text

from conftest import make_data

CALL = """\
aim: prose/call.md
submission:
  system: EasyChair
  url: https://easychair.org/conferences/?conf=wce2030
  tracks:
    - {name: Research papers, pages: 8, extra_pages: references excluded}
    - {name: Position papers, pages: TBD}
  anonymous: false
  archival: TBD
  published: on the workshop's site
contact: TBD
"""


def call_edition(tmp_path: Path, series: dict | None = None) -> Path:
    """The minimal edition with a call of two tracks, some of its rules TBD, and an abstract deadline."""
    data = make_data(tmp_path)
    (data / "2030" / "call.yaml").write_text(CALL)
    (data / "2030" / "prose" / "call.md").write_text("Careful experiments.\n")
    edition = data / "2030" / "edition.yaml"
    edition.write_text(edition.read_text().replace("dates:\n", "dates:\n  abstract_deadline: 2030-01-23\n"))
    if series is not None:
        (data / "series.yaml").write_text(yaml.safe_dump(series))
    return data


@pytest.mark.engine
def test_the_call_states_what_the_data_says_and_nothing_more(tmp_path, run, scratch):
    call_edition(tmp_path)
    code, err = run("build", "cfp")
    assert code == 0
    text = (tmp_path / "build" / "2030" / "cfp.txt").read_text()
    assert text.startswith("Subject: [CFP] WCE @ ICLR 2030, deadline January 30th, 2030\n\n"
                           "CALL FOR PAPERS: Workshop on Careful Experiments (WCE), at ICLR 2030\n")
    assert "  Abstract deadline ........ January 23, 2030 (AoE)\n  Submission deadline ...... January 30, 2030 (AoE)\n" in text
    assert text.split("SUBMISSIONS\n\n")[1].split("\n\nCONTACT")[0] == (
        "- Research papers: papers of at most 8 pages, with references excluded.\n"
        "- Position papers: papers of at most TBD pages.\n"
        "- Single-blind review: submissions name their authors.\n"
        "- Archival or not: TBD; accepted papers appear on the workshop's site.\n"
        "- Submit on EasyChair:\n"
        "  https://easychair.org/conferences/?conf=wce2030"
    )
    assert text.endswith("CONTACT\n\nTBD\n")
    flyer = pdf_text(tmp_path / "build" / "2030" / "cfp.pdf")
    assert "Single-blind review: submissions name their authors." in flyer
    assert "Archival or not: TBD; accepted papers appear on the workshop’s site." in flyer
    assert "Submit on EasyChair: https://easychair.org/conferences/?conf=wce2030" in flyer
    assert "Contact: TBD" in flyer
    assert "OpenReview" not in text + flyer


def test_the_call_page_names_each_track_and_the_submission_system(tmp_path, run):
    data = call_edition(tmp_path)
    (data / "2030" / "site.yaml").write_text("room: Room 7\n")
    assert run("build", "site")[0] == 0
    page = (tmp_path / "build" / "2030" / "site" / "call.md").read_text()
    assert "- **Research papers**: submissions are limited to 8 pages, with references excluded.\n" in page
    assert "- **Position papers**: submissions are limited to TBD pages.\n" in page
    assert "- **Reviews**: the review process is single-blind: submissions name their authors.\n" in page
    assert "- **Archival**: TBD; accepted papers will appear on the workshop's site.\n" in page
    assert "- **Submission link** (EasyChair): [https://easychair.org/conferences/?conf=wce2030](https://easychair.org/conferences/?conf=wce2030)\n" in page
    assert "For any questions, please contact us at TBD.\n" in page


@pytest.mark.engine
def test_a_series_without_acronym_is_titled_without_brackets(tmp_path, run, scratch):
    call_edition(tmp_path, {"title": "Workshop on Careful Experiments", "url": "https://wce.example.org"})
    assert run("build", "all")[0] == 1  # no site.yaml
    assert run("build", "cfp")[0] == 0
    text = (tmp_path / "build" / "2030" / "cfp.txt").read_text()
    assert text.startswith("Subject: [CFP] Workshop on Careful Experiments @ ICLR 2030, deadline January 30th, 2030\n\n"
                           "CALL FOR PAPERS: Workshop on Careful Experiments, at ICLR 2030\n")
    assert "UID:workshop-on-careful-experiments-2030-abstract_deadline@proposalgen" in (tmp_path / "build" / "2030" / "dates.ics").read_text()
    assert run("build", "proposal")[0] == 0
    assert pdf_text(tmp_path / "build" / "2030" / "proposal.pdf").startswith("WORKSHOP ON CAREFUL EXPERIMENTS\n")


@pytest.mark.engine
def test_series_yaml_says_whether_titles_carry_the_ordinal(tmp_path, run, scratch):
    call_edition(tmp_path, {"title": "Workshop on Careful Experiments", "acronym": "WCE", "numbered": True})
    assert run("build", "proposal")[0] == 0
    assert pdf_text(tmp_path / "build" / "2030" / "proposal.pdf").startswith("1ST WORKSHOP ON CAREFUL EXPERIMENTS (WCE)\n")


@pytest.mark.engine
def test_a_call_without_a_venue_names_none(tmp_path, run, scratch):
    edition = call_edition(tmp_path) / "2030" / "edition.yaml"
    edition.write_text(yaml.safe_dump({k: v for k, v in yaml.safe_load(edition.read_text()).items() if k != "venue"}))
    assert run("build", "cfp")[0] == 0
    text = (tmp_path / "build" / "2030" / "cfp.txt").read_text()
    assert text.startswith("Subject: [CFP] WCE, deadline January 30th, 2030\n\nCALL FOR PAPERS: Workshop on Careful Experiments (WCE)\n")
    assert pdf_text(tmp_path / "build" / "2030" / "cfp.pdf").startswith("CALL FOR PAPERS\n\nWorkshop on Careful Experiments (WCE)\nApril 26, 2030\n")
    code, err = run("build", "proposal")
    assert (code, err.splitlines()[-1]) == (1, "data/2030/edition.yaml:1:1: error: missing required field 'venue' [required]")
