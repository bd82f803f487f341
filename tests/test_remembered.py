"""`check` says again what the last check of an edition found while nothing it depends on
changed, without reading or checking anything; any change it depends on checks again."""
import datetime

import pytest

from proposalgen.commands import remembered
from proposalgen.source import edition as edition_module

from conftest import make_data


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_a_check_of_unchanged_data_is_said_again(tmp_path, run, cache, monkeypatch):
    make_data(tmp_path)
    first = run("check", "--format", "json")
    monkeypatch.setattr(edition_module, "read_edition", lambda *args: pytest.fail("read again"))
    assert run("check", "--format", "json") == first


def test_an_edited_file_is_checked_again(tmp_path, run, cache):
    data = make_data(tmp_path)
    assert run("check")[0] == 0
    schedule = data / "2030" / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("duration: 30, speakers", "duration: 30, speakrs"))
    code, err = run("check")
    assert code == 1 and "unknown key 'speakrs' (did you mean 'speakers'?)" in err


def test_a_new_file_is_checked_again(tmp_path, run, cache):
    data = make_data(tmp_path)
    assert run("check") == (0, "")
    (data / "2030" / "prose" / "draft.md").write_text("An idea.\n")
    assert "draft.md: warning: this file is not read" in run("check")[1]


def test_other_outputs_and_another_day_are_checked_again(tmp_path, run, cache, monkeypatch):
    make_data(tmp_path)
    assert run("check") == (0, "")
    assert run("check", "--for", "site")[0] == 1  # no site.yaml: checked, not said again
    monkeypatch.setattr(edition_module, "read_edition", lambda *args: pytest.fail("read again"))
    assert run("check") == (0, "")
    monkeypatch.setattr(remembered, "today", lambda: datetime.date.today() + datetime.timedelta(days=1))
    with pytest.raises(pytest.fail.Exception, match="read again"):
        run("check")
