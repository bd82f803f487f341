"""Starting an edition from the last one, and comparing two editions."""
import hashlib
import shutil

import pytest

from proposalgen.cli import main

from conftest import HOSTILE, ROOT, make_data


def checksums(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def series(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def test_new_edition_copies_invites_again_and_lists_what_to_fill(tmp_path, monkeypatch, capsys):
    data = series(tmp_path)
    before = checksums(data / "2026")
    monkeypatch.chdir(tmp_path)
    assert main(["new-edition", "2027", "--from", "2026"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert checksums(data / "2026") == before
    assert out[0] == "created data/2027 from data/2026 (19 files); data/2026 is unchanged"
    assert out[1] == "set back to invited, until they confirm again: 5 speakers, 5 panelists, 41 committee"
    assert out[2] == "to fill in (28; `proposalgen check --edition 2027 --strict` lists them again):"
    assert out[3:12] == [
        "  [ ] data/2027/edition.yaml:4:11: warning: venue: 'preset' is still TBD: fill it in [placeholder]",
        "  [ ] data/2027/edition.yaml:10:24: warning: dates: 'submission_deadline' is still TBD: fill it in [placeholder]",
        "  [ ] data/2027/edition.yaml:11:17: warning: dates: 'review_start' is still TBD: fill it in [placeholder]",
        "  [ ] data/2027/edition.yaml:12:15: warning: dates: 'review_end' is still TBD: fill it in [placeholder]",
        "  [ ] data/2027/edition.yaml:13:14: warning: dates: 'decisions' is still TBD: fill it in [placeholder]",
        "  [ ] data/2027/edition.yaml:14:13: warning: dates: 'workshop' is still TBD: fill it in [placeholder]",
        "  [ ] data/2027/edition.yaml:43:16: warning: outcome: 'submissions' is still TBD: fill it in [placeholder]",
        "  [ ] data/2027/edition.yaml:44:13: warning: outcome: 'accepted' is still TBD: fill it in [placeholder]",
        "  [ ] data/2027/edition.yaml:45:14: warning: outcome: 'attendees' is still TBD: fill it in [placeholder]",
    ]
    roles = (data / "2027" / "roles.yaml").read_text()
    assert "status: confirmed" not in roles and roles.count("status: invited") == 51
    assert "# Who does what in this edition" in roles  # comments and layout kept
    assert main(["check", "--edition", "2027"]) == 0
    assert main(["check", "--edition", "2027", "--strict"]) == 1


@pytest.mark.engine
def test_filled_in_new_edition_is_the_third(tmp_path, monkeypatch):
    data = series(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["new-edition", "2027", "--from", "2026"]) == 0
    edition = data / "2027" / "edition.yaml"
    text = edition.read_text().replace("preset: TBD", "preset: icml-2026\n  year: 2027")
    for name, date in (("submission_deadline", "2027-05-20"), ("review_start", "2027-05-25"), ("review_end", "2027-06-10"),
                       ("decisions", "2027-06-15"), ("workshop", "2027-07-12")):
        text = text.replace(f"{name}: TBD", f"{name}: {date}")
    edition.write_text(text)
    assert main(["build", "proposal", "--edition", "2027"]) == 0
    tex = (tmp_path / "build" / "2027" / "proposal.tex").read_text()
    assert "3RD WORKSHOP ON SCIENTIFIC METHODS" in tex
    assert "The second edition of this workshop at ICLR 2026" in tex
    assert "Half of the organizers are from last year" not in tex and "All of the organizers are from last year" in tex


def test_new_edition_refuses_to_overwrite(tmp_path, monkeypatch, capsys):
    series(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["new-edition", "2026", "--from", "2024"]) == 2
    assert capsys.readouterr().err == "proposalgen: data/2026 exists already; new-edition never overwrites an edition\n"


def test_diff_lists_people_roles_statuses_dates(tmp_path, monkeypatch, capsys):
    series(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["new-edition", "2027", "--from", "2026"]) == 0
    capsys.readouterr()
    assert main(["diff", "2026", "2027"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2026 → 2027"
    assert "  speakers: confirmed → invited: jascha-sohl-dickstein, jeremy-cohen, julia-kempe, matthieu-wyart, preetum-nakkiran" in lines
    assert "  venue.preset: iclr-2026 → TBD" in lines
    assert "  dates.submission_deadline: 2026-01-30 → TBD" in lines
    assert main(["diff", "2024", "2026"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  organizers: + antonio-sclocchi, eero-simoncelli, jamie-simon, sharvaree-vadgama" in lines


def test_new_edition_keeps_line_endings_and_byte_order_mark(tmp_path, monkeypatch, capsys):
    data = make_data(tmp_path)
    for name in ("edition.yaml", "roles.yaml"):
        path = data / "2030" / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.chdir(tmp_path)
    assert main(["new-edition", "2031", "--from", "2030"]) == 0
    assert (data / "2031" / "roles.yaml").read_bytes() == (
        b"\xef\xbb\xbforganizers: [ada-lovelace, grace-hopper]\r\n"
        b"speakers:\r\n  - {person: alan-turing, status: invited}\r\n"
        b"committee:\r\n  - {person: emmy-noether, status: invited}\r\n")
    edition = (data / "2031" / "edition.yaml").read_bytes()
    assert edition.startswith(b"\xef\xbb\xbfvenue:\r\n  preset: TBD\r\n  year: 2030 ")
    assert b"dates:\r\n  submission_deadline: TBD\r\n  decisions: TBD\r\n  workshop: TBD\r\nsubmissions:\r\n" in edition
    assert edition.endswith(b"\r\n\r\noutcome:  # known after the workshop\r\n  submissions: TBD\r\n  accepted: TBD\r\n  attendees: TBD\r\n")
    assert b"\n" not in edition.replace(b"\r\n", b"")
    assert capsys.readouterr().out.splitlines()[1:10] == [
        "set back to invited, until they confirm again: 1 speakers, 1 committee",
        "to fill in (8; `proposalgen check --edition 2031 --strict` lists them again):",
        "  [ ] data/2031/edition.yaml:2:11: warning: venue: 'preset' is still TBD: fill it in [placeholder]",
        "  [ ] data/2031/edition.yaml:7:24: warning: dates: 'submission_deadline' is still TBD: fill it in [placeholder]",
        "  [ ] data/2031/edition.yaml:8:14: warning: dates: 'decisions' is still TBD: fill it in [placeholder]",
        "  [ ] data/2031/edition.yaml:9:13: warning: dates: 'workshop' is still TBD: fill it in [placeholder]",
        "  [ ] data/2031/edition.yaml:29:16: warning: outcome: 'submissions' is still TBD: fill it in [placeholder]",
        "  [ ] data/2031/edition.yaml:30:13: warning: outcome: 'accepted' is still TBD: fill it in [placeholder]",
        "  [ ] data/2031/edition.yaml:31:14: warning: outcome: 'attendees' is still TBD: fill it in [placeholder]",
    ]


def test_diff_of_a_broken_edition_prints_its_errors(tmp_path, monkeypatch, capsys):
    data = series(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["new-edition", "2027", "--from", "2026"]) == 0
    people = data / "2027" / "people.yaml"
    people.write_text(people.read_text().replace("people:\n", "people:\n  - id: [\n", 1))
    capsys.readouterr()
    assert main(["diff", "2026", "2027"]) == 1
    assert capsys.readouterr() == ("", "data/2027/people.yaml:6:3: error: while parsing a flow node: did not find expected node content [yaml]\n")


def test_new_edition_of_a_broken_edition_prints_its_errors_and_creates_nothing(tmp_path, monkeypatch, capsys):
    data = make_data(tmp_path)
    roles = data / "2030" / "roles.yaml"
    roles.write_text(roles.read_text().replace("status: confirmed}", "status: confirmed", 1))
    monkeypatch.chdir(tmp_path)
    assert main(["new-edition", "2031", "--from", "2030"]) == 1
    assert capsys.readouterr() == ("", "data/2030/roles.yaml:4:10: error: while parsing a flow mapping: did not find expected ',' or '}' [yaml]\n")
    assert sorted(p.name for p in data.iterdir()) == ["2030", "series.yaml"]


def test_new_edition_invites_named_committees_again_and_diff_shows_them(tmp_path, monkeypatch, capsys):
    data = make_data(tmp_path, HOSTILE / "people-roles-and-committees")
    monkeypatch.chdir(tmp_path)
    assert main(["new-edition", "2031", "--from", "2030"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "set back to invited, until they confirm again: 1 speakers, 2 committee, 1 steering"
    roles = (data / "2031" / "roles.yaml").read_text()
    assert "status: confirmed" not in roles and roles.count("status: invited") == 7
    assert main(["diff", "2030", "2031"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2030 → 2031",
        "  speakers: confirmed → invited: alan-turing",
        "  committee: confirmed → invited: emmy-noether",
        "  committee: declined → invited: grace-hopper",
        "  steering: confirmed → invited: john-von-neumann",
        "  venue.preset: iclr-2026 → TBD",
        "  dates.decisions: 2030-03-01 → TBD",
        "  dates.submission_deadline: 2030-01-30 → TBD",
        "  dates.workshop: 2030-04-26 → TBD",
    ]
