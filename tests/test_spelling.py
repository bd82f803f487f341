"""The spelling check's table of codespell's misspellings: built once, kept in the user's cache,
read back, rebuilt when the cache is cut short or cannot be written; the same answers each way."""
import pytest

from proposalgen.checks import spelling

from conftest import make_data


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """The table built anew, with the user's cache in ``tmp_path``."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    spelling.misspellings.cache_clear()
    yield tmp_path / "proposalgen" / "spelling"
    spelling.misspellings.cache_clear()


def answers() -> list[str]:
    table = spelling.misspellings()
    return [table.correction(word) for word in ("recieve", "Seperate", "accomodation", "receive", "Lovelace", "ket", "dont")]


EXPECTED = ["'receive'", "'Separate'", "'accommodation'", "", "", "'key' or 'kept'", ""]


def test_the_table_is_kept_in_the_cache_and_read_back(fresh):
    assert answers() == EXPECTED
    (cached,) = fresh.iterdir()
    assert cached.name.startswith("codespell-") and cached.stat().st_size % 4 == 0
    spelling.misspellings.cache_clear()
    assert answers() == EXPECTED


def test_a_cache_cut_short_is_built_again(fresh):
    answers()
    (cached,) = fresh.iterdir()
    cached.write_bytes(cached.read_bytes()[:-3])
    spelling.misspellings.cache_clear()
    assert answers() == EXPECTED
    assert cached.stat().st_size % 4 == 0


def test_without_a_cache_the_table_is_built_each_time(fresh, monkeypatch):
    monkeypatch.setattr(spelling, "user_cache", lambda kind: None)
    assert answers() == EXPECTED
    assert not fresh.exists()


def test_words_series_yaml_lists_are_text(tmp_path, run):
    data = make_data(tmp_path)
    (data / "series.yaml").write_text((data / "series.yaml").read_text() + "words: [ket, {a: b}]\n")
    code, err = run("check")
    assert (code, err) == (1, "data/series.yaml:4:14: error: 'words' lists words, got a mapping [type]\n")
