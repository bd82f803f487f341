"""Numbers typed in prose that the data contradicts (checks/numbers.py): what is a claim and what
only looks like one. The hostile scenarios numbers-* and figure-* hold the exact diagnostics."""
import pytest

from proposalgen.cli import main

from conftest import GALLERY, ROOT, make_data

# The minimal edition: 2 organizers, 1 confirmed speaker, 1 PC member, 40 submissions expected,
# no poster session, no contributed talk; its call (written below) asks for 4 pages.
CALL = "aim: prose/call.md\nsubmission: {system: CMT, url: 'https://cmt.example.org', pages: 4, anonymous: true, archival: false}\n"


def number_warnings(tmp_path, capsys, abstract: str, files: dict[str, str] | None = None) -> list[str]:
    data = make_data(tmp_path)
    for name, text in {"prose/abstract.md": abstract, "call.yaml": CALL, "prose/call.md": "Careful experiments.\n", **(files or {})}.items():
        (data / "2030" / name).write_text(text)
    main(["check", "--data", str(data), "--for", "cfp"])
    return [line for line in capsys.readouterr().err.splitlines() if line.endswith(("[number]", "[figure]"))]


@pytest.mark.parametrize("text", [
    "We are two organizers and one speaker, in our second of two editions.",
    "The first three speakers open the day; the last 2 speakers close it.",
    "Two of our organizers and one of our speakers chaired the 2024 organizers' meeting.",
    "More than 30 submissions, at least 3 program committee members, up to 5 invited speakers.",
    "Three organizers from Europe and 4 organizers in Asia wrote to 5 speakers who declined.",
    "Talks last 15 minutes, from 9:00; we have $2,000 for 1-2 poster sessions and 3.5 contributed talks.",
    "The proposal is limited to 4 pages, and we print 300 posters.",
    "Submissions get 1 extra page, plus 2 pages for references.",
    "We are {{ counts.organizers }} organizers with {{ counts.speakers | words }} invited speaker.",
    "Our organizers come from three countries and include two women.",  # no attribute recorded
    "The code `5 organizers` and [our page](https://example.org/5-organizers) or <https://example.org/5-organizers/> are not claims.",
    "We expect 40 submissions of 4 pages, from two organizers, 1 invited speaker and 1 program committee member.",
])
def test_a_number_that_only_looks_like_a_claim_is_not_reported(tmp_path, capsys, text):
    assert number_warnings(tmp_path, capsys, text + "\n") == []


@pytest.mark.parametrize(("text", "said"), [
    ("Our 3 organizers.", "'3 organizers'"),
    ("Three **invited speakers** come.", "'Three invited speakers'"),
    ("We have five\ncommittee members.", "'five committee members'"),
    ("Submissions of 8 pages.", "'8 pages'"),
])
def test_a_claim_the_data_contradicts_is_reported_where_it_is_written(tmp_path, capsys, text, said):
    warnings = number_warnings(tmp_path, capsys, text + "\n")
    assert len(warnings) == 1 and f"the text says {said}" in warnings[0] and "/data/2030/prose/abstract.md:1:" in warnings[0]


def test_a_bio_speaks_of_other_workshops_and_is_not_checked(tmp_path, capsys):
    people = (ROOT / "tests" / "data" / "minimal" / "2030" / "people.yaml").read_text()
    people = people.replace("wrote the first program.", "was one of the five organizers of another workshop.")
    assert number_warnings(tmp_path, capsys, "Careful.\n", {"people.yaml": people}) == []


def test_the_proposal_and_the_call_agreeing_where_the_data_is_silent_is_not_reported(tmp_path, capsys):
    call = CALL.replace("pages: 4", "pages: TBD")
    same = {"call.yaml": call, "prose/call.md": "We welcome submissions of 6 pages.\n"}
    assert number_warnings(tmp_path, capsys, "Submissions have 6 pages.\n", same) == []


@pytest.mark.parametrize("folder", ["data", *(str(p.relative_to(ROOT)) for p in GALLERY)])
def test_the_example_and_the_gallery_state_no_number_the_data_contradicts(capsys, folder):
    main(["check", "--data", str(ROOT / folder), "--for", "all"])
    assert [line for line in capsys.readouterr().err.splitlines() if line.endswith(("[number]", "[figure]"))] == []
