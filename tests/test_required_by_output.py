"""Required by the output that needs it, never more (issue 21): `check --for X` and `build X` ask
what X needs; a key needed elsewhere is no error here, and a rule of one output (the venue's, of
the proposal) runs for that output only. Each case is one a user met with a real workshop."""
import shutil

import jsonschema
import pytest
import yaml

from proposalgen.commands.schemas import file_schema
from proposalgen.source.format import KINDS_OF_FILES

from conftest import ROOT, make_data
from test_schemas import _AsWritten

SITE_ONLY = ROOT / "examples" / "mind-the-gap-rss2022"  # a website, no proposal


def _write(data, name: str, text: str) -> None:
    (data / "2030" / name).write_text(text)


def _said(err: str) -> list[str]:
    """What a command said besides the files it wrote."""
    return [line for line in err.splitlines() if not line.startswith("wrote ")]


SITE = "room: Hall A\n"
NO_LINK = "data/2030/references.bib:1:1: warning: reference 'turing1950' has no url or doi; the site cites it without a link [site]"


def _site_only(tmp_path):
    """The minimal edition as a website-only one: no venue, sections, submission figures."""
    data = make_data(tmp_path)
    _write(data, "edition.yaml", "dates: {submission_deadline: 2030-01-30, decisions: 2030-03-01, workshop: 2030-04-26}\n")
    _write(data, "site.yaml", SITE)
    return data


CALL_WITHOUT_LENGTHS = """\
aim: prose/call.md
submission:
  system: OpenReview
  url: https://openreview.net/group?id=WCE/2030
  anonymous: true
  archival: false
contact: wce@example.org
"""


@pytest.mark.engine
def test_a_call_need_not_set_a_length(tmp_path, run, scratch):
    data = make_data(tmp_path)
    _write(data, "call.yaml", CALL_WITHOUT_LENGTHS)
    (data / "2030" / "prose" / "call.md").write_text("Careful experiments.\n")
    code, err = run("build", "cfp")
    assert (code, _said(err)) == (0, [])
    text = (tmp_path / "build" / "2030" / "cfp.txt").read_text()
    assert "pages" not in text and "None" not in text


def test_tracks_need_not_set_a_length(tmp_path, run):
    data = make_data(tmp_path)
    _write(data, "call.yaml", CALL_WITHOUT_LENGTHS.replace("  anonymous:", "  tracks: [{name: Short papers}, {name: Posters, pages: 2}]\n  anonymous:"))
    (data / "2030" / "prose" / "call.md").write_text("Careful experiments.\n")
    assert run("check", "--for", "cfp") == (0, "")


def test_a_preset_may_give_only_some_rules(tmp_path, run):
    data = make_data(tmp_path)
    (data / "venues").mkdir()
    (data / "venues" / "myconf-2030.yaml").write_text("bio_word_limit: 100\n")
    edition = data / "2030" / "edition.yaml"
    edition.write_text(edition.read_text().replace("preset: iclr-2026\n  year: 2030", "preset: myconf-2030"))
    assert run("check") == (0, "")


def test_an_address_check_refuses_the_schema_refuses_too(tmp_path, run):
    data = make_data(tmp_path)
    people = data / "2030" / "people.yaml"
    people.write_text(people.read_text().replace("ada@example.org", "ada@localhost"))
    code, err = run("check")
    assert (code, err) == (1, "data/2030/people.yaml:5:12: error: people[0]: 'email' must be an email address (name@example.org), got 'ada@localhost' [value]\n")
    document = yaml.load(people.read_text(), Loader=_AsWritten)
    assert not jsonschema.Draft202012Validator(file_schema("people", KINDS_OF_FILES["people"])).is_valid(document)


def test_a_website_only_edition_exports_mails_and_starts_the_next(tmp_path, run):
    shutil.copytree(SITE_ONLY, tmp_path / "data")
    assert run("export", "organizers")[0] == 0
    assert run("mail", "committee", "--status", "all")[0] == 0
    code, err = run("new-edition", "2023", "--from", "2022")
    assert code == 0 and "error" not in err
    code, err = run("check", "--for", "site", "--edition", "2023")
    assert [line for line in err.splitlines() if "data/2022/" in line] == []  # the earlier edition, without a venue, is fine


def test_a_venue_rule_does_not_hold_back_the_site_of_a_past_edition(tmp_path, run):
    data = make_data(tmp_path)
    _write(data, "site.yaml", SITE)
    edition = data / "2030" / "edition.yaml"
    edition.write_text(edition.read_text().replace("  year: 2030", "  year: 2030\n  notification: 2030-02-20"))
    assert run("check", "--for", "site") == (0, NO_LINK + "\n")
    assert run("check", "--for", "proposal") == (1, "data/2030/edition.yaml:9:14: error: dates: 'decisions' (2030-03-01) is after ICLR 2030's mandatory author "
                                                  "notification (2030-02-20) [dates]\n  hint: the venue wants every author told by then: move 'decisions' to that day or earlier\n")


PANEL_NOT_NAMED = "  - {kind: panel, duration: 45}\n"
PANEL_WARNING = ("data/2030/schedule.yaml:6:5: warning: 'Panel Discussion' names no panelists yet: the outputs show the panel without names [schedule]\n"
                 "  hint: list them under 'speakers' once they are invited\n")


@pytest.mark.engine
def test_a_panel_not_named_yet_is_a_warning_for_the_proposal_and_the_site(tmp_path, run, scratch):
    data = make_data(tmp_path)
    _write(data, "site.yaml", SITE)
    schedule = data / "2030" / "schedule.yaml"
    schedule.write_text(schedule.read_text() + PANEL_NOT_NAMED)
    code, err = run("build", "proposal")
    assert (code, _said(err)) == (0, PANEL_WARNING.splitlines())
    code, err = run("build", "site")
    assert (code, _said(err)) == (0, [NO_LINK, *PANEL_WARNING.splitlines()])
    assert "Panel Discussion" in (tmp_path / "build" / "2030" / "site" / "schedule.md").read_text()


def test_an_edition_file_of_comments_is_an_edition_without_keys(tmp_path, run):
    data = _site_only(tmp_path)
    _write(data, "edition.yaml", "# the 2030 edition: a website only, for now\n")
    code, err = run("check", "--for", "site")
    assert (code, [line for line in err.splitlines() if ": error:" in line]) == (0, [])
    assert sorted(line for line in run("check", "--for", "proposal")[1].splitlines() if ": error:" in line) == [
        f"data/2030/edition.yaml:1:1: error: missing required field '{key}' [required]" for key in ("dates", "sections", "submissions", "venue")]
