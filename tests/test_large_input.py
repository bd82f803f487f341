"""Inputs far larger than real ones end in a diagnostic, quickly, never in a stall."""
from conftest import make_data

SENTENCE = "Grace Hopper wrote the first compiler and much else. "


def with_bio(tmp_path, size: int):
    data = make_data(tmp_path)
    people = data / "2030" / "people.yaml"
    bio = (SENTENCE * (size // len(SENTENCE) + 1))[:size]
    people.write_text(people.read_text().replace("bio: Grace Hopper wrote the first compiler.", f"bio: {bio}"))
    return data


def test_ten_megabyte_bio_is_refused(tmp_path, run):
    with_bio(tmp_path, 10_000_000)
    assert run("check") == (1, "data/2030/people.yaml: error: the file is 10.0 MB; source files are at most 2 MB [file]\n"
                               "  hint: a bio or a prose text this long is a mistake\n")


def test_long_bio_within_the_file_limit_is_checked_against_the_word_limit(tmp_path, run):
    data = with_bio(tmp_path, 1_500_000)
    edition = data / "2030" / "edition.yaml"
    edition.write_text(edition.read_text().replace("  preset: iclr-2026\n", "  preset: iclr-2026\n  bio_word_limit: 250\n"))
    assert run("check") == (0, "data/2030/people.yaml:12:10: warning: grace-hopper: the bio has 254,717 words; ICLR 2030 allows 250 [people]\n")
